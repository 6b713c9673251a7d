"""Putting a staged site in the place of the published one, safely when left unattended.

- **One build at a time.** A build holds ``.<out>-lock`` beside the output folder
  (``fcntl.flock``) from start to end; a second build of the same folder refuses with a
  clear message. Pagefind inherits the lock, so a builder killed while Pagefind still
  writes into its staging folder keeps the next build out until Pagefind is done.
- **Leftovers removed first.** Holding the lock, a build removes what killed builds left:
  staging folders ``.<out>-XXXXXXXX`` and old sites ``.<out>-old-XXXXXXXX``.
- **Publish by exchange.** ``renameat2(RENAME_EXCHANGE)`` (Linux 3.15+) swaps the staged
  folder and the published one in one step: at every moment ``out`` is a whole site. The
  old site, now at the staging path, is kept as the spare the next build stages into
  (``builder.publish.spare``). Where the system or file
  system cannot exchange, two renames are used (the old site is first moved to
  ``.<out>-old-XXXXXXXX``); a build killed between them leaves no ``out``, and the next
  build moves the old site back before anything else.
- **Readable by a web server.** Before the exchange every folder of the staged site is
  made 755 and every file 644, whatever the umask.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import tempfile
from pathlib import Path

from builder.errors import BuildFailure
from builder.publish.spare import keep_as_spare
from builder.util.locks import locked_descriptor, release

AT_FDCWD = -100
RENAME_EXCHANGE = 2
FILE_MODE, FOLDER_MODE = 0o644, 0o755


class BuildLock:
    """The lock of one output folder, held while a build of it runs (a context manager)."""

    def __init__(self, out: Path) -> None:
        self.path = out.parent / f".{out.name}-lock"
        self.fd: int | None = None

    def __enter__(self) -> BuildLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fd = locked_descriptor(self.path)
        if self.fd is None:
            raise BuildFailure(
                f"{self.path}: 別のビルド（またはその pagefind）が同じ出力先に書いています。"
                "終わってからもう一度実行してください"
            )
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.fd is not None:
            release(self.fd)
            self.fd = None


def _leftovers(out: Path) -> tuple[list[Path], list[Path]]:
    """(staging folders, old sites) beside ``out`` left by builds that were killed."""
    pattern = re.compile(rf"\.{re.escape(out.name)}-(old-)?[a-z0-9_]{{8}}")
    staging: list[Path] = []
    old: list[Path] = []
    for path in sorted(out.parent.iterdir()) if out.parent.is_dir() else ():
        found = pattern.fullmatch(path.name)
        if found and path.is_dir() and not path.is_symlink():
            (old if found.group(1) else staging).append(path)
    return staging, old


def remove_leftovers(out: Path) -> None:
    """Remove what killed builds of ``out`` left (call holding its :class:`BuildLock`); if
    a build was killed between the two renames of the fallback, put the old site back."""
    staging, old = _leftovers(out)
    if old and not os.path.lexists(out):
        newest = max(old, key=lambda path: path.stat().st_mtime)
        os.rename(newest, out)
        old.remove(newest)
    for path in staging + old:
        shutil.rmtree(path, ignore_errors=True)


def normalise_modes(root: Path) -> None:
    """Make every folder under ``root`` (and itself) 755 and every file 644."""
    os.chmod(root, FOLDER_MODE)
    for folder, folders, files in os.walk(root):
        for name, mode in [(n, FOLDER_MODE) for n in folders] + [(n, FILE_MODE) for n in files]:
            path = os.path.join(folder, name)
            if os.lstat(path).st_mode & 0o7777 != mode:
                os.chmod(path, mode)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (``renameat2`` with ``RENAME_EXCHANGE``); False when the
    system or the file system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def publish(staging: Path, out: Path) -> None:
    """Put the site in ``staging`` in the place of ``out`` (see the module docstring), then
    keep the old site as the spare (``builder.publish.spare``); nothing after the swap can fail."""
    if not os.path.lexists(out):
        os.rename(staging, out)
        return
    if _exchange(staging, out):
        previous = staging
    else:
        previous = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
        os.replace(out, previous)
        try:
            os.rename(staging, out)
        except OSError:
            os.replace(previous, out)
            raise
    keep_as_spare(previous, out)  # what cannot be kept is removed
