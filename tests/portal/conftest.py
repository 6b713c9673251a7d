"""Fixtures for the portal tests, on the session's build of the repository's content
(``built``, in ``tests/conftest.py``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.build import build_site
from builder.records.datafile import load_sheet
from builder.records.model import Sheet
from tests.portal.portalkit import MULTIYEAR_2023, copy_content
from tests.sessionbuilds import built_once


@pytest.fixture(scope="session")
def site(built: tuple[Path, Path]) -> Path:
    """The built site folder."""
    return built[1]


@pytest.fixture(scope="session")
def sheets(built: tuple[Path, Path]) -> dict[str, Sheet]:
    """The sheets of the build's data files, by code (one fiscal year in the repository)."""
    content = built[0]
    return {s.code: s for s in (load_sheet(p) for p in sorted(content.glob("data/*/*.yaml")))}


TEST_POPULATION = """\
# A made-up population for the tests (2020: chosen so that 8,582千円 per resident is 31.25円,
# a tie that rounding half up makes 31.3円); 2021 and 2023 have none.
2020:
  population: 274624
  reference_date: 2021-01-01
  source: テスト用の架空の人口
  url: https://example.invalid/population/2020
2022:
  population: 252202
  reference_date: 2023-01-01
  source: テスト用（つくば市の2023年1月1日現在の人口と同じ数）
  url: https://example.invalid/population/2022
"""


def _build_multiyear(work: Path) -> tuple[Path, Path]:
    content = copy_content(work / "content")
    shutil.copytree(MULTIYEAR_2023, content / "sheets" / "2023")
    (content / "population.yaml").write_text(TEST_POPULATION, encoding="utf-8")
    build_site(content, work / "site")
    return content, work / "site"


@pytest.fixture(scope="session")
def multiyear(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(content, site): the repository's content plus the made-up 2023 sheets of
    tests/fixtures/multiyear and a test population file, built once per session (once per
    run under pytest-xdist: ``tests.sessionbuilds``)."""
    return built_once(tmp_path_factory, "multiyear", _build_multiyear)
