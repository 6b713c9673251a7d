"""Build, serve and browse a Mieruka site for the browser tests.

Plain functions used by ``conftest.py`` (and by any test that needs a site of its own,
such as the hostile-input test): nothing here is a pytest fixture.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"
NODE_MODULES = REPO / "node_modules"

CHROMIUM = Path("/usr/bin/chromium")
# Headless Chromium as root on a machine with no network but loopback: without the
# background-networking flags Chromium keeps trying (and failing) to reach Google's hosts.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)

CHART = "[data-chart]"
"""The portal's chart boxes (assets/charts.js draws a plotly figure into each one when the
reader nears it: see ``draw_charts``)."""

CLS_OBSERVER = """window.__cls = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
}).observe({type: "layout-shift", buffered: true});"""
"""An init script: ``window.__cls`` sums the layout shifts no input caused (what CLS counts)."""

SITE_ENV = "MIERUKA_SITE"
"""Environment variable naming an already built site to check instead of building one."""

INSTALL_HINT = "run `make test` (or `make check`), which installs the test tools"


def require(condition: bool, what: str) -> None:
    """Fail the test (never skip) with an install hint when a tool it needs is missing."""
    if not condition:
        pytest.fail(f"{what} is missing: {INSTALL_HINT}", pytrace=False)


def node_file(relative: str) -> Path:
    """Return a file from node_modules/, failing with an install hint if it is absent."""
    path = NODE_MODULES / relative
    require(path.is_file(), f"node_modules/{relative} (npm ci)")
    return path


MARKUP_REASON = '<img src=x onerror="window.__pwned=1">訂正の理由'
CORRECTIONS_WITH_MARKUP = f"""\
- date: 2026-12-01
  code: "092"
  fiscal_year: 2022
  field: costs[2022].settlement
  old: 9307
  new: 9370
  reason: '{MARKUP_REASON}'
- date: 2026-12-02
  code: "092"
  fiscal_year: 2022
  field: direction.reason
  old: null
  new: "<script>window.__pwned=1</script>"
  reason: 理由の記載漏れ
"""


def build_corrected_site(folder: Path) -> Path:
    """The repository's content with two corrections, one carrying markup
    (``CORRECTIONS_WITH_MARKUP``), built under ``folder``; returns the site folder."""
    source = folder / "source" / "content"
    shutil.copytree(CONTENT, source)
    (source / "corrections.yaml").write_text(CORRECTIONS_WITH_MARKUP, encoding="utf-8")
    return build_site_from(source, folder / "corrected")


def build_site_from(content: Path, workdir: Path, sheets: Path | None = None) -> Path:
    """Copy ``content`` into ``workdir/content`` and build it into ``workdir/site``.

    The build writes data files into its content folder, so it never runs on the
    repository's own ``content/``. With ``sheets`` given, that folder (laid out as
    ``<fy>/*.txt``) replaces the copied sheets, and the copied data files and corrections
    (which name the replaced sheets' values) are dropped so that only those sheets are
    published. Returns the site folder.
    """
    from builder.build import build_site
    from builder.errors import InputError

    target = workdir / "content"
    replaced = {"sheets", "data", "corrections.yaml"} if sheets is not None else set()

    def ignore(folder: str, names: list[str]) -> list[str]:
        return [name for name in names if Path(folder) == content and name in replaced]

    shutil.copytree(content, target, ignore=ignore)
    if sheets is not None:
        shutil.copytree(sheets, target / "sheets")
    site = workdir / "site"
    try:
        build_site(target, site)
    except InputError as failure:
        pytest.fail(f"the site does not build from {content}:\n{failure.report()}", pytrace=False)
    return site


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 at a free port in a background thread, as ``make serve``
    does (404.html for missing pages, text gzipped); yield its base URL."""
    from builder.publish.serve import serving

    with serving(site) as url:
        yield url


def launch_chromium(playwright):  # -> playwright.sync_api.Browser
    """Launch Debian's headless Chromium through Playwright, failing clearly if it is missing."""
    require(CHROMIUM.is_file(), f"Chromium ({CHROMIUM}, Debian package `chromium`)")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))


CONTEXT = {"locale": "ja-JP", "timezone_id": "Asia/Tokyo"}
"""The browser context every test page opens in unless it says otherwise: a Japanese reader."""
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
"""Context options of a phone: 360x740 CSS pixels, touch, mobile viewport rules."""


def new_context(browser, **options: object):  # -> playwright.sync_api.BrowserContext
    """A fresh browser context: Japanese locale and Tokyo time unless ``options`` say otherwise
    (e.g. ``viewport=``, ``is_mobile=``, ``bypass_csp=``)."""
    return browser.new_context(**{**CONTEXT, **options})


def html_files(site: Path) -> list[Path]:
    """Every HTML file of a built site, sorted."""
    return sorted(site.rglob("*.html"))


def url_path(site: Path, file: Path) -> str:
    """The URL path a file is served at: ``site/projects/092/index.html`` -> ``/projects/092/``."""
    relative = file.relative_to(site).as_posix()
    if relative == "index.html" or relative.endswith("/index.html"):
        relative = relative[: -len("index.html")]
    return "/" + relative


@dataclass(frozen=True)
class SitePage:
    """One page to open in the browser: its kind (home, project, ...) and URL path with query."""

    kind: str
    url: str
    settle: bool = False  # wait for the search to show its results (fetched after load)


SEARCH_QUERY = "ロボット"
MISSING_URL = "/no-such-page/"

# The page kinds the portal publishes (issue 3's stable URLs): (kind, URL path pattern).
# A kind may have several patterns (an index and its entries); one page is opened per pattern.
_PATTERNS = (
    ("home", re.compile(r"/")),
    ("project-list", re.compile(r"/projects/")),
    ("project", re.compile(r"/projects/[^/]+/")),
    ("year", re.compile(r"/projects/[^/]+/\d{4}/")),
    ("text-changes", re.compile(r"/projects/[^/]+/changes/\d{4}/")),
    ("department", re.compile(r"/departments/")),
    ("department", re.compile(r"/departments/[^/]+/")),
    ("sdg", re.compile(r"/sdgs/")),
    ("sdg", re.compile(r"/sdgs/\d+/")),
    ("search", re.compile(r"/search/")),
    ("embed", re.compile(r"/embed/projects/[^/]+/")),
    ("404", re.compile(r"/404\.html")),
)
PAGE_KINDS = (
    "home",
    "project-list",
    "project",
    "year",
    "department",
    "sdg",
    "search",
    "404",
    "prose",
    "embed",
)
"""Every kind of page a site must have (``text-changes`` only a site of two or more years);
``prose`` is every page no pattern above matches."""


def _pattern(path: str) -> int | None:
    return next(
        (index for index, (_, pattern) in enumerate(_PATTERNS) if pattern.fullmatch(path)), None
    )


def representative_pages(site: Path) -> list[SitePage]:
    """The pages the gates open: for each URL pattern the largest file (the richest page),
    plus every prose page.

    The search page is opened with a query so that it shows results; the 404 page is
    reached through a URL that does not exist, as a visitor would reach it.
    """
    chosen: dict[int, Path] = {}
    prose: list[SitePage] = []
    for file in html_files(site):
        index = _pattern(url_path(site, file))
        if index is None:
            prose.append(SitePage("prose", url_path(site, file)))
        elif index not in chosen or file.stat().st_size > chosen[index].stat().st_size:
            chosen[index] = file
    pages = []
    for index, file in sorted(chosen.items()):
        kind, url = _PATTERNS[index][0], url_path(site, file)
        if kind == "404":
            url = MISSING_URL
        elif kind == "search":
            url += "?q=" + quote(SEARCH_QUERY)
        pages.append(SitePage(kind, url, settle=kind == "search"))
    return pages + prose


def pages_of(pages: list[SitePage], kind: str) -> list[SitePage]:
    """The pages of one kind, failing the test when the site has none of that kind."""
    found = [page for page in pages if page.kind == kind]
    if not found:
        pytest.fail(
            f"the built site has no {kind} page (expected kinds: {', '.join(PAGE_KINDS)})",
            pytrace=False,
        )
    return found


SEARCH_DONE = "#search-status[data-state=done]"
"""The search page's status line once the results of its query are shown (assets/search.js)."""


def open_page(page, url: str, settle: bool = False) -> int:
    """Open ``url`` and wait for its load event (deferred scripts such as the charts have run
    by then); with ``settle``, also until the search page shows its results (an event, not
    the half second of quiet network that Playwright's ``networkidle`` waits out).
    Returns the HTTP status."""
    response = page.goto(url, wait_until="load")
    if settle:
        page.wait_for_selector(SEARCH_DONE)
    return response.status if response else 0


def submit_search(page, query: str) -> None:
    """Search for ``query`` from the open search page's form, as a reader who types it and
    presses Enter, and wait until the status line says the results of that query are shown
    (never those of the query before). Much cheaper than loading the page and its engine
    again for each query."""
    page.evaluate(
        """query => {
             const input = document.querySelector("#search-form input[name=q]");
             input.value = query;
             input.form.requestSubmit();
           }""",
        query,
    )
    page.wait_for_function(
        """query => {
             const status = document.querySelector("#search-status");
             return status.dataset.state === "done" && status.textContent.includes(`「${query}」`);
           }""",
        arg=query.strip(),
    )


def draw_charts(page, timeout: float = 30_000) -> int:
    """Scroll to each chart box of the open page as a reader would (charts.js draws a chart
    as it nears the viewport) and wait until plotly has drawn every one shown; return how many.
    (An embed page shows one of its project's charts: the others are never drawn.)"""
    boxes = page.locator(CHART)
    page.mouse.move(
        1, 1
    )  # a pointer moving over the page, as over an embed that needs no scrolling
    shown = [boxes.nth(index) for index in range(boxes.count()) if boxes.nth(index).is_visible()]
    for box in shown:
        box.scroll_into_view_if_needed()
    page.wait_for_function(
        """selector => [...document.querySelectorAll(selector)].filter(box => box.checkVisibility())
             .every(box => box.querySelector(".main-svg"))""",
        arg=CHART,
        timeout=timeout,
    )
    return len(shown)


def visit(page, site_url: str, site_page: SitePage) -> int:
    """Open one of ``site_pages`` on the server at ``site_url``; return the HTTP status."""
    return open_page(page, site_url + site_page.url, site_page.settle)
