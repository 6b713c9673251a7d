"""Split a file's lines into sheets, and a sheet into its titled sections, in order."""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.parse.lexer import Line
from builder.records.fields import (
    BASIC,
    COSTS,
    DIRECTION,
    EVALUATION,
    INDICATORS,
    OVERVIEW,
    PARTICIPATION,
    RESULTS,
)

SHEET_TITLE = re.compile(r"(?P<year>.+?年度)\s*事務事業マネジメントシート")

SECTION_ORDER = (BASIC, OVERVIEW, COSTS, PARTICIPATION, INDICATORS, RESULTS, EVALUATION, DIRECTION)


@dataclass(frozen=True)
class RawSheet:
    """The lines of one sheet: its title line and the content lines of each section."""

    title: Line
    year_label: str
    sections: dict[str, tuple[Line, ...]]
    headers: dict[str, Line]


def split_sheets(lines: list[Line]) -> list[tuple[Line, list[Line]]]:
    """(title line, following lines) for each sheet in a file, in file order."""
    sheets: list[tuple[Line, list[Line]]] = []
    for line in lines:
        tokens = line.tokens
        if len(tokens) == 1 and SHEET_TITLE.fullmatch(tokens[0]):
            sheets.append((line, []))
        elif sheets:
            sheets[-1][1].append(line)
        elif tokens:
            raise line.error(
                "「令和 4年度 事務事業マネジメントシート」のようなシートの見出し",
                f"「{tokens[0]}」",
            )
    return sheets


def split_sections(title: Line, body: list[Line]) -> RawSheet:
    """Cut a sheet's lines into its eight sections; each must appear, in the sheet's order."""
    sections: dict[str, list[Line]] = {}
    headers: dict[str, Line] = {}
    expected = iter(SECTION_ORDER)
    current: list[Line] | None = None
    for line in body:
        tokens = line.tokens
        if not tokens:
            continue
        if len(tokens) == 1 and tokens[0] in SECTION_ORDER and tokens[0] not in sections:
            wanted = next(expected, None)
            if tokens[0] != wanted:
                raise line.error(f"セクション「{wanted}」", f"セクション「{tokens[0]}」")
            current = sections[tokens[0]] = []
            headers[tokens[0]] = line
        elif current is None:
            raise line.error(f"セクション「{BASIC}」", f"「{tokens[0]}」")
        else:
            current.append(line)
    missing = next(expected, None)
    if missing is not None:
        last = next((line for line in reversed(body) if line.tokens), title)
        raise last.error(f"この行の後にセクション「{missing}」", "シートがここで終わっています")
    year_label = SHEET_TITLE.fullmatch(title.tokens[0]).group("year")  # type: ignore[union-attr]  # split_sheets matched it
    return RawSheet(title, year_label, {k: tuple(v) for k, v in sections.items()}, headers)
