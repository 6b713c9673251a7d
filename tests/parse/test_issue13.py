"""Each failure of issue 13, on the real sheet 092 changed as the issue describes: the exact
record or the exact error (file, line, message) it now gives."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from builder.parse.report import warning_summary, write_build_report
from builder.settings.departments import Organisation
from builder.records.datafile import dump_sheet, sheet_to_dict
from builder.records.model import BudgetItem
from builder.parse import parse_file
from tests.parse.helpers import NO_CONFIG, REAL_DISPLAY, REAL_FILE, only_error, parse_one, sheet_text, validator
from tests.parse.test_errors import line_of

HUGE = "9" * 4301
SHEET = sheet_text("092")


def _changed(old: str, new: str, code: str = "092") -> str:
    text = sheet_text(code)
    assert old in text
    return text.replace(old, new, 1)


def _error(tmp_path, old: str, new: str, code: str = "092") -> tuple[int, str]:
    """(line, message) of the only error of the changed sheet; the error quotes that line."""
    text = _changed(old, new, code)
    error = only_error(tmp_path, text)
    assert error.source_line == text.split("\n")[error.loc.line - 1]
    return error.loc.line, error.message


def _valid(sheet) -> None:
    assert [e.message for e in validator().iter_errors(sheet_to_dict(sheet))] == []


@pytest.mark.parametrize(
    ("old", "new", "fragment", "message"),
    [
        ("2\t指標名", f"{HUGE}\t指標名", f"{HUGE}\t指標名", f"期待 「指標の推移」に指標の番号 1〜5、実際 「{HUGE}」"),
        ("市民ニーズ\t3", f"市民ニーズ\t{HUGE}", "市民ニーズ", f"期待 「市民ニーズ」に点数 1〜5 か「-」、実際 「{HUGE}」"),
        ("9,697", HUGE, HUGE, "期待 「予算額」 令和2年度に千円単位の金額（例 9,697）、実際 4301 桁の数（15 桁まで）"),
        ("486.0", "1" * 309 + ".0", "1" * 309, "期待 指標1 目標値 令和元年度に数値（例 1.00）、実際 310 桁の数（15 桁まで）"),
        ("486.0", "-9,223,372,036,854,775,809", "-9,223", "期待 指標1 目標値 令和元年度に数値（例 1.00）、実際 19 桁の数（15 桁まで）"),
    ],
    ids=["slot", "score", "amount", "indicator-inf", "indicator-int64"],
)
def test_huge_numbers_are_errors_at_their_line(tmp_path, old, new, fragment, message):
    assert _error(tmp_path, old, new) == (line_of(_changed(old, new), fragment), message)


@pytest.mark.parametrize(
    ("cell", "purpose"),
    [
        ("特区プロジェクト<![等の推進", ("特区プロジェクト",)),  # <![ opens a bogus comment; html.parser raised AssertionError
        ("前<!-- 注 -->後", ("前後",)),
        ("前<!DOCTYPE html>後", ("前後",)),
        ("前<?xml version?>後", ("前後",)),
        ("前</ 3>後", ("前後",)),
        ("前<![CDATA[内容]]>後", ("前後",)),
        ('前<a href="javascript:x', ("前",)),  # a tag cut off by the end of the cell
        ('<ul style="list-style-type:', ()),  # a <ul style=…> cut by a line break
        ("国の補助制度<R5年度新設>を活用し", ("国の補助制度<R5年度新設>を活用し",)),  # no element: text
        ("国の補助制度&lt;R5年度新設&gt;を活用し", ("国の補助制度<R5年度新設>を活用し",)),  # decoded once
        ("&amp;lt;は &lt; と書く", ("&lt;は < と書く",)),
        ("<p>一つ目</p><p>二つ目</p>", ("一つ目", "二つ目")),
    ],
)
def test_text_is_what_a_browser_shows(tmp_path, cell, purpose):
    sheet = parse_one(tmp_path, _changed("目的\t特区プロジェクト等の推進や新たなプロジェクトを創出、推進するため", f"目的\t{cell}"))
    assert sheet.overview.purpose == purpose
    _valid(sheet)


@pytest.mark.parametrize(
    ("old", "new", "fragment", "message"),
    [
        ("令和 4年度 事務事業マネジメントシート", "9999年度 事務事業マネジメントシート", "9999年度",
         "期待 見出しに 令和 4年度 のような年度、実際 「9999年度」"),
        ("令和 4年度 事務事業マネジメントシート", "0000年度 事務事業マネジメントシート", "0000年度",
         "期待 見出しに 令和 4年度 のような年度、実際 「0000年度」"),
        ("令和 2年度", "0000年度", "0000年度",
         "期待 「コストの推移」に令和4年度の前後 10 年以内の年度の列（例 令和 2年度）、実際 「0000年度」"),
        ("R01年度", "9999年度", "9999年度",
         "期待 「指標の推移」に令和4年度の前後 10 年以内の年度の列（例 令和 2年度）、実際 「9999年度」"),
        ("R02年度", "R01年度", "R01年度\tR01年度",
         "期待 「指標の推移」に古い順で重複しない年度の列、実際 令和元年度の後に「R01年度」"),
    ],
    ids=["title-9999", "title-0000", "cost-column", "indicator-column", "indicator-repeated"],
)
def test_impossible_years_are_errors_at_their_line(tmp_path, old, new, fragment, message):
    assert _error(tmp_path, old, new) == (line_of(_changed(old, new), fragment), message)


def test_full_width_digits_in_codes_are_read_as_ascii(tmp_path):
    text = _changed("01-020108-16", "01１２３-16").replace("事務事業名\t092 ", "事務事業名\t０９２ ")
    sheet = parse_one(tmp_path, text)
    assert (sheet.code, sheet.budget_item) == ("092", BudgetItem("01123-16", "科学技術振興に要する経費"))
    _valid(sheet)


@pytest.mark.parametrize(
    ("old", "new", "fragment", "message"),
    [
        ("事務事業名\t092 ", "事務事業名\t٣٤ ", "事務事業名",
         "期待 「事務事業名」に事業番号と名前（例「092 国際戦略総合特区推進事業」）、実際 「٣٤ 国際戦略総合特区推進事業」"),
        ("事務事業名\t092 ", "事務事業名\t" + "1" * 252 + " ", "事務事業名",
         "期待 「事務事業名」に 10 桁以下の事業番号、実際 252 桁"),
        ("01-020108-16", "01-٠٢-16", "予算科目",
         "期待 「予算科目」にコード（数字とハイフン、例「01-020108-16」）と名前、実際 「01-٠٢-16」"),
        ("2\t指標名", "12\t指標名", "12\t指標名", "期待 「指標の推移」に指標の番号 1〜5、実際 「12」"),
        ("2\t指標名", "٣٤\t指標名", "٣٤\t指標名", "期待 「指標の推移」に指標の番号 1〜5、実際 「٣٤」"),
        ("2\t指標名", "1\t指標名", "1\t指標名", "期待 「指標の推移」に重複しない指標の番号、実際 指標の番号 1 が2回目です"),
    ],
    ids=["arabic-code", "code-252-digits", "arabic-budget-code", "slot-12", "slot-arabic", "slot-twice"],
)
def test_codes_and_slots_out_of_range_are_errors(tmp_path, old, new, fragment, message):
    assert _error(tmp_path, old, new) == (line_of(_changed(old, new), fragment), message)


def test_indicator_values_are_exact_up_to_15_digits(tmp_path):
    sheet = parse_one(tmp_path, _changed("486.0\t641.0", "999,999,999,999,999\t1234567.12345678"))
    values = sheet.indicators[0].values
    assert (values[0].target, values[1].target) == (999999999999999.0, 1234567.12345678)
    assert "    target: 999999999999999.0\n" in dump_sheet(sheet)
    assert "    target: 1234567.12345678\n" in dump_sheet(sheet)


@pytest.mark.parametrize(
    "printed",
    ["保健福祉部 社会福祉課", "保健福祉部\u3000社会福祉課", "保健福祉部\t社会福祉課", " 保健福祉部　 社会福祉課 "],
    ids=["ascii-space", "full-width-space", "two-cells", "spaces-around"],
)
def test_department_and_division_written_apart(tmp_path, printed):
    sheet = parse_one(tmp_path, _changed("政策イノベーション部科学技術振興課", printed))
    assert (sheet.department, sheet.division) == ("保健福祉部", "社会福祉課")


@pytest.mark.parametrize(
    ("printed", "department", "division"),
    [
        ("会計事務局", "会計事務局", None),
        ("選挙管理委員会事務局", "選挙管理委員会事務局", None),
        ("監査委員事務局", "監査委員事務局", None),
        ("農業委員会事務局", "農業委員会事務局", None),
        ("中央図書館", "中央図書館", None),
        ("教育局中央図書館", "教育局", "中央図書館"),
        ("消防本部中消防署", "消防本部", "中消防署"),
        ("議会事務局議事課", "議会事務局", "議事課"),
        ("政策イノベーション部広報室", "政策イノベーション部", "広報室"),
    ],
)
def test_real_units_split_without_config(tmp_path, printed, department, division):
    sheet = parse_one(tmp_path, _changed("政策イノベーション部科学技術振興課", printed))
    assert (sheet.department, sheet.division) == (department, division)


def test_an_unknown_label_is_an_error_not_appended_to_its_neighbour(tmp_path):
    old = "個別計画\t総合特別区域計画\t\t\t事業期間\t期間限定複数年度\t\n"
    new = old + "総合計画の施策 3-2 安心して暮らせるまち\n"
    assert _error(tmp_path, old, new) == (
        line_of(_changed(old, new), "総合計画の施策"),
        ("期待 「事業の基本情報」のラベル 事務事業名、予算科目、担当部課、係名、市長公約、戦略プラン、新規・継続、"
        "事業分類、事業体制、個別計画、事業期間、根拠法令等、SDGs のどれか、"
        "実際 「総合計画の施策 3-2 安心して暮らせるまち」（「事業期間」の値でもありません）"),
    )


def test_an_unknown_label_on_a_labelled_line_is_an_error_too(tmp_path):
    old = "個別計画\t総合特別区域計画\t\t\t事業期間\t期間限定複数年度\t"
    new = "個別計画\t総合特別区域計画\t総合計画の施策\t3-2\t事業期間\t期間限定複数年度\t"
    assert _error(tmp_path, old, new) == (
        line_of(_changed(old, new), "総合計画の施策"),
        ("期待 「事業の基本情報」のラベル 事務事業名、予算科目、担当部課、係名、市長公約、戦略プラン、新規・継続、"
        "事業分類、事業体制、個別計画、事業期間、根拠法令等、SDGs のどれか、実際 「総合計画の施策」（「個別計画」の値でもありません）"),
    )


def test_a_line_longer_than_100000_characters_is_an_error_at_its_line(tmp_path):
    text = _changed("目的\t特区", "目的\t" + "長" * 100_000 + "特区")
    error = only_error(tmp_path, text)
    assert (error.loc.line, error.message) == (line_of(text, "目的\t"), "期待 100,000 文字以下の行、実際 100,035 文字")  # 目的, a tab, 100,000 長 and the 32 characters that were there
    assert error.source_line == "目的\t" + "長" * 197 + "…"


def _real_sheets():
    sheets, _ = parse_file(REAL_FILE, REAL_DISPLAY, NO_CONFIG)
    return sorted(sheets, key=lambda sheet: sheet.code)


def test_the_terminal_shows_a_count_per_kind_of_warning_and_the_first_three():
    file = "content/sheets/2022/000_3e14ed9760a955ee.txt"
    assert warning_summary(_real_sheets(), Path(".site-cache/build-report.txt")) == "\n".join([
        "警告 5件（種類ごとに最初の3件。全件は .site-cache/build-report.txt と各データファイルの notes に）",
        "  negative_amount: 4件",
        f"    {file}:625: 045: 令和5年度: 一般財源が -1,000 千円（負の値）と記載されています。",
        f"    {file}:535: 093: 令和5年度: 一般財源が -2,933 千円（負の値）と記載されています。",
        f"    {file}:358: 095: 令和5年度: 一般財源が -4,620 千円（負の値）と記載されています。",
        "    …ほか 1件",
        "  indicator_zero_actual: 1件",
        (f"    {file}:3: 092: 指標2（連携企業数）の令和4年度の実績が 0 と記載されています（目標値 360）。"
        "シートの記載どおり 0 としていますが、シート作成時点で未集計の場合があります。"),
    ])  # fmt: skip


def test_five_hundred_warnings_take_eleven_terminal_lines_and_all_go_to_the_report(tmp_path):
    city = _real_sheets() * 100  # 500 warnings, as a city of 800 sheets gives
    summary = warning_summary(city, tmp_path / "build-report.txt")
    assert summary.count("\n") + 1 == 11 and summary.startswith("警告 500件") and "…ほか 397件" in summary
    report = write_build_report(tmp_path, city, ()).read_text(encoding="utf-8").split("\n")
    assert report[0] == "警告 500件" and len([line for line in report if line.endswith("[negative_amount]")]) == 400
    assert report[-2:] == ["読みから作ったURL用slug: なし", ""]


def test_two_divisions_with_one_reading_fail_naming_both():
    first, second, *_ = _real_sheets()  # 009 and 045
    sheets = [replace(first, division="IT推進課"), replace(second, division="ＩＴ推進課")]
    org, errors = Organisation({"政策イノベーション部": "policy-innovation"}, {}).for_sheets(sheets)
    assert [str(error) for error in errors] == [
        ("content/sheets/2022/000_3e14ed9760a955ee.txt:625: 「政策イノベーション部 / IT推進課」と「政策イノベーション部 / ＩＴ推進課」"
        "のURL用slugがどちらも「it-suishinka」になります。content/departments.yaml の slugs: でどちらかに別のslugを書いてください")
    ]
    assert org.generated == (("政策イノベーション部", "IT推進課", "it-suishinka"), ("政策イノベーション部", "ＩＴ推進課", "it-suishinka"))
    assert org.department_slug("政策イノベーション部") == "policy-innovation"  # the written slug wins
