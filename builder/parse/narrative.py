"""The text sections: 事業の概要, 市民参加の取組状況, 事業の成果と課題, 評価 and 方向性."""

from __future__ import annotations

from builder.records.model import Direction, Evaluation, Overview, Participation, Results, Score
from builder.parse.labelled import Field, read_fields
from builder.parse.labels import EVALUATION_LABELS, ISSUES_ORGANIZATION, ISSUES_OPERATIONS, PARTICIPATION_LABELS
from builder.parse.lexer import Line
from builder.parse.numbers import small_number
from builder.records.fields import DIRECTION, EVALUATION, OVERVIEW, PARTICIPATION, RESULTS
from builder.parse.text import is_empty, items, paragraphs, plain



def _cells(fields: dict[str, Field], label: str) -> list[str]:
    return fields[label].cells if label in fields else []


def parse_overview(lines: tuple[Line, ...]) -> Overview:
    """事業の概要: 対象, 目的, 概要 (取組内容)."""
    fields = read_fields(list(lines), OVERVIEW)
    return Overview(
        target=items(_cells(fields, "対象")),
        purpose=items(_cells(fields, "目的")),
        activities=items(_cells(fields, "概要 (取組内容)")),
    )


def parse_participation(lines: tuple[Line, ...]) -> Participation:
    """市民参加の取組状況, one text per stage."""
    fields = read_fields(list(lines), PARTICIPATION)
    sharing, planning, implementation, evaluation = (plain(_cells(fields, label.text)) for label in PARTICIPATION_LABELS)
    return Participation(sharing, planning, implementation, evaluation)


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
    operations, organization = _split_issues(_cells(fields, "課題"))
    return Results(
        previous_response=items(_cells(fields, "前年度の課題への対応")),
        achievements=items(_cells(fields, "成果")),
        issues_operations=items(operations + _cells(fields, ISSUES_OPERATIONS)),
        issues_organization=items(organization + _cells(fields, ISSUES_ORGANIZATION)),
        improvement=items(_cells(fields, "改善目標")),
    )


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
    """評価: four scored criteria with comments."""
    fields = read_fields(list(lines), EVALUATION)
    needs, progress, involvement, priority = (_score(fields.get(label.text), label.text, header) for label in EVALUATION_LABELS)
    return Evaluation(needs, progress, involvement, priority)


def parse_direction(lines: tuple[Line, ...]) -> Direction:
    """方向性 and its 理由."""
    fields = read_fields(list(lines), DIRECTION)
    return Direction(plain(_cells(fields, "方向性")), plain(_cells(fields, "理由")))
