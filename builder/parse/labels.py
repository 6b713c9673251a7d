"""The labels each section of a sheet prints, as the parser reads them: made from the field
registry (``builder.records.fields``), where each field names its label.

Each ``Label`` says what the sheet prints, the data-file field it fills (its path, as in
``builder/records/sheet.schema.json``) and how many value cells follow it. A cell that is
none of its section's labels and cannot be the value of the label before it is an error at
its line: nothing is ever appended to a neighbouring field.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.records.fields import (
    BASIC,
    COSTS,
    DIRECTION,
    EVALUATION,
    INDICATORS,
    OVERVIEW,
    PARTICIPATION,
    RESULTS,
    Field,
    Record,
    at,
    walk,
)


@dataclass(frozen=True)
class Label:
    """A label as printed and what follows it."""

    text: str  # as printed (compared without spaces, （） as ())
    field: str  # the data-file path of the field it fills (the first, where it fills several)
    cells: int = 1  # value cells it takes at most; 0: any number
    lines: bool = False  # its values go on over the following lines (one or more per line)


def _section_of(path: str) -> str:
    top = at(path.split(".")[0].split("[")[0])
    return top.section if isinstance(top, Record) and top.section else BASIC


def _labels(section: str) -> tuple[Label, ...]:
    """The labels of one section, in the order of the data contract."""
    return tuple(
        Label(node.label, path, node.cells, isinstance(node, Field) and node.lines)
        for path, node in walk()
        if node.label and _section_of(path) == section
    )


def label_of(path: str) -> str:
    """The label the sheet prints the field at the data-file path ``path`` under (the registry's)."""
    return str(at(path).label)


ISSUES_OPERATIONS = label_of(
    "results.issues_operations"
)  # under 課題: in its own cell or as <p>業務</p> in 課題's
ISSUES_ORGANIZATION = label_of("results.issues_organization")
ISSUES = Label(
    "課題", "results.issues_operations"
)  # the heading of the two above, or their text with <p> headings

BASIC_LABELS = _labels(BASIC)
PARTICIPATION_LABELS = _labels(PARTICIPATION)
EVALUATION_LABELS = _labels(EVALUATION)  # each: a score 1-5 (or -) and a comment
_RESULTS = _labels(RESULTS)
# The labelled sections, read by ``builder.parse.labelled.read_fields``.
SECTION_LABELS: dict[str, tuple[Label, ...]] = {
    BASIC: BASIC_LABELS,
    OVERVIEW: _labels(OVERVIEW),
    PARTICIPATION: PARTICIPATION_LABELS,
    RESULTS: _RESULTS[:2] + (ISSUES,) + _RESULTS[2:],
    EVALUATION: EVALUATION_LABELS,
    DIRECTION: _labels(DIRECTION),
}

COST_ROWS = _labels(
    COSTS
)  # コストの推移: a row per label, a unit cell such as (千円), then a value per year column
INDICATOR_ROWS = _labels(
    INDICATORS
)  # 指標の推移: up to five blocks of these rows, a year row after 指標名
