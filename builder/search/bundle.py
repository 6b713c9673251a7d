"""Make Pagefind's search bundle the same bytes on every build of the same pages.

Pagefind 1.5 writes each filter's values, and the list of filters, in the order of a
randomly seeded hash map, so the filter files (``filter/<lang>_<hash>.pf_filter``) differ
between runs; their names are hashes of their contents, which the language's metadata
file (``pagefind.<lang>_<hash>.pf_meta``) lists, whose own name ``pagefind-entry.json``
gives. Everything else (index chunks, fragments) is already stable.

:func:`make_deterministic` sorts every filter's values and pages, writes the filter files
again under the hash of their new bytes (gzip without a timestamp), sorts the metadata's
list of filters and renames the metadata file the same way. The files are gzip-compressed CBOR behind the signature
``pagefind_dcd``; a small CBOR reader and writer for the types Pagefind uses (unsigned
integers, text strings, arrays, maps) is enough.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path
from typing import Any, cast

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"


def make_deterministic(bundle: Path) -> None:
    """Rewrite the filter and metadata files of the bundle in ``bundle`` in a fixed order."""
    entry_path = bundle / ENTRY
    entry = json.loads(entry_path.read_text("utf-8"))
    for language, info in entry["languages"].items():
        renamed = {}
        for path in sorted((bundle / "filter").glob(f"{language}_*.pf_filter")):
            name, values = cast(list[Any], _read(path))
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
