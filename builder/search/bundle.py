"""Pagefind's search bundle: the same bytes on every build of the same records, and whole.

Pagefind 1.5.2 (through its Python API too) writes each filter's values, and the list of
filters in its metadata, in the order of a randomly seeded hash map, so the filter files
(``filter/<lang>_<hash>.pf_filter``, named by a hash of their bytes) and the metadata file
that lists them (``pagefind.<lang>_<hash>.pf_meta``, named in ``pagefind-entry.json``)
differ between runs; index chunks and fragments are stable. :func:`settled` sorts every
filter's values and the metadata's list of filters, names those files again by the hash of
their new bytes (gzip without a timestamp), and checks, before anything is written, that
the bundle is whole. The files are gzip-compressed CBOR behind the signature
``pagefind_dcd``, read and written with ``cbor2`` (its shortest forms are Pagefind's).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import zlib
from collections.abc import Callable
from typing import Any

import cbor2

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
        stream = io.BytesIO(data[len(SIGNATURE) :])
        value = cbor2.load(stream)
        if stream.read() or not isinstance(value, list):
            raise ValueError("trailing bytes")
        return value
    except (KeyError, OSError, EOFError, ValueError, cbor2.CBORError, zlib.error):
        raise SearchIndexError(f"索引のファイル {path} がないか壊れています") from None


def _add(
    files: dict[str, bytes], prefix: str, language: str, value: object, suffix: str, digits: int
) -> str:
    """Add ``value`` as a Pagefind file named by the hash of its bytes; return the name's hash part."""
    data = SIGNATURE + cbor2.dumps(value)
    name = f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
    files[f"{prefix}{name}{suffix}"] = gzip.compress(data, compresslevel=9, mtime=0)
    return name
