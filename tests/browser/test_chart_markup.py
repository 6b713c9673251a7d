"""Text that reaches a chart is text (issue 23, item 5): plotly reads its own markup
(``<a href>``, ``<span style>``, ``<br>``) in every string it draws, so an indicator unit from
a sheet or from a correction holding ``<a href>``, ``<span style>`` and ``<img onerror>`` must
be drawn as those very characters, with no link, style or element made from them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitekit import CONTENT, build_site_from, draw_charts, open_page, serve

PAYLOAD = (
    '<a href="https://evil.example/">件</a><span style="font-size:60px;color:red">赤</span>'
    '<img src=x onerror="window.__pwned=1">'
)
CORRECTION = f"""\
- date: 2026-12-01
  code: "045"
  fiscal_year: 2022
  field: indicators[1].unit
  old: 件
  new: '{PAYLOAD}'
  reason: テスト
"""
# What plotly made of the payload inside each chart: links, styled or image elements.
_MADE = """() => [...document.querySelectorAll("[data-chart]")].flatMap(box => [...box.querySelectorAll("*")]
  .filter(e => e.tagName.toLowerCase() === "a" || e.tagName.toLowerCase() === "img"
    || /60px|red/.test(e.getAttribute("style") || "") || e.hasAttribute("onerror"))
  .map(e => e.outerHTML.slice(0, 160)))"""
_TEXTS = """() => [...document.querySelectorAll("[data-chart] .main-svg text")].map(t => t.textContent)"""


@pytest.fixture(scope="module")
def marked_up_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("chart-markup")
    content = work / "source"
    shutil.copytree(CONTENT, content)
    sheet = next((content / "sheets" / "2022").glob("*.txt"))
    text = sheet.read_text(encoding="utf-8")
    sheet.write_text(
        text.replace("指標名\t連携企業数 (件)", f"指標名\t連携企業数 ({PAYLOAD})", 1),
        encoding="utf-8",
    )
    (content / "corrections.yaml").write_text(CORRECTION, encoding="utf-8")
    return build_site_from(content, work)


@pytest.mark.parametrize(
    ("code", "unit"),
    [
        (
            "092",
            "件赤",
        ),  # a sheet's cell is read as a browser shows it: the tags go, their text stays
        ("045", PAYLOAD),  # a correction's text is text, shown character for character
    ],
)
def test_markup_in_a_chart_string_is_drawn_as_text(
    new_page, marked_up_site: Path, code: str, unit: str
) -> None:
    page = new_page(viewport={"width": 360, "height": 740})
    with serve(marked_up_site) as url:
        assert open_page(page, f"{url}/projects/{code}/") == 200
        assert draw_charts(page) >= 2
        made = page.evaluate(_MADE)
        texts = page.evaluate(_TEXTS)
        assert page.evaluate("() => window.__pwned ?? null") is None
        chart = page.locator("[data-chart]", has_text=unit[-20:]).first  # the first indicator's
        chart.scroll_into_view_if_needed()
        chart.screenshot(path=str(marked_up_site.parent / f"chart-{code}.png"))
    assert made == [], made
    assert unit in texts, texts  # the axis title
