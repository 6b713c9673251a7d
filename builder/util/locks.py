"""File locks (``fcntl.flock``) that keep two builds apart, and the locked scratch folders
of the search stage that only a running build may remove.

A descriptor of :func:`locked_descriptor` is closed in forked workers (they must not keep a
build's lock alive); a child program that must hold it gets it from :func:`held_locks`.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from pathlib import Path

COPY_PREFIX = "mieruka-index-"  # search copies (builder.search.pagefind); only folders of this name are ever removed
_held: set[int] = set()  # lock descriptors of this process, closed in forked workers


def _close_held_in_child() -> None:
    for fd in _held:
        os.close(fd)
    _held.clear()


os.register_at_fork(after_in_child=_close_held_in_child)


def locked_descriptor(path: Path, directory: bool = False) -> int | None:
    """An open descriptor of ``path`` holding its exclusive ``flock``, or None when another
    process holds it. Forked workers do not keep it; pass it to a child program that must."""
    flags = (os.O_RDONLY | os.O_DIRECTORY) if directory else (os.O_RDWR | os.O_CREAT)
    fd = os.open(path, flags | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    _held.add(fd)
    return fd


def held_locks() -> tuple[int, ...]:
    """The lock descriptors this process holds, for a child program that must hold them too."""
    return tuple(sorted(_held))


def release(fd: int) -> None:
    """Close a descriptor of :func:`locked_descriptor` (which releases its lock)."""
    _held.discard(fd)
    os.close(fd)


def remove_stale_copies(folders: list[str]) -> None:
    """Remove the search copies (``COPY_PREFIX*``, this user's) in ``folders`` that no
    running build holds locked."""
    for folder in folders:
        try:
            names = [name for name in os.listdir(folder) if name.startswith(COPY_PREFIX)]
        except OSError:
            continue
        for name in names:
            path = Path(folder) / name
            try:
                if path.is_symlink() or not path.is_dir() or path.stat().st_uid != os.getuid():
                    continue
                fd = locked_descriptor(path, directory=True)
            except OSError:
                continue
            if fd is not None:
                shutil.rmtree(path, ignore_errors=True)
                release(fd)


def make_locked_folder(parent: str | None) -> tuple[Path, int]:
    """A new folder ``COPY_PREFIX*`` in ``parent`` (default: the temporary folder), locked
    before it gets its name, so that no other build ever takes it for a leftover."""
    hidden = Path(tempfile.mkdtemp(prefix=f".{COPY_PREFIX}", dir=parent))
    fd = locked_descriptor(hidden, directory=True)
    assert fd is not None  # nobody else knows the folder yet
    folder = hidden.with_name(hidden.name[1:])
    os.rename(hidden, folder)
    return folder, fd
