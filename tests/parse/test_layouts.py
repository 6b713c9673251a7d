"""Layout quirks of the real export: the same sheet laid out differently reads the same.

Each case rewrites one real sheet the way another real sheet of the sample lays out the
same field (092, 093, 097 differ from each other), and the record must not change.
"""

from __future__ import annotations

import pytest

from tests.parse.helpers import parse_one, sheet_text, without_source

LAYOUT_VARIANTS = {
    # 097 splits 予算科目 over two cells; 092 joins code and name with a space.
    "budget item split over two cells": (
        "092",
        "予算科目\t01-020108-16 科学技術振興に要する経費\t",
        "予算科目\t01-020108-16\t科学技術振興に要する経費\t",
    ),
    # 093 prints 事業分類 and its value in one cell.
    "事業分類 joined with its value": (
        "092",
        "\t\t\t\t事業分類\t自治事務（任意）\t",
        "\t\t\t\t\t\t事業分類 自治事務（任意）",
    ),
    # 097 shifts the right-hand labels one column further right.
    "担当部課 one column further right": ("092", "\t\t\t担当部課\t", "\t\t\t\t担当部課\t"),
    # 093 puts the value of 新規・継続 on the next line.
    "新規・継続 value on the next line": (
        "092",
        "新規・継続\t継続\t",
        "新規・継続\t\n\t\t\t\t\t\t継続",
    ),
    # 094 numbers each indicator block in its own cell; 092's first block has "1 目標値".
    "indicator number in its own cell": (
        "092",
        "指標名\t連携企業数 (件)\t\t\t\t\t活動結果指標\n\tR01年度",
        "1\t指標名\t連携企業数 (件)\t\t\t\t\t活動結果指標\n\t\tR01年度",
    ),
    # 093's その他 row sits one column to the left of its siblings.
    "その他 row shifted left": ("092", "\t\tその他\t(千円)", "\tその他\t(千円)"),
    # 097 has SDGs on the 根拠法令等 line with no trailing tab; 094 has several goals on lines below.
    "SDG goal on a line of its own": (
        "094",
        "SDGs\t08働きがいも経済成長も\t\n",
        "SDGs\t\n\t\t\t\t\t08働きがいも経済成長も\t\n",
    ),
    "full-width parentheses in the overview label": ("095", "概要 (取組内容)", "概要（取組内容）"),
    "blank lines removed": ("097", "\n\n", "\n"),
    "blank lines added": ("097", "\n", "\n\n"),
    "trailing tabs trimmed": ("093", "\t\n", "\n"),
}


@pytest.mark.parametrize("case", sorted(LAYOUT_VARIANTS))
def test_layout_variant_reads_the_same(tmp_path, case):
    code, old, new = LAYOUT_VARIANTS[case]
    original = sheet_text(code)
    assert old in original, "the case must change the real sheet"
    variant = original.replace(old, new)
    assert without_source(parse_one(tmp_path, variant)) == without_source(
        parse_one(tmp_path, original)
    )


def test_missing_period_row_is_null_and_the_rest_still_reads(tmp_path):
    sheet = parse_one(tmp_path, sheet_text("093"))
    assert sheet.period is None
    assert (sheet.status, sheet.category, sheet.structure) == (
        "継続",
        "自治事務（任意）",
        "職員のみ",
    )


def test_source_line_counts_the_lines_of_the_file_as_saved(tmp_path):
    text = "\n\n" + sheet_text("094")
    assert parse_one(tmp_path, text).source.line == 3
