"""Bar charts drawn at build time (HTML and CSS, no JavaScript) for the single simple bar
figures of the index pages, such as the home page's 部署別の総コスト.

A phone draws them with the page: no chart library is fetched, parsed or run. The figure's
data table holds the same numbers, exactly; a bar's length is only its share of the
longest bar, rounded for drawing.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.pages.charts import PALETTE
from builder.util.formatting import number


@dataclass(frozen=True)
class Segment:
    """One part of a stacked bar: its series index (colour and pattern) and its length."""

    series: int  # index into the figure's legend
    width: str  # CSS length as a share of the longest bar, e.g. "42.10%"


@dataclass(frozen=True)
class Bar:
    """One labelled bar: its stacked segments and its total as printed next to it."""

    label: str
    segments: tuple[Segment, ...]
    total: str  # e.g. "9,040,620"


@dataclass(frozen=True)
class BarChart:
    """A horizontal stacked bar chart: the legend (series names and colours) and the bars."""

    legend: tuple[tuple[str, str], ...]  # (series name, colour)
    bars: tuple[Bar, ...]
    unit: str


def _width(value: float, longest: float) -> str:
    return f"{100 * max(value, 0) / longest:.2f}%" if longest > 0 else "0%"


def stacked_bars(labels: tuple[str, ...], series: tuple[tuple[str, tuple[float | None, ...]], ...],
                 unit: str) -> BarChart:
    """A horizontal stacked bar per label from ``series`` of (name, one value per label).

    A missing value (None) or a negative one draws nothing; the total printed is the sum of
    the values given, as the table prints it.
    """
    sums = [sum(values[i] or 0 for _, values in series) for i in range(len(labels))]
    longest = max((sum(max(values[i] or 0, 0) for _, values in series) for i in range(len(labels))), default=0)
    bars = tuple(
        Bar(label, tuple(Segment(n, _width(values[i] or 0, longest)) for n, (_, values) in enumerate(series)),
            number(sums[i]))
        for i, label in enumerate(labels)
    )
    legend = tuple((name, PALETTE[n % len(PALETTE)]) for n, (name, _) in enumerate(series))
    return BarChart(legend, bars, unit)
