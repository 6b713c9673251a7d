"""The one way the build opens a file staff edit (sheets, settings, pages): only a regular
file inside ``content/``, never followed through a symbolic link, never a FIFO or a device.

A symbolic link could publish a file from elsewhere on the machine (Git carries links in a
pull request), and opening a FIFO waits for a writer forever. Such an entry is refused at
its path with one line, without being opened: :func:`input_problem` tells why, and
:func:`read_input` reads a file only after that check, opening it with ``O_NOFOLLOW`` and
``O_NONBLOCK`` so that an entry swapped for a link or a FIFO meanwhile fails instead of hanging.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from builder.errors import Problem, SourceLoc

_KINDS = (
    (stat.S_ISLNK, "シンボリックリンク"),
    (stat.S_ISFIFO, "名前付きパイプ（FIFO）"),
    (stat.S_ISCHR, "デバイス"),
    (stat.S_ISBLK, "デバイス"),
    (stat.S_ISSOCK, "ソケット"),
    (stat.S_ISDIR, "フォルダ"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "普通でないファイル")


def input_problem(path: Path, display: str, folder: bool = False) -> Problem | None:
    """Why the entry ``path`` (named ``display`` in messages) is not a regular file (with
    ``folder``: a real folder) the build may read, or None when it is (or does not exist)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as error:
        return Problem.of(
            SourceLoc(display, 1), "読めるファイル", f"読めません（{error.strerror}）"
        )
    if stat.S_ISDIR(mode) if folder else stat.S_ISREG(mode):
        return None
    expected = "フォルダ" if folder else "普通のファイル"
    return Problem.of(
        SourceLoc(display, 1),
        f"content/ の中の{expected}",
        f"{_kind(mode)}です（読まずに止めました。実物のファイルを置いてください）",
    )


def read_input(path: Path, display: str) -> bytes:
    """The bytes of the regular file ``path``; the :class:`Problem` of :func:`input_problem`
    (or FileNotFoundError) otherwise."""
    problem = input_problem(path, display)
    if problem is not None:
        raise problem
    try:
        flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
        descriptor = os.open(path, flags)
    except OSError as error:
        if isinstance(error, FileNotFoundError):
            raise
        raise Problem.of(
            SourceLoc(display, 1),
            "content/ の中の普通のファイル",
            f"開けません（{error.strerror}）",
        ) from None
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise Problem.of(
                SourceLoc(display, 1),
                "content/ の中の普通のファイル",
                f"{_kind(os.fstat(file.fileno()).st_mode)}です（読まずに止めました）",
            )
        return file.read()


def folder_entries(folder: Path, display: str, problems: list[Problem]) -> Iterator[Path]:
    """The entries of a real folder ``folder``, sorted; a folder that is a link (or no folder)
    adds its problem to ``problems`` and gives nothing; a missing one gives nothing."""
    problem = input_problem(folder, display, folder=True)
    if problem is not None:
        problems.append(problem)
        return iter(())
    if not folder.exists():
        return iter(())
    return iter(sorted(folder.iterdir()))
