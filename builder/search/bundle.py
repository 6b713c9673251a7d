"""Pagefind's search bundle: the same bytes on every build of the same records, and whole.

Pagefind 1.5.2 (through its Python API too) writes each filter's values, and the list of
filters in its metadata, in the order of a randomly seeded hash map, so the filter files
(``filter/<lang>_<hash>.pf_filter``, named by a hash of their bytes) and the metadata file
that lists them (``pagefind.<lang>_<hash>.pf_meta``, named in ``pagefind-entry.json``)
differ between runs; index chunks and fragments are stable. :func:`settled` sorts every
filter's values and the metadata's list of filters, names those files again by the hash of
their new bytes (gzip without a timestamp), and checks, before anything is written, that
the bundle is whole. The files are gzip-compressed CBOR behind the signature
``pagefind_dcd``; a small CBOR reader and writer for the types Pagefind uses (unsigned
integers, text, arrays, maps) is enough.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import zlib
from collections.abc import Callable
from typing import Any

from builder.errors import ToolError

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
BUNDLE_SCRIPTS = ("pagefind.js", "pagefind-worker.js")
FILTERS = 3  # where the metadata lists the filters: [version, pages, index chunks, filters, ...]


class SearchIndexError(ToolError):
    """Pagefind is missing, failed or made an incomplete bundle: says which, in one line."""

    def __init__(self, what: str):
        super().__init__("pagefind", what)


def settled(files: dict[str, bytes], pages: int) -> dict[str, bytes]:
    """The bundle ``files`` (path -> bytes) with its filter and metadata files in a fixed
    order; :class:`SearchIndexError` unless it is whole: its entry file readable, ``pages``
    pages in it, Pagefind's scripts, and every file its metadata lists (fragments, index
    chunks, filters) there and readable."""
    files = dict(files)
    try:
        entry = json.loads(files[ENTRY])
        counted = sum(language["page_count"] for language in entry["languages"].values())
    except (KeyError, ValueError, TypeError, AttributeError) as error:
        raise SearchIndexError(
            f"索引の {ENTRY} がないか読めません（{type(error).__name__}）"
        ) from None
    if counted != pages:
        raise SearchIndexError(f"索引のページ数が {counted} です（{pages} ページを渡しました）")
    for name in BUNDLE_SCRIPTS:
        if not files.get(name):
            raise SearchIndexError(f"索引のファイル {name} がないか空です")
    for language, info in entry["languages"].items():
        try:
            meta = _read(files, f"pagefind.{info['hash']}.pf_meta", files.pop)
            for pair in meta[FILTERS]:  # [filter name, file hash]
                name, values = _read(files, f"filter/{pair[1]}.pf_filter", files.pop)
                pair[1] = _add(files, "filter/", language, [name, sorted(values)], ".pf_filter", 7)
            meta[FILTERS] = sorted(meta[FILTERS])
            listed = [f"fragment/{name}.pf_fragment" for name, _ in meta[1]]
            listed += [f"index/{chunk[-1]}.pf_index" for chunk in meta[2]]
        except (KeyError, ValueError, TypeError, IndexError):
            raise SearchIndexError(f"索引（{language}）のメタデータが想定と違います") from None
        for path in listed:
            _read(files, path, files.__getitem__, decoded=False)
        info["hash"] = _add(files, "pagefind.", language, meta, ".pf_meta", 10)
    files[ENTRY] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    return files


def _read(
    files: dict[str, bytes], path: str, take: Callable[[str], bytes], decoded: bool = True
) -> list[Any]:
    """The CBOR value of one of Pagefind's gzip files (else only its signature is read)."""
    try:
        data = gzip.decompress(take(path))
        if not data.startswith(SIGNATURE):
            raise ValueError("signature")
        if not decoded:
            return []
        value, end = decode(data, len(SIGNATURE))
        if end != len(data) or not isinstance(value, list):
            raise ValueError("trailing bytes")
        return value
    except (KeyError, OSError, EOFError, ValueError, IndexError, UnicodeDecodeError, zlib.error):
        raise SearchIndexError(f"索引のファイル {path} がないか壊れています") from None


def _add(
    files: dict[str, bytes], prefix: str, language: str, value: object, suffix: str, digits: int
) -> str:
    """Add ``value`` as a Pagefind file named by the hash of its bytes; return the name's hash part."""
    data = SIGNATURE + encode(value)
    name = f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
    files[f"{prefix}{name}{suffix}"] = gzip.compress(data, compresslevel=9, mtime=0)
    return name


def decode(data: bytes, at: int = 0) -> tuple[object, int]:
    """The CBOR value at ``data[at:]`` and where it ends (unsigned ints, text, arrays, maps)."""
    major, info = data[at] >> 5, data[at] & 0x1F
    size = 0 if info < 24 else 1 << (info - 24) if info < 28 else -1
    if size < 0 or major not in (0, 3, 4, 5):
        raise ValueError(f"unsupported CBOR item {data[at]:#x}")
    argument = info if info < 24 else int.from_bytes(data[at + 1 : at + 1 + size], "big")
    at += 1 + size
    if major == 0:
        return argument, at
    if major == 3:
        return data[at : at + argument].decode("utf-8"), at + argument
    items = []
    for _ in range(argument * (2 if major == 5 else 1)):
        item, at = decode(data, at)
        items.append(item)
    return (items if major == 4 else dict(zip(items[::2], items[1::2]))), at


def _head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    info = next(info for info in (24, 25, 26, 27) if argument < 1 << (8 << (info - 24)))
    return bytes([major << 5 | info]) + argument.to_bytes(1 << (info - 24), "big")


def encode(value: object) -> bytes:
    """CBOR of ``value`` in the shortest form (as Pagefind writes it)."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return _head(0, value)
    if isinstance(value, str):
        return _head(3, len(value.encode("utf-8"))) + value.encode("utf-8")
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(item) for item in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(encode(k) + encode(v) for k, v in value.items())
    raise ValueError(f"unsupported value {value!r}")
