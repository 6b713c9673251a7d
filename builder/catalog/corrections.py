"""The corrections log: ``content/corrections.yaml``, checked and applied on top of the data files.

The data files stay exactly what the parser made of the published sheets. When the city
corrects a figure, staff record the correction in the log; the build checks every entry
(the project and year exist, the field can be corrected, the old value is the value in
the data) and applies the entries in file order to the records the pages and the
downloads are made from. An entry's ``old`` is the value before that entry: the parsed
value, or the ``new`` of an earlier entry for the same field.

A field is named by a path (:data:`PATH_HELP`): ``costs[2022].settlement``,
``indicators[2].values[2023].actual``, ``evaluation.progress.score``,
``overview.purpose[1]`` (the first paragraph). A list of records is indexed by its year
(``costs``, ``values``) or number (``indicators``), a list of text by position from 1.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import types
import typing
from dataclasses import dataclass
from typing import Any

from builder.catalog.values import CorrectionProblem as _Problem
from builder.catalog.values import checked_value
from builder.errors import ConfigError, Problem, SourceLoc
from builder.records.fields import ITEMS, Field, named, walk
from builder.records.model import Sheet
from builder.records.safetext import without_forbidden
from builder.settings.corrections import CorrectionEntries
from builder.settings.gate import clean, cleaned, date_problem
from builder.settings.schema import as_date
from builder.util.formatting import number

PATH_HELP = (
    "例：costs[2022].settlement、indicators[2].values[2023].actual、evaluation.progress.score"
)
_STEP = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")
_IDENTITY = {
    "fiscal_year",
    "code",
    "costs[].fiscal_year",
    "indicators[].number",
    "indicators[].values[].fiscal_year",
}


def _labels() -> dict[str, str]:
    """The Japanese name of every field a correction may change, by path without keys: the
    CSV heading of a value, the name of a text, 評点 and 説明 of an evaluation criterion."""
    labels = {
        path: node.column.name
        for path, node in walk()
        if isinstance(node, Field)
        and node.column
        and path not in _IDENTITY
        and not path.startswith("source.")
    }
    labels["sdgs"] = "関連するSDGsの目標"  # corrected as one list
    for path, node in walk():
        if isinstance(node, Field) and node.kind is ITEMS:
            labels[path] = labels[f"{path}[]"] = str(node.display)
    for criterion, name in named("evaluation"):
        labels[f"evaluation.{criterion}.score"] = f"{name}の評点"
        labels[f"evaluation.{criterion}.comment"] = f"{name}の説明"
    return labels


FIELD_LABELS = _labels()


@dataclass(frozen=True)
class Correction:
    """One entry of the log, checked against the data."""

    date: datetime.date  # when the correction was made
    code: str  # 事業番号
    fiscal_year: int  # the year of the corrected sheet
    field: str  # path of the corrected value, e.g. costs[2022].settlement
    label: str  # the field in words, e.g. 2022年度・決算額（千円）
    old: object  # the value before the correction
    new: object  # the corrected value
    reason: str
    line: int  # line of the entry in corrections.yaml

    @property
    def old_text(self) -> str:
        """The old value as the pages show it."""
        return value_text(self.old)

    @property
    def new_text(self) -> str:
        """The new value as the pages show it."""
        return value_text(self.new)


def value_text(value: object) -> str:
    """A corrected value in words: ``9307`` -> ``9,307``, None -> ``（空欄）``, lists joined."""
    if value is None:
        return "（空欄）"
    if isinstance(value, bool):
        return "有" if value else "無"
    if isinstance(value, (int, float)):
        return number(value)
    if isinstance(value, (tuple, list)):
        return "、".join(value_text(v) for v in value) or "（なし）"
    return str(value)


def _unwrap(hint: object) -> object:
    """The type inside ``X | None``."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        return inner
    return hint


def _typed(hint: object, value: object, key: str) -> object:
    """``value`` (the entry's ``key``) as the record stores a value of type ``hint``; _Problem when it cannot be."""
    optional = type(None) in typing.get_args(hint)
    if value is None:
        if optional:
            return None
        raise _Problem("この項目は空欄（null）にできません", key)
    inner = _unwrap(hint)
    if typing.get_origin(inner) is tuple:
        if not isinstance(value, list):
            raise _Problem("この項目はリスト（[...]）で書いてください", key)
        item = typing.get_args(inner)[0]
        return tuple(_typed(item, v, key) for v in value)
    if inner is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if (inner is int and isinstance(value, bool)) or not isinstance(
        value, typing.cast(type, inner)
    ):
        names = {int: "整数", float: "数値", str: "文字列", bool: "true / false"}
        expected = names.get(typing.cast(type, inner), str(inner))
        raise _Problem(f"この項目の値は{expected}です（{value!r} は使えません）", key)
    return value


def _plain(steps: list[tuple[str, int | None]]) -> str:
    """The path of ``steps`` without keys: ``costs[].settlement``."""
    return ".".join(name + ("[]" if key is not None else "") for name, key in steps)


def _steps(path: str) -> list[tuple[str, int | None]]:
    steps = []
    for part in path.split("."):
        match = _STEP.fullmatch(part)
        if not match or len(match.group(2) or "") > 4:
            raise _Problem(f"項目「{path}」の書き方が正しくありません（{PATH_HELP}）")
        steps.append((match.group(1), None if match.group(2) is None else int(match.group(2))))
    plain = _plain(steps)
    if plain not in FIELD_LABELS:
        raise _Problem(f"「{path}」は訂正できる項目ではありません（{PATH_HELP}）")
    return steps


def _context(name: str, key: int) -> str:
    return {"costs": f"{key}年度", "values": f"{key}年度", "indicators": f"指標{key}"}.get(
        name, f"{key}番目"
    )


def field_label(path: str) -> str:
    """The field of a path in words: ``indicators[2].values[2023].actual`` -> ``指標2・2023年度・実績``."""
    steps = _steps(path)
    plain = _plain(steps)
    keyed = [(name, key) for name, key in steps if key is not None]
    before = [
        _context(name, key) for name, key in keyed if name in ("costs", "values", "indicators")
    ]
    after = [
        _context(name, key) for name, key in keyed if name not in ("costs", "values", "indicators")
    ]
    return "・".join([*before, FIELD_LABELS[plain], *after])


def _find(items: tuple[object, ...], name: str, key: int) -> int:
    if not items or not dataclasses.is_dataclass(items[0]):
        if 1 <= key <= len(items):
            return key - 1
        raise _Problem(f"{name} には {key} 番目がありません（{len(items)} 個です）")
    attribute = "number" if name == "indicators" else "fiscal_year"
    found = [i for i, item in enumerate(items) if getattr(item, attribute) == key]
    if not found:
        have = "、".join(str(getattr(item, attribute)) for item in items)
        raise _Problem(f"{name}[{key}] がありません（あるのは {have}）")
    return found[0]


def _replace(
    record: object, steps: list[tuple[str, int | None]], old: object, new: object
) -> object:
    """``record`` with the value at ``steps`` set to ``new``, after checking it is ``old``."""
    (name, key), rest = steps[0], steps[1:]
    hint = typing.get_type_hints(type(record))[name]
    value = getattr(record, name)
    if key is not None:
        items = typing.cast(tuple[object, ...], value)
        index = _find(items, name, key)
        item_hint = typing.get_args(_unwrap(hint))[0]
        item = _set(items[index], item_hint, rest, old, new)
        replaced: object = items[:index] + (item,) + items[index + 1 :]
    else:
        replaced = _set(value, hint, rest, old, new)
    return dataclasses.replace(typing.cast(typing.Any, record), **{name: replaced})


def _set(
    value: object, hint: object, rest: list[tuple[str, int | None]], old: object, new: object
) -> object:
    if rest:
        if value is None:
            raise _Problem("この項目はデータでは空欄（null）のため、中の値を訂正できません")
        return _replace(value, rest, old, new)
    if _typed(hint, old, "old") != value:
        given = value_text(_typed(hint, old, "old"))
        raise _Problem(
            f"訂正前の値（old）{given} が、データの値 {value_text(value)} と一致しません", "old"
        )
    new_value = _typed(hint, new, "new")
    if new_value == value:
        raise _Problem("訂正前（old）と訂正後（new）が同じです", "new")
    return new_value


def _check_date(fields: dict[str, Any]) -> None:
    """What the schema cannot say of an entry's date: it is a day the site can publish."""
    if (why := date_problem(as_date(fields["date"]))) is not None:
        raise _Problem(f"date は 2024-05-31 の形の日付にしてください（{why}）", "date")


def apply_corrections(
    corrections: CorrectionEntries, sheets: list[Sheet]
) -> tuple[list[Sheet], tuple[Correction, ...]]:
    """Check the entries of ``corrections`` against the data and apply them in order:
    (corrected sheets, the log).

    Raises one ConfigError listing every entry that does not fit, as ``file:line: message``.
    """
    document = corrections.document
    if document is None:
        return sheets, ()
    display = document.display
    by_key = {(s.fiscal_year, s.code): i for i, s in enumerate(sheets)}
    corrected = list(sheets)
    log, errors = [], []
    for index, fields in enumerate(corrections.entries):
        line = document.line(index)
        try:
            _check_date(fields)
            code, year, field = fields["code"], fields["fiscal_year"], fields["field"]
            at = by_key.get((year, code))
            if at is None:
                raise _Problem(f"{year}年度の事業番号 {code} のシートがありません", "code")
            steps = _steps(field)
            new = checked_value(
                _plain(steps), cleaned(fields["new"], display, document.line(index, "new"))
            )
            replaced = typing.cast(Sheet, _replace(corrected[at], steps, fields["old"], new))
            corrected[at] = without_forbidden(replaced)
        except _Problem as problem:
            where = document.line(index, problem.key) if problem.key in fields else line
            errors.append(
                Problem(SourceLoc(display, where), str(problem), document.lines[where - 1])
            )
            continue
        log.append(
            Correction(
                date=as_date(fields["date"]),
                code=code,
                fiscal_year=year,
                field=field,
                label=field_label(field),
                old=fields["old"],
                new=new,
                reason=clean(fields["reason"], display, document.line(index, "reason")).strip(),
                line=line,
            )
        )
    if errors:
        raise ConfigError(errors)
    return corrected, tuple(log)
