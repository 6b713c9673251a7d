"""Figures of a sheet: each a chart spec plus the data table holding the same numbers.

The table is the text alternative of the chart and what a reader without JavaScript
sees. A value the sheet leaves empty is a dash with its meaning (``—`` + 未確定), never 0.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from markupsafe import escape

from builder.catalog.population import NO_POPULATION, PER_RESIDENT, Population
from builder.pages.charts import Series, chart_spec, plotly_text
from builder.records.attainment import RATIO_LABEL, attainment, no_ratio_reason, percent
from builder.records.fields import field_at
from builder.records.model import CostYear, Indicator, IndicatorValue, Sheet
from builder.util.formatting import DASH, decimal2, number
from builder.util.wareki import era_label

NOT_CLOSED = "未確定"
NOT_GIVEN = "記載なし"
NOT_SET = "設定なし"


@dataclass(frozen=True)
class Cell:
    """One table cell: its text, and for a dash the meaning of the empty value."""

    text: str
    note: str | None = None  # e.g. 未確定, shown next to the dash

    def __html__(self) -> str:
        """The cell as escaped HTML, so a template writes it as ``{{ cell }}``: the text, or
        the dash with its note."""
        if self.note:  # joined directly: Markup.format costs ten times as much, on every cell
            text, note = escape(self.text), escape(self.note)
            return f'<span class="na">{text}<span class="na-note">（{note}）</span></span>'
        return escape(self.text)


@dataclass(frozen=True)
class TableColumn:
    """A table column: a fiscal year (or another category) and whether it is a plan."""

    label: str  # e.g. 令和5年度
    sublabel: str | None  # e.g. 2023
    plan: bool = False


@dataclass(frozen=True)
class Row:
    """A table row: its heading (with unit and glossary anchor) and one cell per column."""

    label: str
    unit: str | None
    glossary: str | None  # anchor on /glossary/ explaining the term
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Figure:
    """A chart with its caption and its data table (the same numbers): a plotly spec drawn in
    the browser when the reader reaches it."""

    id: str  # stable anchor, e.g. "costs-budget", "indicator-1"
    title: str  # the figure caption and the table caption
    columns: tuple[TableColumn, ...]
    rows: tuple[Row, ...]
    spec: dict[str, object]  # plotly spec (see builder.pages.charts)
    row_heading: str = "項目"  # heading of the table's first column

    @cached_property
    def key_column(self) -> int | None:
        """The column the table is about: the last that is not a plan (a sheet's own year, or
        the latest settled one); None when every column is a plan."""
        return next(
            (i for i in reversed(range(len(self.columns))) if not self.columns[i].plan), None
        )


def dash(note: str) -> Cell:
    """An empty value: a dash and what it means."""
    return Cell(DASH, note)


def amount_cell(value: float | None, empty: str, fmt: Callable[[float], str] = number) -> Cell:
    """A number cell, or a dash meaning ``empty`` when the value is None."""
    return dash(empty) if value is None else Cell(fmt(value))


def year_columns(years: list[int], closed: list[bool]) -> tuple[TableColumn, ...]:
    """Columns for fiscal years; a year not closed when its figures were published is a plan."""
    return tuple(TableColumn(era_label(y), str(y), plan=not ok) for y, ok in zip(years, closed))


def chart_labels(columns: tuple[TableColumn, ...]) -> tuple[str, ...]:
    """Category labels for a chart, narrow enough for a phone: ``令和5<br>年度<br>（計画）``."""
    return tuple(
        plotly_text(c.label).replace("年度", "<br>年度") + ("<br>（計画）" if c.plan else "")
        for c in columns
    )


def _cost_row(
    costs: Sequence[CostYear],
    closed: Sequence[bool],
    label: str,
    unit: str | None,
    glossary: str,
    get: Callable[[CostYear], float | bool | None],
    fmt: Callable[[float], str] = number,
) -> Row:
    cells = []
    for cost, ok in zip(costs, closed):
        value = get(cost)
        if isinstance(value, bool):
            cells.append(Cell("有" if value else "無"))
        else:
            cells.append(amount_cell(value, NOT_GIVEN if ok else NOT_CLOSED, fmt))
    return Row(label, unit, glossary, tuple(cells))


def _figure(
    fid: str,
    title: str,
    columns: tuple[TableColumn, ...],
    rows: tuple[Row, ...],
    series: tuple[Series, ...],
    unit: str,
    stacked: bool = False,
) -> Figure:
    spec = chart_spec(
        chart_labels(columns), tuple(c.plan for c in columns), series, unit=unit, stacked=stacked
    )
    return Figure(fid, title, columns, rows, spec)


def sheet_cost_figures(sheet: Sheet, population: Population) -> tuple[Figure, ...]:
    """The cost figures of one sheet as published: its years after the sheet's year are plans."""
    return cost_figures(
        sheet.costs, [c.fiscal_year <= sheet.fiscal_year for c in sheet.costs], population
    )


def _per_resident_row(
    costs: Sequence[CostYear], closed: Sequence[bool], population: Population
) -> Row:
    """決算額 per resident of each year, or a dash saying why there is none."""
    cells = []
    for cost, ok in zip(costs, closed):
        value = population.per_resident(cost.settlement, cost.fiscal_year)
        if value is not None:
            cells.append(Cell(f"{value:,}"))
        elif cost.settlement is None:
            cells.append(dash(NOT_GIVEN if ok else NOT_CLOSED))
        else:
            cells.append(dash(NO_POPULATION))
    return Row(f"{PER_RESIDENT}の決算額", "円", None, tuple(cells))


def cost_figures(
    costs: Sequence[CostYear], closed: Sequence[bool], population: Population
) -> tuple[Figure, ...]:
    """Budget vs settlement (and the settlement per resident), the funding sources of the
    settlement, and staff cost, per year.

    ``closed`` tells for each year whether it was settled when its figures were published.
    """
    columns = year_columns([c.fiscal_year for c in costs], list(closed))

    def values(
        get: Callable[[CostYear], float | None], only_closed: bool = False
    ) -> tuple[float | None, ...]:
        return tuple(get(c) if ok or not only_closed else None for c, ok in zip(costs, closed))

    def row(name: str, fmt: Callable[[float], str] = number) -> Row:
        shown = field_at(f"costs[].{name}")
        return _cost_row(
            costs,
            closed,
            str(shown.display),
            shown.unit,
            str(shown.glossary),
            lambda c: getattr(c, name),
            fmt,
        )

    def series(name: str, only_closed: bool = False) -> Series:
        return Series(
            str(field_at(f"costs[].{name}").display),
            values(lambda c: getattr(c, name), only_closed),
        )

    sources = ("general_fund", "national_prefectural_bonds", "other")
    return (
        _figure(
            "costs-budget",
            "事業費：予算額と決算額",
            columns,
            (row("budget"), row("settlement"), _per_resident_row(costs, closed, population)),
            (series("budget"), series("settlement")),
            "千円",
        ),
        _figure(
            "costs-sources",
            "決算額の財源内訳（計画年度の内訳は表のみ）",
            columns,
            tuple(row(name) for name in sources),
            tuple(series(name, only_closed=True) for name in sources),
            "千円",
            stacked=True,
        ),
        _figure(
            "costs-personnel",
            "人件費と職員の従事状況",
            columns,
            (
                row("personnel"),
                row("staff_fte", decimal2),
                row("overtime_hours", decimal2),
                row("fiscal_year_staff"),
            ),
            (series("personnel"),),
            "千円",
        ),
    )


def indicator_figure(
    fid: str, title: str, unit: str | None, values: Sequence[IndicatorValue], closed: Sequence[bool]
) -> Figure:
    """Target (line) and actual (bars) of one indicator per year; ``closed`` as for cost_figures."""
    columns = year_columns([v.fiscal_year for v in values], list(closed))
    targets, actuals, ratios = [], [], []
    for value, column in zip(values, columns):
        both_empty = value.target is None and value.actual is None
        targets.append(amount_cell(value.target, NOT_SET if both_empty else NOT_GIVEN))
        actual_empty = NOT_CLOSED if column.plan else (NOT_SET if both_empty else NOT_GIVEN)
        actuals.append(amount_cell(value.actual, actual_empty))
        ratio = attainment(value)
        ratios.append(
            Cell(percent(ratio))
            if ratio is not None
            else dash(actual_empty if column.plan or both_empty else no_ratio_reason(value))
        )
    hover = tuple(f"{RATIO_LABEL}：{c.text}" + (f"（{c.note}）" if c.note else "") for c in ratios)
    return _figure(
        fid,
        title,
        columns,
        (
            Row("目標値", unit, "target", tuple(targets)),
            Row("実績", unit, "actual", tuple(actuals)),
            Row(RATIO_LABEL, "%", None, tuple(ratios)),
        ),
        (
            Series("実績", tuple(v.actual for v in values), hover=hover),
            Series("目標値", tuple(v.target for v in values), kind="line"),
        ),
        unit or "値",
    )


def indicator_title(number: int, name: str | None, unit: str | None) -> str:
    """The caption of an indicator figure: 指標1：連携企業数（件）."""
    return f"指標{number}：{name or '（名称なし）'}" + (f"（{unit}）" if unit else "")


def sheet_indicator_figure(sheet: Sheet, indicator: Indicator) -> Figure:
    """One indicator of one sheet as published."""
    return indicator_figure(
        f"indicator-{indicator.number}-figure",
        indicator_title(indicator.number, indicator.name, indicator.unit),
        indicator.unit,
        indicator.values,
        [v.fiscal_year <= sheet.fiscal_year for v in indicator.values],
    )
