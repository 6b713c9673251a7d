"""The spare site: the site a build replaced, kept beside ``out`` (``.<out>-spare``) so that
the next build writes only what changed, and neither links nor removes thousands of files.

After the exchange (``builder.publish.swap``) the replaced site is not removed file by file:
it becomes the spare (:func:`keep_as_spare`). Its unchanged files are hard links of the
published ones (a build takes a page over by linking it). The next build stages into the
spare instead of an empty folder (:func:`stage_into_spare`): it renames it to its staging
name and prunes it, keeping only the files that are still the published file (the same
inode as ``out``'s file of that path) and that this build may keep (a page or card of the
output cache, a download); every other file and emptied folder is removed. Taking such a
page over is then nothing to do.

A kept file *is* the published one, so nothing may write into it: a page, card or
download made again is first unlinked (``OutputCache.take_over``, the downloads' writer),
and nothing else writes a path that can be kept. A kept file this build does not claim (a
page that is gone) is removed before the staged site is checked (:func:`remove_unclaimed`),
so the staged site holds exactly the files of one staged into an empty folder.

A build killed while it changes the spare leaves it under its staging name, which the next
build removes as any leftover before staging into an empty folder.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from collections.abc import Collection
from pathlib import Path

from builder.util.files import remove_entry, same_file


def spare_folder(out: Path) -> Path:
    """Where the site that ``out`` replaced is kept: ``.<name>-spare`` beside it."""
    return out.parent / f".{out.name}-spare"


def keep_as_spare(previous: Path, out: Path) -> None:
    """Keep ``previous`` (the site just replaced) as the spare of ``out``; where that cannot
    be done, remove it. Never fails."""
    spare = spare_folder(out)
    try:
        if os.path.lexists(spare):
            remove_entry(spare)
        os.rename(previous, spare)
    except OSError:
        remove_entry(previous)


def stage_into_spare(out: Path, keepable: Collection[str]) -> tuple[Path, set[str]]:
    """A staging folder beside ``out`` (``.<name>-XXXXXXXX``) and the files in it kept from
    the spare (relative paths): those of ``keepable`` that are still ``out``'s file. With no
    spare, an empty folder and nothing kept."""
    spare = spare_folder(out)
    if not spare.is_dir() or spare.is_symlink() or not out.is_dir():
        if os.path.lexists(spare):
            remove_entry(spare)
        return Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent)), set()
    staging = out.parent / f".{out.name}-{secrets.token_hex(4)}"
    os.rename(spare, staging)
    kept: set[str] = set()
    published = str(out)
    for folder, folders, files in os.walk(staging, topdown=False):
        inside = os.path.relpath(folder, staging)
        for name in files + [name for name in folders if os.path.islink(f"{folder}/{name}")]:
            relative = name if inside == "." else f"{inside}/{name}"
            path = f"{folder}/{name}"
            if relative in keepable and same_file(path, f"{published}/{relative}"):
                kept.add(relative)
            else:
                os.unlink(path)
        if inside != ".":
            with contextlib.suppress(OSError):
                os.rmdir(folder)  # when it is left empty
    return staging, kept


def _remove_if_empty(folder: Path) -> bool:
    try:
        folder.rmdir()
    except OSError:
        return False
    return True


def remove_unclaimed(staging: Path, kept: set[str], claimed: Collection[str]) -> None:
    """Remove the files kept from the spare that this build did not claim (``claimed``:
    every file it staged, by relative path), and the folders they leave empty."""
    for relative in sorted(kept.difference(claimed)):
        path = staging / relative
        path.unlink(missing_ok=True)
        folder = path.parent
        while folder != staging and _remove_if_empty(folder):
            folder = folder.parent
