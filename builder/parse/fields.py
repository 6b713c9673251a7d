"""Label-driven reading of a sheet section: find each label wherever its cell is.

The same field sits in different columns from sheet to sheet, and a label may share its
cell with its value (``事業分類 自治事務（任意）``). A section is read as a stream of
non-empty cells; a cell equal to a known label starts that field, and the following cells
up to the next label are its values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from builder.parse.lexer import Line

_SPACES = re.compile(r"\s+")


def label_key(text: str) -> str:
    """A label compared loosely: no spaces, full-width parentheses as ASCII."""
    return _SPACES.sub("", text).replace("（", "(").replace("）", ")")


@dataclass
class Field:
    """A labelled field: the line its label is on and its value cells (with their lines)."""

    label: str
    line: Line
    cells: list[str] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)


def _match_label(cell: str, labels: dict[str, str]) -> tuple[str, str] | None:
    """(label, rest of the cell) when the cell is a label, or a label, a space and a value."""
    exact = labels.get(label_key(cell))
    if exact:
        return exact, ""
    head, _, rest = cell.partition(" ")
    if rest and label_key(head) in labels:
        return labels[label_key(head)], rest.strip()
    return None


def read_fields(lines: list[Line], labels: tuple[str, ...], section: str) -> dict[str, Field]:
    """The labelled fields of a section, by label. Unknown text before the first label is an error."""
    by_key = {label_key(label): label for label in labels}
    fields: dict[str, Field] = {}
    current: Field | None = None
    for line in lines:
        for cell in line.tokens:
            matched = _match_label(cell, by_key)
            if matched:
                label, rest = matched
                if label in fields:
                    raise line.error(f"「{section}」: label 「{label}」 appears twice")
                current = fields[label] = Field(label, line)
                if rest:
                    current.cells.append(rest)
                    current.lines.append(line)
            elif current is None:
                expected = "、".join(labels)
                raise line.error(f"「{section}」: expected one of the labels {expected}; found 「{cell}」")
            else:
                current.cells.append(cell)
                current.lines.append(line)
    return fields
