"""指標の推移: up to five indicator blocks, each with a name line, a year row, 目標値, 実績 and 指標の概要.

Blocks come with or without their leading number, with ``1 目標値`` in one cell or not; rows
are found by their labels. Empty slots (name ``()`` or ``(0)`` and all zeros) are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from builder.parse.labels import INDICATOR_ROWS, label_of
from builder.parse.lexer import Line
from builder.parse.numbers import ascii_number, decimal, row_cells, small_number, year_columns
from builder.parse.text import items, plain
from builder.records.fields import INDICATORS
from builder.records.model import Indicator, IndicatorValue, Note
from builder.util.formatting import number as number_text
from builder.util.wareki import era_label

KINDS = ("活動結果指標", "成果指標")
ROW_LABELS = tuple(row.text for row in INDICATOR_ROWS)
MAX_INDICATORS = 5
NAME = label_of("indicators[].name")  # the row that starts a block
TARGET = label_of("indicators[].values[].target")
ACTUAL = label_of("indicators[].values[].actual")
DESCRIPTION = label_of("indicators[].description")
_NUMBERED = re.compile(r"(?P<number>\S+)\s+(?P<label>" + "|".join(ROW_LABELS) + ")")


@dataclass
class _Block:
    """The lines of one indicator block, by row label."""

    name_line: Line
    number: int | None
    rows: dict[str, tuple[Line, int]] = field(default_factory=dict)  # label -> (line, value start)
    years_line: Line | None = None
    years: list[int] = field(default_factory=list)


def _slot(cell: str, line: Line) -> int:
    """The slot number 1-5 printed before an indicator row (ASCII or full-width digit)."""
    number = small_number(cell, 1, MAX_INDICATORS)
    if number is None:
        raise line.error(f"「{INDICATORS}」に指標の番号 1〜{MAX_INDICATORS}", f"「{cell}」")
    return number


def _label_cell(line: Line) -> tuple[str, int, int | None] | None:
    """(row label, index of the label cell, printed number) of a block row, if it has one.

    Before the label there may be only the slot number, in its own cell or in the label's
    cell (``1 目標値``); anything else there is an error."""
    for index, cell in enumerate(line.cells):
        numbered = _NUMBERED.fullmatch(ascii_number(cell))
        label = numbered.group("label") if numbered else cell
        if label not in ROW_LABELS:
            continue
        before = [c for c in line.cells[:index] if c]
        if len(before) > 1 or (before and numbered):
            raise line.error(
                f"「{INDICATORS}」の「{label}」の前には指標の番号だけ", f"「{before[0]}」"
            )
        printed = numbered.group("number") if numbered else (before[0] if before else None)
        return label, index, None if printed is None else _slot(printed, line)
    return None


def _blocks(lines: tuple[Line, ...], sheet_year: int) -> list[_Block]:
    """Group the section's lines into indicator blocks."""
    blocks: list[_Block] = []
    for line in lines:
        found = _label_cell(line)
        if found is None:
            if (
                blocks
                and blocks[-1].years_line is None
                and all(t.endswith("年度") for t in line.tokens)
            ):
                blocks[-1].years_line = line
                blocks[-1].years = year_columns(line, line.tokens, sheet_year, INDICATORS)
                continue
            raise line.error(
                f"「{INDICATORS}」に {NAME}、年度の行、{TARGET}、{ACTUAL}、{DESCRIPTION} のどれか",
                f"「{line.tokens[0]}」",
            )
        label, index, number = found
        if label == NAME:
            if len(blocks) == MAX_INDICATORS:
                raise line.error(
                    f"「{INDICATORS}」に {MAX_INDICATORS} つまでの指標",
                    f"{MAX_INDICATORS + 1} つ目の 指標名",
                )
            blocks.append(_Block(line, None))
        elif not blocks:
            raise line.error(f"「{INDICATORS}」の「{label}」より前に 指標名 の行", "ありません")
        block = blocks[-1]
        if label in block.rows:
            raise line.error(
                f"「{INDICATORS}」の1つの指標に重複しない行", f"「{label}」の行が2回目です"
            )
        block.rows[label] = (line, index + 1)
        if number is not None and block.number is None:
            if number in (b.number for b in blocks):
                raise line.error(
                    f"「{INDICATORS}」に重複しない指標の番号", f"指標の番号 {number} が2回目です"
                )
            block.number = number
    return blocks


def name_and_unit(title: str) -> tuple[str, str]:
    """An indicator's name and unit: ``連携企業数 (件)`` is ``連携企業数`` and ``件`` (the unit in
    the last brackets, at the end, holding no bracket); a title without them is all name.
    Plain string searches, in linear time (a regular expression here backtracked on long
    runs of spaces)."""
    if not title.endswith((")", "）")):
        return title, ""
    opening = max(title.rfind("("), title.rfind("（"))
    unit = title[opening + 1 : -1]
    if opening < 0 or ")" in unit or "）" in unit:
        return title, ""
    return title[:opening].rstrip(), unit


def _values(block: _Block, years: list[int], label: str, what: str) -> list[float | None]:
    line, start = block.rows[label]
    cells = row_cells(line, start, len(years), what)
    return [decimal(cell, line, f"{what} {era_label(year)}") for cell, year in zip(cells, years)]


def _indicator(block: _Block, number: int, sheet_year: int) -> tuple[Indicator | None, list[Note]]:
    for label in (TARGET, ACTUAL):
        if label not in block.rows:
            raise block.name_line.error(
                f"「{INDICATORS}」の指標{number}に「{label}」の行", "ありません"
            )
    if block.years_line is None:
        raise block.name_line.error(
            f"「{INDICATORS}」の指標{number}に年度の行（例 R01年度）", "ありません"
        )
    years = block.years
    targets = _values(block, years, TARGET, f"指標{number} {TARGET}")
    actuals = _values(block, years, ACTUAL, f"指標{number} {ACTUAL}")
    line, start = block.rows[NAME]
    tokens = [c for c in line.cells[start:] if c]
    kinds, titles = [t for t in tokens if t in KINDS], [t for t in tokens if t not in KINDS]
    if len(kinds) > 1 or len(titles) > 1:
        raise line.error(
            f"「{INDICATORS}」の 指標名 の後に名前（例「連携企業数 (件)」）と種別（{'／'.join(KINDS)}）",
            f"{len(tokens)} 個のセル",
        )
    kind: str | None = kinds[0] if kinds else None
    title = plain(titles[:1]) or ""  # read like every other cell
    name, unit = name_and_unit(title)
    all_zero = all(not v for v in targets + actuals)
    if not name and all_zero:
        return None, []
    notes = []
    if not name:
        notes.append(
            Note("indicator_unnamed", f"指標{number}は名称が空欄ですが、値が記載されています。")
        )
    if kind is None:
        notes.append(
            Note(
                "indicator_kind_missing",
                f"指標{number}（{name or '名称なし'}）の種別（活動結果指標／成果指標）が空欄です。",
            )
        )
    for year, target, actual in zip(years, targets, actuals):
        if year == sheet_year and target and actual == 0:
            notes.append(
                Note(
                    "indicator_zero_actual",
                    f"指標{number}（{name or '名称なし'}）の{era_label(year)}の実績が 0 と"
                    f"記載されています（目標値 {number_text(target)}）。"
                    "シートの記載どおり 0 としていますが、シート作成時点で未集計の場合があります。",
                )
            )
    values = tuple(
        IndicatorValue(
            fiscal_year=year,
            target=None if not target and not actual else target,
            actual=None if year > sheet_year or (not target and not actual) else actual,
        )
        for year, target, actual in zip(years, targets, actuals)
    )
    desc_line = block.rows.get(DESCRIPTION)
    description = items([c for c in desc_line[0].cells[desc_line[1] :] if c]) if desc_line else ()
    indicator = Indicator(number, name or None, unit or None, kind, description, values)
    return indicator, notes


def parse_indicators(
    lines: tuple[Line, ...], header: Line, sheet_year: int
) -> tuple[tuple[Indicator, ...], tuple[Note, ...]]:
    """The sheet's indicators (empty slots dropped) and notes about them."""
    indicators: list[Indicator] = []
    notes: list[Note] = []
    blocks = _blocks(lines, sheet_year)
    for position, block in enumerate(blocks, start=1):
        number = (
            position if block.number is None else block.number
        )  # an unnumbered block is numbered by its place
        if block.number is None and position in (b.number for b in blocks):
            raise block.name_line.error(
                f"「{INDICATORS}」で番号のない指標には並び順の番号 {position}",
                f"指標の番号 {position} は別の指標に付いています",
            )
        indicator, found = _indicator(block, number, sheet_year)
        notes.extend(found)
        if indicator is not None:
            indicators.append(indicator)
    return tuple(indicators), tuple(notes)
