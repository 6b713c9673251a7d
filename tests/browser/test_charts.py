"""Charts gate: every chart is drawn and sits in a <figure> with a data table holding the
same numbers (the table is the text alternative and the view without JavaScript)."""

from __future__ import annotations

import pytest

from sitekit import CHART, draw_charts, node_file, pages_of, visit

# For each chart: whether plotly drew it, the numbers it plots (bar and line values, pie
# slices; category labels are strings and left out) and the numbers in its figure's table.
# Table cells are read the Japanese way: "9,697", "△1,000" and "−1,000" (negative).
# axe cannot tell the contrast of SVG text (it reports it as "incomplete"), so the lowest
# contrast of the chart's text against its background, and of its bars and lines against
# the plot area (WCAG 1.4.3 and 1.4.11), are measured here.
_CHARTS = """selector => {
  const rgb = color => { const probe = document.createElement("span"); probe.style.color = color;
    document.body.append(probe); const [r, g, b] = getComputedStyle(probe).color.match(/[\\d.]+/g).map(Number);
    probe.remove(); return [r, g, b]; };
  const luminance = color => { const [r, g, b] = rgb(color).map(v => v / 255)
    .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const lowest = values => values.length ? Math.min(...values) : null;
  return [...document.querySelectorAll(selector)].map(box => {
    const numbers = values => (values || []).filter(v => typeof v === "number" && isFinite(v));
    const plotted = (box.data || []).flatMap(t => [...numbers(t.x), ...numbers(t.y), ...numbers(t.values)]);
    const table = box.closest("figure")?.querySelector("table");
    const cells = table ? [...table.querySelectorAll("td")].map(td => td.textContent) : [];
    const tabled = cells.flatMap(text => [...text.matchAll(/([△▲−-]?)(\\d[\\d,]*(?:\\.\\d+)?)/g)]
      .map(([, sign, digits]) => (sign ? -1 : 1) * parseFloat(digits.replaceAll(",", ""))));
    const label = box.getAttribute("aria-label") || box.closest("figure")?.querySelector("figcaption")?.textContent || "";
    const layout = box._fullLayout || {};
    const texts = [...box.querySelectorAll(".main-svg text")].filter(t => t.textContent.trim());
    const marks = (box._fullData || []).flatMap(t => t.type === "pie" ? [] : [t.marker?.color, t.line?.color])
      .flat().filter(c => typeof c === "string");
    return {label: label.trim().slice(0, 80), drawn: box.classList.contains("js-plotly-plot") && !!box.querySelector(".main-svg"),
            table: !!table, plotted, tabled,
            textContrast: lowest(texts.map(t => contrast(getComputedStyle(t).fill, layout.paper_bgcolor || "#fff"))),
            markContrast: lowest(marks.map(c => contrast(c, layout.plot_bgcolor || "#fff")))};
  });
}"""
TEXT_CONTRAST, MARK_CONTRAST = 4.5, 3.0

KINDS_WITH_CHARTS = (
    "project",
    "year",
)  # the budget picture is drawn at build time (tests/portal/test_budget_picture.py)


def chart_problems(page, url: str) -> list[str]:
    """What is wrong with the charts of the open page, one line per problem."""
    problems = []
    for chart in page.evaluate(_CHARTS, CHART):
        where = f"{url}: chart {chart['label']!r}"
        if not chart["drawn"]:
            problems.append(f"{where}: not drawn")
        if not chart["table"]:
            problems.append(f"{where}: no data table in its <figure>")
        missing = sorted({value for value in chart["plotted"] if value not in chart["tabled"]})
        if chart["table"] and missing:
            problems.append(f"{where}: plotted values missing from its table: {missing}")
        if chart["textContrast"] is not None and chart["textContrast"] < TEXT_CONTRAST:
            problems.append(
                f"{where}: text contrast {chart['textContrast']:.2f}:1, below {TEXT_CONTRAST}:1"
            )
        if chart["markContrast"] is not None and chart["markContrast"] < MARK_CONTRAST:
            problems.append(
                f"{where}: bar or line contrast {chart['markContrast']:.2f}:1, below {MARK_CONTRAST}:1"
            )
    return problems


@pytest.mark.parametrize("kind", KINDS_WITH_CHARTS)
def test_every_chart_is_drawn_with_a_table_of_the_same_numbers(reader, site_url, site_pages, kind):
    problems = []
    charts = 0
    for site_page in pages_of(site_pages, kind):
        visit(reader, site_url, site_page)
        charts += draw_charts(reader)
        problems.extend(chart_problems(reader, site_page.url))
    assert charts, f"no chart on the {kind} pages {[p.url for p in pages_of(site_pages, kind)]}"
    assert not problems, "\n".join(problems)


def test_the_chart_check_reports_a_wrong_table(page):
    """The gate can fail: a table missing a plotted value, a chart with no table, pale bars."""
    page.set_content(
        """<!DOCTYPE html><html lang="ja"><head><title>t</title></head><body>
        <figure><div data-chart="a" aria-label="ok"></div><table><tr><td>9,697</td><td>△1,000</td></tr></table></figure>
        <figure><div data-chart="b" aria-label="wrong"></div><table><tr><td>9,697</td><td>8,000</td></tr></table></figure>
        <figure><div data-chart="c" aria-label="bare"></div></figure></body></html>"""
    )
    page.add_script_tag(path=node_file("plotly.js-basic-dist-min/plotly-basic.min.js"))
    page.evaluate(
        """() => document.querySelectorAll("[data-chart]").forEach(box =>
        Plotly.newPlot(box, [{type: "bar", x: ["R3", "R4", "R5"], y: [9697, box.dataset.chart === "a" ? -1000 : 8582, null],
          marker: {color: box.dataset.chart === "c" ? "#dddddd" : "#1d4f91"}}], {font: {color: "#444"}}))"""
    )
    assert chart_problems(page, "bad") == [
        "bad: chart 'wrong': plotted values missing from its table: [8582]",
        "bad: chart 'bare': no data table in its <figure>",
        "bad: chart 'bare': bar or line contrast 1.36:1, below 3.0:1",
    ]
