"""Incremental builds: what the previous build made is reused when it was made from the same inputs.

Every decision is by content hash, never by modification time. Everything a build keeps
for the next one is in one store (:class:`CacheStore`), a hidden sibling of the output
folder (``.site-cache`` for ``site``) holding JSON text and the bytes of the SQLite download
only: plain data, never code.

- ``parse-<digit>.json``: the records parsed from each sheet file (as plain data), its
  problems and its data-file texts, under the hash of the file's bytes, its path, the
  split settings and the builder's source;
- ``exports-<digit>.json``: each sheet's JSON and CSV lines for the downloads
  (``builder.downloads.exports``), under the hash of its data-file text and the builder's source;
- ``outputs.json``: for each page, share card and download of the current site, the hash of
  what it was made from (for a page: builder source, templates, settings, its page context
  or the arguments that make it; for a card or download: its bytes), the hash of its bytes
  and the identity of its file as published (:func:`file_identity`);
- ``search-records-<digit>.json``: each indexed page's search record
  (``builder.search.records``), under the hash of the page's bytes and the builder's source;
- ``segments-icu<version>.json``: the search stage's segmented texts (``builder.util.segmenter``);
- ``readings.json``: the URL slug made from the reading of each department and division
  name (``builder.util.romaji``), under pykakasi's version;
- ``sqlite.bin``: the last SQLite database (``builder.downloads.sqlite``), after the hash of
  everything it is made from.

A collection of many values is kept in 16 files, by the first digit of each value's key.
Each file starts with a line naming the store's format, the builder's version
(:func:`builder_hash`) and the SHA-256 of the rest of the file; a file is used only when
all three match. A cache can be wrong only by being absent: a file that cannot be read
or verified is removed with one warning line and its values are made again; anything
else in the folder (an older layout, a folder in a file's place) is removed, and a file
in the folder's place too.

A page is taken over from the previous site only when its inputs hash the same and the
previous file is still the one written (the same inode, mode, size and modification and
change times as when it was published) or its bytes still hash to what was written; it is then hard-linked (or copied)
into the staging folder, so the atomic swap is kept. Deleting the cache folder gives a
clean build; its output is the same byte for byte.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import hashlib
import importlib.metadata
import json
import operator
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from builder.util.files import remove_entry, same_file
from builder.util.parallel import fork_map

BUILDER = Path(__file__).resolve().parents[1]  # the builder package, whose source is hashed
OUTPUTS = "outputs"
STORE_FORMAT = 1
_STORE_FILE = re.compile(r"[a-z0-9][a-z0-9.-]*\.(?:json|bin)")
LIBRARIES = ("Jinja2", "MarkupSafe", "PyYAML", "markdown-it-py")
T = TypeVar("T")
R = TypeVar("R")
HEX_DIGITS = "0123456789abcdef"


def cache_folder(out: Path) -> Path:
    """The cache folder of the site folder ``out``: its hidden sibling ``.<name>-cache``."""
    return out.parent / f".{out.name}-cache"


def digest(*values: object) -> str:
    """SHA-256 of the canonical bytes of ``values`` (:func:`canonical`): equal values give
    equal hashes in every process, whatever their sets' order or the Python version."""
    return hashlib.sha256(canonical(values)).hexdigest()


def canonical(value: object) -> bytes:
    """The bytes that stand for ``value``: JSON with sorted keys, a set as its sorted items,
    a record (dataclass) as its type's name and its fields in order; a record type that sets
    ``CONTENT_HASHED`` (an immutable record that many pages show: a sheet) as the hash of its
    bytes, made once per process. A value of another type is a TypeError, so a
    key never leaves out what it cannot read. (Types JSON does not tell apart, such as a
    tuple and a list, hold the same values under one version of the builder, which every
    key also names.)"""
    return json.dumps(
        value,
        default=_plain,
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        check_circular=False,
    ).encode("utf-8", "surrogatepass")


_RECORDS: dict[
    int, tuple[object, str]
] = {}  # id -> (record, kept so the id stays its own; its hash)
_RECORDS_KEPT = 8192
_FIELDS: dict[
    type, tuple[str, Callable[[Any], tuple[object, ...]], bool]
] = {}  # record type -> (its name, its fields' values in order, whether CONTENT_HASHED)


def _field_values(names: tuple[str, ...]) -> Callable[[Any], tuple[object, ...]]:
    """A function giving a record's values of the fields ``names``, in order, as a tuple."""
    if len(names) == 1:
        only = operator.attrgetter(names[0])
        return lambda value: (only(value),)
    return operator.attrgetter(*names) if names else lambda value: ()


def _plain(value: object) -> object:
    """What JSON writes for a value it has no form for (see :func:`canonical`)."""
    kind = type(value)
    known_type = _FIELDS.get(kind)
    if known_type is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        known_type = _FIELDS[kind] = (
            f"{kind.__module__}.{kind.__qualname__}",
            _field_values(tuple(f.name for f in dataclasses.fields(value))),
            bool(getattr(kind, "CONTENT_HASHED", False)),
        )
    if known_type is not None:
        name, values, content_hashed = known_type
        if not content_hashed:
            return [name, *values(value)]
        known = _RECORDS.get(id(value))  # a large immutable record that comes often: by its hash
        if known is not None and known[0] is value:
            return known[1]
        if len(_RECORDS) >= _RECORDS_KEPT:
            _RECORDS.clear()
        hashed = "#" + hashlib.sha256(canonical([name, *values(value)])).hexdigest()
        _RECORDS[id(value)] = (value, hashed)
        return hashed
    if isinstance(value, (set, frozenset)):
        return ["set", *sorted(canonical(item).decode("utf-8", "surrogatepass") for item in value)]
    if isinstance(value, (bytes, bytearray)):
        return ["bytes", hashlib.sha256(value).hexdigest()]
    if isinstance(value, (Path, datetime.date, enum.Enum)):
        return [f"{kind.__module__}.{kind.__qualname__}", str(value)]
    raise TypeError(f"no canonical bytes for {kind.__module__}.{kind.__qualname__}")


def source_hash(*folders: Path) -> str:
    """Hash of every file under ``folders`` (the builder's own source, the templates)."""
    hasher = hashlib.sha256()
    for folder in folders:
        for path in sorted(
            p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
        ):
            hasher.update(
                path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0"
            )
    return hasher.hexdigest()


@cache
def builder_hash() -> str:
    """Hash of the builder's source code and of the versions of the libraries it renders with."""
    versions = [importlib.metadata.version(name) for name in LIBRARIES]
    return digest(source_hash(BUILDER), versions)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder (``.<name>.XXXXXXXX``,
    removed if writing fails)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        dir=path.parent, prefix=f".{path.name}.", delete=False
    ) as handle:
        try:
            handle.write(data)
            handle.flush()
        except BaseException:
            handle.close()
            os.unlink(handle.name)
            raise
    os.replace(handle.name, path)


def warn(path: Path, problem: str) -> None:
    """One warning line about the cache; the build goes on without what it concerns."""
    print(f"{path}: 警告: {problem}", file=sys.stderr)


class CacheStore:
    """The one store of what the next build reuses (see the module docstring); a folder of
    None keeps nothing."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        if folder is not None and os.path.lexists(folder) and not folder.is_dir():
            warn(folder, "キャッシュの場所にフォルダーでないものがあるため、削除して作り直します")
            remove_entry(folder)

    def path_of(self, name: str, suffix: str = ".json") -> Path:
        """Where the store keeps ``name`` (``.json`` for plain data, ``.bin`` for bytes)."""
        assert self.folder is not None
        return self.folder / f"{name}{suffix}"

    def load(self, name: str) -> Any:
        """The value saved as ``name`` by a build of this builder, or None: absent, of another
        builder, or damaged (then removed, with one warning line)."""
        body = self.load_bytes(name, ".json")
        if body is None:
            return None
        try:
            return json.loads(body)
        except ValueError as error:
            self.discard(self.path_of(name), f"読めません（{type(error).__name__}）")
            return None

    def load_bytes(self, name: str, suffix: str = ".bin") -> bytes | None:
        """The bytes saved as ``name`` by a build of this builder, verified by their hash, or
        None (as :meth:`load`)."""
        if self.folder is None:
            return None
        path = self.path_of(name, suffix)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:  # a folder in the file's place, unreadable
            self.discard(path, error.strerror or str(error))
            return None
        head, _, body = data.partition(b"\n")
        try:
            header = json.loads(head)
            if header.get("format") != STORE_FORMAT or header.get("builder") != builder_hash():
                return None  # made by another version of the builder: simply not used
        except (ValueError, AttributeError) as error:
            self.discard(path, f"読めません（{type(error).__name__}）")
            return None
        if header.get("sha256") != hashlib.sha256(body).hexdigest():
            self.discard(path, "中身がハッシュと一致しません")
            return None
        return body

    def discard(self, path: Path, why: str) -> None:
        """Remove a damaged file of the store, with one warning line."""
        warn(path, f"キャッシュが壊れているため使わずに作り直します：{why}")
        remove_entry(path)

    def save(self, name: str, value: object) -> None:
        """Keep ``value`` (plain data) as ``name``; a cache that cannot be written is only warned about."""
        self.save_json(
            name,
            json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
                "utf-8"
            ),
        )

    def save_json(self, name: str, body: bytes) -> None:
        """Keep ``body`` (UTF-8 JSON text) as ``name`` (see :meth:`save`)."""
        self.save_bytes(name, body, ".json")

    def save_bytes(self, name: str, body: bytes, suffix: str = ".bin") -> None:
        """Keep ``body`` as ``name``, behind the line that lets :meth:`load_bytes` verify it."""
        if self.folder is None:
            return
        header = {
            "builder": builder_hash(),
            "format": STORE_FORMAT,
            "sha256": hashlib.sha256(body).hexdigest(),
        }
        path = self.path_of(name, suffix)
        try:
            if os.path.lexists(path) and not path.is_file():
                remove_entry(path)
            write_atomic(path, json.dumps(header, sort_keys=True).encode("ascii") + b"\n" + body)
        except OSError as error:
            warn(
                path,
                f"キャッシュを書けませんでした（{error.strerror or error}）。次のビルドはこの分を作り直します",
            )

    def tidy(self) -> None:
        """Remove from the folder whatever is not a file of the store (older layouts, pickles,
        temporary files of a killed build, folders in a file's place)."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if not _STORE_FILE.fullmatch(path.name):
                remove_entry(path)
            elif path.is_symlink() or not path.is_file():
                self.discard(path, "ファイルの場所にファイルでないものがあります")


class ShardedCache:
    """Many small values by the hash of their inputs (a hex digest), in the collection
    ``name`` of the store: one file per first digit of the key, so a build writes 16 files,
    not one per value, and after a small change only one or two again. Only the values a
    build used are kept. ``encode``/``decode`` turn a value into plain data and back; a file
    whose values cannot be decoded counts as damaged."""

    def __init__(
        self,
        folder: Path | None,
        name: str,
        encode: Callable[[Any], object] = lambda value: value,
        decode: Callable[[Any], Any] = lambda value: value,
    ) -> None:
        self.store = CacheStore(folder)
        self.name = name
        self.encode, self.decode = encode, decode

    @property
    def folder(self) -> Path | None:
        """The store's folder (None: nothing is kept)."""
        return self.store.folder

    def _read(self, digit: str) -> tuple[dict[str, object], dict[str, object]]:
        """(the values of one file, decoded; the same, as stored)."""
        stored = self.store.load(f"{self.name}-{digit}")
        if not isinstance(stored, dict):
            return {}, {}
        try:
            return {key: self.decode(value) for key, value in stored.items()}, stored
        except (TypeError, ValueError, KeyError, IndexError, AttributeError) as error:
            assert self.folder is not None
            self.store.discard(
                self.store.path_of(f"{self.name}-{digit}"),
                f"値が読めません（{type(error).__name__}）",
            )
            return {}, {}

    def map(
        self,
        function: Callable[[T], R],
        items: Sequence[T],
        keys: Sequence[str],
        mapper: Callable[[Callable[[T], R], Sequence[T]], list[R]] = fork_map,
    ) -> list[R]:
        """``[function(item) for item in items]``: the value of an item whose key (the hash of
        everything its value is made from) is in the cache is taken from it, the others are
        made by ``mapper`` (default: on every core); a file is written again when its keys
        differ from the last build's."""
        read = {digit: self._read(digit) for digit in HEX_DIGITS}
        todo = [i for i, key in enumerate(keys) if key not in read[key[0]][0]]
        made = dict(zip([keys[i] for i in todo], mapper(function, [items[i] for i in todo])))
        used: dict[str, dict[str, Any]] = {
            digit: {} for digit in HEX_DIGITS
        }  # values of R, decoded or made
        for key in keys:
            used[key[0]][key] = read[key[0]][0][key] if key in read[key[0]][0] else made[key]
        for digit, values in used.items():
            if values.keys() != read[digit][1].keys():
                plain = {
                    key: read[digit][1][key] if key in read[digit][1] else self.encode(value)
                    for key, value in values.items()
                }
                self.store.save(f"{self.name}-{digit}", plain)
        return [used[key[0]][key] for key in keys]


class OutputCache:
    """Which pages, cards and downloads of the previous site can be taken over, and what
    this build made."""

    def __init__(self, folder: Path | None, previous: Path) -> None:
        self.store = CacheStore(folder)
        self.previous = previous
        self.entries: dict[str, list[str]] = {}  # relative path -> [input hash, bytes hash]
        if previous.is_dir():
            loaded = self.store.load(OUTPUTS)
            if isinstance(loaded, dict):
                self.entries = loaded
        self.made = b"{}"  # what this build made, as JSON text

    def take_over(self, relative: str, key: str, staging: Path) -> str | None:
        """Link the previous site's ``relative`` into ``staging`` if it was made from ``key``
        and is intact (where ``staging`` already holds that very file, kept from the spare
        site, leave it); return its bytes hash, or None when it has to be made again (then
        ``staging`` holds no file there: one kept from the spare is the published file, which
        must not be written into)."""
        entry = self.entries.get(relative)
        source = self.previous / relative
        target = staging / relative
        if (
            not isinstance(entry, list)
            or len(entry) != 3
            or entry[0] != key
            or not _holds(source, entry[1], entry[2])
        ):
            target.unlink(missing_ok=True)
            return None
        if same_file(source, target):
            return entry[1]
        target.unlink(missing_ok=True)
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
        self.made = json.dumps(made, sort_keys=True, separators=(",", ":")).encode()

    def save(self, later: dict[str, list[str]] | None = None) -> None:
        """Write what this build made, for the next one, with the identity of each file as
        published (call after the swap; never fails); ``later``: entries made after
        :meth:`record` (the search bundle's)."""
        made = json.loads(self.made) | (later or {})
        for relative, entry in made.items():
            entry.append(file_identity(self.previous / relative))
        self.store.save(OUTPUTS, made)


def file_identity(path: Path) -> str:
    """What changes whenever a file is written, replaced or changed in mode: its inode, mode,
    size, and modification and change times (a change time cannot be set back); "" when
    there is no file."""
    try:
        found = os.lstat(path)
    except OSError:
        return ""
    return f"{found.st_ino}:{found.st_mode}:{found.st_size}:{found.st_mtime_ns}:{found.st_ctime_ns}"


def _holds(source: Path, sha256: str, identity: str) -> bool:
    """Whether the regular file ``source`` holds the bytes of hash ``sha256``: it is still
    the file of ``identity`` (recorded when it was published), or its bytes hash so."""
    if identity and file_identity(source) == identity:
        return True
    try:
        return source.is_file() and hashlib.sha256(source.read_bytes()).hexdigest() == sha256
    except OSError:
        return False
