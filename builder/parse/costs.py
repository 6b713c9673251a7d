"""コストの推移: the cost table, one column per fiscal year, rows found by their labels."""

from __future__ import annotations

import re
from collections.abc import Callable

from builder.parse.labels import COST_ROWS
from builder.parse.lexer import Line
from builder.parse.numbers import amount, count, flag, row_cells, year_columns
from builder.records.fields import AMOUNT, COSTS, QUANTITY, YES_NO, Kind, field_at
from builder.records.model import CostYear, Note
from builder.util.wareki import era_label

_UNIT = re.compile(r"[(（][^()（）]*[)）]")

# The reader of a cell of each kind of cost row: 千円, a number of people or hours, 有/無.
READERS: dict[Kind, Callable[[str, Line, str], object]] = {
    AMOUNT: amount,
    QUANTITY: count,
    YES_NO: flag,
}
# Row label -> (CostYear field, cell reader).
_ROWS = {
    row.text: (row.field.removeprefix("costs[]."), READERS[field_at(row.field).kind])
    for row in COST_ROWS
}


def _year_columns(header: Line, sheet_year: int) -> list[int]:
    """The fiscal years of the header row (項目 followed by year labels)."""
    if header.tokens[0] != "項目" or len(header.tokens) < 2:
        raise header.error(
            f"「{COSTS}」に 項目 と年度の列（例 令和 2年度）の見出し行",
            f"「{header.tokens[0]}」" + ("だけ" if len(header.tokens) < 2 else ""),
        )
    return year_columns(header, header.tokens[1:], sheet_year, COSTS)


def _row(line: Line) -> tuple[str, int] | None:
    """(row label, index of its unit cell) for a data row; None for a line that is not one."""
    for index, cell in enumerate(line.cells):
        if _UNIT.fullmatch(cell):
            labels = [c for c in line.cells[:index] if c in _ROWS]
            return (labels[-1], index) if labels else None
    return None


def parse_costs(
    lines: tuple[Line, ...], header_line: Line, sheet_year: int
) -> tuple[tuple[CostYear, ...], tuple[Note, ...]]:
    """The cost columns, oldest first, and notes on them.

    A settlement after ``sheet_year`` is not closed and becomes None; the sheet prints 0
    there, and anything else it prints is reported in a note.
    """
    if not lines:
        raise header_line.error(f"「{COSTS}」に費用の表", "ありません")
    years = _year_columns(lines[0], sheet_year)
    columns: dict[str, list[object]] = {}
    for line in lines[1:]:
        row = _row(line)
        if row is None:
            raise line.error(
                f"「{COSTS}」に 予算額 (千円) のような行と {len(years)} 個の値",
                f"「{line.tokens[0]}」",
            )
        label, unit_index = row
        if _ROWS[label][0] in columns:
            raise line.error(f"「{COSTS}」に重複しない行", f"「{label}」の行が2回目です")
        field, read = _ROWS[label]
        cells = row_cells(line, unit_index + 1, len(years), f"「{label}」")
        columns[field] = [
            read(cell, line, f"「{label}」 {era_label(year)}") for cell, year in zip(cells, years)
        ]
    missing = [label for label, (field, _) in _ROWS.items() if field not in columns]
    if missing:
        raise header_line.error(f"「{COSTS}」に{'、'.join(missing)}の行", "ありません")
    costs, notes = [], []
    for index, year in enumerate(years):
        values = {field: column[index] for field, column in columns.items()}
        if year > sheet_year:
            if values["settlement"]:
                notes.append(
                    Note(
                        "future_settlement",
                        f"{era_label(year)}はまだ決算前ですが、決算額に {values['settlement']:,} 千円と"
                        "記載されています（未確定として扱います）。",
                    )
                )
            values["settlement"] = None
        costs.append(CostYear(fiscal_year=year, **values))  # type: ignore[arg-type]  # the registry's cost rows, by name
    return tuple(costs), tuple(notes)
