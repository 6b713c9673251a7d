"""A rebuild with nothing changed keeps the published site as it is, in a fraction of a second.

After every whole build, the build keeps in its cache store (``unchanged.json``) what the
site was made from and what it left:

- **the inputs, by content hash**: every file under ``content/`` (sheets, settings, pages,
  and the data files the build wrote there), the builder's source and library versions
  (:func:`builder.util.cache.builder_hash`), the templates and assets, the installed Node
  packages (``node_modules/.package-lock.json``: plotly.js, the card font) and Python
  distributions (the names of the ``.dist-info`` folders: Pagefind, Pillow, the segmenter),
  and the Python version;
- **the outputs, by their file-system identity**: the path, kind, inode, size, mode and
  modification and change times of every file and folder of the site and of the cache
  store. Writing, replacing, adding or removing a file or changing its mode changes this
  (a file's change time cannot be set back), so a page edited by hand in the site folder or
  a damaged cache file is noticed.

A build whose inputs hash as recorded, and whose site and cache are exactly as the last
build left them, has nothing to do: it prints the last build's warnings and reports the last
build's figures. Anything else is an ordinary build, which removes the record first (a
build killed halfway never leaves one) and writes it again once the site is published and
the cache saved. The record is checked without importing the rest of the builder, so
``python -m builder build`` answers before the page code is loaded.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from builder.util.cache import CacheStore, builder_hash, cache_folder, digest, source_hash

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
ASSETS = ROOT / "assets"
NODE_PACKAGES = ROOT / "node_modules" / ".package-lock.json"
RECORD = "unchanged"
UNCHANGED_STAGE = "変更なし"  # the one stage of a rebuild that finds nothing changed
DATA = "data"  # the folder of content/ the build writes the data files into


def data_digest(content: Path) -> str:
    """Hash of the data files under ``content``; taken when a build has written them."""
    return _tree_digest(content / DATA)


@dataclass(frozen=True)
class LastBuild:
    """What the last whole build reported, kept for the rebuilds that have nothing to do."""

    report: dict[str, object]  # the plain fields of its report (``builder.build``)
    results: str  # its summary for the terminal, without the stage times
    # the warnings it printed: the settings' lines, then the sheets' summary ("" if none)
    warnings: str


def _tree_digest(root: Path, leave_out: str | None = None) -> str:
    """Hash of every entry under ``root`` (relative path, and a regular file's bytes or a
    link's target) but those in its folder ``leave_out``, in a fixed order. Nothing but a
    regular file is opened (a FIFO would wait for a writer): the build refuses the others."""
    hasher = hashlib.sha256()
    for folder, folders, files in os.walk(root):
        if folder == str(root) and leave_out in folders:
            folders.remove(leave_out)
        folders.sort()
        for name in sorted(files) + [
            name for name in folders if os.path.islink(f"{folder}/{name}")
        ]:
            path = os.path.join(folder, name)
            hasher.update(os.path.relpath(path, root).encode("utf-8", "surrogateescape") + b"\0")
            hasher.update(_entry_bytes(path))
    return hasher.hexdigest()


def _entry_bytes(path: str) -> bytes:
    """What stands for one entry in :func:`_tree_digest`."""
    mode = os.lstat(path).st_mode
    if stat.S_ISLNK(mode):
        return b"link\0" + os.fsencode(os.readlink(path)) + b"\0"
    if not stat.S_ISREG(mode):
        return b"mode %d\0" % mode
    handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(handle, "rb") as opened:
        data = opened.read()
    return b"%d\0" % len(data) + data


def _distributions() -> list[str]:
    """The names (with versions) of the installed Python distributions."""
    folders = {sysconfig.get_paths()[kind] for kind in ("purelib", "platlib")}
    return sorted(
        name
        for folder in folders
        if os.path.isdir(folder)
        for name in os.listdir(folder)
        if name.endswith(".dist-info")
    )


def inputs_digest(content: Path, templates: Path, assets: Path) -> str | None:
    """Hash of everything a site is built from (see the module docstring) but the data
    files, which the build writes (:func:`data_digest`); taken when a build starts. None
    when something cannot be read (the build reports it in its own words)."""
    try:
        node = NODE_PACKAGES.read_bytes() if NODE_PACKAGES.is_file() else b""
        content_hash = _tree_digest(content, leave_out=DATA)
    except OSError:
        return None
    return digest(
        builder_hash(),
        source_hash(templates, assets),
        content_hash,
        hashlib.sha256(node).hexdigest(),
        _distributions(),
        sys.version,
    )


def outputs_digest(out: Path) -> str:
    """Hash of the file-system identity of every entry of the site ``out`` and of its cache
    store, but the record itself."""
    hasher = hashlib.sha256()
    record = CacheStore(cache_folder(out)).path_of(RECORD)
    for root in (out, cache_folder(out)):
        for folder, folders, files in os.walk(root):
            folders.sort()
            for name in [*folders, *sorted(files)]:
                path = os.path.join(folder, name)
                if path == str(record):
                    continue
                found = os.lstat(path)
                hasher.update(
                    f"{path}\0{found.st_mode}\0{found.st_ino}\0{found.st_size}\0"
                    f"{found.st_mtime_ns}\0{found.st_ctime_ns}\n".encode("utf-8", "surrogateescape")
                )
    return hasher.hexdigest()


def forget(out: Path) -> None:
    """Remove the record before a build changes anything."""
    if cache_folder(out).is_dir():
        CacheStore(cache_folder(out)).path_of(RECORD).unlink(missing_ok=True)


def remember(content: Path, out: Path, inputs: str | None, last: LastBuild) -> None:
    """Record a whole build of ``content`` into ``out`` made from ``inputs`` (its
    :func:`inputs_digest`, taken when it started), once its site is published and its cache
    saved. Never fails: what cannot be recorded only makes the next build a whole one."""
    if inputs is None:
        return
    try:
        outputs, data = outputs_digest(out), data_digest(content)
    except OSError:
        return
    CacheStore(cache_folder(out)).save(
        RECORD,
        {
            "inputs": inputs,
            "data": data,
            "outputs": outputs,
            "report": last.report,
            "results": last.results,
            "warnings": last.warnings,
        },
    )


def unchanged(content: Path, out: Path, inputs: str | None) -> LastBuild | None:
    """The last build of ``content`` into ``out``, if nothing it was made from (``inputs``:
    their :func:`inputs_digest`) or left has changed since (call holding the build's lock);
    its warnings are printed again. Else None."""
    if not out.is_dir() or not cache_folder(out).is_dir():
        return None
    kept = CacheStore(cache_folder(out)).load(RECORD)
    try:
        if (
            not isinstance(kept, dict)  # the inputs first: a sheet changed is the common case
            or inputs is None
            or kept.get("inputs") != inputs
            or kept.get("data") != data_digest(content)
            or kept.get("outputs") != outputs_digest(out)
        ):
            return None
    except OSError:  # what cannot be read, the build reports in its own words
        return None
    if kept["warnings"]:
        print(kept["warnings"], file=sys.stderr)
    return LastBuild(kept["report"], kept["results"], kept["warnings"])
