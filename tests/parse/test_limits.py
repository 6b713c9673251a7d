"""Values at and beyond the limits of a sheet, on the real sheet 092 changed: huge numbers,
impossible years, codes and slots out of range, full-width digits, very long lines; the
exact record or the exact error (file, line, message) each gives."""

from __future__ import annotations

import pytest

from builder.records.datafile import dump_sheet
from builder.records.model import BudgetItem
from tests.parse.helpers import assert_valid, changed, error_at, only_error, parse_one
from tests.parse.test_errors import line_of

HUGE = "9" * 4301


@pytest.mark.parametrize(
    ("old", "new", "fragment", "message"),
    [
        (
            "2\t指標名",
            f"{HUGE}\t指標名",
            f"{HUGE}\t指標名",
            f"期待 「指標の推移」に指標の番号 1〜5、実際 「{HUGE}」",
        ),
        (
            "市民ニーズ\t3",
            f"市民ニーズ\t{HUGE}",
            "市民ニーズ",
            f"期待 「市民ニーズ」に点数 1〜5 か「-」、実際 「{HUGE}」",
        ),
        (
            "9,697",
            HUGE,
            HUGE,
            "期待 「予算額」 令和2年度に千円単位の金額（例 9,697）、実際 4301 桁の数（15 桁まで）",
        ),
        (
            "486.0",
            "1" * 309 + ".0",
            "1" * 309,
            "期待 指標1 目標値 令和元年度に数値（例 1.00）、実際 310 桁の数（15 桁まで）",
        ),
        (
            "486.0",
            "-9,223,372,036,854,775,809",
            "-9,223",
            "期待 指標1 目標値 令和元年度に数値（例 1.00）、実際 19 桁の数（15 桁まで）",
        ),
    ],
    ids=["slot", "score", "amount", "indicator-inf", "indicator-int64"],
)
def test_huge_numbers_are_errors_at_their_line(tmp_path, old, new, fragment, message):
    assert error_at(tmp_path, old, new) == (line_of(changed(old, new), fragment), message)


@pytest.mark.parametrize(
    ("old", "new", "fragment", "message"),
    [
        (
            "令和 4年度 事務事業マネジメントシート",
            "9999年度 事務事業マネジメントシート",
            "9999年度",
            "期待 見出しに 令和 4年度 のような年度、実際 「9999年度」",
        ),
        (
            "令和 4年度 事務事業マネジメントシート",
            "0000年度 事務事業マネジメントシート",
            "0000年度",
            "期待 見出しに 令和 4年度 のような年度、実際 「0000年度」",
        ),
        (
            "令和 2年度",
            "0000年度",
            "0000年度",
            "期待 「コストの推移」に令和4年度の前後 10 年以内の年度の列（例 令和 2年度）、実際 「0000年度」",
        ),
        (
            "R01年度",
            "9999年度",
            "9999年度",
            "期待 「指標の推移」に令和4年度の前後 10 年以内の年度の列（例 令和 2年度）、実際 「9999年度」",
        ),
        (
            "R02年度",
            "R01年度",
            "R01年度\tR01年度",
            "期待 「指標の推移」に古い順で重複しない年度の列、実際 令和元年度の後に「R01年度」",
        ),
    ],
    ids=["title-9999", "title-0000", "cost-column", "indicator-column", "indicator-repeated"],
)
def test_impossible_years_are_errors_at_their_line(tmp_path, old, new, fragment, message):
    assert error_at(tmp_path, old, new) == (line_of(changed(old, new), fragment), message)


def test_full_width_digits_in_codes_are_read_as_ascii(tmp_path):
    text = changed("01-020108-16", "01１２３-16").replace("事務事業名\t092 ", "事務事業名\t０９２ ")
    sheet = parse_one(tmp_path, text)
    assert (sheet.code, sheet.budget_item) == (
        "092",
        BudgetItem("01123-16", "科学技術振興に要する経費"),
    )
    assert_valid(sheet)


@pytest.mark.parametrize(
    ("old", "new", "fragment", "message"),
    [
        (
            "事務事業名\t092 ",
            "事務事業名\t٣٤ ",
            "事務事業名",
            "期待 「事務事業名」に事業番号と名前（例「092 国際戦略総合特区推進事業」）、実際 「٣٤ 国際戦略総合特区推進事業」",
        ),
        (
            "事務事業名\t092 ",
            "事務事業名\t" + "1" * 252 + " ",
            "事務事業名",
            "期待 「事務事業名」に 10 桁以下の事業番号、実際 252 桁",
        ),
        (
            "01-020108-16",
            "01-٠٢-16",
            "予算科目",
            "期待 「予算科目」にコード（数字とハイフン、例「01-020108-16」）と名前、実際 「01-٠٢-16」",
        ),
        (
            "2\t指標名",
            "12\t指標名",
            "12\t指標名",
            "期待 「指標の推移」に指標の番号 1〜5、実際 「12」",
        ),
        (
            "2\t指標名",
            "٣٤\t指標名",
            "٣٤\t指標名",
            "期待 「指標の推移」に指標の番号 1〜5、実際 「٣٤」",
        ),
        (
            "2\t指標名",
            "1\t指標名",
            "1\t指標名",
            "期待 「指標の推移」に重複しない指標の番号、実際 指標の番号 1 が2回目です",
        ),
    ],
    ids=[
        "arabic-code",
        "code-252-digits",
        "arabic-budget-code",
        "slot-12",
        "slot-arabic",
        "slot-twice",
    ],
)
def test_codes_and_slots_out_of_range_are_errors(tmp_path, old, new, fragment, message):
    assert error_at(tmp_path, old, new) == (line_of(changed(old, new), fragment), message)


def test_indicator_values_are_exact_up_to_15_digits(tmp_path):
    sheet = parse_one(tmp_path, changed("486.0\t641.0", "999,999,999,999,999\t1234567.12345678"))
    values = sheet.indicators[0].values
    assert (values[0].target, values[1].target) == (999999999999999.0, 1234567.12345678)
    assert "    target: 999999999999999.0\n" in dump_sheet(sheet)
    assert "    target: 1234567.12345678\n" in dump_sheet(sheet)


def test_a_line_longer_than_100000_characters_is_an_error_at_its_line(tmp_path):
    text = changed("目的\t特区", "目的\t" + "長" * 100_000 + "特区")
    error = only_error(tmp_path, text)
    assert (error.loc.line, error.message) == (
        line_of(text, "目的\t"),
        "期待 100,000 文字以下の行、実際 100,035 文字",
    )  # 目的, a tab, 100,000 長 and the 32 characters that were there
    assert error.source_line == "目的\t" + "長" * 197 + "…"
