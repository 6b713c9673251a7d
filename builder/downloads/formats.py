"""The file formats of the downloads, written the same way on every build: CSV (UTF-8 with
a BOM, CRLF, one value per cell), JSON laid out to a chosen depth, and zip.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from builder.downloads.tables import NO, YES
from builder.records.datafile import fields_of
from builder.records.fields import Column
from builder.records.safetext import csv_safe

BOM = "\ufeff"
_WRITTEN_AS_IS = frozenset({str, int, type(None)})  # the csv module writes these as ``cell`` would
ZIP_LEVEL = 6  # zlib's default: on 1,000 sheets 3 % larger than level 9, in half the time
ZIP_UNIX = 3  # the system the zip was made on, so the permissions mean the same everywhere


def cell(value: object) -> str:
    """A value as CSV text: empty for None, 有/無 for a bool, ``486`` for 486.0, JSON for a list."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (list, tuple)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def csv_lines(rows: Iterable[tuple[object, ...]]) -> bytes:
    """UTF-8 CSV lines of ``rows`` with CRLF line ends, a text that a spreadsheet would run
    as a formula made plain (``builder.records.safetext.csv_safe``). A row's line does not depend on
    the rows around it, so a whole-portal CSV is its sheets' lines one after the other."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(
        [
            csv_safe(v) if type(v) is str else v if type(v) in _WRITTEN_AS_IS else cell(v)
            for v in row
        ]
        for row in rows
    )
    return buffer.getvalue().encode("utf-8")


def csv_heading(columns: tuple[Column, ...]) -> bytes:
    """The start of a CSV file, before the rows' ``csv_lines``: a BOM and the heading row."""
    return BOM.encode("utf-8") + csv_lines([tuple(c.name for c in columns)])


@dataclass(frozen=True)
class JsonText:
    """JSON already laid out by ``json_text``, to be placed in a larger document as it is."""

    text: str


def _record_fields(value: object) -> dict[str, object]:
    """What the JSON encoder writes for a value it does not know: a record's fields."""
    fields = fields_of(value)
    if fields is None:
        raise TypeError(f"{type(value).__name__} is not JSON serializable")
    return fields


_ONE_LINE = json.JSONEncoder(
    ensure_ascii=False, default=_record_fields
)  # the C encoder: no line breaks
_WORDS = {None: "null", True: "true", False: "false"}


def _one_line(value: object) -> str:
    """``value`` as JSON on one line. An int, a bool or None is written here: the encoder
    would set up its C encoder for each of them."""
    if type(value) is int:
        return int.__repr__(value)
    if value is None or type(value) is bool:
        return _WORDS[value]
    return _ONE_LINE.encode(value)


def json_text(value: object, levels: int, indent: str = "") -> str:
    """``value`` (plain data or records) as JSON, keys in the given order: the containers of
    the outer ``levels`` levels are broken over lines, two spaces deeper per level; anything
    deeper is written on one line by the C encoder (Python's indenting encoder is pure
    Python, and slow)."""
    if isinstance(value, JsonText):
        return value.text.replace("\n", "\n" + indent)  # a JSON string never holds a raw line end
    fields = fields_of(value)
    container = value if fields is None else fields
    if levels == 0 or not container or not isinstance(container, (dict, list, tuple)):
        return _one_line(value)
    inner = indent + "  "
    if isinstance(container, dict):
        items = [
            f"{_ONE_LINE.encode(key)}: {json_text(item, levels - 1, inner)}"
            for key, item in container.items()
        ]
        opening, closing = "{", "}"
    else:
        items = [json_text(item, levels - 1, inner) for item in container]
        opening, closing = "[", "]"
    return f"{opening}\n{inner}" + f",\n{inner}".join(items) + f"\n{indent}{closing}"


def json_bytes(value: object, levels: int) -> bytes:
    """UTF-8 JSON laid out by ``json_text``, ending in a newline."""
    return (json_text(value, levels) + "\n").encode("utf-8")


def zip_bytes(members: list[tuple[str, bytes]], date: datetime.date) -> bytes:
    """A zip of ``members`` in the order given, every entry deflated at ``ZIP_LEVEL``, dated
    ``date`` 00:00 and readable by everyone (Unix 0644), so the same members make the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            entry = zipfile.ZipInfo(name, date_time=(date.year, date.month, date.day, 0, 0, 0))
            entry.compress_type, entry.create_system, entry.external_attr = (
                zipfile.ZIP_DEFLATED,
                ZIP_UNIX,
                0o100644 << 16,
            )
            archive.writestr(entry, data, compresslevel=ZIP_LEVEL)
    return buffer.getvalue()
