"""The text sections: 事業の概要, 市民参加の取組状況, 事業の成果と課題, 評価 and 方向性.

Each field is found by the label the registry (``builder.records.fields``) gives it and read
by the reader of its kind: paragraphs or bullet items (:data:`ITEMS`) become a tuple of
items, an optional text (:data:`OPTIONAL_TEXT`) one plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from builder.parse.labelled import Field, read_fields
from builder.parse.labels import ISSUES, ISSUES_OPERATIONS, ISSUES_ORGANIZATION, label_of
from builder.parse.lexer import Line
from builder.parse.numbers import small_number
from builder.parse.text import is_empty, items, paragraphs, plain
from builder.records.fields import (
    DIRECTION,
    EVALUATION,
    ITEMS,
    OPTIONAL_TEXT,
    OVERVIEW,
    PARTICIPATION,
    RESULTS,
    Kind,
    record,
    values_of,
)
from builder.records.model import Direction, Evaluation, Overview, Participation, Results, Score

# The reader of each kind of narrative field; what it returns is of the kind's Python type.
READERS: dict[Kind, Callable[[list[str]], Any]] = {ITEMS: items, OPTIONAL_TEXT: plain}


def _cells(fields: dict[str, Field], label: str) -> list[str]:
    return fields[label].cells if label in fields else []


def _read(
    group: str, fields: dict[str, Field], extra: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    """Each field of the record ``group``: the cells after its label (and ``extra`` cells of
    it found elsewhere), read by the reader of its kind."""
    more = extra or {}
    return {
        node.name: READERS[node.kind](
            more.get(node.name, []) + _cells(fields, label_of(f"{group}.{node.name}"))
        )
        for node in values_of(group)
    }


def parse_overview(lines: tuple[Line, ...]) -> Overview:
    """事業の概要: 対象, 目的, 概要 (取組内容)."""
    return Overview(**_read("overview", read_fields(list(lines), OVERVIEW)))


def parse_participation(lines: tuple[Line, ...]) -> Participation:
    """市民参加の取組状況, one text per stage."""
    return Participation(**_read("participation", read_fields(list(lines), PARTICIPATION)))


def _split_issues(cells: list[str]) -> tuple[list[str], list[str]]:
    """課題 given as one cell with <p>業務</p> … <p>組織、予算等</p> sub-labels: (業務, 組織、予算等)."""
    operations: list[str] = []
    organization: list[str] = []
    target = operations
    for para in (p for cell in cells for p in paragraphs(cell)):
        if para == ISSUES_OPERATIONS:
            target = operations
        elif para == ISSUES_ORGANIZATION:
            target = organization
        else:
            target.append(para)
    return operations, organization


def parse_results(lines: tuple[Line, ...]) -> Results:
    """事業の成果と課題; 課題 is split into 業務 and 組織、予算等 however the sheet marks them."""
    fields = read_fields(list(lines), RESULTS)
    operations, organization = _split_issues(_cells(fields, ISSUES.text))
    extra = {"issues_operations": operations, "issues_organization": organization}
    return Results(**_read("results", fields, extra))


def _score(field: Field | None, label: str, header: Line) -> Score:
    if field is None:
        raise header.error(f"「{EVALUATION}」に「{label}」の点数とコメント", "ありません")
    cells = field.cells
    if not cells or is_empty(cells[0]):
        return Score(None, plain(cells[1:]))
    score = small_number(cells[0], 1, 5)
    if score is None:
        raise field.line.error(f"「{label}」に点数 1〜5 か「-」", f"「{cells[0]}」")
    return Score(score, plain(cells[1:]))


def parse_evaluation(lines: tuple[Line, ...], header: Line) -> Evaluation:
    """評価: the scored criteria with comments, each after its label."""
    fields = read_fields(list(lines), EVALUATION)
    criteria = {
        node.name: _score(
            fields.get(label_of(f"evaluation.{node.name}")),
            label_of(f"evaluation.{node.name}"),
            header,
        )
        for node in record("evaluation").fields
    }
    return Evaluation(**criteria)


def parse_direction(lines: tuple[Line, ...]) -> Direction:
    """方向性 and its 理由."""
    return Direction(**_read("direction", read_fields(list(lines), DIRECTION)))
