"""Helpers for the tests of careless and hostile input beyond the sheets: a copy of the real
content with one change, built through the command line with a time limit, and what the
build printed and left."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

from builder.cli import main
from builder.errors import SITE_KEPT
from tests.portal.faultkit import KEPT_BESIDE, tree
from tests.portal.portalkit import copy_content

SHEET = "sheets/2022/000_3e14ed9760a955ee.txt"
DEPARTMENT_CELL = "政策イノベーション部科学技術振興課"
CORRECTION = """\
- date: 2026-12-01
  code: "092"
  fiscal_year: 2022
  field: {field}
  old: {old}
  new: {new}
  reason: テスト
"""


@dataclass(frozen=True)
class Outcome:
    """What one build did: its exit status, its stderr lines without warnings, and whether
    the previous site and everything beside it stayed as they were."""

    status: int
    errors: list[str]
    warnings: list[str]
    site_kept: bool
    beside: list[str]  # entries of the work folder after the build


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Raise TimeoutError when the block runs longer than ``seconds`` (a hang fails the test)."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def build_changed(work: Path, change: Callable[[Path], object], seconds: int = 60) -> Outcome:
    """Copy the real content into ``work``, apply ``change`` to it, build into ``work/site``
    over a previous site, and say what happened."""
    content = copy_content(work / "content")
    site = work / "site"
    site.mkdir()
    (site / "index.html").write_text("previous", encoding="utf-8")
    change(content)
    before = tree(site)
    err = StringIO()
    with time_limit(seconds), redirect_stderr(err), redirect_stdout(StringIO()):
        status = main(["--content", str(content), "build", "--out", str(site)])
    lines = err.getvalue().splitlines()
    warnings = [line for line in lines if "警告" in line or line.startswith("  ")]
    errors = [line for line in lines if line not in warnings]
    kept = status == 0 or tree(site) == before
    return Outcome(status, errors, warnings, kept, sorted(p.name for p in work.iterdir()))


def assert_one_line(outcome: Outcome, expected: str) -> None:
    """The build stopped with exactly one problem line starting with ``expected``, the count
    and the closing line, kept the previous site and wrote nothing beside it."""
    assert outcome.status == 1, outcome
    assert outcome.errors[0].startswith(expected), outcome.errors
    quoted = [line for line in outcome.errors[1:] if line.startswith("    | ")]
    assert [line for line in outcome.errors[1:] if line not in quoted] == [
        "1 件の問題があります。何も書き込んでいません。",
        SITE_KEPT,
    ], outcome.errors
    assert outcome.site_kept
    assert set(outcome.beside) <= KEPT_BESIDE, outcome.beside


def edit(relative: str, old: str, new: str) -> Callable[[Path], None]:
    """A change replacing ``old`` (which must be there) by ``new`` in one file of the content."""

    def change(content: Path) -> None:
        path = content / relative
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def correction(
    field: str, old: object, new: str, *more: tuple[str, object, str]
) -> Callable[[Path], None]:
    """A change writing corrections of sheet 092 (2022) into ``content/corrections.yaml``."""

    def change(content: Path) -> None:
        entries = [(field, old, new), *more]
        text = "".join(CORRECTION.format(field=f, old=o, new=n) for f, o, n in entries)
        (content / "corrections.yaml").write_text(text, encoding="utf-8")

    return change
