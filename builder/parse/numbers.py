"""Numbers as the sheets print them: 9,697 / -4,620 / 1.00 / 213.67 / 有 / 無."""

from __future__ import annotations

import re

from builder.parse.lexer import Line
from builder.parse.text import is_empty

_INTEGER = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)")
_DECIMAL = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_FLAGS = {"有": True, "無": False}


def amount(cell: str, line: Line, what: str) -> int | None:
    """An integer amount (千円), or None for an empty cell."""
    if is_empty(cell):
        return None
    if not _INTEGER.fullmatch(cell):
        raise line.error(f"expected an amount in 千円 such as 9,697 for {what}; found 「{cell}」")
    return int(cell.replace(",", ""))


def decimal(cell: str, line: Line, what: str) -> float | None:
    """A decimal number (people, hours, indicator values), or None for an empty cell."""
    if is_empty(cell):
        return None
    if not _DECIMAL.fullmatch(cell):
        raise line.error(f"expected a number such as 1.00 for {what}; found 「{cell}」")
    return float(cell.replace(",", ""))


def count(cell: str, line: Line, what: str) -> float | None:
    """A number of people or hours: a decimal that is not negative, or None for an empty cell."""
    value = decimal(cell, line, what)
    if value is not None and value < 0:
        raise line.error(f"expected a number of people or hours (0 or more) for {what}; found 「{cell}」")
    return value


def flag(cell: str, line: Line, what: str) -> bool | None:
    """有 as True, 無 as False, or None for an empty cell."""
    if is_empty(cell):
        return None
    if cell not in _FLAGS:
        raise line.error(f"expected 有 or 無 for {what}; found 「{cell}」")
    return _FLAGS[cell]


def row_cells(line: Line, start: int, count: int, what: str) -> list[str]:
    """Exactly ``count`` value cells of a table row from cell ``start`` on.

    Trailing cells an export trimmed count as empty; a row with no value at all, or with
    more values than there are year columns, is an error.
    """
    cells = list(line.cells[start:])
    while cells and not cells[-1]:
        cells.pop()
    if not cells:
        raise line.error(f"expected {count} values for {what}; found none")
    if len(cells) > count:
        raise line.error(f"expected {count} values for {what} (one per year column); found {len(cells)}")
    return cells + [""] * (count - len(cells))
