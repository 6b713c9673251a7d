"""Incremental builds: after a change, a rebuild that reuses the cache gives the bytes of a clean build."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path
from typing import Any

import pytest

import builder.pages.embed_page
import builder.pages.project_page
import builder.search.pagefind
from builder.build import build_site
from builder.catalog.catalog import Project
from builder.search.bundle import SearchIndexError
from builder.util.cache import cache_folder
from tests.portal.faultkit import changed_footer, copy_built
from tests.portal.portalkit import MULTIYEAR_SHEET
from tests.portal.test_opendata_corrections import write_corrections
from tests.portal.test_portal_build import _tree

SHEET = "000_3e14ed9760a955ee.txt"
OLD_NAME, NEW_NAME = "国際戦略総合特区推進事業", "国際戦略総合特区推進事業（改）"


@pytest.fixture
def copied(built: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the session's build (content, site and its cache) to change and build again."""
    content, out = copy_built(built, tmp_path)
    assert (cache_folder(out) / "outputs.json").is_file()
    return content, out


def _clean_build(content: Path, out: Path) -> dict[str, bytes]:
    report = build_site(content, out, clean=True)
    assert report.pages_reused == 0
    return _tree(out)


def test_a_rebuild_without_changes_reuses_every_page(copied: tuple[Path, Path]) -> None:
    content, out = copied
    before = _tree(out)
    report = build_site(content, out)
    assert report.pages_reused == report.pages
    assert _tree(out) == before


def test_one_changed_sheet_gives_the_bytes_of_a_clean_build(
    copied: tuple[Path, Path], tmp_path: Path
) -> None:
    content, out = copied
    before = _tree(out)
    unchanged_download = (out / "data" / "2022" / "094.json").stat().st_ino
    sheet = content / "sheets" / "2022" / SHEET
    sheet.write_text(
        sheet.read_text(encoding="utf-8").replace(OLD_NAME, NEW_NAME, 1), encoding="utf-8"
    )

    report = build_site(content, out)
    incremental = _tree(out)
    assert incremental == _clean_build(content, tmp_path / "clean")
    changed = {name for name in incremental if incremental[name] != before.get(name)}
    assert (
        "projects/092/index.html" in changed and "index.html" in changed
    )  # the page and the lists naming it
    assert "projects/094/index.html" not in changed
    assert 0 < report.pages_reused < report.pages
    assert (
        out / "data" / "2022" / "094.json"
    ).stat().st_ino == unchanged_download  # linked, not written again


PROJECT_PAGE, EMBED_PAGE = (
    builder.pages.project_page.project_page,
    builder.pages.embed_page.embed_page,
)
MADE_LOG: dict[str, Path] = {}  # "path": the file each page function called notes itself in


def _note_made(kind: str, arguments: tuple[object, ...]) -> None:
    """Note one call of a page function (in a file: the render workers are forked processes)."""
    project = next(a for a in arguments if isinstance(a, Project))
    with MADE_LOG["path"].open("a", encoding="utf-8") as log:
        log.write(f"{kind} {project.code}\n")


@functools.wraps(PROJECT_PAGE)  # its name, so the pages' keys are those of the first build
def _noted_project_page(*arguments: Any, **keywords: Any) -> object:
    _note_made("project", arguments)
    return PROJECT_PAGE(*arguments, **keywords)


@functools.wraps(EMBED_PAGE)
def _noted_embed_page(*arguments: Any, **keywords: Any) -> object:
    _note_made("embed", arguments)
    return EMBED_PAGE(*arguments, **keywords)


def test_one_changed_sheet_makes_the_context_of_its_own_pages_only(
    copied: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page whose inputs did not change is taken over without its context being made."""
    content, out = copied
    monkeypatch.setitem(MADE_LOG, "path", tmp_path / "made.txt")
    monkeypatch.setattr(builder.pages.project_page, "project_page", _noted_project_page)
    monkeypatch.setattr(builder.pages.embed_page, "embed_page", _noted_embed_page)
    sheet = content / "sheets" / "2022" / SHEET
    sheet.write_text(
        sheet.read_text(encoding="utf-8").replace(OLD_NAME, NEW_NAME, 1), encoding="utf-8"
    )
    report = build_site(content, out)
    made = sorted(MADE_LOG["path"].read_text(encoding="utf-8").splitlines())
    assert made == ["embed 092", "project 092", "project 092"]  # its latest and 2022 pages
    assert report.pages - report.pages_reused > 3  # the lists naming it too


def test_a_changed_template_gives_the_bytes_of_a_clean_build(
    copied: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, out = copied
    changed_footer(tmp_path, monkeypatch)

    report = build_site(content, out)
    assert report.pages_reused == 0  # every page extends base.html
    assert _tree(out) == _clean_build(content, tmp_path / "clean")
    assert "<p>変更</p>" in (out / "index.html").read_text(encoding="utf-8")


def test_the_bundle_of_the_same_records_is_taken_over_and_a_changed_record_is_indexed(
    copied: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, out = copied
    bundle = _tree(out / "pagefind")
    changed_footer(tmp_path, monkeypatch)  # every page changes, no text search indexes

    def no_pagefind(indexed: object) -> dict[str, bytes]:
        raise SearchIndexError("Pagefind が呼ばれました")

    monkeypatch.setattr(builder.search.pagefind, "_index", no_pagefind)

    report = build_site(content, out)
    assert report.pages_reused == 0 and _tree(out / "pagefind") == bundle
    sheet = content / "sheets" / "2022" / SHEET
    sheet.write_text(
        sheet.read_text(encoding="utf-8").replace(OLD_NAME, NEW_NAME, 1), encoding="utf-8"
    )
    with pytest.raises(SearchIndexError, match="呼ばれました"):
        build_site(content, out)  # a record changed: Pagefind runs


def test_a_page_edited_in_the_site_folder_is_made_again(copied: tuple[Path, Path]) -> None:
    content, out = copied
    page = out / "projects" / "094" / "index.html"
    expected = page.read_bytes()
    page.write_bytes(b"edited by hand")
    report = build_site(content, out)
    assert page.read_bytes() == expected
    assert report.pages_reused == report.pages - 1


def _rebuild_matches_clean(content: Path, out: Path, clean: Path) -> dict[str, bytes]:
    """Rebuild ``out`` incrementally; assert it equals a clean build; return the files."""
    report = build_site(content, out)
    incremental = _tree(out)
    assert incremental == _clean_build(content, clean)
    assert report.pages_reused < report.pages
    return incremental


def test_a_correction_gives_the_bytes_of_a_clean_build(
    copied: tuple[Path, Path], tmp_path: Path
) -> None:
    content, out = copied
    before = _tree(out)
    write_corrections(content)  # 092 and 045
    after = _rebuild_matches_clean(content, out, tmp_path / "clean")
    assert "9,370" in after["projects/092/2022/index.html"].decode()
    assert after["projects/094/index.html"] == before["projects/094/index.html"]


def test_a_new_fiscal_year_gives_the_bytes_of_a_clean_build(
    copied: tuple[Path, Path], tmp_path: Path
) -> None:
    content, out = copied
    (content / "sheets" / "2023").mkdir()
    shutil.copyfile(MULTIYEAR_SHEET, content / "sheets" / "2023" / MULTIYEAR_SHEET.name)
    (content / "releases.yaml").write_text(
        (content / "releases.yaml").read_text(encoding="utf-8") + "2023: 2027-06-30\n",
        encoding="utf-8",
    )
    after = _rebuild_matches_clean(content, out, tmp_path / "clean")
    assert (
        "projects/120/2023/index.html" in after
    )  # a new project; every 2022 page now says 2023 exists


def test_a_new_division_slug_gives_the_bytes_of_a_clean_build(
    copied: tuple[Path, Path], tmp_path: Path
) -> None:
    content, out = copied
    settings = content / "departments.yaml"
    text = settings.read_text(encoding="utf-8")
    assert "      科学技術振興課: science-technology\n" in text
    settings.write_text(
        text.replace(
            "      科学技術振興課: science-technology\n",
            "      科学技術振興課: science-and-technology\n",
        ),
        encoding="utf-8",
    )
    after = _rebuild_matches_clean(content, out, tmp_path / "clean")
    assert "#science-and-technology" in after["projects/092/index.html"].decode()


def test_a_changed_population_gives_the_bytes_of_a_clean_build(
    copied: tuple[Path, Path], tmp_path: Path
) -> None:
    """The population is an input of every page and download that shows an amount per resident."""
    content, out = copied
    before = _tree(out)
    population = content / "population.yaml"
    text = population.read_text(encoding="utf-8")
    assert "  population: 252202\n" in text
    population.write_text(
        text.replace("  population: 252202\n", "  population: 250000\n"), encoding="utf-8"
    )
    after = _rebuild_matches_clean(content, out, tmp_path / "clean")
    for name in (
        "projects/092/index.html",
        "projects/092/2022/index.html",
        "index.html",
        "data/costs.csv",
        "data/mieruka-data.sqlite",
    ):
        assert after[name] != before[name], name
    assert (
        "37.2円" in after["projects/092/2022/index.html"].decode()
    )  # 9,307千円 ÷ 250,000人 = 37.228


def test_a_changed_sentence_gives_the_bytes_of_a_clean_build(
    copied: tuple[Path, Path], tmp_path: Path
) -> None:
    """The comparison of the words is made again when a sheet's text changes."""
    content, out = copied
    (content / "sheets" / "2023").mkdir()
    fixture = content / "sheets" / "2023" / MULTIYEAR_SHEET.name
    shutil.copyfile(MULTIYEAR_SHEET, fixture)
    build_site(content, out)
    before = _tree(out)
    fixture.write_text(
        fixture.read_text(encoding="utf-8").replace(
            "新たに特区プロジェクトを8件支援した。", "新たに特区プロジェクトを9件支援した。"
        ),
        encoding="utf-8",
    )
    after = _rebuild_matches_clean(content, out, tmp_path / "clean")
    comparison = "projects/092/changes/2023/index.html"
    assert after[comparison] != before[comparison] and "9件支援した" in after[comparison].decode()
    assert (
        after["projects/094/changes/2023/index.html"]
        == before["projects/094/changes/2023/index.html"]
    )
