"""File locks (``fcntl.flock``) that keep two builds apart.

A descriptor of :func:`locked_descriptor` is closed in forked workers (they must not keep a
build's lock alive); a child program that must hold it gets it from :func:`held_locks`.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

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
