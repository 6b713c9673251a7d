"""Fixtures for the portal tests: one site built from a copy of the repository's content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.build import build_site
from builder.data import load_sheet
from builder.model import Sheet
from tests.portal.portalkit import copy_content


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(content copy, site) built once per session; the repository's content/ is never written."""
    work = tmp_path_factory.mktemp("portal")
    content = copy_content(work / "content")
    site = work / "site"
    build_site(content, site)
    return content, site


@pytest.fixture(scope="session")
def site(built: tuple[Path, Path]) -> Path:
    """The built site folder."""
    return built[1]


@pytest.fixture(scope="session")
def sheets(built: tuple[Path, Path]) -> dict[str, Sheet]:
    """The sheets of the build's data files, by code (one fiscal year in the repository)."""
    content = built[0]
    return {s.code: s for s in (load_sheet(p) for p in sorted(content.glob("data/*/*.yaml")))}


MULTIYEAR_SHEETS = Path(__file__).resolve().parents[1] / "fixtures" / "multiyear" / "sheets"


@pytest.fixture(scope="session")
def multiyear(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(content, site): the repository's content plus the made-up 2023 sheets of
    tests/fixtures/multiyear, built once per session."""
    work = tmp_path_factory.mktemp("multiyear-session")
    content = copy_content(work / "content")
    shutil.copytree(MULTIYEAR_SHEETS / "2023", content / "sheets" / "2023")
    build_site(content, work / "site")
    return content, work / "site"
