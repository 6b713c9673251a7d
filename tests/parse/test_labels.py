"""A label the sheet's section does not know is an error at its line, never appended to
the value before it."""

from __future__ import annotations

from tests.parse.helpers import changed, error_at
from tests.parse.test_errors import line_of


def test_an_unknown_label_is_an_error_not_appended_to_its_neighbour(tmp_path):
    old = "個別計画\t総合特別区域計画\t\t\t事業期間\t期間限定複数年度\t\n"
    new = old + "総合計画の施策 3-2 安心して暮らせるまち\n"
    assert error_at(tmp_path, old, new) == (
        line_of(changed(old, new), "総合計画の施策"),
        (
            "期待 「事業の基本情報」のラベル 事務事業名、予算科目、担当部課、係名、市長公約、戦略プラン、新規・継続、"
            "事業分類、事業体制、個別計画、事業期間、根拠法令等、SDGs のどれか、"
            "実際 「総合計画の施策 3-2 安心して暮らせるまち」（「事業期間」の値でもありません）"
        ),
    )


def test_an_unknown_label_on_a_labelled_line_is_an_error_too(tmp_path):
    old = "個別計画\t総合特別区域計画\t\t\t事業期間\t期間限定複数年度\t"
    new = "個別計画\t総合特別区域計画\t総合計画の施策\t3-2\t事業期間\t期間限定複数年度\t"
    assert error_at(tmp_path, old, new) == (
        line_of(changed(old, new), "総合計画の施策"),
        (
            "期待 「事業の基本情報」のラベル 事務事業名、予算科目、担当部課、係名、市長公約、戦略プラン、新規・継続、"
            "事業分類、事業体制、個別計画、事業期間、根拠法令等、SDGs のどれか、実際 「総合計画の施策」（「個別計画」の値でもありません）"
        ),
    )
