"""A project's history across fiscal years, merged from all of its sheets.

Each sheet reports five cost columns and six indicator columns around its own year. For
every year any sheet covers, the history takes the newest sheet that reports it: a year
that an older sheet printed as a plan is superseded by the settled figure of a newer one.
Year pages (``/projects/<code>/<fy>/``) keep showing each sheet as published; only the
project page shows this merged history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from builder.records.model import CostYear, Indicator, IndicatorValue, Sheet

_FORMER_OPEN = "（旧："  # a trailing （旧：…） gives a former name
_IndicatorKey = tuple[int, str | None, str | None]  # slot number, name, unit


@dataclass(frozen=True)
class CostPoint:
    """One year's costs, and the fiscal year of the sheet they were taken from."""

    cost: CostYear
    reported_in: int

    @property
    def closed(self) -> bool:
        """Whether the year was closed (settled) when its sheet was published."""
        return self.cost.fiscal_year <= self.reported_in


@dataclass(frozen=True)
class IndicatorPoint:
    """One year's target and actual of an indicator, and the sheet year they come from."""

    value: IndicatorValue
    reported_in: int


@dataclass(frozen=True)
class IndicatorHistory:
    """An indicator over every year any sheet reports it.

    An indicator is the same across sheets when its slot number, name and unit are: a slot
    that gets a new name is a new indicator, and the old one ends with its last sheet.
    """

    number: int
    name: str | None
    unit: str | None
    kind: str | None  # as the newest sheet that has the indicator gives it
    description: tuple[str, ...]  # likewise
    points: tuple[IndicatorPoint, ...]  # oldest year first
    sheet_years: tuple[int, ...]  # fiscal years of the sheets that carry it
    current: bool  # whether the project's newest sheet still carries it


@dataclass(frozen=True)
class ProjectHistory:
    """Everything the project page shows across years."""

    code: str
    name: str  # the newest sheet's name
    former_names: tuple[str, ...]  # oldest first
    sheet_years: tuple[int, ...]  # fiscal years with a sheet, oldest first
    costs: tuple[CostPoint, ...]  # oldest year first
    indicators: tuple[IndicatorHistory, ...]  # current ones first, in sheet order


def _former_at(name: str) -> int:
    """Where the trailing （旧：…） note of a name starts (the first （旧：, with something
    before the closing ）), or -1; string searches, in linear time."""
    at = name.find(_FORMER_OPEN)
    return at if name.endswith("）") and 0 <= at < len(name) - len(_FORMER_OPEN) - 1 else -1


def base_name(name: str) -> str:
    """The name without its trailing （旧：…） note."""
    at = _former_at(name)
    return name if at < 0 else name[:at]


def _former_names(sheets: Sequence[Sheet]) -> tuple[str, ...]:
    latest = base_name(sheets[-1].name)
    names: list[str] = []
    for sheet in sheets:
        candidates = [base_name(sheet.name)]
        if (at := _former_at(sheet.name)) >= 0:
            candidates.insert(0, sheet.name[at + len(_FORMER_OPEN) : -1])
        names.extend(n for n in candidates if n != latest and n not in names)
    return tuple(names)


def _merge_costs(sheets: Sequence[Sheet]) -> tuple[CostPoint, ...]:
    merged: dict[int, CostPoint] = {}
    for sheet in sheets:  # oldest first: a newer sheet's report of a year wins
        for cost in sheet.costs:
            merged[cost.fiscal_year] = CostPoint(cost, sheet.fiscal_year)
    return tuple(merged[year] for year in sorted(merged))


def _merge_indicators(sheets: Sequence[Sheet]) -> tuple[IndicatorHistory, ...]:
    points: dict[_IndicatorKey, dict[int, IndicatorPoint]] = {}
    latest: dict[_IndicatorKey, Indicator] = {}
    years: dict[_IndicatorKey, list[int]] = {}
    for sheet in sheets:
        for indicator in sheet.indicators:
            key = (indicator.number, indicator.name, indicator.unit)
            by_year = points.setdefault(key, {})
            for value in indicator.values:
                by_year[value.fiscal_year] = IndicatorPoint(value, sheet.fiscal_year)
            latest[key] = indicator
            years.setdefault(key, []).append(sheet.fiscal_year)
    newest = sheets[-1]
    order = [(i.number, i.name, i.unit) for i in newest.indicators]
    order += sorted(
        (key for key in points if key not in order), key=lambda k: (k[0], min(years[k]))
    )
    return tuple(
        IndicatorHistory(
            number=key[0],
            name=key[1],
            unit=key[2],
            kind=latest[key].kind,
            description=latest[key].description,
            points=tuple(points[key][year] for year in sorted(points[key])),
            sheet_years=tuple(years[key]),
            current=newest.fiscal_year in years[key],
        )
        for key in order
    )


def project_history(sheets: Sequence[Sheet]) -> ProjectHistory:
    """Merge the sheets of one project (any order) into its history."""
    ordered = sorted(sheets, key=lambda s: s.fiscal_year)
    return ProjectHistory(
        code=ordered[-1].code,
        name=ordered[-1].name,
        former_names=_former_names(ordered),
        sheet_years=tuple(s.fiscal_year for s in ordered),
        costs=_merge_costs(ordered),
        indicators=_merge_indicators(ordered),
    )
