"""The spare site: the site a build replaced, kept beside ``out`` (``.<out>-spare``) so that
the next build writes only what changed, and neither links nor removes thousands of files.

After the exchange (``builder.publish.swap``) the replaced site is not removed file by file:
it becomes the spare (:func:`keep_as_spare`). Its unchanged files are hard links of the
published ones (a build takes a page over by linking it). The next build stages into the
spare instead of an empty folder (:func:`stage_into_spare`): it renames it to its staging
name and prunes it, keeping only the files that are still the published file (the same
inode as ``out``'s file of that path) and that this build may keep (a page, card or
download of the output cache, a download file); every other file and emptied folder is removed.
Taking such a page over is then nothing to do. A folder with nothing kept (the search
bundle, the assets, every folder after a template changed: thousands of files) is moved
aside at once, under a staging name, and removed while the build goes on
(:func:`remove_unclaimed` waits for it).

A kept file *is* the published one, so nothing may write into it: a page, card or
download made again is first unlinked (``OutputCache.take_over``, the downloads' writer),
and nothing else writes a path that can be kept. A kept file this build does not claim (a
page that is gone) is removed before the staged site is checked (:func:`remove_unclaimed`),
so the staged site holds exactly the files of one staged into an empty folder.

A build killed while it changes the spare leaves it under its staging name, which the next
build removes as any leftover before staging into an empty folder.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
import threading
from collections.abc import Collection
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Staged:
    """A staging folder beside ``out`` (``.<name>-XXXXXXXX``), with the files in it kept from
    the spare (relative paths) and the removal of what the spare held besides."""

    folder: Path
    kept: set[str]
    removing: threading.Thread | None = None  # removes the folders moved aside


def stage_into_spare(out: Path, keepable: Collection[str]) -> Staged:
    """A staging folder for ``out`` holding those files of ``keepable`` that are still
    ``out``'s file, from the spare. With no spare, an empty folder and nothing kept."""
    spare = spare_folder(out)
    if not spare.is_dir() or spare.is_symlink() or not out.is_dir():
        if os.path.lexists(spare):
            remove_entry(spare)
        return Staged(Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent)), set())
    staging = out.parent / f".{out.name}-{secrets.token_hex(4)}"
    os.rename(spare, staging)
    kept: set[str] = set()
    published = str(out)
    unkept: dict[str, list[str]] = {}  # folder -> its files (and links) not kept
    folders_in: dict[str, list[str]] = {}  # folder -> the folders in it
    holds: dict[str, bool] = {}  # folder -> whether it holds a kept file, at any depth
    for folder, folders, files in os.walk(staging, topdown=False):
        inside = os.path.relpath(folder, staging)
        links = [name for name in folders if os.path.islink(f"{folder}/{name}")]
        unkept[folder] = []
        for name in files + links:
            relative = name if inside == "." else f"{inside}/{name}"
            if relative in keepable and same_file(f"{folder}/{name}", f"{published}/{relative}"):
                kept.add(relative)
            else:
                unkept[folder].append(name)
        folders_in[folder] = [f"{folder}/{name}" for name in folders if name not in links]
        holds[folder] = len(unkept[folder]) < len(files) + len(links) or any(
            holds[inner] for inner in folders_in[folder]
        )
    return Staged(staging, kept, _prune(str(staging), unkept, folders_in, holds, out))


def _prune(
    staging: str,
    unkept: dict[str, list[str]],
    folders_in: dict[str, list[str]],
    holds: dict[str, bool],
    out: Path,
) -> threading.Thread | None:
    """Remove from ``staging`` what :func:`stage_into_spare` does not keep: the files beside
    a kept one at once, each folder with nothing kept moved into a folder of a staging name
    (which the next build removes, should this one be killed) and removed meanwhile by the
    thread returned."""
    aside: list[str] = []
    folders = [staging]
    while folders:
        folder = folders.pop()
        for name in unkept[folder]:
            os.unlink(f"{folder}/{name}")
        for inner in folders_in[folder]:
            (folders if holds[inner] else aside).append(inner)
    if not aside:
        return None
    trash = tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent)
    for number, folder in enumerate(aside):
        os.rename(folder, f"{trash}/{number}")
    removing = threading.Thread(target=shutil.rmtree, args=(trash,), kwargs={"ignore_errors": True})
    removing.start()
    return removing


def _remove_if_empty(folder: Path) -> bool:
    try:
        folder.rmdir()
    except OSError:
        return False
    return True


def remove_unclaimed(staged: Staged, claimed: Collection[str]) -> None:
    """Remove the files kept from the spare that this build did not claim (``claimed``:
    every file it staged, by relative path), and the folders they leave empty; wait until
    what was moved aside is removed."""
    staging = staged.folder
    if staged.removing is not None:
        staged.removing.join()
    for relative in sorted(staged.kept.difference(claimed)):
        path = staging / relative
        path.unlink(missing_ok=True)
        folder = path.parent
        while folder != staging and _remove_if_empty(folder):
            folder = folder.parent
