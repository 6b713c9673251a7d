"""Parsing takes linear time (issue 23, item 4): a cell of the longest line a sheet may hold
(100,000 characters) made of spaces, tabs, ・, brackets, digits or tag openings, in every cell
kind of a real sheet, parses (to records or located errors) in under a second. The regular
expressions of the parser once backtracked on such runs (40,000 spaces in an indicator name
took 6.5 s)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from builder.parse.lexer import MAX_LINE_CHARS
from tests.parse.helpers import parse_bytes, sheet_text

SHEET = sheet_text("092").split("\n")
LIMIT = 1.0  # seconds for one parse
FILLERS = {
    "spaces": lambda n: "a" + " " * (n - 2) + "b",
    "full-width spaces": lambda n: "a" + "\u3000" * (n - 2) + "b",
    "tabs": lambda n: "a" + "\t" * (n - 2) + "b",
    "bullets": lambda n: "・" * n,
    "spaced bullets": lambda n: "a" + " ・" * ((n - 2) // 2) + "b",
    "spaces before a bracket": lambda n: "a" + " " * (n - 3) + "(b",
    "brackets": lambda n: "(（" * (n // 2),
    "closing brackets": lambda n: "a" + ")" * (n - 1),
    "digits": lambda n: "1" * n,
    "digit groups": lambda n: "1" + ",000" * ((n - 1) // 4),
    "tag openings": lambda n: "<R" * (n // 2),
    "unclosed tags": lambda n: "<p " * (n // 3),
    "former names": lambda n: "（旧：" * (n // 3),
}


def _value_cells() -> list[tuple[int, int]]:
    """(line, cell) of the last non-empty cell of every line of the sheet with a label and a
    value, and of every single-cell line: one of each kind of cell."""
    found = []
    for number, line in enumerate(SHEET):
        cells = line.split("\t")
        filled = [i for i, cell in enumerate(cells) if cell.strip()]
        if filled:
            found.append((number, filled[-1]))
    return found


CELLS = _value_cells()


@pytest.mark.parametrize("filler", FILLERS)
def test_a_long_run_in_every_cell_parses_in_linear_time(tmp_path: Path, filler: str) -> None:
    slowest = (0.0, "")
    for number, index in CELLS:
        lines = list(SHEET)
        cells = lines[number].split("\t")
        room = MAX_LINE_CHARS - (len(lines[number]) - len(cells[index]))
        cells[index] = FILLERS[filler](room)[:room]
        lines[number] = "\t".join(cells)
        assert len(lines[number]) <= MAX_LINE_CHARS
        started = time.perf_counter()
        parse_bytes(tmp_path, "\n".join(lines).encode("utf-8"))
        took = time.perf_counter() - started
        slowest = max(slowest, (took, f"line {number + 1} cell {index + 1}"))
    assert slowest[0] < LIMIT, slowest
    assert len(CELLS) > 50
