"""Mobile gate: on a 360x740 phone screen no page scrolls sideways and every chart, once
drawn, fits (tables: test_tables_and_print.py)."""

from __future__ import annotations

import pytest

from sitekit import CHART, PAGE_KINDS, PHONE, draw_charts, pages_of, visit

WIDTH = PHONE["viewport"]["width"]

# The page's layout width, and each chart's box and drawing (plotly's outer SVG) edges.
_LAYOUT = """selector => ({
  scrollWidth: document.documentElement.scrollWidth,
  charts: [...document.querySelectorAll(selector)].map(box => {
    const r = box.getBoundingClientRect();
    const svg = box.querySelector(".main-svg");
    return {label: (box.getAttribute("aria-label") || "").slice(0, 60), left: r.left, right: r.right,
            drawing: svg ? svg.getBoundingClientRect().right : null};
  }),
})"""


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_sideways_scroll_and_charts_fit_at_360px(phone_reader, site_url, site_pages, kind):
    problems = []
    for site_page in pages_of(site_pages, kind):
        visit(phone_reader, site_url, site_page)
        draw_charts(phone_reader)
        layout = phone_reader.evaluate(_LAYOUT, CHART)
        if layout["scrollWidth"] > WIDTH:
            problems.append(
                f"{site_page.url}: the page is {layout['scrollWidth']}px wide, wider than {WIDTH}px"
            )
        for chart in layout["charts"]:
            edges = [chart["right"]] + ([chart["drawing"]] if chart["drawing"] is not None else [])
            if chart["left"] < 0 or max(edges) > WIDTH:
                problems.append(
                    f"{site_page.url}: chart {chart['label']!r} spans {chart['left']:.0f}..{max(edges):.0f}px"
                )
    assert not problems, "\n".join(problems)
