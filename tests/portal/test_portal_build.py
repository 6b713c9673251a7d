"""The build is deterministic and atomic: same bytes twice, and a failure keeps the old site."""

from __future__ import annotations

from pathlib import Path

import pytest

import builder.write
from builder.build import build_site
from builder.errors import OutputError, SheetError
from tests.portal.faultkit import KEPT_BESIDE, copy_built
from tests.portal.portalkit import copy_content


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_two_builds_give_identical_bytes(tmp_path: Path, site: Path) -> None:
    content = copy_content(tmp_path / "content")
    build_site(content, tmp_path / "again")
    first = _tree(tmp_path / "again")
    build_site(content, tmp_path / "again")  # rebuilding in place as well
    assert _tree(tmp_path / "again") == first == _tree(site)
    assert any(name.startswith("pagefind/filter/") for name in first)  # the search bundle too
    assert len(first) > 50
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".again-cache",
        ".again-lock",
        "again",
        "content",
    ]  # no staging folder left


@pytest.fixture
def previous(built: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A copy of the session's build (content, site and its cache), and that site's bytes."""
    content, out = copy_built(built, tmp_path)
    return content, out, _tree(out)


def _left_over(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name not in KEPT_BESIDE)


def test_a_bad_sheet_leaves_the_previous_site(
    previous: tuple[Path, Path, dict[str, bytes]],
) -> None:
    content, out, before = previous
    sheet = next((content / "sheets" / "2022").glob("*.txt"))
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("予算額", "予算"), encoding="utf-8")
    with pytest.raises(SheetError):
        build_site(content, out)
    assert _tree(out) == before and _left_over(out) == []


def test_a_department_without_slug_gets_one_from_its_reading_in_the_report(
    previous: tuple[Path, Path, dict[str, bytes]],
) -> None:
    content, out, _ = previous
    (content / "departments.yaml").write_text("slugs: {}\n", encoding="utf-8")
    build_site(content, out)
    assert (out / "departments" / "seisaku-inobeeshon-bu" / "index.html").is_file()
    assert not (out / "departments" / "policy-innovation").exists()
    report = (out.parent / ".site-cache" / "build-report.txt").read_text(encoding="utf-8")
    assert report.endswith(
        "読みから作ったURL用slug 2件。固定するには content/departments.yaml に書き写してください\n"
        "（書いたslugが優先されます。公開後はslugを変えないでください）:\n"
        "slugs:\n  政策イノベーション部:\n    slug: seisaku-inobeeshon-bu\n    divisions:\n      科学技術振興課: kagakugijutsu-shinkou-ka\n"
    )
    assert report.startswith("警告 5件\ncontent/sheets/2022/000_3e14ed9760a955ee.txt:")


def test_two_names_with_one_slug_fail_naming_both(
    previous: tuple[Path, Path, dict[str, bytes]],
) -> None:
    content, out, before = previous
    (content / "departments.yaml").write_text(
        "slugs:\n  総務部:\n    slug: seisaku-inobeeshon-bu\n", encoding="utf-8"
    )
    with pytest.raises(SheetError) as failure:
        build_site(content, out)
    assert [str(e) for e in failure.value.problems] == [
        (
            "content/sheets/2022/000_3e14ed9760a955ee.txt:447: 「総務部」と「政策イノベーション部」のURL用slugがどちらも"
            "「seisaku-inobeeshon-bu」になります。content/departments.yaml の slugs: でどちらかに別のslugを書いてください"
        ),
    ]  # at the first sheet (009) naming the department
    assert _tree(out) == before and _left_over(out) == []


def test_a_failure_halfway_through_writing_leaves_the_previous_site(
    previous: tuple[Path, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    content, out, before = previous
    real_write = builder.write.write_page
    failing_url = "/projects/096/"  # a page in the middle; pages are rendered on every core

    def failing_write(env, root, url, template, **context):
        if url == failing_url:
            raise OSError("disk full")
        return real_write(env, root, url, template, **context)

    monkeypatch.setattr(builder.write, "write_page", failing_write)
    with pytest.raises(OutputError, match="disk full"):
        build_site(content, out, clean=True)  # render every page, none taken over
    assert _tree(out) == before and _left_over(out) == []


def test_site_folder_is_readable_by_a_web_server(site: Path) -> None:
    assert site.stat().st_mode & 0o755 == 0o755


def test_a_failing_search_stage_is_reported_in_one_line_and_keeps_the_old_site(
    tmp_path, monkeypatch, capsys
):
    from builder.cli import main

    content = copy_content(tmp_path / "content")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous", encoding="utf-8")
    monkeypatch.setenv("PATH", "/nonexistent")  # no node: the segmenter cannot start

    assert main(["--content", str(content), "build", "--out", str(site)]) == 1

    err = capsys.readouterr().err
    assert err.splitlines()[-2:] == [
        (
            "node: Node.js を実行できません（No such file or directory）。"
            "検索用に日本語を単語に分けるには PATH に node が必要です"
        ),
        "前に公開したサイトはそのまま残っています。",
    ]
    assert "Traceback" not in err
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "previous"
