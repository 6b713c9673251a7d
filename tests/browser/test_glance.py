"""Understood at a glance on a phone (issue 20), in Chromium at 360x740 on the real sheets and
on a generated city (bench.synth, two years): a header of at most about 120 px with the
search field in it, the budget picture starting on the home page's first screen (every area
a target of at least 24x24 px, reachable with the keyboard, drawn without JavaScript), a
project page's cost, indicators met and direction within its first 1,480 px, every table's
names and key column in view, the project list's names as wide as its blocks and its caption
following the sort and filters, and every interactive target at least 24x24 px (axe's
target-size rule, WCAG 2.2 2.5.8)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from gatekit import format_axe
from sitekit import PAGE_KINDS, PHONE, node_file, pages_of, serve, visit

HEADER_MAX = 120
FIRST_SCREENS = 1480  # two screens of 740 px


@pytest.fixture(scope="module")
def city(generated_city: tuple[Path, Path]) -> Path:
    """The session's generated city (200 sheets a year over two years, 18 部・局), built.
    0001 is new in 2022 and 0002 has no 2022 sheet: 0003 and 0004 have both years."""
    return generated_city[1]


@pytest.fixture(scope="module")
def city_url(city: Path):
    with serve(city) as url:
        yield url


def _bottom(page, selector: str) -> float:
    return page.evaluate(
        "s => document.querySelector(s).getBoundingClientRect().bottom + scrollY", selector
    )


@pytest.mark.parametrize(
    "kind", [kind for kind in PAGE_KINDS if kind != "embed"]
)  # an embed has no header
def test_the_header_yields_the_screen_and_holds_the_search(
    phone_reader, site_url, site_pages, kind
):
    for site_page in pages_of(site_pages, kind):
        visit(phone_reader, site_url, site_page)
        header = phone_reader.evaluate(
            "document.querySelector('.site-header').getBoundingClientRect().height"
        )
        assert header <= HEADER_MAX, f"{site_page.url}: header {header}px"
        if kind == "search":  # /search/ has one box, its own, at the top of the page (issue 21)
            assert phone_reader.locator(".site-header input[name=q]").count() == 0
            field, expected = phone_reader.locator("#search-page-q"), "search-page-q"
            assert (
                field.bounding_box()["y"] + field.bounding_box()["height"]
                <= PHONE["viewport"]["height"] / 2
            )
        else:
            field, expected = phone_reader.locator(".site-header input[name=q]"), "site-search-q"
            assert field.bounding_box()["y"] + field.bounding_box()["height"] <= header
        assert field.is_visible()
        field.tap()  # one tap, and the reader types
        assert phone_reader.evaluate("document.activeElement.id") == expected


def test_the_menu_opens_with_the_keyboard_and_lists_every_section(phone_reader, site_url):
    phone_reader.goto(site_url + "/")
    phone_reader.locator(".site-menu summary").focus()
    phone_reader.keyboard.press("Enter")
    links = phone_reader.locator(".site-nav a")
    assert links.count() == 6 and all(links.nth(i).is_visible() for i in range(6))
    assert min(links.nth(i).bounding_box()["height"] for i in range(6)) >= 24


def test_the_home_pages_first_screen_shows_the_budget_picture(phone_reader, city_url):
    phone_reader.goto(city_url + "/")
    top = phone_reader.evaluate("document.querySelector('.treemap').getBoundingClientRect().top")
    assert top < PHONE["viewport"]["height"] - 100, f"the picture starts at {top}px"
    tiles = phone_reader.evaluate(
        "[...document.querySelectorAll('.treemap .tile')].map(a => a.getBoundingClientRect())"
        ".map(r => [r.width, r.height])"
    )
    assert len(tiles) > 5 and min(min(w, h) for w, h in tiles) >= 24, tiles
    phone_reader.locator(".treemap .tile").first.focus()
    assert phone_reader.evaluate("document.activeElement.classList.contains('tile')")
    phone_reader.keyboard.press("Tab")
    assert phone_reader.evaluate(
        "document.activeElement.classList.contains('tile')"
    )  # the next area


def test_the_budget_picture_needs_no_script(new_page, city_url):
    page = new_page(java_script_enabled=False, **PHONE)
    for url in ("/", "/departments/", "/sdgs/3/"):
        page.goto(city_url + url)
        if url == "/departments/":
            page.goto(city_url + page.locator("main table a").first.get_attribute("href"))
        tiles = page.locator(".treemap .tile")
        assert tiles.count() > 1 and tiles.first.is_visible(), url


def test_a_project_page_answers_within_two_screens(phone_reader, site_url, city_url):
    for base, url in (
        (site_url, "/projects/092/"),
        (city_url, "/projects/0003/"),
        (city_url, "/projects/0150/2021/"),
    ):
        phone_reader.goto(base + url)
        for selector in ("#summary .total", "#glance-indicators", "#direction"):
            assert _bottom(phone_reader, selector) <= FIRST_SCREENS, (
                f"{url}: {selector} ends at {_bottom(phone_reader, selector)}px"
            )
        assert phone_reader.locator("nav[aria-labelledby=contents-title] a").count() >= 9


# For each table of the page: rows whose name or key cell ("key") is not fully inside the screen.
_KEYS = """() => [...document.querySelectorAll('main table')].map(t => {
  const edge = Math.min(innerWidth, (t.closest('.table-wrap') || document.body).getBoundingClientRect().right);
  const rows = [...t.rows].filter(r => r.querySelector('.key'));
  const out = rows.filter(r => { const a = r.cells[0].getBoundingClientRect(), k = r.querySelector('.key').getBoundingClientRect();
    return a.left < 0 || a.right > innerWidth || k.right > edge + 0.5; }).length;
  return {caption: (t.caption?.textContent || '').trim().slice(0, 40), keyed: rows.length, rows: t.rows.length, out};
})"""


def test_every_table_shows_its_names_and_key_column(phone_reader, city, city_url):
    departments = sorted(p.name for p in (city / "departments").iterdir() if p.is_dir())
    urls = [
        "/",
        "/departments/",
        f"/departments/{departments[0]}/",
        "/sdgs/3/",
        "/changes/2022/",
        "/projects/0003/",
        "/projects/0004/2021/",
    ]
    problems, keyed = [], 0
    for url in urls:
        phone_reader.goto(city_url + url)
        for table in phone_reader.evaluate(_KEYS):
            keyed += table["keyed"]
            if table["out"]:
                problems.append(
                    f"{url}: {table['caption']!r}: {table['out']} of {table['keyed']} rows"
                )
            if (
                not table["keyed"]
                and table["rows"] > 1
                and phone_reader.evaluate(
                    "c => [...document.querySelectorAll('main table')].find(t => (t.caption?.textContent || '')"
                    ".trim().startsWith(c)).getBoundingClientRect().width > innerWidth",
                    table["caption"],
                )
            ):
                problems.append(
                    f"{url}: {table['caption']!r} is wider than the screen and names no key column"
                )
    assert keyed > 100 and not problems, "\n".join(problems)


def test_the_project_list_gives_names_the_width_and_its_caption_follows(phone_reader, city_url):
    phone_reader.goto(f"{city_url}/projects/?department={quote('保健福祉部')}")
    phone_reader.wait_for_function(
        "() => document.querySelectorAll('#project-list .sort-button').length === 6"
    )
    widths = phone_reader.evaluate(
        "(() => { const th = document.querySelector('#project-list tbody tr:not([hidden]) th');"
        " return [th.getBoundingClientRect().width, th.closest('tr').getBoundingClientRect().width] })()"
    )
    assert widths[0] >= widths[1] - 1, widths
    phone_reader.locator("#project-list thead th").nth(4).locator("button").click()
    caption = phone_reader.inner_text("#project-list-caption")
    # the 2022 sheets: 200 but 0002's
    assert caption.startswith("令和4年度 (2022年度)の事業（保健福祉部、199件のうち")
    assert caption.endswith("件、総コストの大きい順）")
    phone_reader.fill("#project-filter-q", "ロボット")
    assert "「ロボット」を含む" in phone_reader.inner_text("#project-list-caption")


def _target_size(page) -> list[dict]:
    page.evaluate(node_file("axe-core/axe.min.js").read_text(encoding="utf-8"))
    return page.evaluate(
        "axe.run(document, {runOnly: ['target-size'], resultTypes: ['violations']})"
    )["violations"]


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_target_is_at_least_24_px(phone_reader, site_url, site_pages, kind):
    problems = []
    for site_page in pages_of(site_pages, kind):
        visit(phone_reader, site_url, site_page)
        if violations := _target_size(phone_reader):
            problems.append(format_axe(site_page.url, violations))
    assert not problems, "\n".join(problems)


def test_every_target_of_the_citys_index_pages_is_at_least_24_px(phone_reader, city, city_url):
    department = sorted(p.name for p in (city / "departments").iterdir() if p.is_dir())[0]
    problems = []
    for url in (
        "/",
        "/projects/",
        f"/departments/{department}/",
        "/sdgs/3/",
        "/changes/",
        "/changes/2022/",
        "/projects/0003/",
        "/projects/0003/changes/2022/",
    ):
        phone_reader.goto(city_url + url)
        if violations := _target_size(phone_reader):
            problems.append(format_axe(url, violations))
    assert not problems, "\n".join(problems)
