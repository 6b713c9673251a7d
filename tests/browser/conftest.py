"""Shared fixtures for the tests that open the site in a real browser.

Fixtures (session-wide unless noted):

``built_site``
    Path of a built site: the session's build of a copy of the repository's ``content/``
    (``built`` in ``tests/conftest.py``, shared with the portal tests), so the tests never
    touch ``content/`` or ``site/``.
    With the environment variable ``MIERUKA_SITE`` set (``make check`` sets it to
    ``site``), that already built folder is checked instead and nothing is built.
``site_url``
    Base URL (``http://127.0.0.1:<port>``, no trailing slash) of a static server for
    ``built_site``, with the site's 404.html for missing pages. Use ``site_url + "/search/"``.
``browser``
    Debian's headless Chromium (/usr/bin/chromium) driven by Playwright. A missing
    Chromium, Playwright or npm package fails the test with an install hint; never skips.
``page`` (per test)
    A fresh page in its own browser context (Japanese locale, Tokyo time, 1280x720).
``search_page`` (per module)
    One search page of ``built_site`` in its own context, opened with a query (so its engine
    has loaded), for tests that only submit queries through its form
    (``sitekit.submit_search``) and read the results.
``reader``, ``phone_reader`` (per module)
    One page (1280x720; or a phone's, ``sitekit.PHONE``) in a context of its own, shared by
    a module's tests that only open pages and read them: whatever such a test does to a
    page (an axe run, Tab presses, a tap, scrolling) the next visit forgets. A test that
    adds listeners, routes or init scripts, or changes the context, takes ``page`` or
    ``new_page``.
``new_page`` (per test)
    A factory for pages with other context options: ``new_page(viewport={...},
    is_mobile=True)``, ``new_page(bypass_csp=True)``; closed after the test.
``html_errors``
    The Nu HTML Checker's errors (``gatekit.run_vnu``) over the session's sites, the built
    one, the two-year one, the corrected one (``corrected_site``) and a page known to be
    invalid, in one Java run (its start costs
    more than checking a site): pick a site's with ``gatekit.messages_under``.
``site_pages``
    One ``sitekit.SitePage`` per page kind (home, project, year, department, sdg,
    search with results, 404, ...) plus every prose page: what the gates open.

Helpers that are not fixtures live in ``sitekit.py`` (build, serve, launch, discover
pages), ``gatekit.py`` (axe-core, Nu HTML Checker) and ``linkcheck.py``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from gatekit import INVALID_PAGE, run_vnu
from sitekit import (
    PHONE,
    SEARCH_QUERY,
    SITE_ENV,
    SitePage,
    build_corrected_site,
    launch_chromium,
    new_context,
    open_page,
    representative_pages,
    require,
    serve,
)
from tests.sessionbuilds import once_per_run


@pytest.fixture(scope="session")
def built_site(request: pytest.FixtureRequest) -> Path:
    """The session's build of the repository's content (``built``, shared with the portal
    tests), or the folder named by MIERUKA_SITE."""
    given = os.environ.get(SITE_ENV)
    if given:
        site = Path(given).resolve()
        if not (site / "index.html").is_file():
            pytest.fail(
                f"{SITE_ENV}={given}: no built site there (no index.html); run `make site` first",
                pytrace=False,
            )
        return site
    built: tuple[Path, Path] = request.getfixturevalue("built")
    return built[1]


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL of a local static server for ``built_site``."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium for the whole session (a playwright.sync_api.Browser)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "the Python package playwright (pyproject [test] extra)")
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser) -> Iterator[Callable[..., object]]:
    """A factory: ``new_page(**context_options)`` opens a page in a fresh browser context
    (Japanese locale and Tokyo time unless given; e.g. ``viewport=``, ``is_mobile=``,
    ``bypass_csp=``). Every context it opened is closed after the test."""
    contexts = []

    def open_new(**options: object) -> object:
        context = new_context(browser, **options)
        contexts.append(context)
        return context.new_page()

    yield open_new
    for context in contexts:
        context.close()


def _shared_page(browser, **options: object) -> Iterator[object]:
    context = new_context(browser, **options)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def reader(browser) -> Iterator[object]:
    """A desktop page shared by a module's tests that only open pages and read them."""
    yield from _shared_page(browser)


@pytest.fixture(scope="module")
def phone_reader(browser) -> Iterator[object]:
    """A phone's page shared by a module's tests that only open pages and read them."""
    yield from _shared_page(browser, **PHONE)


@pytest.fixture(scope="module")
def search_page(browser, site_url: str) -> Iterator[object]:
    """A search page of the session's site, shared by the tests of a module that only search."""
    for page in _shared_page(browser):
        open_page(page, f"{site_url}/search/?q={quote(SEARCH_QUERY)}", settle=True)
        yield page


@pytest.fixture
def page(new_page) -> object:
    """A fresh page (playwright.sync_api.Page, 1280x720) in its own context."""
    return new_page()


@pytest.fixture(scope="session")
def site_pages(built_site: Path) -> list[SitePage]:
    """The pages the gates open: one per kind, plus every prose page."""
    return representative_pages(built_site)


@pytest.fixture(scope="session")
def corrected_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's content with two corrections, one carrying markup, built once per
    run (``sitekit.build_corrected_site``)."""
    return Path(once_per_run(tmp_path_factory, "corrected", lambda f: str(build_corrected_site(f))))


@pytest.fixture(scope="session")
def html_errors(
    built_site: Path,
    two_year_build: tuple[Path, Path],
    corrected_site: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, list[dict]]:
    """(folder of the invalid page, the checker's errors over it and the three sites); checked
    once per run (``tests.sessionbuilds``: the Java run costs seconds of both cores)."""

    def check(folder: Path) -> list[object]:
        (folder / "bad.html").write_text(INVALID_PAGE, encoding="utf-8")
        return [str(folder), run_vnu(built_site, two_year_build[1], corrected_site, folder)]

    invalid, errors = once_per_run(tmp_path_factory, "invalid-html", check)
    return Path(invalid), errors
