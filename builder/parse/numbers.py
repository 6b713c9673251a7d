"""Numbers as the sheets print them: 9,697 / -4,620 / 1.00 / 213.67 / 有 / 無.

A cell that holds a number is read after NFKC normalisation, so full-width digits, commas,
points and minus signs (９，６９７ / －１) read as their ASCII forms; any other digit
(Arabic-Indic ٣٤, for instance) is an error at the line. A figure of more than
``MAX_DIGITS`` digits is an error too: no budget, count or indicator comes near it, and
every decimal of at most 15 significant digits is held exactly by a Python float (IEEE 754
double: 15 decimal digits survive the round trip), so the value written to the data file
is the value printed on the sheet, never rounded and never ``.inf``.
"""

from __future__ import annotations

import re
import unicodedata

from builder.parse.lexer import Line
from builder.parse.text import is_empty
from builder.settings.gate import MAX_DIGITS
from builder.util.wareki import era_label, parse_fiscal_year

# How far a table's year columns may lie from the sheet's own year (the export shows 2 or 3
# years either side).
YEAR_SPAN = 10
_INTEGER = re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)")
_DECIMAL = re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
_FLAGS = {"有": True, "無": False}


def ascii_number(cell: str) -> str:
    """A cell meant as a number, in ASCII: NFKC (full-width forms to ASCII) and stripped."""
    return unicodedata.normalize("NFKC", cell).strip()


def _checked(
    cell: str, line: Line, what: str, pattern: re.Pattern[str], expected: str
) -> str | None:
    """The ASCII text of a number cell without its commas, or None for an empty cell."""
    if is_empty(cell):
        return None
    text = ascii_number(cell)
    if not pattern.fullmatch(text):
        raise line.error(f"{what}に{expected}", f"「{cell}」")
    digits = sum(char.isdigit() for char in text)
    if digits > MAX_DIGITS:
        raise line.error(f"{what}に{expected}", f"{digits} 桁の数（{MAX_DIGITS} 桁まで）")
    return text.replace(",", "")


def amount(cell: str, line: Line, what: str) -> int | None:
    """An integer amount (千円), or None for an empty cell."""
    text = _checked(cell, line, what, _INTEGER, "千円単位の金額（例 9,697）")
    return None if text is None else int(text)


def decimal(cell: str, line: Line, what: str) -> float | None:
    """A decimal number (people, hours, indicator values), or None for an empty cell."""
    text = _checked(cell, line, what, _DECIMAL, "数値（例 1.00）")
    return None if text is None else float(text)


def count(cell: str, line: Line, what: str) -> float | None:
    """A number of people or hours: a decimal that is not negative, or None for an empty cell."""
    value = decimal(cell, line, what)
    if value is not None and value < 0:
        raise line.error(f"{what}に 0 以上の人数・時間", f"「{cell}」")
    return value


def small_number(cell: str, low: int, high: int) -> int | None:
    """The whole number ``low``-``high`` a cell holds (ASCII or full-width digits), else None."""
    text = ascii_number(cell)
    if not text.isascii() or not text.isdigit() or len(text) > len(str(high)):
        return None
    return int(text) if low <= int(text) <= high else None


def flag(cell: str, line: Line, what: str) -> bool | None:
    """有 as True, 無 as False, or None for an empty cell."""
    if is_empty(cell):
        return None
    if cell not in _FLAGS:
        raise line.error(f"{what}に 有 か 無", f"「{cell}」")
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
        raise line.error(f"{what}に {count} 個の値", "ありません")
    if len(cells) > count:
        raise line.error(f"{what}に {count} 個の値（年度の列ごとに1つ）", f"{len(cells)} 個")
    return cells + [""] * (count - len(cells))


def year_columns(line: Line, labels: tuple[str, ...], sheet_year: int, what: str) -> list[int]:
    """The fiscal years of a table's year row: each a year label within ``YEAR_SPAN`` years
    of the sheet's year, oldest first, none twice."""
    years: list[int] = []
    for label in labels:
        year = parse_fiscal_year(label)
        if year is None or abs(year - sheet_year) > YEAR_SPAN:
            raise line.error(
                f"「{what}」に{era_label(sheet_year)}の前後 {YEAR_SPAN} 年以内の年度の列（例 令和 2年度）",
                f"「{label}」",
            )
        if years and year <= years[-1]:
            raise line.error(
                f"「{what}」に古い順で重複しない年度の列",
                f"{era_label(years[-1])}の後に「{label}」",
            )
        years.append(year)
    return years
