"""Charts cost the phone nothing until wanted: plotly is not fetched with the page, each chart
box keeps its height while plotly is on its way (no layout shift, even while scrolling on a
slow connection), and a chart not drawn yet shows its caption, its table and a button that
draws it."""

from __future__ import annotations

import pytest

from sitekit import CHART, PHONE, draw_charts, pages_of, visit

PLOTLY = "**/assets/vendor/plotly-basic.min.js"
MAX_CLS = 0.02
# Slow 4G as Lighthouse's mobile preset models it: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up.
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 750_000 / 8,
}
NO_THROTTLING = {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}

# Sums every layout shift of the page (not caused by input), from the first paint on.
_WATCH_SHIFTS = """window.layoutShift = 0;
new PerformanceObserver(list => { for (const entry of list.getEntries()) {
  if (!entry.hadRecentInput) window.layoutShift += entry.value; } }).observe({type: "layout-shift", buffered: true});"""


# Resolves once the loaded page has rendered two frames (an IntersectionObserver started at
# load has reported by then) and the browser has gone idle: what the page does of itself
# without the reader is done.
SETTLED = """() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(
  () => requestIdleCallback(done, {timeout: 2000}))))"""


def _plotly_requests(page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: "plotly" in request.url and requests.append(request.url))
    return requests


@pytest.mark.parametrize("device", ["phone", "desktop"])
@pytest.mark.parametrize("kind", ["project", "year"])
def test_no_plotly_before_the_reader_scrolls(new_page, site_url, site_pages, kind, device):
    page = new_page(**PHONE) if device == "phone" else new_page()
    requests = _plotly_requests(page)
    for site_page in pages_of(site_pages, kind):
        visit(page, site_url, site_page)
        page.evaluate(SETTLED)
        assert not requests, f"{site_page.url}: plotly fetched before any interaction: {requests}"
        assert (
            page.locator(CHART).count()
            and page.evaluate("() => typeof window.Plotly") == "undefined"
        )
        # Each box waiting for its chart shows a button to draw it; its caption and table are there.
        for figure in page.locator(f"figure:has({CHART})").all():
            assert (
                figure.locator("figcaption").is_visible() and figure.locator("table").is_visible()
            )
            assert figure.locator(".chart-draw").is_visible()
        # Scrolling fetches plotly once and draws the charts as they come near.
        assert draw_charts(page) == page.locator(CHART).count()
        assert len(requests) == 1, requests
        requests.clear()


def test_a_chart_is_drawn_at_once_by_its_button(new_page, site_url, site_pages):
    page = new_page(**PHONE)
    visit(page, site_url, pages_of(site_pages, "project")[0])
    box = page.locator(CHART).last
    box.locator(".chart-draw").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "box => !!box.querySelector('.main-svg')", arg=box.element_handle(), timeout=30_000
    )
    assert box.get_attribute("role") == "img" and box.get_attribute("aria-label").endswith(
        "数値は次の表のとおりです。"
    )
    assert page.evaluate(
        "() => document.activeElement.matches('[data-chart]')"
    )  # focus is not lost


def test_no_layout_shift_while_scrolling_before_the_charts_arrive(new_page, site_url, site_pages):
    page = new_page(**PHONE)
    held = []
    page.route(
        PLOTLY, lambda route: held.append(route)
    )  # plotly is held back until the page has been scrolled through
    page.add_init_script(_WATCH_SHIFTS)
    client = page.context.new_cdp_session(page)
    client.send("Network.enable")
    client.send("Network.emulateNetworkConditions", SLOW_4G)
    site_page = pages_of(site_pages, "project")[0]
    visit(page, site_url, site_page)
    height = page.evaluate("document.documentElement.scrollHeight")
    costs = page.evaluate("document.getElementById('costs').getBoundingClientRect().top + scrollY")
    for _ in range(0, height, 300):  # scroll down past コストの推移 and the indicators
        page.mouse.wheel(0, 300)
        page.wait_for_timeout(50)
    page.wait_for_timeout(500)
    assert held, "scrolling did not ask for plotly"
    assert (
        page.evaluate("document.getElementById('costs').getBoundingClientRect().top + scrollY")
        == costs
    )
    before_charts = page.evaluate("window.layoutShift")
    # The scrolling on a slow connection is done: plotly (~1 MB) need not take seconds to come.
    client.send("Network.emulateNetworkConditions", NO_THROTTLING)
    for route in held:
        route.continue_()
    draw_charts(page, timeout=60_000)
    page.wait_for_timeout(500)
    after_charts = page.evaluate("window.layoutShift")
    assert before_charts <= MAX_CLS and after_charts <= MAX_CLS, (
        site_page.url,
        before_charts,
        after_charts,
    )
    assert (
        page.evaluate("document.getElementById('costs').getBoundingClientRect().top + scrollY")
        == costs
    )


def test_the_shift_watch_sees_a_chart_box_that_grows(new_page):
    """The layout-shift measure can fail: a box that is empty until its chart arrives moves
    the text below it."""
    page = new_page(**PHONE)
    page.set_content("""<!DOCTYPE html><html lang="ja"><body><h1>t</h1><div id="box"></div>
        <p style="font-size:40px;height:600px">コストの推移</p><table><tr><td>9,697</td></tr></table></body></html>""")
    page.evaluate(_WATCH_SHIFTS)
    page.wait_for_timeout(
        1000
    )  # Chromium counts a shift within 500 ms of loading the content as caused by input
    page.evaluate("document.getElementById('box').style.height = '300px'")
    page.wait_for_function("() => window.layoutShift > 0", timeout=10_000)
    assert page.evaluate("window.layoutShift") > MAX_CLS
