"""Pagefind's search bundle: the same bytes on every build of the same records, and whole.

Pagefind 1.5.2 (also through its Python API, ``add_custom_record``) writes each filter's
values, and the list of filters, in the order of a randomly seeded hash map, so the filter
files (``filter/<lang>_<hash>.pf_filter``) differ between runs; their names are hashes of
their contents, which the language's metadata file (``pagefind.<lang>_<hash>.pf_meta``)
lists, whose own name ``pagefind-entry.json`` gives. Everything else (index chunks,
fragments) is already stable. :func:`make_deterministic` sorts every filter's values and
pages, writes the filter files again under the hash of their new bytes (gzip without a
timestamp), sorts the metadata's list of filters and renames the metadata file the same
way. The files are gzip-compressed CBOR behind the signature ``pagefind_dcd``; a small CBOR
reader and writer for the types Pagefind uses (unsigned integers, text, arrays, maps) is
enough. :func:`check_bundle` reads every file the metadata lists before the site is published.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

from builder.errors import ToolError

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
BUNDLE_SCRIPTS = ("pagefind.js", "pagefind-worker.js")


class SearchIndexError(ToolError):
    """Pagefind is missing, failed or wrote an incomplete bundle: says which, in one line."""

    def __init__(self, what: str):
        super().__init__("pagefind", what)


def make_deterministic(bundle: Path) -> None:
    """Rewrite the filter and metadata files of the bundle in ``bundle`` in a fixed order."""
    entry_path = bundle / ENTRY
    entry = json.loads(entry_path.read_text("utf-8"))
    for language, info in entry["languages"].items():
        renamed = {}
        for path in sorted((bundle / "filter").glob(f"{language}_*.pf_filter")):
            name, values = _read(path)
            values = sorted(([value, sorted(pages)] for value, pages in values), key=lambda pair: pair[0])
            renamed[path.stem] = _write(bundle / "filter", language, [name, values], ".pf_filter", 7)
            path.unlink()
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _sort_filter_list(_replace_strings(_read(meta_path), renamed), set(renamed.values()))
        info["hash"] = _write(bundle, language, meta, ".pf_meta", 10, prefix="pagefind.")
        meta_path.unlink()
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")


def _read(path: Path) -> object:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a Pagefind file")
    value, end = decode(data, len(SIGNATURE))
    if end != len(data):
        raise ValueError(f"{path}: trailing bytes")
    return value


def _write(folder: Path, language: str, value: object, suffix: str, digits: int, prefix: str = "") -> str:
    """Write ``value`` as a Pagefind file named by the hash of its bytes; return the name's hash part."""
    data = SIGNATURE + encode(value)
    name = f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / f"{prefix}{name}{suffix}").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return name


def _sort_filter_list(meta: object, filter_files: set[str]) -> object:
    """The metadata with its list of (filter name, filter file) pairs sorted by name."""
    assert isinstance(meta, list)
    return [
        sorted(item) if filter_files and isinstance(item, list) and item
        and all(isinstance(pair, list) and len(pair) == 2 and pair[1] in filter_files for pair in item) else item
        for item in meta
    ]


def _replace_strings(value: object, renamed: dict[str, str]) -> object:
    if isinstance(value, str):
        return renamed.get(value, value)
    if isinstance(value, list):
        return [_replace_strings(item, renamed) for item in value]
    if isinstance(value, dict):
        return {key: _replace_strings(item, renamed) for key, item in value.items()}
    return value


def decode(data: bytes, at: int = 0) -> tuple[object, int]:
    """The CBOR value at ``data[at:]`` and where it ends (unsigned ints, text, arrays, maps)."""
    major, info = data[at] >> 5, data[at] & 0x1F
    at += 1
    if info < 24:
        argument = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        argument = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise ValueError(f"unsupported CBOR item {data[at - 1]:#x}")
    if major == 0:
        return argument, at
    if major == 3:
        return data[at:at + argument].decode("utf-8"), at + argument
    if major == 4:
        items = []
        for _ in range(argument):
            item, at = decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(argument):
            key, at = decode(data, at)
            mapping[key], at = decode(data, at)
        return mapping, at
    raise ValueError(f"unsupported CBOR major type {major}")


def _head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, size, form in ((24, 1, ">B"), (25, 2, ">H"), (26, 4, ">I"), (27, 8, ">Q")):
        if argument < 1 << (8 * size):
            return bytes([major << 5 | info]) + struct.pack(form, argument)
    raise ValueError(argument)


def encode(value: object) -> bytes:
    """CBOR of ``value`` in the shortest form (as Pagefind writes it)."""
    if isinstance(value, bool) or value is None:
        raise ValueError(f"unsupported value {value!r}")
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(item) for item in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(encode(k) + encode(v) for k, v in value.items())
    raise ValueError(f"unsupported value {value!r}")


def check_bundle(bundle: Path, pages: int) -> None:
    """Raise :class:`SearchIndexError` unless the bundle in ``bundle`` is whole: its entry
    file readable, ``pages`` pages in it, and every file its metadata lists (fragments,
    index chunks, filters) present and readable, with Pagefind's scripts."""
    try:
        languages = json.loads((bundle / ENTRY).read_text("utf-8"))["languages"]
        counted = sum(language["page_count"] for language in languages.values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise SearchIndexError(f"索引の {ENTRY} がないか読めません（{type(error).__name__}）") from None
    if counted != pages:
        raise SearchIndexError(f"索引のページ数が {counted} です（{pages} ページを渡しました）")
    for name in BUNDLE_SCRIPTS:
        if not (bundle / name).is_file() or (bundle / name).stat().st_size == 0:
            raise SearchIndexError(f"索引のファイル {name} がないか空です")
    for language in languages.values():
        meta = bundle / f"pagefind.{language['hash']}.pf_meta"
        try:
            _, fragments, chunks, filters, *_ = _checked(meta, decoded=True)
            listed = [bundle / "fragment" / f"{name}.pf_fragment" for name, _ in fragments]
            listed += [bundle / "index" / f"{chunk[-1]}.pf_index" for chunk in chunks]
            listed += [bundle / "filter" / f"{name}.pf_filter" for _, name in filters]
        except (ValueError, TypeError, IndexError):
            raise SearchIndexError(f"索引のファイル {meta.name} の中身が想定と違います") from None
        for path in listed:
            _checked(path)


def _checked(path: Path, decoded: bool = False) -> list:
    """The CBOR value of one of Pagefind's gzip files (``decoded``: else []), or SearchIndexError."""
    try:
        value = _read(path) if decoded else []
        if not decoded and not gzip.decompress(path.read_bytes()).startswith(SIGNATURE):
            raise ValueError("signature")
    except (OSError, EOFError, ValueError, IndexError) as error:
        raise SearchIndexError(f"索引のファイル {path.parent.name}/{path.name} がないか壊れています（{type(error).__name__}）") from None
    return value if isinstance(value, list) else []
