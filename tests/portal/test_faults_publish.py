"""Kills, two builds at once, an operator's locale and umask: the published site is always
whole, the next build equals a clean build byte for byte and nothing is left behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import builder.publish.swap
from builder.build import build_site
from builder.errors import BuildFailure
from builder.publish.swap import publish
from builder.util.locks import locked_descriptor, release
from tests.portal.faultkit import copy_built, left_beside, modes, tree
from tests.portal.portalkit import REPO


@pytest.fixture(scope="module")
def clean(site: Path) -> dict[str, bytes]:
    """The bytes of a clean build of the repository's content (the session's site)."""
    return tree(site)


@pytest.fixture
def previous(built: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A content copy, a site built from it and its cache."""
    return copy_built(built, tmp_path)


def _command(content: Path, out: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "builder",
        "--content",
        str(content),
        "build",
        "--out",
        str(out),
        *extra,
    ]


def _staging(out: Path) -> bool:
    return any(p.name.startswith(".site-") and len(p.name) == 14 for p in out.parent.iterdir())


def _runs_pagefind(pid: int) -> bool:
    """Whether a child process of ``pid`` is Pagefind."""
    for child in Path("/proc").glob("[0-9]*"):
        try:
            parent = int((child / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if parent == pid and b"pagefind" in (child / "cmdline").read_bytes():
                return True
        except (OSError, ValueError, IndexError):
            continue
    return False


POINTS: dict[str, Callable[[int, Path], bool]] = {
    "while rendering into the staging folder": lambda pid, out: _staging(out),
    "while Pagefind runs": lambda pid, out: _runs_pagefind(pid),
}


def _wait_for_lock(out: Path) -> None:
    """Wait until nothing holds the build lock of ``out`` (an orphaned Pagefind finishing)."""
    deadline = time.monotonic() + 60
    while (fd := locked_descriptor(out.parent / f".{out.name}-lock")) is None:
        assert time.monotonic() < deadline, "the lock was never released"
        time.sleep(0.05)
    release(fd)


@pytest.mark.parametrize("point", POINTS)
def test_a_killed_build_leaves_the_site_and_the_next_build_cleans_up(
    previous: tuple[Path, Path], clean: dict[str, bytes], point: str
) -> None:
    content, out = previous
    build = subprocess.Popen(
        _command(content, out, "--clean"),
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not POINTS[point](build.pid, out):
        assert build.poll() is None and time.monotonic() < deadline, f"the build never got {point}"
        time.sleep(0.002)
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert tree(out) == clean  # the published site never changed

    _wait_for_lock(out)
    build_site(content, out)
    assert tree(out) == clean
    assert left_beside(out) == []


def test_the_leftovers_of_killed_builds_are_removed(
    previous: tuple[Path, Path], clean: dict[str, bytes]
) -> None:
    content, out = previous
    staging, old = out.parent / ".site-k1ll3d_x", out.parent / ".site-old-k1ll3d_x"
    for folder in (staging, old):
        shutil.copytree(out, folder)
    unfinished = (
        content / "data" / "2022" / ".092.yaml.k1ll3d_x"
    )  # a data file a killed build was writing
    unfinished.write_text("name: half", encoding="utf-8")
    build_site(content, out)
    assert tree(out) == clean and left_beside(out) == [] and not unfinished.exists()


def test_a_build_killed_between_the_two_renames_of_the_fallback_gets_its_site_back(
    previous: tuple[Path, Path], clean: dict[str, bytes]
) -> None:
    content, out = previous
    out.rename(out.parent / ".site-old-abcd1234")  # the moment between the renames: no site/
    build_site(content, out)
    assert tree(out) == clean and left_beside(out) == []


def test_the_fallback_publishes_when_the_system_cannot_exchange(
    previous: tuple[Path, Path], clean: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    content, out = previous
    monkeypatch.setattr(builder.publish.swap, "_exchange", lambda first, second: False)
    build_site(content, out, clean=True)
    assert tree(out) == clean and left_beside(out) == []


def test_publishing_exchanges_in_one_step(tmp_path: Path) -> None:
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "a").write_text("new", encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a").write_text("old", encoding="utf-8")
    inode = (tmp_path / "new").stat().st_ino
    assert builder.publish.swap._exchange(tmp_path / "new", tmp_path / "site")
    assert (tmp_path / "site").stat().st_ino == inode and (tmp_path / "new" / "a").read_text(
        encoding="utf-8"
    ) == "old"
    publish(tmp_path / "site", tmp_path / "other")
    assert (tmp_path / "other" / "a").read_text(encoding="utf-8") == "new"


def test_a_second_build_refuses_while_one_runs(
    previous: tuple[Path, Path], clean: dict[str, bytes]
) -> None:
    content, out = previous
    lock = locked_descriptor(out.parent / ".site-lock")
    assert lock is not None
    try:
        done = subprocess.run(
            _command(content, out), cwd=REPO, capture_output=True, text=True, encoding="utf-8"
        )
    finally:
        release(lock)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{out.parent / '.site-lock'}: 別のビルド（またはその pagefind）が同じ出力先に書いています。終わってからもう一度実行してください",
        "前に公開したサイトはそのまま残っています。",
    ]
    assert tree(out) == clean and left_beside(out) == []
    lock = locked_descriptor(
        out.parent / ".site-lock"
    )  # and in process: the lock is the file's, not the process's
    try:
        with pytest.raises(BuildFailure):
            build_site(content, out)
    finally:
        release(lock)


def test_an_operators_ascii_locale_and_umask_077_and_a_read_only_site(
    previous: tuple[Path, Path], clean: dict[str, bytes]
) -> None:
    content, out = previous
    for path in sorted(out.rglob("*"), reverse=True):
        path.chmod(0o444 if path.is_file() else 0o555)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG"))}
    env.update(PYTHONUTF8="0", PYTHONCOERCECLOCALE="0", LC_ALL="C", LANG="C")
    done = subprocess.run(
        _command(content, out),
        cwd=REPO,
        capture_output=True,
        env=env,
        preexec_fn=lambda: os.umask(0o077),
    )
    assert done.returncode == 0, done.stderr.decode("ascii", "replace")
    assert done.stdout.startswith(
        b"\\u30d3\\u30eb\\u30c9\\u5b8c\\u4e86"
    )  # ビルド完了, escaped for ASCII
    assert tree(out) == clean and left_beside(out) == []
    assert modes(out) == {0o644, 0o755}
