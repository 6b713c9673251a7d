"""Helpers for the fault tests: a site's files and modes, what a build may leave beside it, and
a change of the templates every page extends."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import builder.build

KEPT_BESIDE = {
    ".site-cache",
    ".site-lock",
    ".site-spare",
    "content",
    "site",
}  # what a finished build leaves beside site/


def without_warning_summary(stderr: str) -> list[str]:
    """The lines of a build's stderr other than the sheets' warning summary
    (``builder.parse.report.warning_summary``: a 警告 line and its indented lines)."""
    return [line for line in stderr.splitlines() if not line.startswith(("警告 ", "  "))]


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative path, with its bytes."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def modes(root: Path) -> set[int]:
    """The permission bits of every file and folder under ``root`` (and itself)."""
    return {p.stat().st_mode & 0o7777 for p in [root, *root.rglob("*")]}


def left_beside(out: Path) -> list[str]:
    """What is beside ``out`` but what a finished build leaves there."""
    return sorted(p.name for p in out.parent.iterdir() if p.name not in KEPT_BESIDE)


def copy_built(built: tuple[Path, Path], target: Path) -> tuple[Path, Path]:
    """A copy of the session's built content, site and cache in ``target``: (content, site)."""
    _content, site = built
    target.mkdir(parents=True, exist_ok=True)
    for name in ("content", "site", ".site-cache"):
        shutil.copytree(site.parent / name, target / name, copy_function=shutil.copy2)
    return target / "content", target / "site"


def changed_footer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Build with a copy of the templates whose base.html footer has one more line (every page
    extends it), for the rest of the test."""
    templates = tmp_path / "templates"
    shutil.copytree(builder.build.TEMPLATES, templates)
    monkeypatch.setattr(builder.build, "TEMPLATES", templates)
    base = templates / "base.html"
    base.write_text(
        base.read_text(encoding="utf-8").replace("</footer>", "<p>変更</p>\n</footer>"),
        encoding="utf-8",
    )
