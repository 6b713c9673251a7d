"""Two file-system helpers the cache, the downloads and publishing share."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from pathlib import Path


def remove_entry(path: Path) -> None:
    """Remove a folder with what it holds, or a file or link; what cannot be removed stays."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


def same_file(first: str | Path, second: str | Path) -> bool:
    """Whether both paths name one regular file (not followed through a link)."""
    try:
        one, other = os.lstat(first), os.lstat(second)
    except OSError:
        return False
    return (
        stat.S_ISREG(one.st_mode)
        and (one.st_ino, one.st_dev) == (other.st_ino, other.st_dev)
        and stat.S_ISREG(other.st_mode)
    )
