"""Numbers and years as residents read them, on values taken from the 令和4年度 sheets."""

from __future__ import annotations

import pytest

from builder.util.formatting import (
    change,
    decimal2,
    fiscal_year_label,
    number,
    readable_yen,
    yen_with_readable,
)


@pytest.mark.parametrize(
    ("amount", "readable"),
    [
        (9307, "約931万円"),  # 092 決算額 R4
        (10285, "約1,029万円"),  # 092 予算額 R4 (1,028.5万 rounds half up)
        (2000, "200万円"),  # 045 予算額: exact, no 約
        (0, "0円"),  # 009 事業費
        (-4620, "マイナス462万円"),  # 095 一般財源 R5 as printed
        (123456, "約1億2,346万円"),
        (100000, "1億円"),
        (5, "5,000円"),
    ],
)
def test_readable_yen(amount: int, readable: str) -> None:
    assert readable_yen(amount) == readable


def test_amount_with_both_forms() -> None:
    assert yen_with_readable(9307) == "9,307千円（約931万円）"
    assert yen_with_readable(0) == "0千円"


@pytest.mark.parametrize(
    ("year", "label"),
    [
        (2022, "令和4年度 (2022年度)"),
        (2019, "令和元年度 (2019年度)"),
        (2018, "平成30年度 (2018年度)"),
    ],
)
def test_fiscal_year_label(year: int, label: str) -> None:
    assert fiscal_year_label(year) == label


def test_numbers_as_printed() -> None:
    assert number(486.0) == "486"  # indicator values print as 486.0
    assert number(41954) == "41,954"
    assert number(2.5) == "2.5"
    assert decimal2(0.3) == "0.30"  # 正職員従事割合 prints two decimals
    assert decimal2(213.67) == "213.67"


def test_change_from_last_year() -> None:
    assert change(16027, 11473) == "4,554千円減（-28.4%）"  # 092: R3 8,973+7,054 -> R4 9,307+2,166
    assert (
        change(16027, 11473, with_ratio=False) == "4,554千円減"
    )  # beside a summary that gives the ratio
    assert change(2414 + 7227, 1227 + 3528) == "4,886千円減（-50.7%）"  # 096
    assert (
        change(0, 1650 + 3113) == "4,763千円増"
    )  # 045: nothing in R2, then R3; no percentage from zero
    assert change(100, 100) == "増減なし"
