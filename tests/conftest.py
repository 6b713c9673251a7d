"""Fixtures and markers shared by every test folder.

Markers, set here from where a test is and what it uses, so a new test is marked without
anyone remembering to (``make test-fast`` runs ``-m "not browser and not slow"``):

``browser``
    Every test under ``tests/browser/`` and any test using Chromium (the ``browser``,
    ``page`` or ``new_page`` fixture).
``slow``
    A test that builds a site or runs the builder's command line: its function, or a fixture
    it uses (but ``built``, the one build every suite shares), names one of :data:`SLOW_CALLS`
    (``build_site``, ``subprocess`` ...), itself or through a function of its module; every
    Hypothesis test; and the few marked by hand where these rules cannot see the cost (a
    whole build through the command line in the test's process, thousands of seeded
    mutations).

Fixtures (session-wide; under pytest-xdist built once for the whole run, see ``tests.sessionbuilds``):

``built``
    (content, site): a copy of the repository's ``content/`` built once per session, for the
    portal and the browser tests alike; the repository's ``content/`` is never written. A
    test that changes it works on a copy (``tests.portal.faultkit.copy_built``).
``two_year_build``
    (content, site): the same plus the made-up 令和5年度 sheets of ``tests/fixtures/multiyear``.
``generated_city``
    (content, site): a generated city (``tests.cities``) of 200 sheets a year over two years,
    built once for the portal and the browser tests alike.
"""

from __future__ import annotations

import re
import shutil
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.build import build_site
from tests.cities import synthetic_content
from tests.filedurations import (
    STORE_OPTION,
    DurationRecorder,
    keep_collection_order,
    longest_first,
)
from tests.portal.portalkit import MULTIYEAR_2023, copy_content
from tests.sessionbuilds import built_once

BROWSER_FIXTURES = frozenset({"browser", "page", "new_page"})
SLOW_CALLS = frozenset(
    {
        "build_site",
        "make_site",
        "build_site_from",
        "render_data_files",
        "subprocess",
        "synthetic_content",
    }
)  # a generated city
SHARED_BUILD = (
    "built"  # the one build the fast tier pays for, shared by every test that reads a built site
)
BROWSER_FOLDER = Path(__file__).resolve().parent / "browser"


def _names_called(function: types.FunctionType, seen: set[str]) -> Iterator[str]:
    """The global names ``function`` uses, and those of the functions of its own module it
    uses (and so on): what tells a test that builds a site from one that reads a built one."""
    module_globals = function.__globals__
    for name in function.__code__.co_names:
        yield name
        called = module_globals.get(name)
        if (
            isinstance(called, types.FunctionType)
            and called.__module__ == function.__module__
            and name not in seen
        ):
            seen.add(name)
            yield from _names_called(called, seen)


def _builds(function: object) -> bool:
    """Whether ``function`` (or a function of its module it uses) builds a site or runs a command."""
    return isinstance(function, types.FunctionType) and not SLOW_CALLS.isdisjoint(
        _names_called(function, set())
    )


def _is_slow(item: pytest.Function) -> bool:
    if getattr(item.obj, "is_hypothesis_test", False) or _builds(item.obj):
        return True
    fixtures = item._fixtureinfo.name2fixturedefs  # every fixture the test uses, directly or not
    return any(
        _builds(definition.func)
        for name, definitions in fixtures.items()
        if name != SHARED_BUILD
        for definition in definitions
    )


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--store-durations``: record each test file's seconds (``tests.filedurations``)."""
    parser.addoption(
        STORE_OPTION,
        action="store_true",
        help="write the seconds each test file took into tests/durations.json",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Declare the markers (``--strict-markers`` refuses undeclared ones); with
    ``--store-durations``, record the files' seconds where the results arrive (not in a
    pytest-xdist worker); have pytest-xdist hand out the files in the collection's order."""
    if config.getoption(STORE_OPTION) and not hasattr(config, "workerinput"):
        config.pluginmanager.register(DurationRecorder(), "file-durations")
    keep_collection_order(config)
    config.addinivalue_line(
        "markers", "browser: opens pages in Chromium (tests/browser, or the browser fixtures)"
    )
    config.addinivalue_line(
        "markers", "slow: builds a site of its own, runs the command line, or is a Hypothesis test"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test ``browser`` and ``slow`` from its place and what it uses (see above);
    put the files that take longest first (``tests.filedurations``)."""
    longest_first(items)
    for item in items:
        if not isinstance(item, pytest.Function):
            continue
        if BROWSER_FOLDER in Path(item.path).parents or set(item.fixturenames) & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if _is_slow(item):
            item.add_marker(pytest.mark.slow)


def _build_two_years(work: Path) -> tuple[Path, Path]:
    content = copy_content(work / "content")
    shutil.copytree(MULTIYEAR_2023, content / "sheets" / "2023")
    build_site(content, work / "site")
    return content, work / "site"


def _build_repository_content(work: Path) -> tuple[Path, Path]:
    content = copy_content(work / "content")
    build_site(content, work / "site")
    return content, work / "site"


@pytest.fixture(scope="session")
def two_year_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(content copy, site): the repository's content plus the made-up 令和5年度 sheets of
    tests/fixtures/multiyear, built once per session."""
    return built_once(tmp_path_factory, "two-years", _build_two_years)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(content copy, site) built once per session; the repository's content/ is never written."""
    return built_once(tmp_path_factory, "portal", _build_repository_content)


def _drop_sheet(folder: Path, index: int) -> None:
    """Remove the ``index``-th sheet of the first file of ``folder`` (a file holds several)."""
    path = sorted(folder.glob("*.txt"))[0]
    text = path.read_text("utf-8")
    starts = [
        m.start() for m in re.finditer(r"^令和 ?\d+年度 事務事業マネジメントシート", text, re.M)
    ]
    ends = starts[1:] + [len(text)]
    path.write_text(text[: starts[index]] + text[ends[index] :], "utf-8")


CITY_SHEETS = 200
"""Sheets a year of ``generated_city``: 18 部・局, more rows than a page shows, in seconds."""


def _build_city(work: Path) -> tuple[Path, Path]:
    content = synthetic_content(work, CITY_SHEETS, 2)
    _drop_sheet(content / "sheets" / "2021", 0)
    _drop_sheet(content / "sheets" / "2022", 1)
    build_site(content, work / "site")
    return content, work / "site"


@pytest.fixture(scope="session")
def generated_city(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(content, site) of a generated city of 400 sheets: 200 a year over two years, one
    project new in 2022 (0001: its 2021 sheet removed) and one without a 2022 sheet (0002)."""
    return built_once(tmp_path_factory, "city", _build_city)
