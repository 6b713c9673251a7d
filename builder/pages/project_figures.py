"""The figures of a project's page and of its embed page: the cost charts and one chart per
indicator, of the sheet as published or of the project's merged history."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from builder.catalog.catalog import Project
from builder.catalog.history import ProjectHistory
from builder.catalog.population import Population
from builder.pages.figures import (
    Figure,
    cost_figures,
    indicator_figure,
    indicator_title,
    sheet_cost_figures,
    sheet_indicator_figure,
)
from builder.records.model import Sheet
from builder.util.formatting import fiscal_year_label


@dataclass(frozen=True)
class IndicatorBlock:
    """An indicator with its figure; ``until`` names the last year of one no longer set."""

    anchor: str  # section id: indicator-1, or indicator-1-2022 for one that ended in 2022
    number: int
    name: str | None
    unit: str | None
    kind: str | None
    description: tuple[str, ...]
    figure: Figure
    until: str | None = (
        None  # e.g. 令和4年度 (2022年度), for an indicator the newest sheet no longer has
    )


def _sheet_indicators(sheet: Sheet) -> tuple[IndicatorBlock, ...]:
    return tuple(
        IndicatorBlock(
            f"indicator-{i.number}",
            i.number,
            i.name,
            i.unit,
            i.kind,
            i.description,
            sheet_indicator_figure(sheet, i),
        )
        for i in sheet.indicators
    )


@functools.lru_cache(maxsize=16)  # the pages of one sheet are made one after the other
def _sheet_figures(
    sheet: Sheet, population: Population
) -> tuple[tuple[Figure, ...], tuple[IndicatorBlock, ...]]:
    """The cost figures and indicator blocks of one sheet as published, made once for its pages."""
    return sheet_cost_figures(sheet, population), _sheet_indicators(sheet)


def merged_history(project: Project) -> ProjectHistory | None:
    """The history the latest page of ``project`` shows merged: its sheets' years together
    when it has several sheets (None: the latest page shows its one sheet as published)."""
    return project.history if len(project.sheets) > 1 else None


def page_figures(
    population: Population, sheet: Sheet, history: ProjectHistory | None
) -> tuple[tuple[Figure, ...], tuple[IndicatorBlock, ...]]:
    """The cost figures and indicator blocks of a project's page: those of ``history`` (the
    merged history of :func:`merged_history`, on the latest page), else the sheet's own."""
    if history is not None:
        closed = [p.closed for p in history.costs]
        return (
            cost_figures([p.cost for p in history.costs], closed, population),
            _history_indicators(history),
        )
    return _sheet_figures(sheet, population)


def _history_indicators(history: ProjectHistory) -> tuple[IndicatorBlock, ...]:
    blocks = []
    for ind in history.indicators:
        anchor = (
            f"indicator-{ind.number}"
            if ind.current
            else f"indicator-{ind.number}-{ind.sheet_years[-1]}"
        )
        figure = indicator_figure(
            f"{anchor}-figure",
            indicator_title(ind.number, ind.name, ind.unit),
            ind.unit,
            [p.value for p in ind.points],
            [p.value.fiscal_year <= p.reported_in for p in ind.points],
        )
        until = None if ind.current else fiscal_year_label(ind.sheet_years[-1])
        blocks.append(
            IndicatorBlock(
                anchor, ind.number, ind.name, ind.unit, ind.kind, ind.description, figure, until
            )
        )
    return tuple(blocks)
