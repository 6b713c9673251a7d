"""What a project page answers before the first scroll: what the project is in one line, its
cost in readable units (the exact 千円 beside it), how many of its indicators reached their
target in the latest year that has results, its evaluation, and the page's contents.

The indicators are counted as on the department pages (``builder.pages.indicator_summary``):
an indicator is compared in a year when that year has a settled actual and a non-zero
target, and it reached the target when 実績 ≥ 目標値. Nothing is called good or bad.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from builder.pages.context import Link
from builder.pages.indicator_summary import attainment_summary
from builder.records.model import Sheet
from builder.util.formatting import short_yen, thousand_yen
from builder.util.wareki import era_label

_AMOUNT = Markup('{}<span class="exact">{}</span>')


@dataclass(frozen=True)
class Amount:
    """An amount for a card: rounded in 億円・万円, with the exact 千円 as the sheet prints it."""

    short: str  # 約1,147万円
    exact: str  # 11,473千円

    def __html__(self) -> str:
        """The rounded amount, then the exact one in a smaller line."""
        return _AMOUNT.format(self.short, self.exact)


def amount(value: int) -> Amount:
    """The card form of an amount in 千円."""
    return Amount(short_yen(value), thousand_yen(value))


@dataclass(frozen=True)
class IndicatorsMet:
    """How many indicators reached their target in the latest year that has results."""

    year_label: str  # 令和4年度
    reached: int  # 実績 ≥ 目標値
    compared: int  # with a settled actual and a non-zero target that year
    indicators: int  # the sheet's indicators


def indicators_met(sheet: Sheet) -> IndicatorsMet | None:
    """The count of the latest year up to the sheet's own in which at least one of its
    indicators can be compared with its target; None when no year can."""
    years = sorted(
        {
            v.fiscal_year
            for i in sheet.indicators
            for v in i.values
            if v.fiscal_year <= sheet.fiscal_year
        },
        reverse=True,
    )
    for year in years:
        summary = attainment_summary((sheet,), year)
        if summary.compared:
            return IndicatorsMet(
                era_label(year), summary.reached, summary.compared, summary.indicators
            )
    return None


def one_line(sheet: Sheet) -> str | None:
    """What the project is, in the sheet's words: the first item of 目的 (or of 取組内容)."""
    for items in (sheet.overview.purpose, sheet.overview.activities):
        if items:
            return items[0]
    return None


CONTENTS = (
    ("overview", "事業の概要"),
    ("costs", "コストの推移"),
    ("indicators", "指標の推移"),
    ("participation", "市民参加の取組状況"),
    ("results", "事業の成果と課題"),
    ("evaluation", "評価"),
    ("sdgs", "関連するSDGsの目標"),
    ("organisation", "担当部署と問い合わせ先"),
    ("source", "出典とデータ"),
)
"""The sections of a project page after its summary, in order: (anchor, heading)."""


def contents(has_notes: bool, has_corrections: bool) -> tuple[Link, ...]:
    """The contents list of a project page: its sections, with the notes and corrections
    sections when the page has them."""
    extra = ((("notes", "このシートの数値についての注意"),) if has_notes else ()) + (
        (("corrections", "公表後の訂正"),) if has_corrections else ()
    )
    return tuple(Link(label, f"#{anchor}") for anchor, label in (*extra, *CONTENTS))
