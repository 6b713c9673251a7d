"""A corrected value checked with the rules of the sheets before it is applied: the JSON
Schema of its field (``builder.records.fields``: the range of a score, the goals 1-17 of
``sdgs``, a non-empty text), every number exact (``builder.settings.gate.number_problem``:
finite, at most 15 digits) and a department or division name as the parser reads one.
"""

from __future__ import annotations

import re
from typing import Any

from builder.records.fields import BASE_DEFS, ITEMS, Field, walk
from builder.settings.gate import name_problem, normal_name, number_problem

_NAMES = ("department", "division")  # names the site groups by: NFKC, nothing invisible
_UNFIT = "訂正後の値（new）がこの項目に使えません："


class CorrectionProblem(Exception):
    """A correction that does not fit the data: the message, and the key of the entry it is
    about."""

    def __init__(self, message: str, key: str = "field"):
        super().__init__(message)
        self.key = key


def _schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of every field, by path without keys (``costs[].settlement``); a
    paragraph of a list of text (``overview.purpose[]``) is one text."""
    schemas = {}
    for path, node in walk():
        if isinstance(node, Field):
            schemas[path] = node.kind.schema
            if node.kind is ITEMS:
                schemas[f"{path}[]"] = BASE_DEFS["text"]
    return schemas


SCHEMAS = _schemas()


def _resolved(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = BASE_DEFS[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def schema_problem(schema: dict[str, Any], value: object) -> str | None:
    """Why ``value`` does not fit ``schema`` (the ranges, values, patterns and lengths of the
    subset of JSON Schema the fields use), or None. Types are the corrections' own check
    (``builder.catalog.corrections``), which names the type expected."""
    schema = _resolved(schema)
    if "oneOf" in schema:  # null or a value: the value's schema
        schema = _resolved(next(o for o in schema["oneOf"] if o != {"type": "null"}))
    if (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and (why := number_problem(value, schema.get("minimum"), schema.get("maximum"))) is not None
    ):
        return why
    if ("enum" in schema and value not in schema["enum"]) or schema.get("const", value) != value:
        return f"{value!r} は使えない値です"
    if isinstance(value, str):
        if len(value.strip()) < schema.get("minLength", 0):
            return "空の文字列"
        if "pattern" in schema and not re.search(schema["pattern"], value):
            return f"「{value}」は形が正しくありません"
    if isinstance(value, (list, tuple)):
        if schema.get("uniqueItems") and len(set(map(repr, value))) != len(value):
            return "同じ値が2回あります"
        for item in value:
            if "items" in schema and (why := schema_problem(schema["items"], item)) is not None:
                return why
    return None


def checked_value(plain: str, value: object) -> object:
    """``value`` for the field at ``plain`` (a path without keys), a name normalised;
    CorrectionProblem (at ``new``) when it does not fit the field."""
    if plain in _NAMES and isinstance(value, str):
        if (hidden := name_problem(value)) is not None:
            raise CorrectionProblem(f"{_UNFIT}{hidden}", "new")
        value = normal_name(value)
    if value is not None and (why := schema_problem(SCHEMAS[plain], value)) is not None:
        raise CorrectionProblem(f"{_UNFIT}{why}", "new")
    return value
