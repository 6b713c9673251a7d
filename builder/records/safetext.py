"""Text that every output can hold: characters XML 1.0 and HTML forbid are taken out of the
records, and CSV cells a spreadsheet would run as a formula are made plain text.

A sheet cell may hold control characters (a vertical tab is Word's manual line break,
pasted along), NUL or a noncharacter such as U+FFFE. None of them can be written in an
XML document (the feed, the sitemap) and HTML treats them as errors, so they are removed
from every text of a record as soon as it is parsed (:func:`without_forbidden`); the
sheet gets a note (``forbidden_characters``) saying how many were removed, which the
build prints and ``/data/quality/`` lists. The data files, pages, feed and downloads are
then all made from the same cleaned text.

In the CSV downloads only, a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return gets a leading ``'`` (:func:`csv_safe`), so that a spreadsheet shows
it instead of running it as a formula; the JSON, YAML and data files keep the exact text.
"""

from __future__ import annotations

import dataclasses
import re
from typing import cast

from builder.records.model import Note, Sheet

FORBIDDEN_CHECK = "forbidden_characters"
_NONCHARACTERS = "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17)
)
FORBIDDEN = re.compile(
    f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff{_NONCHARACTERS}]"
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cleaned(value: object, removed: list[int]) -> object:
    """``value`` with the forbidden characters of every text in it removed (the same object
    when there were none); adds the number removed to ``removed[0]``."""
    if isinstance(value, str):
        text, count = FORBIDDEN.subn("", value)
        removed[0] += count
        return text if count else value
    if isinstance(value, tuple):
        items = tuple(_cleaned(item, removed) for item in value)
        return value if all(a is b for a, b in zip(items, value)) else items
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: new
            for f in dataclasses.fields(value)
            if (new := _cleaned(old := getattr(value, f.name), removed)) is not old
        }
        return dataclasses.replace(value, **changes) if changes else value
    return value


def without_forbidden(sheet: Sheet) -> Sheet:
    """The sheet with the characters XML and HTML forbid removed from every text, and a note
    when there were any."""
    removed = [0]
    cleaned = cast(Sheet, _cleaned(sheet, removed))  # a record cleaned is a record of its type
    if not removed[0]:
        return sheet
    note = Note(
        FORBIDDEN_CHECK,
        f"XMLやHTMLに書けない文字（制御文字など）が{removed[0]}文字あったため、取り除きました。",
    )
    return dataclasses.replace(cleaned, notes=(*cleaned.notes, note))


def csv_safe(text: str) -> str:
    """A CSV text cell that a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
