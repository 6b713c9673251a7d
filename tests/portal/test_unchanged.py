"""Rebuilding in place: nothing changed leaves every file alone and reports the last build;
any change to an input or an output is a whole build again, staged into the spare site,
and gives the bytes (and folders) of a clean build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from builder.build import build_site
from builder.cli import main
from builder.publish.report import BuildReport
from builder.publish.spare import spare_folder
from builder.publish.unchanged import UNCHANGED_STAGE
from tests.portal.faultkit import changed_footer, copy_built, left_beside, tree

SHEET = "000_3e14ed9760a955ee.txt"
OLD_NAME, NEW_NAME = "国際戦略総合特区推進事業", "国際戦略総合特区推進事業（改）"


@pytest.fixture
def rebuilt(built: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path, BuildReport]:
    """A copy of the session's build, built again in place (the copy's files are new ones,
    so this is a whole build, which records what it left and keeps the spare), and its report."""
    content, out = copy_built(built, tmp_path)
    report = build_site(content, out)
    assert report.stages[0][0] != UNCHANGED_STAGE
    return content, out, report


def _inodes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_ino for p in root.rglob("*")}


def _folders(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir()}


def test_nothing_changed_leaves_every_file_and_reports_the_last_build(
    rebuilt: tuple[Path, Path, BuildReport], capsys: pytest.CaptureFixture[str]
) -> None:
    content, out, whole = rebuilt
    before = _inodes(out)
    capsys.readouterr()

    assert main(["--content", str(content), "build", "--out", str(out)]) == 0
    printed = capsys.readouterr()
    report = build_site(content, out)

    assert _inodes(out) == before
    assert [name for name, _ in report.stages] == [UNCHANGED_STAGE]
    assert (report.pages, report.pages_reused, report.data_files_written) == (
        whole.pages,
        whole.pages,
        0,
    )
    assert report.sheets_per_year == whole.sheets_per_year and report.warnings == whole.warnings
    assert f"ページ: {whole.pages}件（前回から再利用 {whole.pages}件）" in printed.out
    assert UNCHANGED_STAGE in printed.out
    assert f"警告 {whole.warnings}件" in printed.err  # the sheets' warnings, shown again


def test_a_page_edited_by_hand_after_the_build_is_made_again(
    rebuilt: tuple[Path, Path, BuildReport],
) -> None:
    content, out, _ = rebuilt
    page = out / "projects" / "094" / "index.html"
    expected = page.read_bytes()
    published = page.stat()
    with page.open("r+b") as handle:  # in place, the same size and modification time:
        handle.write(b"X")  # only its change time tells
    os.utime(page, ns=(published.st_atime_ns, published.st_mtime_ns))
    report = build_site(content, out)
    assert page.read_bytes() == expected
    assert report.pages_reused == report.pages - 1


def test_a_changed_template_and_a_changed_data_file_are_built(
    rebuilt: tuple[Path, Path, BuildReport], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, out, _ = rebuilt
    data_file = next((content / "data").rglob("*.yaml"))
    written = data_file.read_bytes()
    data_file.write_bytes(written + b"# edited\n")
    assert build_site(content, out).data_files_written == 1
    assert data_file.read_bytes() == written

    changed_footer(tmp_path, monkeypatch)
    assert build_site(content, out).pages_reused == 0
    assert "<p>変更</p>" in (out / "index.html").read_text(encoding="utf-8")


def test_a_changed_sheet_is_staged_into_the_spare_and_equals_a_clean_build(
    rebuilt: tuple[Path, Path, BuildReport], tmp_path: Path
) -> None:
    content, out, _ = rebuilt
    assert spare_folder(out).is_dir()
    unchanged_page = (out / "projects" / "094" / "index.html").stat().st_ino
    sheet = content / "sheets" / "2022" / SHEET
    sheet.write_text(
        sheet.read_text(encoding="utf-8").replace(OLD_NAME, NEW_NAME, 1), encoding="utf-8"
    )

    report = build_site(content, out)
    clean = tmp_path / "elsewhere" / "clean"
    build_site(content, clean, clean=True)

    assert 0 < report.pages_reused < report.pages
    assert tree(out) == tree(clean) and _folders(out) == _folders(clean)
    assert (out / "projects" / "094" / "index.html").stat().st_ino == unchanged_page
    assert NEW_NAME in (out / "projects" / "092" / "index.html").read_text(encoding="utf-8")
    assert left_beside(out) == ["elsewhere"]
    assert spare_folder(out).is_dir()  # the site this build replaced, the next one's staging


def test_nothing_changed_shows_the_settings_warnings_again(
    built: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A warning about a settings file (here characters removed from site.yaml) is printed by
    the rebuild that has nothing to do, as by the build that printed it first."""
    content, out = copy_built(built, tmp_path)
    site = content / "site.yaml"
    site.write_text(
        site.read_text(encoding="utf-8").replace(
            "title: つくば市 事務事業見える化ポータル", 'title: "つくば市\\x01見える化"'
        ),
        encoding="utf-8",
    )
    warning = "site.yaml:2: 警告: XMLやHTMLに書けない文字（U+0001）を1文字取り除きました"
    assert main(["--content", str(content), "build", "--out", str(out)]) == 0
    assert warning in capsys.readouterr().err

    assert main(["--content", str(content), "build", "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert UNCHANGED_STAGE in printed.out
    assert warning in printed.err
