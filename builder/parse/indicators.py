"""指標の推移: up to five indicator blocks, each with a name line, a year row, 目標値, 実績 and 指標の概要.

Blocks come with or without their leading number, with ``1 目標値`` in one cell or not; rows
are found by their labels. Empty slots (name ``()`` or ``(0)`` and all zeros) are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from builder.model import Indicator, IndicatorValue, Note
from builder.parse.lexer import Line
from builder.parse.numbers import decimal, row_cells
from builder.parse.sections import INDICATORS
from builder.parse.text import items
from builder.wareki import era_label, parse_fiscal_year

KINDS = ("活動結果指標", "成果指標")
_NAME_WITH_UNIT = re.compile(r"(?P<name>.*?)\s*[(（](?P<unit>[^()（）]*)[)）]")
_NUMBERED = re.compile(r"(?P<number>\d)\s+(?P<label>\S+)")


@dataclass
class _Block:
    """The lines of one indicator block, by row label."""

    name_line: Line
    number: int | None
    rows: dict[str, tuple[Line, int]] = field(default_factory=dict)  # label -> (line, value start)
    years_line: Line | None = None


def _label_cell(line: Line) -> tuple[str, int, int | None] | None:
    """(row label, index of the label cell, printed number) of a block row, if it has one."""
    for index, cell in enumerate(line.cells):
        numbered = _NUMBERED.fullmatch(cell)
        label, number = (numbered.group("label"), int(numbered.group("number"))) if numbered else (cell, None)
        if label in ("指標名", "目標値", "実績", "指標の概要"):
            if number is None and index > 0 and line.cells[index - 1].isdigit():
                number = int(line.cells[index - 1])
            return label, index, number
    return None


def _blocks(lines: tuple[Line, ...], header: Line) -> list[_Block]:
    """Group the section's lines into indicator blocks."""
    blocks: list[_Block] = []
    for line in lines:
        found = _label_cell(line)
        if found is None:
            if blocks and all(parse_fiscal_year(t) for t in line.tokens):
                blocks[-1].years_line = line
                continue
            raise line.error(f"「{INDICATORS}」: expected 指標名, a year row, 目標値, 実績 or 指標の概要")
        label, index, number = found
        if label == "指標名":
            blocks.append(_Block(line, number))
            blocks[-1].rows[label] = (line, index + 1)
            continue
        if not blocks:
            raise line.error(f"「{INDICATORS}」: expected 指標名 before 「{label}」")
        block = blocks[-1]
        if label in block.rows:
            raise line.error(f"「{INDICATORS}」: 「{label}」 appears twice in one indicator")
        block.rows[label] = (line, index + 1)
        if number is not None and block.number is None:
            block.number = number
    return blocks


def _values(block: _Block, years: list[int], label: str, what: str) -> list[float | None]:
    line, start = block.rows[label]
    cells = row_cells(line, start, len(years), what)
    return [decimal(cell, line, f"{what} {era_label(year)}") for cell, year in zip(cells, years)]


def _indicator(block: _Block, position: int, sheet_year: int) -> tuple[Indicator | None, list[Note]]:
    for label in ("目標値", "実績"):
        if label not in block.rows:
            raise block.name_line.error(f"「{INDICATORS}」: indicator {position} has no 「{label}」 row")
    if block.years_line is None:
        raise block.name_line.error(f"「{INDICATORS}」: indicator {position} has no year row such as R01年度")
    years = [y for y in (parse_fiscal_year(t) for t in block.years_line.tokens) if y is not None]
    number = block.number or position
    targets = _values(block, years, "目標値", f"指標{number} 目標値")
    actuals = _values(block, years, "実績", f"指標{number} 実績")
    line, start = block.rows["指標名"]
    tokens = [c for c in line.cells[start:] if c]
    kind = next((t for t in tokens if t in KINDS), None)
    title = next((t for t in tokens if t not in KINDS), "")
    match = _NAME_WITH_UNIT.fullmatch(title)
    name, unit = (match.group("name"), match.group("unit")) if match else (title, "")
    all_zero = all(not v for v in targets + actuals)
    if not name and all_zero:
        return None, []
    notes = []
    if not name:
        notes.append(Note("indicator_unnamed", f"指標{number}は名称が空欄ですが、値が記載されています。"))
    if kind is None:
        notes.append(Note("indicator_kind_missing", f"指標{number}（{name or '名称なし'}）の種別（活動結果指標／成果指標）が空欄です。"))
    for year, target, actual in zip(years, targets, actuals):
        if year == sheet_year and target and actual == 0:
            notes.append(Note(
                "indicator_zero_actual",
                f"指標{number}（{name or '名称なし'}）の{era_label(year)}の実績が 0 と記載されています（目標値 {target:g}）。"
                "シートの記載どおり 0 としていますが、シート作成時点で未集計の場合があります。",
            ))
    values = tuple(
        IndicatorValue(
            fiscal_year=year,
            target=None if not target and not actual else target,
            actual=None if year > sheet_year or (not target and not actual) else actual,
        )
        for year, target, actual in zip(years, targets, actuals)
    )
    desc_line = block.rows.get("指標の概要")
    description = items([c for c in desc_line[0].cells[desc_line[1]:] if c]) if desc_line else ()
    indicator = Indicator(number, name or None, unit or None, kind, description, values)
    return indicator, notes


def parse_indicators(
    lines: tuple[Line, ...], header: Line, sheet_year: int
) -> tuple[tuple[Indicator, ...], tuple[Note, ...]]:
    """The sheet's indicators (empty slots dropped) and notes about them."""
    indicators: list[Indicator] = []
    notes: list[Note] = []
    for position, block in enumerate(_blocks(lines, header), start=1):
        indicator, found = _indicator(block, position, sheet_year)
        notes.extend(found)
        if indicator is not None:
            indicators.append(indicator)
    return tuple(indicators), tuple(notes)
