"""How many indicators reached their target in a fiscal year, for the department pages and
``/changes/<fy>/``: for the sheets of one fiscal year, the indicators whose actual of that
year reached the target (実績 ≥ 目標値) are counted and those that did not are listed, with
their figures and the ratio of ``builder.records.attainment``; no label says whether that is good.

At city scale a department has hundreds of indicators, so a page lists the first
:data:`LISTED_BELOW` of them by 事業番号 (the page stays within Lighthouse's DOM-size budget)
and says where every one is: each project's indicator table, ``indicators.csv`` and the
database's ``indicators_against_targets`` view.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from builder.records.attainment import attainment, percent
from builder.records.model import Sheet
from builder.util.formatting import fiscal_year_label, number
from builder.util.routes import project_year_url

LISTED_BELOW = 20  # indicators below target listed on a page at most


@dataclass(frozen=True)
class BelowTarget:
    """An indicator whose actual did not reach its target in the summary's year."""

    code: str
    project: str
    url: str  # the indicator on the sheet's year page
    indicator: str  # 指標1：連携企業数
    unit: str | None
    target: str
    actual: str
    ratio: str  # 95.2%


@dataclass(frozen=True)
class AttainmentSummary:
    """How the indicators of a set of sheets stood against their targets in one fiscal year."""

    year_label: str
    indicators: int  # indicators of the sheets
    compared: int  # with a settled actual and a non-zero target in that year
    reached: int  # 実績 ≥ 目標値
    below: tuple[
        BelowTarget, ...
    ]  # the first LISTED_BELOW of those below target, by code, then indicator number

    @property
    def below_count(self) -> int:
        """Indicators whose actual did not reach the target (listed or not)."""
        return self.compared - self.reached

    @property
    def unlisted(self) -> int:
        """Indicators below target that the page does not list."""
        return self.below_count - len(self.below)

    @property
    def not_compared(self) -> int:
        """Indicators without a ratio in that year (no actual, no target, or a target of 0)."""
        return self.indicators - self.compared


def attainment_summary(sheets: Iterable[Sheet], fiscal_year: int) -> AttainmentSummary:
    """The summary of the indicators of ``sheets`` (each of ``fiscal_year``) for that year."""
    total = compared = reached = 0
    below = []
    for sheet in sorted(sheets, key=lambda s: s.code):
        for indicator in sheet.indicators:
            total += 1
            value = next((v for v in indicator.values if v.fiscal_year == fiscal_year), None)
            ratio = attainment(value) if value else None
            if value is None or ratio is None or value.actual is None or value.target is None:
                continue
            compared += 1
            if value.actual >= value.target:
                reached += 1
                continue
            below.append(
                BelowTarget(
                    sheet.code,
                    sheet.name,
                    project_year_url(sheet.code, sheet.fiscal_year)
                    + f"#indicator-{indicator.number}",
                    f"指標{indicator.number}：{indicator.name or '（名称なし）'}",
                    indicator.unit,
                    number(value.target),
                    number(value.actual),
                    percent(ratio),
                )
            )
    return AttainmentSummary(
        fiscal_year_label(fiscal_year), total, compared, reached, tuple(below[:LISTED_BELOW])
    )
