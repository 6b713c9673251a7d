"""Cell text to clean item lists, 和暦 labels, and department/division splitting."""

from __future__ import annotations

import pytest

from builder.parse.org import OrgSplitter, splitter_for
from builder.parse.text import items, plain
from builder.settings.departments import load_organisation
from builder.util.wareki import era_label, parse_fiscal_year

MARKUP_CASES = {
    "ul with ・ bullets (092 課題)": (
        '<ul style="list-style-type: none"> ・特区制度及びプロジェクトは専門性が高いため、市民が理解しやすいような情報発信。 ・プロジェクトを主導している大学、研究機関、民間企業からの、タイムリーな進捗状況の把握',
        (
            "特区制度及びプロジェクトは専門性が高いため、市民が理解しやすいような情報発信。",
            "プロジェクトを主導している大学、研究機関、民間企業からの、タイムリーな進捗状況の把握",
        ),
    ),
    "ul with items separated only by 。 and a space; ・ inside a name kept (096 成果)": (
        '<ul style="list-style-type: none"> フィンランド・タンペレ市で開催されたハイレベルフォーラムに市長が参加した。 「つくばで輝く研究者」を発信した。 ',
        (
            "フィンランド・タンペレ市で開催されたハイレベルフォーラムに市長が参加した。",
            "「つくばで輝く研究者」を発信した。",
        ),
    ),
    "bullet followed by a space (009)": (
        "・ Zoomを活用し、面談を速やかに実施した。",
        ("Zoomを活用し、面談を速やかに実施した。",),
    ),
    "p paragraphs": ("<p>一つ目</p> <p>二つ目</p>", ("一つ目", "二つ目")),
    "entities decoded": ("A&amp;B &lt;研究&gt;", ("A&B <研究>",)),
    "a dash means nothing": ("—", ()),
    "plain sentence without a space after 。 stays one item": (
        "実施。ハイレベル",
        ("実施。ハイレベル",),
    ),
    "Latin text with spaces is not split": (
        "Society 5.0 (超スマート社会)の実現",
        ("Society 5.0 (超スマート社会)の実現",),
    ),
}


@pytest.mark.parametrize("case", sorted(MARKUP_CASES))
def test_markup_becomes_clean_items(case):
    cell, expected = MARKUP_CASES[case]
    assert items([cell]) == expected


def test_script_markup_is_removed_with_its_text():
    assert (
        plain(['<script>alert(1)</script><img src=x onerror="alert(2)">説明']) == "説明"
    )  # issue 23
    assert plain(['前<SCRIPT type="a">x</script >後<style>p{}</STYLE>。<script>未完']) == "前後。"
    assert (
        plain(["&lt;script&gt;書いた文字&lt;/script&gt;"]) == "<script>書いた文字</script>"
    )  # text the sheet escaped


@pytest.mark.parametrize(
    ("label", "year"),
    [
        ("令和 4年度", 2022), ("令和4年度", 2022), ("令和元年度", 2019), ("R01年度", 2019), ("R6年度", 2024),
        ("平成30年度", 2018), ("H29", 2017), ("H29年度", 2017), ("令和４年度", 2022), ("2022年度", 2022),
    ],
)  # fmt: skip
def test_era_labels_to_western_years(label, year):
    assert parse_fiscal_year(label) == year


@pytest.mark.parametrize("label", ["項目", "令和", "R0年度", "年度", "予算額"])
def test_non_year_labels_are_not_years(label):
    assert parse_fiscal_year(label) is None


def test_western_years_to_era_labels():
    assert [era_label(y) for y in (2018, 2019, 2020, 2022)] == [
        "平成30年度",
        "令和元年度",
        "令和2年度",
        "令和4年度",
    ]


@pytest.mark.parametrize(
    ("name", "department", "division"),
    [
        ("政策イノベーション部科学技術振興課", "政策イノベーション部", "科学技術振興課"),
        ("教育局学務課", "教育局", "学務課"),
        ("市長公室広報戦略課", "市長公室", "広報戦略課"),
        ("保健福祉部健康増進センター", "保健福祉部", "健康増進センター"),
    ],
)
def test_department_and_division_split_by_rule(name, department, division):
    assert OrgSplitter({}).split(name) == (department, division)


def test_names_a_rule_cannot_split_come_from_config(tmp_path):
    (tmp_path / "departments.yaml").write_text(
        "split:\n  会計管理者会計課:\n    department: 会計管理者\n    division: 会計課\n",
        encoding="utf-8",
    )
    splitter = splitter_for(load_organisation(tmp_path))
    assert OrgSplitter({}).split("会計管理者会計課") is None
    assert splitter.split("会計管理者会計課") == ("会計管理者", "会計課")
