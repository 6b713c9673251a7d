"""The project list (/projects/) in Chromium: the plain table without JavaScript; with it,
sorting by any column and filtering by department, direction, SDG goal and text; a list on
a phone that is still a table to screen readers; the 担当 column never squeezed."""

from __future__ import annotations

from urllib.parse import quote

import pytest

ROWS = "#project-list tbody tr"
CODES = ["009", "045", "092", "093", "094", "095", "096", "097"]
FULL_COST = {
    "009": 5668,
    "045": 4085,
    "092": 11473,
    "093": 10838,
    "094": 8088,
    "095": 13697,
    "096": 4755,
    "097": 13721,
}
PHONE = {"width": 360, "height": 740}


def visible_codes(page) -> list[str]:
    """The codes of the rows shown, in order."""
    return page.locator(f"{ROWS}:visible .code").all_inner_texts()


def footer_amounts(page) -> list[int]:
    """決算額, 人件費 and 総コスト of the footer row."""
    cells = page.locator("#project-list tfoot td").all_inner_texts()[1:4]
    return [int(cell.replace(",", "")) for cell in cells]


def test_without_javascript_the_plain_table_lists_every_project(new_page, site_url):
    page = new_page(java_script_enabled=False)
    page.goto(f"{site_url}/projects/?department=x")
    assert visible_codes(page) == CODES
    assert page.locator("#project-filters").is_hidden()
    assert page.locator("#project-list button").count() == 0
    assert page.locator("#project-list thead th").first.get_attribute("aria-sort") == "ascending"
    assert (
        page.locator(f"{ROWS} .code", has_text="097")
        .locator("xpath=ancestor::tr//td")
        .nth(3)
        .inner_text()
        == "13,721"
    )
    assert "合計（8件）" in page.inner_text("#project-list tfoot")


def test_every_column_sorts_both_ways_with_aria_sort(page, site_url):
    page.goto(f"{site_url}/projects/")
    headers = page.locator("#project-list thead th")
    assert headers.count() == 6 and page.locator("#project-list thead th button").count() == 6
    headers.nth(4).locator("button").click()  # 総コスト: largest first
    assert visible_codes(page) == sorted(CODES, key=lambda code: -FULL_COST[code])
    assert headers.nth(4).get_attribute("aria-sort") == "descending"
    assert headers.nth(0).get_attribute("aria-sort") is None
    headers.nth(4).locator("button").click()
    assert visible_codes(page) == sorted(CODES, key=lambda code: FULL_COST[code])
    assert headers.nth(4).get_attribute("aria-sort") == "ascending"
    headers.nth(5).locator("button").click()  # 方向性, then by code
    directions = page.locator(f"{ROWS} td:last-child").all_inner_texts()
    runs = [d for i, d in enumerate(directions) if i == 0 or directions[i - 1] != d]
    assert len(runs) == len(set(directions)) > 1  # each direction together
    codes = visible_codes(page)
    for direction in runs:  # within a direction, code order
        group = [code for code, d in zip(codes, directions) if d == direction]
        assert group == sorted(group)
    assert headers.nth(5).get_attribute("aria-sort") == "ascending"
    headers.nth(0).locator("button").click()  # 事業: code order, ascending first
    assert visible_codes(page) == CODES
    assert "sort=" not in page.url
    headers.nth(0).locator("button").click()
    assert visible_codes(page) == CODES[::-1]
    assert "sort=0-" in page.url


def test_filters_narrow_the_rows_and_the_totals(page, site_url):
    page.goto(f"{site_url}/projects/")
    assert page.inner_text("#project-count") == "全8件を表示しています。"
    page.select_option("#project-filter-direction", "廃止")
    assert visible_codes(page) == ["096"]
    assert "8件のうち1件" in page.inner_text("#project-count")
    assert footer_amounts(page)[2] == FULL_COST["096"]
    assert "direction=" + quote("廃止") in page.url
    page.select_option("#project-filter-direction", "")
    page.fill("#project-filter-q", "ﾛﾎﾞｯﾄ")  # half-width: compared as the search compares text
    assert visible_codes(page) == ["097"]
    page.fill("#project-filter-q", "")
    page.select_option("#project-filter-sdg", "9")
    assert visible_codes(page) == CODES  # every sheet names goal 9
    page.select_option("#project-filter-sdg", "11")
    eleven = visible_codes(page)
    assert "095" in eleven and len(eleven) < 8
    assert footer_amounts(page)[2] == sum(FULL_COST[code] for code in eleven)


def test_filters_come_from_the_url(page, site_url):
    page.goto(
        f"{site_url}/projects/?department={quote('政策イノベーション部')}&q={quote('特区')}&sort=4-"
    )
    assert visible_codes(page) == ["092"]
    assert page.input_value("#project-filter-q") == "特区"
    assert page.locator("#project-list thead th").nth(4).get_attribute("aria-sort") == "descending"


def test_on_a_phone_each_project_is_a_block_but_still_a_table_row(new_page, site_url):
    phone = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.goto(f"{site_url}/projects/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    row = phone.locator(ROWS).first
    assert row.evaluate("tr => getComputedStyle(tr).display") == "grid"
    box = row.bounding_box()
    assert box["width"] <= PHONE["width"] and box["height"] < 250
    for cell in row.locator("td").all():  # every figure whole, inside the screen
        cell_box = cell.bounding_box()
        assert cell_box["x"] >= 0 and cell_box["x"] + cell_box["width"] <= PHONE["width"]
    tree = phone.locator("#project-list").aria_snapshot()
    assert "- table" in tree and "- row" in tree and "- cell" in tree and "- rowheader" in tree


@pytest.mark.parametrize("url", ["/projects/", "/sdgs/9/", "/"])
def test_the_department_column_keeps_each_name_on_one_line(new_page, site_url, url):
    phone = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.goto(site_url + url)
    parts = phone.locator("td.org .org-part")
    assert parts.count() >= 1
    lines = parts.evaluate_all("spans => spans.map(span => span.getClientRects().length)")
    assert set(lines) == {1}
