"""Keyboard gates axe cannot check: the skip link moves focus to the main content, and
every interactive element is reached by Tab and shows a visible focus indicator."""

from __future__ import annotations

import pytest

from sitekit import PAGE_KINDS, draw_charts, pages_of, visit

# Run in the page: marks every visible element that should be in the Tab order with
# data-gate-focus=<n> and returns each one's description and unfocused ring (its outline
# and box-shadow; "" where none shows: no outline, a zero-width or transparent one, no
# shadow). From then on every focus change is logged in window.gateFocusLog with the
# focused element's mark (null if unmarked) and ring.
_WATCH_FOCUS = """() => {
  const ring = e => {
    const s = getComputedStyle(e);
    const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0
      && !/transparent|rgba\\(.*,\\s*0\\)$/.test(s.outlineColor);
    return {outline: outline ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : "",
            shadow: s.boxShadow === "none" ? "" : s.boxShadow};
  };
  const selector = "a[href], area[href], button, input:not([type=hidden]), select, textarea,"
    + " summary, iframe, [tabindex], [contenteditable]";
  const elements = [...document.querySelectorAll(selector)].filter(e =>
    e.tabIndex >= 0 && !e.disabled && !e.closest("[inert]") && e.checkVisibility({visibilityProperty: true}));
  window.gateFocusLog = [];
  document.addEventListener("focusin", event => window.gateFocusLog.push({
    index: event.target.dataset?.gateFocus ?? null, html: event.target.outerHTML.slice(0, 160), ring: ring(event.target)}));
  return elements.map((e, index) => {
    e.dataset.gateFocus = index;
    return {html: e.outerHTML.slice(0, 160), group: e.type === "radio" ? e.name : null, ring: ring(e)};
  });
}"""

_IN_MAIN = "() => !!document.activeElement && !!document.activeElement.closest('main, [role=main]')"


def _shows_focus(focused: dict, unfocused: dict) -> bool:
    """Whether focusing changed the outline or box-shadow into something visible."""
    return any(focused[key] and focused[key] != unfocused[key] for key in ("outline", "shadow"))


def skip_link_problems(page, url: str) -> list[str]:
    """Follow the open page's first Tab stop: it must be a skip link, visible when focused,
    that leads into <main>."""
    page.keyboard.press("Tab")
    first = page.evaluate(
        "() => { const e = document.activeElement; const r = e.getBoundingClientRect();"
        " return {href: e.getAttribute('href') || '', html: e.outerHTML.slice(0, 160),"
        " onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0"
        " && r.top < innerHeight && r.left < innerWidth}; }"
    )
    if not first["href"].startswith("#"):
        return [f"{url}: the first Tab stop is not a skip link: {first['html']}"]
    problems = (
        []
        if first["onScreen"]
        else [f"{url}: the skip link stays off screen when focused: {first['html']}"]
    )
    page.keyboard.press("Enter")
    if not page.evaluate(_IN_MAIN):
        # Browsers move the Tab starting point to an unfocusable target: accept it when
        # the next Tab lands in main (the target should still get tabindex="-1").
        page.keyboard.press("Tab")
        if not page.evaluate(_IN_MAIN):
            problems.append(
                f"{url}: following the skip link {first['href']} does not lead into <main>"
            )
    return problems


def focus_problems(page, url: str) -> list[str]:
    """Tab through the open page: every visible control must be reached and show a focus ring."""
    elements = page.evaluate(_WATCH_FOCUS)
    for _ in range(len(elements) + 2):
        page.keyboard.press("Tab")
    problems = []
    reached: set[int] = set()
    for focused in page.evaluate("() => window.gateFocusLog"):
        if focused["index"] is None:
            continue
        index = int(focused["index"])
        if index not in reached and not _shows_focus(focused["ring"], elements[index]["ring"]):
            problems.append(f"{url}: no visible focus indicator on {focused['html']}")
        reached.add(index)
    groups_reached = {elements[i]["group"] for i in reached if elements[i]["group"]}
    problems.extend(
        f"{url}: not reachable by Tab: {element['html']}"
        for index, element in enumerate(elements)
        if index not in reached and not (element["group"] and element["group"] in groups_reached)
    )
    return problems


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_skip_link_moves_focus_to_main(reader, site_url, site_pages, kind):
    problems = []
    for site_page in pages_of(site_pages, kind):
        visit(reader, site_url, site_page)
        problems.extend(skip_link_problems(reader, site_page.url))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_control_is_reached_by_tab_with_a_visible_focus_ring(
    reader, site_url, site_pages, kind
):
    problems = []
    for site_page in pages_of(site_pages, kind):
        visit(reader, site_url, site_page)
        # Tabbing scrolls, and charts.js draws each chart (in place of its draw button) as
        # it nears the viewport: the page is checked as it is once its charts are drawn.
        draw_charts(reader)
        problems.extend(focus_problems(reader, site_page.url))
    assert not problems, "\n".join(problems)


def test_the_keyboard_checks_report_a_bad_page(page):
    """The gates can fail: a page without a skip link, and a link whose focus ring is
    removed, are reported."""
    bad = """<!DOCTYPE html><html lang="ja"><head><title>t</title><style>#plain:focus { outline: none }</style></head>
        <body><main><a id="plain" href="/a">a</a> <a href="/b">b</a></main></body></html>"""
    page.set_content(bad)
    assert skip_link_problems(page, "bad") == [
        'bad: the first Tab stop is not a skip link: <a id="plain" href="/a">a</a>'
    ]
    page.set_content(bad)
    assert focus_problems(page, "bad") == [
        'bad: no visible focus indicator on <a id="plain" href="/a" data-gate-focus="0">a</a>'
    ]
