"""Label-driven reading of a sheet section: find each label wherever its cell is.

The same field sits in different columns from sheet to sheet, and a label may share its
cell with its value (``事業分類 自治事務（任意）``). A section is read as a stream of
non-empty cells; a cell equal to a known label (``builder.parse.labels``) starts that
field, and the following cells, up to the number the label takes, are its values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from builder.parse.labels import SECTION_LABELS, Label
from builder.parse.lexer import Line

_SPACES = re.compile(r"\s+")


def label_key(text: str) -> str:
    """A label compared loosely: no spaces, full-width parentheses as ASCII."""
    return _SPACES.sub("", text).replace("（", "(").replace("）", ")")


@dataclass
class Field:
    """A labelled field: the line and column of its label and its value cells (with their lines)."""

    label: Label
    line: Line
    column: int
    cells: list[str] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)


def _match_label(cell: str, labels: dict[str, Label]) -> tuple[Label, str] | None:
    """(label, rest of the cell) when the cell is a label, or a label, a space and a value."""
    exact = labels.get(label_key(cell))
    if exact:
        return exact, ""
    head, _, rest = cell.partition(" ")
    if rest and label_key(head) in labels:
        return labels[label_key(head)], rest.strip()
    return None


def _takes(current: Field, line: Line, column: int) -> bool:
    """Whether a cell that is no label, at ``column`` of ``line``, is a value of ``current``:
    on the label's line up to the label's number of cells, or on a later line when the label
    goes on over lines, or as the first value on a later line, under or right of the label."""
    if current.label.cells and len(current.cells) >= current.label.cells:
        return False
    if line.number == current.line.number or current.label.lines:
        return True
    return not current.cells and column >= current.column


def read_fields(lines: list[Line], section: str) -> dict[str, Field]:
    """The labelled fields of a section (its labels: ``SECTION_LABELS``), by label text.

    A cell that is no label and not a value of the label before it is an error at its line."""
    labels = SECTION_LABELS[section]
    by_key = {label_key(label.text): label for label in labels}
    fields: dict[str, Field] = {}
    current: Field | None = None
    for line in lines:
        for column, cell in enumerate(line.cells):
            if not cell:
                continue
            matched = _match_label(cell, by_key)
            if matched:
                label, rest = matched
                if label.text in fields:
                    raise line.error(
                        f"「{section}」に重複しないラベル", f"ラベル「{label.text}」が2回目です"
                    )
                current = fields[label.text] = Field(label, line, column)
                if rest:
                    current.cells.append(rest)
                    current.lines.append(line)
            elif current is not None and _takes(current, line, column):
                current.cells.append(cell)
                current.lines.append(line)
            else:
                expected = "、".join(label.text for label in labels)
                after = f"（「{current.label.text}」の値でもありません）" if current else ""
                raise line.error(f"「{section}」のラベル {expected} のどれか", f"「{cell}」{after}")
    return fields
