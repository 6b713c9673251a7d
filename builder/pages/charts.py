"""Plotly figure specs as plain dicts: small, deterministic, drawn by ``assets/charts.js``.

A spec is ``{"data": [...], "layout": {...}, "config": {...}}``, the arguments of
``Plotly.newPlot``. Nothing random or time-dependent goes in. A ``None`` value is left
out of the drawing (a gap), so a year that is not closed is never drawn as zero; bars of
plan columns (years after the sheet's year) are hatched, and their category label says
（計画）.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# Colours with at least 3:1 contrast against white (WCAG 1.4.11), told apart by more than hue.
PALETTE = ("#1d4f91", "#b45309", "#2f6b3a", "#6b3fa0", "#8a1c3b")
_FONT = "system-ui, -apple-system, 'Hiragino Sans', 'Yu Gothic UI', Meiryo, sans-serif"
PLAN_PATTERN = "/"


@dataclass(frozen=True)
class Series:
    """One named row of numbers drawn as bars or as a line with markers."""

    name: str
    values: tuple[float | None, ...]  # one per category; None is not drawn
    kind: Literal["bar", "line"] = "bar"
    hover: tuple[str, ...] | None = None  # a line of text per value, added to its hover label


def _trace(series: Series, categories: list[str], plan: tuple[bool, ...], color: str, horizontal: bool) -> dict[str, object]:
    values = list(series.values)
    axis_values = {"x": values, "y": categories} if horizontal else {"x": categories, "y": values}
    if series.kind == "line":
        return {
            "type": "scatter",
            "mode": "lines+markers",
            "name": series.name,
            **axis_values,
            "line": {"color": color, "width": 2},
            "marker": {"color": color, "size": 8, "symbol": "diamond"},
            "connectgaps": False,
            "hovertemplate": _hover_template(series, horizontal),
        }
    return {
        "type": "bar",
        "name": series.name,
        **axis_values,
        "orientation": "h" if horizontal else "v",
        "marker": {
            "color": color,
            "line": {"color": color, "width": 1},
            "pattern": {"shape": [PLAN_PATTERN if p else "" for p in plan], "fillmode": "replace"},
        },
        "hovertemplate": _hover_template(series, horizontal),
        **({"customdata": list(series.hover)} if series.hover else {}),
    }


def _hover_template(series: Series, horizontal: bool) -> str:
    """The value (and the series' hover text, if any) above the series name."""
    extra = "<br>%{customdata}" if series.hover else ""
    return "%{" + ("x" if horizontal else "y") + ":,}" + extra + "<extra>" + series.name + "</extra>"


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
    labels = list(categories)
    value_axis = {"title": {"text": unit}, "rangemode": "tozero", "tickformat": ",", "zeroline": True, "automargin": True}
    category_axis = {"type": "category", "automargin": True, "tickangle": 0}
    if horizontal:
        category_axis["autorange"] = "reversed"
    return {
        "data": [
            _trace(s, labels, plan, PALETTE[i % len(PALETTE)], horizontal) for i, s in enumerate(series)
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
