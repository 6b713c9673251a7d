"""Incremental builds: what the previous build made is reused when it was made from the same inputs.

Every decision is by content hash, never by modification time. The cache lives in a hidden
sibling of the output folder (``.site-cache`` for ``site``):

- ``parse/<hash>.pickle``: the records parsed from one sheet file and their data-file
  texts, under the hash of the file's bytes, its path, the split settings and the
  builder's source;
- ``exports/<digit>.pickle``: each sheet's JSON and CSV lines for the downloads
  (``builder.exports``), under the hash of its data-file text and the builder's source,
  in the file of the hash's first digit;
- ``outputs.json``: for each page of the current site, the hash of what it was rendered
  from (builder source, templates, settings, its page context) and the hash of its bytes;
- ``search-copies/<digit>.pickle``: what the search stage reads from each page
  (``builder.searchcopy``), under the hash of the page's bytes and the builder's source;
- ``sqlite/<hash>.sqlite``: the last SQLite database (``builder.sqlitedb``), under the hash
  of everything it is made from;
- the search stage's segmented texts (``builder.segmenter``).

A page is taken over from the previous site only when its inputs hash the same and the
previous file's bytes still hash to what was written; it is then hard-linked (or copied)
into the staging folder, so the atomic swap is kept. Deleting the cache folder gives a
clean build; its output is the same byte for byte.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import io
import json
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from builder.parallel import fork_map

BUILDER = Path(__file__).resolve().parent
OUTPUTS = "outputs.json"
LIBRARIES = ("Jinja2", "MarkupSafe", "PyYAML", "markdown-it-py")
T = TypeVar("T")
R = TypeVar("R")
HEX_DIGITS = "0123456789abcdef"


def cache_folder(out: Path) -> Path:
    """The cache folder of the site folder ``out``: its hidden sibling ``.<name>-cache``."""
    return out.parent / f".{out.name}-cache"


def digest(*values: object) -> str:
    """SHA-256 of values (records, page contexts, bytes) pickled without memo, so equal
    values give equal hashes whatever objects they share."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo: the bytes depend on the values only, not on object identity
    pickler.dump(values)
    return hashlib.sha256(buffer.getvalue()).hexdigest()


class RecordHashes:
    """:func:`digest` of records (immutable: sheets), each computed once per build."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[object, str]] = {}  # id -> (the record, kept alive so the id stays its own; hash)

    def __call__(self, record: object) -> str:
        """The hash of ``record``."""
        known = self._known.get(id(record))
        if known is None or known[0] is not record:
            known = self._known[id(record)] = (record, digest(record))
        return known[1]


def source_hash(*folders: Path) -> str:
    """Hash of every file under ``folders`` (the builder's own source, the templates)."""
    hasher = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            hasher.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return hasher.hexdigest()


def builder_hash() -> str:
    """Hash of the builder's source code and of the versions of the libraries it renders with."""
    versions = [importlib.metadata.version(name) for name in LIBRARIES]
    return digest(source_hash(BUILDER), versions)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as handle:
        handle.write(data)
    os.replace(handle.name, path)


class ParseCache:
    """Parsed sheet files by the hash of their inputs; entries not used by a build are dropped."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = None if folder is None else folder / "parse"
        self.used: set[str] = set()

    def get(self, key: str) -> object | None:
        """The value stored under ``key``, or None."""
        self.used.add(key)
        if self.folder is None or not (self.folder / f"{key}.pickle").is_file():
            return None
        return pickle.loads((self.folder / f"{key}.pickle").read_bytes())

    def put(self, key: str, value: object) -> None:
        """Store ``value`` under ``key``."""
        if self.folder is not None:
            write_atomic(self.folder / f"{key}.pickle", pickle.dumps(value, protocol=5))

    def prune(self) -> None:
        """Remove the entries this build did not ask for."""
        if self.folder is not None and self.folder.is_dir():
            for path in self.folder.glob("*.pickle"):
                if path.stem not in self.used:
                    path.unlink()


class ShardedCache:
    """Many small values by the hash of their inputs (a hex digest), in the subfolder ``name``
    of the cache folder (none: nothing is kept): one file per first digit of the key, so a
    build writes 16 files, not one per value, and after a small change only one or two again.
    Only the values a build used are kept."""

    def __init__(self, folder: Path | None, name: str) -> None:
        self.folder = None if folder is None else folder / name

    def _read(self, digit: str) -> dict[str, object]:
        if self.folder is None:
            return {}
        try:
            return pickle.loads((self.folder / f"{digit}.pickle").read_bytes())
        except FileNotFoundError:
            return {}

    def _write(self, digit: str, values: dict[str, object]) -> None:
        if self.folder is not None:
            write_atomic(self.folder / f"{digit}.pickle", pickle.dumps(values, protocol=5))

    def map(self, function: Callable[[T], R], items: Sequence[T], keys: Sequence[str]) -> list[R]:
        """``[function(item) for item in items]``: the value of an item whose key (the hash of
        everything its value is made from) is in the cache is taken from it, the others are
        made on every core; a file is written again when its keys differ from the last build's."""
        stored = {digit: self._read(digit) for digit in HEX_DIGITS}
        todo = [i for i, key in enumerate(keys) if key not in stored[key[0]]]
        made = dict(zip([keys[i] for i in todo], fork_map(function, [items[i] for i in todo])))
        used: dict[str, dict[str, object]] = {digit: {} for digit in HEX_DIGITS}
        for key in keys:
            used[key[0]][key] = stored[key[0]][key] if key in stored[key[0]] else made[key]
        for digit, values in used.items():
            if values.keys() != stored[digit].keys():
                self._write(digit, values)
        return [used[key[0]][key] for key in keys]  # type: ignore[misc]


class OutputCache:
    """Which pages of the previous site can be taken over, and what this build made."""

    def __init__(self, folder: Path | None, previous: Path) -> None:
        self.folder = folder
        self.previous = previous
        self.entries: dict[str, list[str]] = {}  # relative path -> [input hash, bytes hash]
        if folder is not None and (folder / OUTPUTS).is_file() and previous.is_dir():
            self.entries = json.loads((folder / OUTPUTS).read_text("utf-8"))
        self.made = b"{}"  # what this build made, as outputs.json

    def take_over(self, relative: str, key: str, staging: Path) -> str | None:
        """Link the previous site's ``relative`` into ``staging`` if it was made from ``key``
        and is intact; return its bytes hash, or None when it has to be made again."""
        entry = self.entries.get(relative)
        source = self.previous / relative
        if entry is None or entry[0] != key or not source.is_file():
            return None
        if hashlib.sha256(source.read_bytes()).hexdigest() != entry[1]:
            return None
        target = staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
        return entry[1]

    def record(self, made: dict[str, list[str]]) -> None:
        """Note the pages of this build (relative path -> [input hash, bytes hash]) once every
        page is made: the previous build's entries are no longer needed, and what is kept is
        one block of text, not thousands of small objects the builder could not give back."""
        self.entries = {}
        self.made = json.dumps(made, sort_keys=True).encode()

    def save(self) -> None:
        """Write what this build made, for the next one (call after the swap)."""
        if self.folder is not None:
            write_atomic(self.folder / OUTPUTS, self.made)
