"""What changed, easy to find (issue 20): /changes/ lists every year with a what-changed page,
the site menu links the newest, and a project without a sheet in the next year is called
ended only where its last sheet says so (廃止, 完了, 統合, 終了)."""

from __future__ import annotations

from pathlib import Path

from builder.catalog.changes import year_changes
from builder.records.model import Sheet
from tests.portal.portalkit import page


def test_the_changes_index_lists_the_years_and_the_menu_links_the_newest(
    multiyear: tuple[Path, Path],
) -> None:
    site = multiyear[1]
    index = page(site, "/changes/")
    listed = [
        (a.attrs["href"], li.text())
        for li in index.by_id("main").find_all("li")
        for a in li.find_all("a")
        if a.attrs["href"].startswith("/changes/")
    ]
    assert listed == [
        (
            "/changes/2023/",
            (
                "令和5年度 (2023年度)の主な変化：新しい事業1件、前年度にあってシートがなくなった事業1件、"
                "方向性が変わった事業1件"
            ),
        )
    ]
    for url in ("/", "/projects/092/", "/changes/2023/", "/glossary/"):
        menu = [
            a.attrs["href"]
            for a in page(site, url).find_all("nav")
            if a.attrs.get("aria-label") == "サイト全体"
            for a in a.find_all("a")
            if a.text() == "主な変化"
        ]
        assert menu == ["/changes/2023/"], url


def test_the_site_of_one_year_has_no_changes_link(site: Path) -> None:
    assert not (site / "changes").exists()
    assert not [a for a in page(site, "/").find_all("a") if a.text() == "主な変化"]


def test_only_a_sheet_that_says_so_is_called_ended(sheets: dict[str, Sheet]) -> None:
    """Of the real 2022 sheets, 096 says 廃止 and 092 says 継続: with no 2023 sheet, 096 ended,
    092 merely has no sheet."""
    assert (sheets["096"].direction.decision, sheets["092"].direction.decision) == ("廃止", "継続")
    found = year_changes({"092": sheets["092"], "096": sheets["096"]}, {}, 2023)
    assert [s.code for s in found.ended] == ["096"] and [s.code for s in found.unlisted] == ["092"]


def test_the_changes_page_keeps_the_two_apart(multiyear: tuple[Path, Path]) -> None:
    doc = page(multiyear[1], "/changes/2023/")
    ended = [
        a.text()
        for a in doc.by_id("ended").find_all("a")
        if a.attrs["href"].startswith("/projects/")
    ]
    assert ended == ["096 国際科学技術都市「つくば」の推進事業"]
    assert (
        "終わるとされていないのに令和5年度 (2023年度)のシートがない事業はありません"
        in doc.by_id("no-sheet").text()
    )
