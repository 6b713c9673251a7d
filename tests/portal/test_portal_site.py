"""Every page type exists, links stay inside the site, and the markup has what readers and search need."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import plotly.graph_objects as go
import pytest

from builder.settings.site import load_site_config
from tests.portal.portalkit import CONTENT, Element, html_files, page, parse_html, url_of

BASE = "https://mieruka.example.jp"
LICENCE = load_site_config(CONTENT).licence
PROSE = ["/accessibility/", "/data/", "/glossary/", "/how-to-read/"]
PAGES = (
    [
        "/",
        "/projects/",
        "/departments/",
        "/departments/policy-innovation/",
        "/sdgs/",
        "/search/",
        "/404.html",
    ]
    + [f"/sdgs/{n}/" for n in range(1, 18)]
    + [f"/projects/{c}/" for c in ("009", "045", "092", "093", "094", "095", "096", "097")]
    + [f"/projects/{c}/2022/" for c in ("009", "045", "092", "093", "094", "095", "096", "097")]
    + PROSE
    + ["/data/quality/", "/data/corrections/"]
    + [f"/embed/projects/{c}/" for c in ("009", "045", "092", "093", "094", "095", "096", "097")]
)


def _documents(site: Path) -> dict[str, Element]:
    return {url_of(site, p): parse_html(p.read_text(encoding="utf-8")) for p in html_files(site)}


def test_every_page_type_exists_and_nothing_else(site: Path) -> None:
    assert sorted(_documents(site)) == sorted(PAGES)
    for name in (
        "sitemap.xml",
        "robots.txt",
        "assets/site.css",
        "assets/charts.js",
        "assets/vendor/plotly-basic.min.js",
        "data/2022/092.yaml",
    ):
        assert (site / name).is_file(), name


def _target_exists(site: Path, docs: dict[str, Element], url: str) -> bool:
    path, _, fragment = url.partition("#")
    path = path.split("?")[0]
    if path.endswith(("/", ".html")):
        if path not in docs:
            return False
        return not fragment or bool(docs[path].find_all(id=fragment))
    return (site / path.lstrip("/")).is_file()


def test_no_page_refers_outside_the_site_and_every_link_resolves(site: Path) -> None:
    docs = _documents(site)
    for url, doc in docs.items():
        for element in doc.iter():
            for name in ("href", "src", "action", "content", "srcset", "poster", "data"):
                value = element.attrs.get(name)
                if value is None or (name == "content" and "://" not in value):
                    continue
                if (
                    url.startswith("/embed/") and element.attrs.get("target") == "_blank"
                ):  # framed elsewhere
                    assert value.startswith(BASE + "/") and _target_exists(
                        site, docs, value.removeprefix(BASE)
                    ), value
                    continue
                if value.startswith(BASE + "/cards/"):  # og:image: the page's share card
                    assert (
                        element.tag == "meta" and (site / value.removeprefix(BASE + "/")).is_file()
                    ), (url, value)
                    continue
                if value.startswith(BASE + "/"):  # canonical and og:url name this very site
                    assert element.tag in ("link", "meta") and value == BASE + url, (url, value)
                    continue
                if (
                    element.attrs.get("rel") == "license"
                ):  # the licence's own page (content/site.yaml)
                    assert element.tag == "a" and value == LICENCE.url, (url, value)
                    continue
                assert value.startswith(("/", "#")) and not value.startswith("//"), (
                    url,
                    name,
                    value,
                )
                target = url + value if value.startswith("#") else value
                assert _target_exists(site, docs, target), (url, value)
    css = (site / "assets" / "site.css").read_text(encoding="utf-8")
    assert "url(" not in css and "@import" not in css


def test_meta_canonical_and_ogp(site: Path) -> None:
    for url, doc in _documents(site).items():
        assert doc.find_all("html")[0].attrs["lang"] == "ja"
        canonical = [e.attrs["href"] for e in doc.find_all("link", rel="canonical")]
        assert canonical == [BASE + url]
        if url.startswith("/embed/"):  # a chart framed in another page: no share card of its own
            continue
        meta = {
            e.attrs.get("property") or e.attrs.get("name"): e.attrs["content"]
            for e in doc.find_all("meta")
            if "content" in e.attrs
        }
        assert meta["og:url"] == BASE + url and meta["og:title"] and meta["og:description"]
        assert meta["twitter:card"] == "summary_large_image" and meta["description"]
        assert meta["og:description"] == meta["twitter:description"]
    assert (
        page(site, "/projects/092/").find_all("title")[0].text()
        == "国際戦略総合特区推進事業 | つくば市 事務事業見える化ポータル"
    )


def test_sitemap_and_robots(site: Path) -> None:
    listed = re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert sorted(listed) == sorted(
        BASE + u for u in PAGES if u not in ("/search/", "/404.html") and "/embed/" not in u
    )
    assert f"Sitemap: {BASE}/sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")


def test_accessible_structure(site: Path) -> None:
    for url, doc in _documents(site).items():
        ids = [e.attrs["id"] for e in doc.iter() if "id" in e.attrs]
        assert len(ids) == len(set(ids)), url
        body = doc.find_all("body")[0]
        first = next(e for e in body.iter() if e.tag == "a")
        assert first.attrs["href"] == "#main" and doc.by_id("main").tag == "main", url
        levels = [int(e.tag[1]) for e in doc.by_id("main").iter() if re.fullmatch(r"h[1-6]", e.tag)]
        assert levels[0] == 1 and levels.count(1) == 1, url
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), (url, levels)
        for table in doc.find_all("table"):
            assert table.find_all("caption"), url
            assert all(th.attrs.get("scope") in ("col", "row") for th in table.find_all("th")), url
        for field in doc.find_all("input"):
            assert doc.find_all("label", **{"for": field.attrs["id"]}), url


def test_header_search_form_on_every_page_but_the_search_page(site: Path) -> None:
    for url, doc in _documents(site).items():
        if url.startswith("/embed/"):
            continue
        header = doc.find_all("header", **{"class": "site-header"})[0]
        if url == "/search/":  # its own form is the one search box there
            assert header.find_all("form") == [] and len(doc.find_all("input", type="search")) == 1
            continue
        (form,) = header.find_all("form")
        assert (form.attrs["action"], form.attrs["method"], form.attrs["role"]) == (
            "/search/",
            "get",
            "search",
        )
        assert form.find_all("input", name="q"), url


def test_pagefind_body_on_project_pages_only(site: Path) -> None:
    for url, doc in _documents(site).items():
        bodies = [e for e in doc.iter() if "data-pagefind-body" in e.attrs]
        if url.startswith("/projects/") and not url.endswith("/2022/") and url != "/projects/":
            assert [e.tag for e in bodies] == ["main"], url
        else:  # each sheet is indexed once: the latest year's frozen page is the project page
            assert bodies == [], url
        for container in (
            doc.find_all("header", **{"class": "site-header"})
            + doc.find_all("footer")
            + doc.find_all("nav")
        ):
            assert not any(
                k.startswith("data-pagefind") for e in container.iter() for k in e.attrs
            ), url


def test_pagefind_filters_and_metadata(site: Path) -> None:
    doc = page(site, "/projects/095/")
    filters: dict[str, list[str]] = {}
    for element in doc.iter():
        if "data-pagefind-filter" in element.attrs:
            filters.setdefault(element.attrs["data-pagefind-filter"] or "", []).append(
                element.text()
            )
    assert filters == {
        "fiscal_year": ["令和4年度 (2022年度)"],
        "department": ["政策イノベーション部"],
        "division": ["科学技術振興課"],
        "status": ["継続"],
        "direction": ["拡大・拡充"],
        "sdg": [
            "目標8：働きがいも経済成長も",
            "目標9：産業と技術革新の基盤をつくろう",
            "目標11：住み続けられるまちづくりを",
        ],
    }
    meta = {e.attrs["data-pagefind-meta"]: e for e in doc.iter() if "data-pagefind-meta" in e.attrs}
    assert meta["code"].text() == "095" and meta["department"].text() == "政策イノベーション部"
    assert meta["name"].text().startswith("次代を担う人材育成")
    assert meta["settlement[value]"].attrs["value"] == "6691"


def test_charts_only_where_drawn_and_every_spec_is_valid_plotly(site: Path) -> None:
    for url, doc in _documents(site).items():
        tags = [e for e in doc.find_all("script") if "src" in e.attrs]
        charts = doc.find_all("div", **{"class": "chart"})
        if charts:
            # Only the small charts.js loads with the page; it fetches plotly when a chart is wanted.
            scripts = ["/assets/charts.js"] + (
                ["/assets/copy.js"] if url.startswith("/projects/") else []
            )
            assert sorted(e.attrs["src"] for e in tags) == scripts, url
            (tag,) = [e for e in tags if e.attrs["src"] == "/assets/charts.js"]
            assert (
                tag.attrs["data-plotly"] == "/assets/vendor/plotly-basic.min.js"
                and "defer" in tag.attrs
            )
        else:
            assert not {"/assets/charts.js", "/assets/vendor/plotly-basic.min.js"} & {
                e.attrs["src"] for e in tags
            }, url
        for chart in charts:
            spec = json.loads(doc.by_id(chart.attrs["data-chart"]).text())
            go.Figure(data=spec["data"], layout=spec["layout"])  # raises on any invalid property
            # The box holds the drawn chart's height before plotly arrives, with a button to draw it now.
            assert chart.attrs["style"] == f"height:{spec['layout']['height']}px", url
            assert "hidden" not in chart.attrs and chart.find_all("button"), url
            figure = next(a for a in chart.ancestors() if a.tag == "figure")
            assert figure.find_all("figcaption") and figure.find_all("table"), url


@pytest.mark.parametrize("goal", [1, 9, 17])
def test_sdg_pages(site: Path, goal: int) -> None:
    doc = page(site, f"/sdgs/{goal}/")
    text = doc.by_id("main").text()
    if goal == 9:  # all eight projects name goal 9
        assert len(doc.find_all("tbody")[0].find_all("tr")) == 8
    else:
        assert "この目標に関連するとされた事業はありません" in text
    assert {
        1: "貧困をなくそう",
        9: "産業と技術革新の基盤をつくろう",
        17: "パートナーシップで目標を達成しよう",
    }[goal] in text


def test_department_page_orders_by_cost_with_totals(site: Path) -> None:
    doc = page(site, "/departments/policy-innovation/")
    section = doc.by_id("science-technology")
    # 総コスト, the column the table is ranked by, comes first after the names (class "key")
    costs = [
        int(tr.find_all("td")[0].text().replace(",", ""))
        for tr in section.find_all("tbody")[0].find_all("tr")
    ]
    assert costs == sorted(costs, reverse=True) and len(costs) == 8
    assert all(tr.find_all("td")[0].attrs["class"] == "key" for tr in section.find_all("tr")[1:])
    total = section.find_all("tfoot")[0].find_all("td")
    assert int(total[0].text().replace(",", "")) == sum(costs)
    assert "合計（8件）" in section.find_all("tfoot")[0].text()
