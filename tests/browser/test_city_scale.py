"""The index pages of a whole city (issue 12): 1,000 generated sheets over 18 部・局.

The home, project list, department and SDG pages are rendered from the parsed sheets with
the site's own templates and assets (the rest of a full build, which takes a minute at this
size, adds nothing to them); ``bench/city_pages.py`` measures the same pages of a full build.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest

from builder.build import TEMPLATES, _copy_files
from builder.catalog.catalog import build_catalog
from builder.pages.index_pages import HOME_ROWS, PAGE_ROWS, department_page, home_page, sdg_page
from builder.pages.project_list import ROWS_PER_GROUP, project_list
from builder.pages.render import make_environment, write_page
from builder.parse.stage import parse_content
from builder.records.model import full_cost
from builder.records.sdgs import SDG_GOALS
from builder.settings.departments import load_organisation
from builder.settings.site import load_site_config
from sitekit import CLS_OBSERVER, serve
from tests.cities import synthetic_content

SHEETS = 1000
PHONE = {"width": 360, "height": 740}
DOM_BUDGET = 1400  # Lighthouse warns above 800 elements and fails a page above 1,400
ELEMENT = re.compile(r"<[a-zA-Z]")
PROJECT_ROW = re.compile(
    r'<th scope="row"><a href="/projects/[^"#]*">'
)  # a row of a project table (not of the indicators below target)


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """(catalog, site folder): the index pages of 1,000 synthetic sheets, with the site's assets."""
    work = tmp_path_factory.mktemp("city")
    content = synthetic_content(work, SHEETS)
    sheets = parse_content(content).sheets
    organisation, errors = load_organisation(content).for_sheets(
        sheets
    )  # slugs from the names' readings
    assert not errors
    catalog = build_catalog(sheets, organisation)
    site = load_site_config(content)
    env = make_environment(TEMPLATES, site, ())
    root = work / "site"
    pages = [
        ("/", "home.html", home_page(catalog, site.description)),
        ("/projects/", "projects.html", project_list(catalog)),
    ]
    pages += [
        (f"/departments/{d.slug}/", "department.html", department_page(catalog, d))
        for d in catalog.departments
    ]
    pages += [(f"/sdgs/{n}/", "sdg.html", sdg_page(catalog, n)) for n in sorted(SDG_GOALS)]
    for url, template, context in pages:
        write_page(env, root, url, template, page=context)
    _copy_files(root)
    return catalog, root


@pytest.fixture(scope="module")
def city_url(city):
    with serve(city[1]) as url:
        yield url


def _html(root: Path, url: str) -> str:
    return (root / url.lstrip("/") / "index.html").read_text(encoding="utf-8")


def test_the_city_is_big_enough_to_matter(city):
    catalog, _ = city
    assert len(catalog.current) == SHEETS and len(catalog.departments) >= 15
    assert max(len(d.sheets) for d in catalog.departments) > PAGE_ROWS
    assert max(len(catalog.sdg_sheets(n)) for n in SDG_GOALS) > PAGE_ROWS


def test_department_and_sdg_pages_stay_within_the_dom_budget(city):
    catalog, root = city
    urls = [f"/departments/{d.slug}/" for d in catalog.departments] + [
        f"/sdgs/{n}/" for n in SDG_GOALS
    ]
    counts = {url: len(ELEMENT.findall(_html(root, url))) for url in urls}
    over = {url: count for url, count in counts.items() if count > DOM_BUDGET}
    assert not over, over
    for url in urls:
        assert len(PROJECT_ROW.findall(_html(root, url))) <= PAGE_ROWS, url


def test_a_capped_department_page_sums_every_project_and_links_to_the_rest(city):
    catalog, root = city
    biggest = max(catalog.departments, key=lambda d: len(d.sheets))
    html = _html(root, f"/departments/{biggest.slug}/")
    assert len(PROJECT_ROW.findall(html)) == PAGE_ROWS
    assert f"{len(biggest.sheets)}件" in html
    assert f"/projects/?department={quote(biggest.name)}" in html


def test_home_is_at_most_ten_phone_screens_tall(new_page, city, city_url):
    phone = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.goto(city_url + "/", wait_until="load")
    height = phone.evaluate("document.documentElement.scrollHeight")
    assert height <= 10 * PHONE["height"], f"the home page is {height}px tall"
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.locator("#projects tbody tr").count() == HOME_ROWS
    assert phone.locator("#projects a[href='/projects/']").count() == 1


def test_the_project_list_of_the_city_filters_and_sorts(page, city, city_url):
    catalog, _ = city
    department = catalog.departments[0]
    page.goto(f"{city_url}/projects/?department={quote(department.name)}")
    assert page.locator("#project-list tbody tr:visible").count() == len(department.sheets)
    assert f"{SHEETS}件のうち{len(department.sheets)}件" in page.inner_text("#project-count")
    page.locator("#project-list thead th").nth(4).locator(
        "button"
    ).click()  # 総コスト, largest first
    first = page.locator("#project-list tbody tr:visible").first.locator(".code").inner_text()
    assert first == department.sheets[0].code


def test_the_project_list_does_not_shift_when_its_script_runs_on_a_phone(new_page, city_url):
    phone = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.add_init_script(CLS_OBSERVER)
    phone.goto(f"{city_url}/projects/", wait_until="load")
    phone.wait_for_function(
        "() => document.querySelectorAll('#project-list .sort-button').length === 6"
    )
    phone.wait_for_timeout(500)
    assert phone.evaluate("window.__cls") <= 0.02
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


SHOWN_GROUPS = """() => [...document.querySelectorAll('#project-list tbody')].map((group) => group.hidden ? null
  : [...group.rows].filter((row) => !row.hidden).map((row) => row.querySelector('.code').textContent))"""
"""For each row group (<tbody>) of the project list, the codes of its shown rows; null for a hidden group."""


def _full_cost_order(sheets) -> list[str]:
    """Codes by full cost, largest first, unknown last, ties in code order (as the list sorts)."""

    def key(sheet):
        cost = full_cost(sheet.cost_for(sheet.fiscal_year))
        return (cost is None, -(cost or 0), sheet.code)

    return [sheet.code for sheet in sorted(sheets, key=key)]


def test_the_project_list_keeps_its_row_groups_full_and_in_order_when_sorted_and_filtered(
    new_page, city, city_url
):
    catalog, _ = city
    phone = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.goto(f"{city_url}/projects/", wait_until="load")
    groups = phone.evaluate(SHOWN_GROUPS)
    assert [len(group) for group in groups] == [ROWS_PER_GROUP] * (
        SHEETS // ROWS_PER_GROUP
    )  # as built, no script needed
    assert [code for group in groups for code in group] == sorted(
        sheet.code for sheet in catalog.current
    )
    phone.locator("#project-list thead th").nth(4).locator(
        "button"
    ).click()  # 総コスト, largest first
    groups = phone.evaluate(SHOWN_GROUPS)
    assert [code for group in groups for code in group] == _full_cost_order(catalog.current)
    assert all(len(group) == ROWS_PER_GROUP for group in groups)
    department = max(catalog.departments, key=lambda d: len(d.sheets))
    phone.select_option("#project-filter-department", department.name)
    groups = phone.evaluate(SHOWN_GROUPS)
    shown = [group for group in groups if group is not None]
    assert [code for group in shown for code in group] == _full_cost_order(department.sheets)
    assert [len(group) for group in shown[:-1]] == [ROWS_PER_GROUP] * (
        len(shown) - 1
    )  # the shown rows fill the first groups
    assert groups[len(shown) :] == [None] * (
        len(groups) - len(shown)
    )  # the groups left empty are hidden
    first_row = phone.locator("#project-list tbody tr:not([hidden])").first.bounding_box()
    assert first_row["height"] > 0 and first_row["width"] <= PHONE["width"]
    phone.select_option("#project-filter-department", "")
    groups = phone.evaluate(SHOWN_GROUPS)
    assert [code for group in groups for code in group] == _full_cost_order(catalog.current)
    assert f"全{SHEETS}件" in phone.inner_text("#project-count")
