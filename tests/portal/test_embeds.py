"""Embeds on the real sheets: a page per chart of each project (chart, table, source link),
its <iframe> code on the project page (well-formed whatever the chart's title), and the
_headers file that lets only /embed/ be framed."""

from __future__ import annotations

import html
from pathlib import Path

from builder.pages.embed_page import COST_FIGURES, iframe_code
from builder.publish.headers import HEADERS_FILE, headers_for, read_headers
from tests.portal.portalkit import parse_html

BASE = "https://mieruka.example.jp"


def test_an_embed_holds_the_charts_their_tables_and_the_source(site: Path) -> None:
    doc = parse_html((site / "embed/projects/092/index.html").read_text("utf-8"))
    figures = doc.find_all("figure")
    assert [f.attrs["id"] for f in figures] == [
        *COST_FIGURES,
        "indicator-1-figure",
        "indicator-2-figure",
    ]
    for figure in figures:
        (chart,) = figure.find_all("div", **{"class": "chart"})
        assert chart.attrs["data-chart"] == figure.attrs["id"] + "-spec" and figure.find_all(
            "table"
        )
    (source,) = doc.find_all("p", **{"class": "embed-source"})
    assert source.text().startswith(
        "出典：つくば市「事務事業マネジメントシート（令和4年度）」国際戦略総合特区推進事業"
    )
    links = [a.attrs["href"] for a in source.find_all("a")]
    assert links == [f"{BASE}/projects/092/", f"{BASE}/data/#licence"]
    (canonical,) = doc.find_all("link", rel="canonical")
    assert canonical.attrs["href"] == f"{BASE}/embed/projects/092/"


def test_the_project_page_gives_the_iframe_code_of_each_embed(site: Path) -> None:
    page = (site / "projects/092/index.html").read_text("utf-8")
    for figure in (
        "costs-budget",
        "costs-sources",
        "costs-personnel",
        "indicator-1-figure",
        "indicator-2-figure",
    ):
        assert html.escape(
            f'<iframe src="{BASE}/embed/projects/092/#{figure}"', quote=False
        ) in page.replace("&#34;", '"')


def test_the_iframe_code_escapes_the_title() -> None:
    code = iframe_code(
        f"{BASE}/embed/projects/1/costs-budget/", 'a"><script>alert(1)</script>', 300
    )
    assert code == (
        f'<iframe src="{BASE}/embed/projects/1/costs-budget/" title="a&quot;&gt;&lt;script&gt;'
        'alert(1)&lt;/script&gt;" width="100%" height="300" style="border:0"'
        ' loading="lazy"></iframe>'
    )
    assert parse_html(code).find_all("iframe")[0].attrs["title"] == 'a"><script>alert(1)</script>'


def test_only_embeds_may_be_framed(site: Path) -> None:
    rules = read_headers(site)
    assert (site / HEADERS_FILE).is_file() and len(rules) > 5
    refused = (("Content-Security-Policy", "frame-ancestors 'none'"), ("X-Frame-Options", "DENY"))
    for path in (
        "/",
        "/index.html",
        "/projects/092/",
        "/projects/092/2022/",
        "/data/",
        "/departments/policy-innovation/",
        "/sdgs/9/",
        "/search/?q=a",
        "/404.html",
        "/glossary/",
        "/pagefind/pagefind.js",
    ):
        assert headers_for(rules, path) == refused, path
    assert headers_for(rules, "/embed/projects/092/") == (
        ("Content-Security-Policy", "frame-ancestors *"),
    )
    top = {p.name for p in site.iterdir() if p.name != HEADERS_FILE}
    assert {pattern.strip("/*").split("/")[0] for pattern, _ in rules} - {""} == top
