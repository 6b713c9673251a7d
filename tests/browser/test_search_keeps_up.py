"""The search page keeps up with a resident on a phone (issue 12): typing before the engine
has loaded is kept, width variants find the same pages, the results come into view after
a tap on 検索, nothing shifts when they arrive, and Back brings back the expanded list."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, unquote

import pytest

from sitekit import CLS_OBSERVER, serve, submit_search
from test_search import open_search, shown_codes

PHONE = {"width": 360, "height": 740}


class HeldRequests:
    """Holds every request for the Pagefind bundle until :meth:`release`: the engine loads
    as slowly as the test wants (a network stalled for as long as it takes to type)."""

    def __init__(self, page) -> None:
        self.held: list[object] = []
        self.released = False
        page.route("**/pagefind/**", self._hold)

    def _hold(self, route) -> None:
        if self.released:
            route.continue_()
        else:
            self.held.append(route)

    def release(self) -> None:
        """Let the held requests and every later one through."""
        self.released = True
        for route in self.held:
            route.continue_()


def searched_codes(page, query: str) -> list[str]:
    """Search for ``query`` from the open search page's form: the codes of the results."""
    submit_search(page, query)
    return shown_codes(page)


def test_text_typed_before_the_engine_loads_is_kept_and_searched(page, site_url):
    held = HeldRequests(page)
    page.goto(f"{site_url}/search/?q={quote('ロボット')}", wait_until="domcontentloaded")
    page.wait_for_function("() => document.getElementById('search-page-q').value === 'ロボット'")
    field = page.locator("#search-page-q")
    field.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("特区")
    page.wait_for_timeout(400)  # past the typing pause: the search waits for the engine
    assert held.held, "the test must hold the engine's files while typing"
    assert page.locator("#search-status").get_attribute("data-state") != "done"
    held.release()
    codes = shown_codes(page)
    assert field.input_value() == "特区"
    assert codes == ["092"]
    assert "「特区」" in page.inner_text("#search-status")
    assert unquote(page.url.split("q=", 1)[1]) == "特区"


@pytest.mark.parametrize(
    ("variant", "plain"), [("ﾛﾎﾞｯﾄ", "ロボット"), ("ＳＴＥＡＭ", "STEAM"), ("ＴＧＩ", "TGI")]
)
def test_width_variants_find_what_the_plain_word_finds(search_page, variant, plain):
    expected = searched_codes(search_page, plain)
    assert expected
    assert searched_codes(search_page, variant) == expected
    assert f"「{variant}」" in search_page.inner_text("#search-status")  # the query as typed


def test_the_index_holds_compatibility_characters_as_search_compares_them(search_page):
    # 095's sheet prints "戦略プラン Ⅲ-2" (U+2162): found by the Latin III, and by Ⅲ itself.
    assert "095" in searched_codes(search_page, "III")
    assert "095" in searched_codes(search_page, "Ⅲ")


def test_results_come_into_view_after_tapping_search_at_360px(new_page, site_url):
    phone = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.goto(f"{site_url}/search/")
    phone.wait_for_selector("#search-status[data-state=done]")
    first_result_top = phone.evaluate(
        "document.getElementById('search-results').getBoundingClientRect().top"
    )
    assert first_result_top > PHONE["height"] / 2, "the results would start low on the screen"
    assert phone.locator(
        "#search-filters select"
    ).first.is_hidden()  # the filters wait behind 絞り込み
    phone.fill("#search-page-q", "事業")
    phone.locator("#search-form button[type=submit]").tap()
    phone.wait_for_url("**/search/?q=*")
    shown_codes(phone)
    box = phone.locator("#search-results .search-result").first.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
    assert phone.evaluate("document.activeElement.id") == "search-results-title"
    assert phone.locator("#search-status").get_attribute("aria-live") == "polite"


def test_filters_open_from_their_disclosure_on_a_phone(new_page, site_url):
    phone = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.goto(f"{site_url}/search/?q={quote('事業')}")
    shown_codes(phone)
    phone.locator("#search-filters-box summary").tap()
    assert phone.locator("#search-filters select").count() == 6
    assert phone.locator("#search-filters select").first.is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_nothing_shifts_when_results_arrive_on_a_desktop(page, site_url):
    page.add_init_script(CLS_OBSERVER)
    open_search(page, site_url, "ロボット")
    page.wait_for_timeout(500)
    assert page.locator("#search-results .search-result").count() >= 1
    assert page.evaluate("window.__cls") <= 0.02


@pytest.fixture(scope="module")
def many_results_url(generated_city: tuple[Path, Path]) -> str:
    """The session's generated city (every sheet says 継続), served: more results than one page."""
    with serve(generated_city[1]) as url:
        yield url


def _expand_and_scroll(page, url: str) -> float:
    page.goto(f"{url}/search/?q={quote('継続')}")
    assert len(shown_codes(page)) == 20
    page.click("#search-more")
    page.wait_for_function("() => document.querySelectorAll('#search-results li').length === 40")
    page.locator("#search-results li").nth(30).scroll_into_view_if_needed()
    page.wait_for_function(  # the view is kept once scrolling stops
        "() => history.state?.shown === 40 && history.state.scroll === window.scrollY"
    )
    return page.evaluate("window.scrollY")


def test_back_restores_the_expanded_list_and_the_position(page, many_results_url):
    scrolled = _expand_and_scroll(page, many_results_url)
    assert scrolled > 1000
    page.locator("#search-results li").nth(30).locator("a").click()
    page.wait_for_url("**/projects/**")
    page.go_back()
    page.wait_for_selector("#search-status[data-state=done]")
    assert page.locator("#search-results li").count() == 40
    assert abs(page.evaluate("window.scrollY") - scrolled) <= 2


def test_reload_restores_the_expanded_list_and_the_position(page, many_results_url):
    scrolled = _expand_and_scroll(page, many_results_url)
    page.reload()
    page.wait_for_selector("#search-status[data-state=done]")
    assert page.locator("#search-results li").count() == 40
    assert abs(page.evaluate("window.scrollY") - scrolled) <= 2
