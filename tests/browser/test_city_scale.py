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

from bench.common import synthetic_content
from builder.build import TEMPLATES, _copy_files
from builder.catalog.catalog import build_catalog
from builder.records.sdgs import SDG_GOALS
from builder.settings.departments import load_organisation
from builder.settings.site import load_site_config
from builder.parse.stage import parse_content
from builder.pages.index_pages import HOME_ROWS, PAGE_ROWS, department_page, home_page, sdg_page
from builder.pages.project_list import project_list
from builder.pages.render import make_environment, write_page
from sitekit import CLS_OBSERVER, serve

SHEETS = 1000
PHONE = {"width": 360, "height": 740}
DOM_BUDGET = 1400  # Lighthouse warns above 800 elements and fails a page above 1,400
ELEMENT = re.compile(r"<[a-zA-Z]")
PROJECT_ROW = re.compile(r'<th scope="row"><a href="/projects/[^"#]*">')  # a row of a project table (not of the indicators below target)


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """(catalog, site folder): the index pages of 1,000 synthetic sheets, with the site's assets."""
    work = tmp_path_factory.mktemp("city")
    content = synthetic_content(work, SHEETS)
    sheets = parse_content(content).sheets
    organisation, errors = load_organisation(content).for_sheets(sheets)  # slugs from the names' readings
    assert not errors
    catalog = build_catalog(sheets, organisation)
    site = load_site_config(content)
    env = make_environment(TEMPLATES, site, ())
    root = work / "site"
    pages = [("/", "home.html", home_page(catalog, site.description)), ("/projects/", "projects.html", project_list(catalog))]
    pages += [(f"/departments/{d.slug}/", "department.html", department_page(catalog, d)) for d in catalog.departments]
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
    urls = [f"/departments/{d.slug}/" for d in catalog.departments] + [f"/sdgs/{n}/" for n in SDG_GOALS]
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
    page.locator("#project-list thead th").nth(4).locator("button").click()  # 総コスト, largest first
    first = page.locator("#project-list tbody tr:visible").first.locator(".code").inner_text()
    assert first == department.sheets[0].code


def test_the_project_list_does_not_shift_when_its_script_runs_on_a_phone(new_page, city_url):
    phone = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.add_init_script(CLS_OBSERVER)
    phone.goto(f"{city_url}/projects/", wait_until="load")
    phone.wait_for_function("() => document.querySelectorAll('#project-list .sort-button').length === 6")
    phone.wait_for_timeout(500)
    assert phone.evaluate("window.__cls") <= 0.02
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
