"""The budget as one picture (issue 20): a treemap drawn at build time on the home, department
and SDG pages. Its areas add up to the total 総コスト of the data files, each is a link to a
page that exists, its table holds the same figures, and the layout fills its square without
overlap, every area at least MIN_SIDE percent of the side."""

from __future__ import annotations

import csv
import io
import re
from itertools import combinations
from pathlib import Path

import pytest

from builder.catalog.catalog import build_catalog
from builder.pages.index_pages import department_page, home_page, sdg_page
from builder.pages.treemap import MIN_SIDE, Item, Treemap, squarify, treemap
from builder.parse.stage import parse_content
from builder.records.model import full_cost
from builder.records.sdgs import SDG_GOALS
from builder.settings.departments import load_organisation
from tests.cities import synthetic_content
from tests.portal.portalkit import Element, page

STYLE = re.compile(r"left:([\d.]+)%;top:([\d.]+)%;width:([\d.]+)%;height:([\d.]+)%")


def _tiles(doc: Element) -> list[tuple[str, str, tuple[float, ...]]]:
    """(link, text, (left, top, width, height)) of each area of the page's picture."""
    (picture,) = [e for e in doc.find_all("div") if e.attrs.get("class") == "treemap"]
    return [
        (
            a.attrs["href"],
            a.text(),
            tuple(float(v) for v in STYLE.fullmatch(a.attrs["style"]).groups()),
        )
        for a in picture.find_all("a")
    ]


def _table(doc: Element) -> dict[str, int]:
    """Each row of the picture's table: its name -> 総コスト in 千円."""
    table = doc.by_id("budget-picture-caption").parent
    return {
        tr.find_all("th")[0].text(): int(tr.find_all("td")[0].text().replace(",", ""))
        for tr in table.find_all("tbody")[0].find_all("tr")
    }


def _own_year_full_costs(site: Path) -> list[int]:
    rows = csv.DictReader(
        io.StringIO((site / "data" / "costs.csv").read_bytes().decode("utf-8-sig"))
    )
    return [
        int(r["総コスト（千円）"])
        for r in rows
        if r["年度"] == r["対象年度"] == "2022" and r["総コスト（千円）"]
    ]


def test_the_home_picture_adds_up_to_the_citys_total_in_the_downloads(site: Path) -> None:
    doc = page(site, "/")
    tiles = _tiles(doc)
    table = _table(doc)
    total = sum(_own_year_full_costs(site))
    assert total == 72_325  # the 8 real sheets of 2022, all of 政策イノベーション部
    assert sum(table.values()) == total
    assert [(href, text) for href, text, _ in tiles] == [
        ("/departments/policy-innovation/", "政策イノベーション部 約7,233万円・100.0%")
    ]
    assert doc.by_id("budget-picture").find_all("tfoot")[0].find_all("td")[0].text() == "72,325"


def test_the_department_picture_shows_its_projects_and_their_table(site: Path, sheets) -> None:
    doc = page(site, "/departments/policy-innovation/")
    tiles, table = _tiles(doc), _table(doc)
    costs = {s.name: full_cost(s.cost_for(2022)) for s in sheets.values()}
    drawn = {text.split(" 約")[0]: href for href, text, _ in tiles}
    for (
        name,
        href,
    ) in drawn.items():  # each project of at least 1.5 % is an area linking to its page
        code = next(s.code for s in sheets.values() if s.name == name)
        assert href == f"/projects/{code}/" and table[name] == costs[name]
    assert sum(v for name, v in table.items() if name in drawn) == sum(costs.values())


def test_squarify_fills_the_square_without_overlap() -> None:
    values = [600, 600, 400, 300, 200, 200, 100]  # Bruls et al.'s example, scaled to 10,000
    rects = squarify([v * 10_000 / 2400 for v in values], (0.0, 0.0, 100.0, 100.0))
    assert [round(w * h, 6) for _, _, w, h in rects] == [
        round(v * 10_000 / 2400, 6) for v in values
    ]
    assert all(
        x >= 0 and y >= 0 and x + w <= 100 + 1e-9 and y + h <= 100 + 1e-9 for x, y, w, h in rects
    )
    for (ax, ay, aw, ah), (bx, by, bw, bh) in combinations(rects, 2):
        assert (
            min(ax + aw, bx + bw) - max(ax, bx) <= 1e-9
            or min(ay + ah, by + bh) - max(ay, by) <= 1e-9
        )


def test_small_items_are_drawn_together_and_no_area_is_thin() -> None:
    items = [
        Item(f"事業{n}", value, f"/projects/{n}/")
        for n, value in enumerate([5000, 3000, 800, *[20] * 40])
    ]
    picture = treemap("t", "t", items, "/projects/")
    assert picture.total == sum(i.value for i in items)
    assert sum(t.value for t in picture.tiles) == picture.total
    (rest,) = [t for t in picture.tiles if t.url == "/projects/"]
    assert rest.label.startswith("ほか") and rest.value >= 40 * 20
    assert all(min(t.w, t.h) >= MIN_SIDE for t in picture.tiles)


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """The catalog of 400 synthetic sheets over 18 部・局 (bench.synth)."""
    content = synthetic_content(tmp_path_factory.mktemp("picture-city"), 400)
    sheets = parse_content(content).sheets
    organisation, errors = load_organisation(content).for_sheets(sheets)
    assert not errors
    return build_catalog(sheets, organisation)


def _sum(picture: Treemap) -> int:
    return sum(t.value for t in picture.tiles)


def test_every_picture_of_a_city_adds_up_and_stays_tappable(city) -> None:
    own = [full_cost(s.cost_for(s.fiscal_year)) or 0 for s in city.current]
    home = home_page(city, "").picture
    assert _sum(home) == home.total == sum(own) and len(home.tiles) > 5
    for department in city.departments:
        picture = department_page(city, department).picture
        assert _sum(picture) == sum(
            full_cost(s.cost_for(s.fiscal_year)) or 0 for s in department.sheets
        ), department.name
        assert sum(g.value for g in picture.groups) == picture.total
        assert all(min(t.w, t.h) >= MIN_SIDE for t in picture.tiles), department.name
    for goal in SDG_GOALS:
        picture = sdg_page(city, goal).picture
        if picture is not None:
            assert _sum(picture) == sum(
                full_cost(s.cost_for(s.fiscal_year)) or 0 for s in city.sdg_sheets(goal)
            )
            assert all(min(t.w, t.h) >= MIN_SIDE for t in picture.tiles), goal
