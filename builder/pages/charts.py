"""Plotly figure specs as plain dicts: small, deterministic, drawn by ``assets/charts.js``.

A spec is ``{"data": [...], "layout": {...}, "config": {...}}``, the arguments of
``Plotly.newPlot``. Plotly reads its own markup (``<a href>``, ``<span style>``, ``<br>``,
entities) in every text it draws and ``%{…}`` in a hover template, and has no switch to
turn that off, so every text of a spec goes through :func:`plotly_text` (the category
labels, which break lines with ``<br>``, escape their text where they are made). Nothing
random or time-dependent goes in. A ``None`` value is left out of the drawing (a gap), so a
year that is not closed is never drawn as zero; bars of plan columns (years after the
sheet's year) are hatched, and their category label says （計画）.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

# Colours with at least 3:1 contrast against white (WCAG 1.4.11), told apart by more than hue.
PALETTE = ("#1d4f91", "#b45309", "#2f6b3a", "#6b3fa0", "#8a1c3b")
_FONT = "system-ui, -apple-system, 'Hiragino Sans', 'Yu Gothic UI', Meiryo, sans-serif"
PLAN_PATTERN = "/"


def plotly_text(text: str) -> str:
    """``text`` as plotly shows it literally: ``&``, ``<`` and ``>`` as entities (plotly
    decodes them after reading its markup)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class Series:
    """One named row of numbers drawn as bars or as a line with markers."""

    name: str
    values: tuple[float | None, ...]  # one per category; None is not drawn
    kind: Literal["bar", "line"] = "bar"
    hover: tuple[str, ...] | None = None  # a line of text per value, added to its hover label


def _trace(
    series: Series,
    categories: list[str],
    plan: tuple[bool, ...],
    color: str,
    horizontal: bool,
    unit: str,
) -> dict[str, object]:
    values = list(series.values)
    axis_values = {"x": values, "y": categories} if horizontal else {"x": categories, "y": values}
    if series.kind == "line":
        return {
            "type": "scatter",
            "mode": "lines+markers",
            "name": plotly_text(series.name),
            **axis_values,
            "line": {"color": color, "width": 2},
            "marker": {"color": color, "size": 8, "symbol": "diamond"},
            "connectgaps": False,
            "hovertemplate": _hover_template(series, horizontal, unit),
        }
    return {
        "type": "bar",
        "name": plotly_text(series.name),
        **axis_values,
        "orientation": "h" if horizontal else "v",
        "marker": {
            "color": color,
            "line": {"color": color, "width": 1},
            "pattern": {"shape": [PLAN_PATTERN if p else "" for p in plan], "fillmode": "replace"},
        },
        "hovertemplate": _hover_template(series, horizontal, unit),
        **({"customdata": [plotly_text(text) for text in series.hover]} if series.hover else {}),
    }


def _hover_template(series: Series, horizontal: bool, unit: str = "") -> str:
    """The exact value (and the series' hover text, if any) above the series name."""
    extra = "<br>%{customdata}" if series.hover else ""
    name = plotly_text(series.name).replace("%", "&#37;")  # no ``%{…}`` of a name is a placeholder
    return (
        "%{" + ("x" if horizontal else "y") + ":,}" + unit + extra + "<extra>" + name + "</extra>"
    )


YEN_UNITS = (
    (100_000, "億円"),
    (10, "万円"),
)  # in 千円; the axis of amounts reads in the first that fits


def yen_axis(series: tuple[Series, ...], stacked: bool) -> dict[str, object]:
    """Ticks of an axis of amounts in 千円 labelled in 億円 or 万円, whichever the largest
    figure calls for: the values plotted stay the exact 千円 of the table and the hover."""
    columns = (
        zip(*(s.values for s in series)) if stacked else ((v,) for s in series for v in s.values)
    )
    sums = [(sum(v for v in c if v and v > 0), sum(v for v in c if v and v < 0)) for c in columns]
    top, bottom = max((p for p, _ in sums), default=0), min((n for _, n in sums), default=0)
    size, name = next(((size, name) for size, name in YEN_UNITS if top >= size), YEN_UNITS[-1])
    span = max(top - bottom, size) / size / 4  # about four steps
    magnitude = 10 ** math.floor(math.log10(span))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= span)
    first, last = math.floor(bottom / size / step), math.ceil(top / size / step)
    ticks = [round(n * step, 6) for n in range(first, last + 1)]
    return {
        "title": {"text": name},
        "tickvals": [t * size for t in ticks],
        "ticktext": [f"{t:,.2f}".rstrip("0").rstrip(".") for t in ticks],
    }


def chart_spec(
    categories: tuple[str, ...],
    plan: tuple[bool, ...],
    series: tuple[Series, ...],
    *,
    unit: str,
    stacked: bool = False,
    horizontal: bool = False,
) -> dict[str, object]:
    """The spec of a bar/line chart over ``categories`` (years, or departments when horizontal).

    ``plan`` marks the categories that are plans, not results: their bars are hatched.
    """
    labels = list(categories)  # plotly markup already (line breaks), its text escaped by the caller
    value_axis = {
        "title": {"text": plotly_text(unit)},
        "rangemode": "tozero",
        "tickformat": ",",
        "zeroline": True,
        "automargin": True,
    }
    if (
        unit == "千円"
    ):  # amounts: read in 億円 or 万円 on the axis, exact in the hover and the table
        value_axis.update(yen_axis(series, stacked))
    category_axis = {"type": "category", "automargin": True, "tickangle": 0}
    if horizontal:
        category_axis["autorange"] = "reversed"
    return {
        "data": [
            _trace(
                s,
                labels,
                plan,
                PALETTE[i % len(PALETTE)],
                horizontal,
                "千円" if unit == "千円" else "",
            )
            for i, s in enumerate(series)
        ],
        "layout": {
            "barmode": "relative" if stacked else "group",
            "height": max(240, 48 * len(labels) + 120) if horizontal else 300,
            "margin": {"l": 8, "r": 8, "t": 8, "b": 8},
            "font": {"family": _FONT, "size": 13, "color": "#1a1a1a"},
            "legend": {"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom"},
            "separators": ".,",
            "xaxis": value_axis if horizontal else category_axis,
            "yaxis": category_axis if horizontal else value_axis,
            "paper_bgcolor": "#ffffff",
            "plot_bgcolor": "#ffffff",
        },
        "config": {"displayModeBar": False, "responsive": True, "scrollZoom": False},
    }
