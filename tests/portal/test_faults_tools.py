"""Broken, lying or missing tools and a full disk: one clear line naming what failed, the
previous site stays, nothing is left behind, and the next build equals a clean build."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import pytest

import builder.search.pagefind
from builder.build import build_site
from builder.cli import main
from tests.portal.faultkit import copy_built, left_beside, tree, without_warning_summary
from tests.portal.portalkit import REPO

pytestmark = (
    pytest.mark.slow
)  # each test builds the site (some through the command line) with a tool broken
KEPT = "前に公開したサイトはそのまま残っています。"


@pytest.fixture(scope="module")
def published(
    built: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, dict[str, bytes]]:
    """A copy of the built content, site and cache, and the site's bytes (failing builds must not change them)."""
    content, out = copy_built(built, tmp_path_factory.mktemp("published"))
    return content, out, tree(out)


def _fails_with(
    published: tuple[Path, Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str], *extra: str
) -> str:
    """Build (from the command line) expecting failure; return the error line. The site and
    its surroundings must be as before."""
    content, out, before = published
    capsys.readouterr()
    assert main(["--content", str(content), "build", "--out", str(out), *extra]) == 1
    lines = without_warning_summary(capsys.readouterr().err)
    assert len(lines) == 2 and lines[1] == KEPT and "Traceback" not in lines[0]
    assert tree(out) == before and left_beside(out) == []
    return lines[0]


FAKE_NODE = {
    "prints non-JSON": (
        'echo "Segmentation fault (core dumped) but exit 0"',
        "node: 単語に分けた結果がJSONではありません：「Segmentation fault",
    ),
    "prints []": ("echo '[]'", "node: 単語に分けた結果が元の文章と合いません：「[]」"),
    "drops a character": (
        "exec node-real \"$@\" | sed 's/推進/推/'",
        "node: 単語に分けた結果が元の文章と合いません",
    ),
    "exits 1": (
        "echo 'Error: cannot find module' >&2; exit 1",
        "node: 終了コード 1 で失敗しました：「Error: cannot find module」",
    ),
}


@pytest.mark.parametrize("case", FAKE_NODE)
def test_a_lying_or_broken_node(
    published: tuple[Path, Path, dict[str, bytes]],
    tmp_path: Path,
    case: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    script, expected = FAKE_NODE[case]
    real = next(
        Path(folder) / "node"
        for folder in os.environ["PATH"].split(":")
        if (Path(folder) / "node").is_file()
    )
    (tmp_path / "node-real").symlink_to(real)
    (tmp_path / "node").write_text(
        f'#!/bin/sh\nPATH="{tmp_path}:$PATH"\nif [ "$1" = "-p" ]; then exec node-real "$@"; fi\n{script}\n',
        encoding="utf-8",
    )
    (tmp_path / "node").chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    for segments in (published[1].parent / ".site-cache").glob("segments-*.json"):
        segments.unlink()  # Node is asked for every text
    assert _fails_with(published, capsys).startswith(expected)


FAKE_PAGEFIND = {
    "missing": (
        ["/nonexistent/pagefind"],
        "pagefind: Pagefind を実行できません（No such file or directory: /nonexistent/pagefind）",
    ),
    "silent": (None, "pagefind: 終了コード 0 で終わりました：何も出力しませんでした"),
    "fails": (
        None,
        "pagefind: 終了コード 3 で終わりました：Error: Pagefind could not read its configuration",
    ),
    "truncated": (None, "pagefind: 索引のファイル fragment/"),
    "emptied": (None, "pagefind: 索引のファイル index/"),
    "short": (None, "pagefind: 索引のページ数が 8 です（9 ページを渡しました）"),
}


@pytest.mark.parametrize("case", FAKE_PAGEFIND)
def test_a_lying_or_broken_pagefind(
    published: tuple[Path, Path, dict[str, bytes]],
    case: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    command, expected = FAKE_PAGEFIND[case]
    monkeypatch.setattr(
        builder.search.pagefind,
        "PAGEFIND",
        command or [sys.executable, "-m", "tests.portal.fakepagefind", case],
    )
    monkeypatch.chdir(REPO)
    assert _fails_with(published, capsys).startswith(expected)


def test_a_missing_plotly_bundle_is_a_tool_error(
    published: tuple[Path, Path, dict[str, bytes]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(
        builder.build, "PLOTLY_DIR", tmp_path / "plotly.js-basic-dist-min"
    )  # as before `npm ci`
    assert _fails_with(published, capsys) == (
        f"plotly.js: {tmp_path}/plotly.js-basic-dist-min/plotly-basic.min.js がありません。`npm ci` を実行してください"
    )


FULL_DISK_AT = {
    "a page": "projects/093/2022/index.html",
    "a download": "data/projects.csv",
    "the readings of the search page": "search/readings/",
    "a search file made deterministic": ".pf_filter",
}


@pytest.mark.parametrize("where", FULL_DISK_AT)
def test_a_full_disk(
    published: tuple[Path, Path, dict[str, bytes]],
    where: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    real_bytes, real_text, real_link = Path.write_bytes, Path.write_text, os.link

    def check(path: Path) -> None:
        if FULL_DISK_AT[where] in str(path):
            raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(
        Path, "write_bytes", lambda self, data: check(self) or real_bytes(self, data)
    )
    monkeypatch.setattr(
        Path,
        "write_text",
        lambda self, text, *args, **kwargs: check(self) or real_text(self, text, *args, **kwargs),
    )
    monkeypatch.setattr(
        os, "link", lambda source, target: check(Path(target)) or real_link(source, target)
    )
    line = _fails_with(published, capsys, *(["--clean"] if where == "a page" else []))
    assert FULL_DISK_AT[where] in line
    assert line.endswith(
        "読み書きできませんでした：No space left on device（ディスクの空きがありません）"
    )


def test_a_file_written_short_is_caught_before_publishing(
    published: tuple[Path, Path, dict[str, bytes]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    real_bytes = Path.write_bytes

    def short(self: Path, data: bytes) -> int:
        return real_bytes(self, data[: len(data) // 2] if self.name == "projects.csv" else data)

    monkeypatch.setattr(Path, "write_bytes", short)
    monkeypatch.setattr(
        os, "link", _cannot_link
    )  # every file written, none linked from the previous site
    line = _fails_with(published, capsys)
    assert line.startswith(str(published[1].parent)) and "/data/projects.csv: 書いたはずの" in line


def _cannot_link(source: object, target: object) -> None:
    raise OSError(errno.EXDEV, "Invalid cross-device link")


def test_after_every_failure_the_next_build_equals_a_clean_one(
    published: tuple[Path, Path, dict[str, bytes]],
) -> None:
    content, out, before = published
    build_site(content, out)
    assert tree(out) == before and left_beside(out) == []
