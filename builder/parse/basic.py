"""事業の基本情報: name and code, budget item, department, plan, SDGs and the other header fields."""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.parse.labelled import Field, read_fields
from builder.parse.labels import BASIC_LABELS, label_of
from builder.parse.lexer import Line
from builder.parse.numbers import ascii_number
from builder.parse.org import OrgSplitter
from builder.parse.text import plain
from builder.records.fields import BASIC
from builder.records.model import BudgetItem, StrategicPlan
from builder.settings.departments import DEPARTMENTS_FILE
from builder.settings.gate import name_problem, normal_name

# 事業番号: ASCII or full-width digits (read as ASCII), at most MAX_CODE_DIGITS of them (the
# number names the data file and the page).
MAX_CODE_DIGITS = 10
_CODE = re.compile(r"[0-9０-９]+")
_CODE_AND_NAME = re.compile(r"(?P<code>[0-9０-９]+)\s*(?P<name>.+)")
_BUDGET_CODE = re.compile(r"[0-9][0-9-]*[0-9]")
_PLAN_CODE_PART = re.compile(r"[0-9A-Za-zⅠ-Ⅻ]+(?:-[0-9A-Za-zⅠ-Ⅻ]+)*")
_SDG = re.compile(r"(?P<goal>[0-9]{1,2})\s*[^0-9].*|(?P<bare>[0-9]{1,2})")


CODE_LABEL = label_of("code")  # 事務事業名: the number and name of the project
# The labels whose value is one plain text, stored as it is (mayor_pledge, section ...).
_PLAIN_LABELS = tuple(label for label in BASIC_LABELS if label.cells == 1)


@dataclass(frozen=True)
class BasicInfo:
    """The header fields of a sheet, before they are put into a Sheet."""

    code: str
    name: str
    budget_item: BudgetItem
    department: str
    division: str | None
    values: dict[
        str, str | None
    ]  # the plain one-cell fields (mayor_pledge, section ...), by field name
    strategic_plan: StrategicPlan | None
    sdgs: tuple[int, ...]


def _code_and_name(field: Field) -> tuple[str, str]:
    """事業番号 and 事業名: 「092 国際戦略総合特区推進事業」 in one cell, or the number alone in a
    cell and the name in the next."""
    text = " ".join(field.cells)
    if len(field.cells) == 2:
        match = _CODE.fullmatch(field.cells[0]) and _CODE_AND_NAME.fullmatch(text)
    else:
        match = _CODE_AND_NAME.fullmatch(text)
    if not match:
        raise field.line.error(
            "「事務事業名」に事業番号と名前（例「092 国際戦略総合特区推進事業」）", f"「{text}」"
        )
    code = ascii_number(match.group("code"))
    if len(code) > MAX_CODE_DIGITS:
        raise field.line.error(
            f"「事務事業名」に {MAX_CODE_DIGITS} 桁以下の事業番号", f"{len(code)} 桁"
        )
    name = plain([match.group("name")])
    if name is None:
        raise field.line.error("「事務事業名」に事業番号に続く名前", f"「{text}」")
    return code, name


def _budget_item(field: Field | None) -> BudgetItem:
    cells = " ".join(field.cells).split() if field else []
    code = ascii_number(cells[0]) if cells else ""
    if _BUDGET_CODE.fullmatch(code):
        return BudgetItem(code, plain([" ".join(cells[1:])]))
    if code[:1].isdigit() and field is not None:
        raise field.line.error(
            "「予算科目」にコード（数字とハイフン、例「01-020108-16」）と名前", f"「{cells[0]}」"
        )
    return BudgetItem(None, plain([" ".join(cells)]))


def _strategic_plan(field: Field | None) -> StrategicPlan | None:
    if field is None or not field.cells:
        return None
    code_parts = []
    for cell in field.cells:
        if not _PLAN_CODE_PART.fullmatch(cell):
            break
        code_parts.append(cell)
    if not code_parts:
        raise field.line.error(
            "「戦略プラン」にコード（例「IV-1」「2」「1」）と題名", f"「{field.cells[0]}」"
        )
    title = plain(field.cells[len(code_parts) :])
    return StrategicPlan("-".join(code_parts), title)


def _sdgs(field: Field | None) -> tuple[int, ...]:
    goals: list[int] = []
    for cell, line in zip(field.cells, field.lines) if field else ():
        match = _SDG.fullmatch(ascii_number(cell))
        goal = int(match.group("goal") or match.group("bare")) if match else 0
        if not 1 <= goal <= 17:
            raise line.error(
                "「SDGs」に目標 1〜17（例「09産業と技術革新の基盤をつくろう」）", f"「{cell}」"
            )
        if goal not in goals:
            goals.append(goal)
    return tuple(goals)


def _department(field: Field | None, splitter: OrgSplitter, first: Line) -> tuple[str, str | None]:
    if field is None or not field.cells:
        raise first.error("「担当部課」に部・局と課・室", "ありません")
    name = plain(field.cells)
    hidden = name_problem(name) if name else None
    if hidden is not None:
        raise field.line.error("「担当部課」に見えない文字・向きを変える制御文字のない名前", hidden)
    name = normal_name(name) if name else None
    split = splitter.split(name) if name else None
    if split is None:
        raise field.line.error(
            "「担当部課」に部・局と課・室・センター・館・事務局に分けられる名前"
            f"（分けられない名前は {DEPARTMENTS_FILE} の split: に書いてください）",
            f"「{name}」",
        )
    return split


def parse_basic(lines: tuple[Line, ...], header: Line, splitter: OrgSplitter) -> BasicInfo:
    """Read the 事業の基本情報 section."""
    fields = read_fields(list(lines), BASIC)
    if CODE_LABEL not in fields:
        raise header.error(f"「{BASIC}」に「{CODE_LABEL}」", "ありません")
    code, name = _code_and_name(fields[CODE_LABEL])
    department, division = _department(fields.get(label_of("department")), splitter, header)
    return BasicInfo(
        code=code,
        name=name,
        budget_item=_budget_item(fields.get(label_of("budget_item.code"))),
        department=department,
        division=division,
        values={
            label.field: plain(fields[label.text].cells) if label.text in fields else None
            for label in _PLAIN_LABELS
        },
        strategic_plan=_strategic_plan(fields.get(label_of("strategic_plan.code"))),
        sdgs=_sdgs(fields.get(label_of("sdgs"))),
    )
