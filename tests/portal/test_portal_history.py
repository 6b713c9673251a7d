"""A project with sheets of two fiscal years: the project page follows the latest, each year stays."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from builder.records.datafile import dump_sheet, load_sheet
from tests.portal.portalkit import Element, copy_content, page, render_data_files


@pytest.fixture(scope="module")
def two_years(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data plus the real 092 sheet filed again as a 令和3年度 sheet, rendered (no data stage)."""
    work = tmp_path_factory.mktemp("history")
    content = copy_content(work / "content")
    sheet = load_sheet(content / "data" / "2022" / "092.yaml")
    older = dataclasses.replace(sheet, fiscal_year=2021, fiscal_year_label="令和3年度")
    (content / "data" / "2021").mkdir()
    (content / "data" / "2021" / "092.yaml").write_text(dump_sheet(older), encoding="utf-8")
    render_data_files(content, work / "site")
    return work / "site"


def _searchable(doc: Element) -> bool:
    return "data-pagefind-body" in doc.by_id("main").attrs


def test_each_sheet_is_indexed_once(two_years: Path) -> None:
    assert _searchable(page(two_years, "/projects/092/"))
    assert _searchable(page(two_years, "/projects/092/2021/"))
    assert not _searchable(page(two_years, "/projects/092/2022/"))  # same sheet as /projects/092/


def test_year_pages_link_each_other_and_the_project(two_years: Path) -> None:
    latest, older = page(two_years, "/projects/092/"), page(two_years, "/projects/092/2021/")
    years = [
        a.attrs["href"]
        for a in latest.by_id("source").find_all("a")
        if "/projects/" in a.attrs["href"] and "/changes/" not in a.attrs["href"]
    ]  # not the text comparison
    assert years == ["/projects/092/2021/", "/projects/092/2022/"]
    assert (
        "令和4年度 (2022年度)"
        in latest.find_all("span", data_pagefind_filter="fiscal_year")[0].text()
    )
    assert (
        older.find_all("span", data_pagefind_filter="fiscal_year")[0].text()
        == "令和3年度 (2021年度)"
    )
    assert [a.attrs["href"] for a in older.find_all("nav")[1].find_all("a")][-1] == "/projects/092/"
    assert "令和3年度 (2021年度)のシートをそのまま残したもの" in older.by_id("main").text()
    assert (
        next(
            a for a in older.iter() if a.attrs.get("aria-current") == "page" and a.tag == "a"
        ).attrs["href"]
        == "/projects/092/2021/"
    )


def test_indexes_describe_the_latest_year_only(two_years: Path) -> None:
    home = page(two_years, "/")
    assert "8件" in home.by_id("totals").text()
    rows = page(two_years, "/sdgs/9/").find_all("tbody")[0].find_all("tr")
    assert len(rows) == 8
