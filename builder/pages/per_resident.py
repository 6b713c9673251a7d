"""市民1人あたり: the box that shows a page's 決算額 and 総コスト per resident.

The project and year pages show the amounts of the sheet's own year, the department and
home pages the totals of the latest year. A year whose population ``content/population.yaml``
does not give shows the reason instead of a figure. Each amount is given a year and a day
(1日あたり); the population used (with its reference date and source) is written under the
figures, never only in a tooltip, and the rule is one entry of the glossary, linked.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.catalog.population import PER_RESIDENT, Population, yen
from builder.pages.figures import NOT_GIVEN, Cell, dash
from builder.util.formatting import fiscal_year_label


@dataclass(frozen=True)
class PerResidentBox:
    """Amounts of one fiscal year per resident, with the population and rule they come from."""

    heading: str  # 市民1人あたり（令和4年度 (2022年度)）
    lines: tuple[
        tuple[str, Cell, Cell], ...
    ]  # (決算額 / 総コスト ..., per resident a year and a day, or dashes with the reason)
    population: str | None  # 252,202人（2023年1月1日現在）; None when the year has none
    source: str | None
    missing: str | None  # why there is no figure, when the year has no population


def per_resident_box(
    population: Population, fiscal_year: int, amounts: tuple[tuple[str, int | None], ...]
) -> PerResidentBox:
    """The box of ``amounts`` (label, 千円 or None) of ``fiscal_year``."""
    known = population.of(fiscal_year)
    lines = []
    for label, amount in amounts:
        value = population.per_resident(amount, fiscal_year)
        day = population.per_resident_day(amount, fiscal_year)
        if value is not None and day is not None:
            lines.append((label, Cell(yen(value)), Cell(yen(day))))
        else:
            empty = dash(population.missing_reason(fiscal_year) if known is None else NOT_GIVEN)
            lines.append((label, empty, empty))
    return PerResidentBox(
        heading=f"{PER_RESIDENT}（{fiscal_year_label(fiscal_year)}）",
        lines=tuple(lines),
        population=known.text if known else None,
        source=known.source if known else None,
        missing=None
        if known
        else f"{population.missing_reason(fiscal_year)}のため、{PER_RESIDENT}の金額は示していません。",
    )
