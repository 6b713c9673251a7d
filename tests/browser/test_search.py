"""The search page in a real Chromium: Japanese queries find their projects, filters narrow,
the query lives in the URL, and nothing is loaded from outside the site."""

from __future__ import annotations

from urllib.parse import quote, unquote

import pytest

from sitekit import submit_search

# Each query is written in exactly one project's sheet (checked against the built pages by
# test_search_recall.py's ground truth too): the search must return that project.
QUERIES = {
    "つくばチャレンジ": "097",
    "ロボット": "097",
    "低炭素": "097",
    "協定": "094",
    "STEAM": "095",
    "科学教育": "095",
    "特区": "092",
    "TGI": "092",
    "Society 5.0": "093",
    "未来共創": "009",
    "市民ニーズ調査": "045",
    "国際科学技術都市": "096",
    "ハイレベルフォーラム": "096",
}
NOWHERE = "ピタゴラスイッチ"


def open_search(page, site_url: str, query: str) -> list[str]:
    """Open /search/?q=<query>, wait for the results and return the project codes shown."""
    page.goto(f"{site_url}/search/?q={quote(query)}")
    return shown_codes(page)


def shown_codes(page) -> list[str]:
    """Wait until the current search is done; the codes of the results on the page."""
    page.wait_for_selector("#search-status[data-state=done]")
    return page.locator("#search-results .search-result-code").all_inner_texts()


@pytest.mark.parametrize("query", sorted(QUERIES))
def test_query_finds_the_project_that_contains_it(search_page, query):
    submit_search(search_page, query)
    assert QUERIES[query] in shown_codes(search_page)
    status = search_page.inner_text(
        "#search-status"
    )  # the projects, and the department page that lists them
    assert (
        f"「{query}」" in status
        and f"{search_page.locator('#search-results .search-result').count()}件" in status
    )


def test_result_shows_code_name_department_cost_and_a_readable_excerpt(page, site_url):
    open_search(page, site_url, "つくばチャレンジ")
    first = page.locator("#search-results .search-result").first
    assert first.locator("h2 a").inner_text() == "097 ロボットの街つくば推進事業"
    assert first.locator("h2 a").get_attribute("href") == "/projects/097/"
    assert "政策イノベーション部" in first.locator(".search-result-meta").inner_text()
    assert "決算額" in first.locator(".search-result-meta").inner_text()
    excerpt = first.locator(".search-result-excerpt")
    text = excerpt.inner_text()
    assert (
        "つくばチャレンジ" in text
    )  # the page's own text: no boundary marks, no spaces inside words
    assert "\u2063" not in page.inner_text("#search-results")
    assert excerpt.locator("mark").count() >= 1


def test_a_filter_narrows_the_results_and_is_kept_in_the_url(page, site_url):
    everything = open_search(page, site_url, "事業")
    assert len(everything) == 8
    page.click("#search-filters-box summary")  # the filters wait behind a disclosure
    direction = page.locator("#search-filters select", has=page.locator("option[value='廃止']"))
    direction.select_option("廃止")
    page.wait_for_url("**direction=*")
    assert shown_codes(page) == ["096"]
    assert "1件" in page.inner_text("#search-status")
    assert "direction=" + quote("廃止") in page.url
    page.reload()
    assert shown_codes(page) == ["096"]
    assert direction.input_value() == "廃止"


def test_a_word_that_appears_nowhere_returns_nothing(page, site_url):
    assert open_search(page, site_url, NOWHERE) == []
    assert "0件" in page.inner_text("#search-status")


def test_keyboard_search_keeps_the_query_in_the_url(page, site_url):
    page.goto(f"{site_url}/search/")
    page.wait_for_selector("#search-status[data-state=done]")
    page.locator("#search-page-q").focus()
    page.keyboard.type("特区")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert unquote(page.url.split("q=", 1)[1]) == "特区"
    assert "092" in shown_codes(page)


def test_header_search_box_leads_to_the_results(page, site_url):
    page.goto(f"{site_url}/")
    page.fill("#site-search-q", "STEAM")
    page.press("#site-search-q", "Enter")
    page.wait_for_url("**/search/?q=STEAM")
    assert "095" in shown_codes(page)
    assert page.input_value("#search-page-q") == "STEAM"


def test_controls_are_labelled_and_the_count_is_announced(page, site_url):
    open_search(page, site_url, "ロボット")
    status = page.locator("#search-status")
    assert (
        status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    )
    selects = page.locator("#search-filters select")
    assert (
        selects.count() == 6
    )  # fiscal year, department, division, SDG goal, direction, new/continuing
    for index in range(selects.count()):
        labels = selects.nth(index).evaluate(
            "select => Array.from(select.labels, l => l.textContent.trim())"
        )
        assert len(labels) == 1 and labels[0]
    assert (
        page.locator("#search-page-q").evaluate("input => input.labels[0].textContent")
        == "検索する言葉"
    )


def test_search_page_loads_nothing_from_outside_the_site(page, site_url):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_search(page, site_url, "ロボット")
    assert any("/pagefind/" in url for url in requested)
    outside = [url for url in requested if not url.startswith(site_url + "/")]
    assert outside == []
