"""Every settings file staff edit in ``content/`` is read here and checked against its JSON
Schema (``builder/settings/schemas/<name>.schema.json``, draft 2020-12, checked with
``jsonschema``): the schema declares the keys, which are required, their types, enums and
patterns; a reader of a file is left with what the values mean.

A file is read as its YAML node tree (``builder.util.yamlfile.compose``: no aliases, no
duplicate keys, UTF-8, line numbers kept) and turned into the JSON value the schema checks:
mapping keys as written (``2022:`` is the key ``"2022"``), dates as ``2024-05-31`` strings
(``"format": "date"``), integers never floats. Each violation becomes one problem at the line
of the node it names, in the form of every input problem, ``file:line: 期待…、実際…``: a
value's ``title`` in its schema names it, its ``description`` (where given) says what a valid
value looks like.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from jsonschema.exceptions import ValidationError

from builder.errors import ConfigError, Problem, SourceLoc
from builder.util.yamlfile import compose, line_of, problem, value_of

SCHEMAS = files("builder.settings") / "schemas"
NON_BLANK = "\\S"  # the pattern of a text that must not be empty
_PLAIN_TAGS = {
    yaml.MappingNode: "tag:yaml.org,2002:map",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
}
_TYPE_WORDS = {
    "object": "キー: 値 の組",
    "array": "リスト",
    "string": "文字列",
    "integer": "整数",
    "number": "数",
    "boolean": "true か false",
}
_VALIDATOR = jsonschema.validators.extend(  # type: ignore[no-untyped-call]  # unannotated in jsonschema
    jsonschema.Draft202012Validator,
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _, value: isinstance(value, int) and not isinstance(value, bool)
    ),  # 2022.0 is no fiscal year
)
Where = tuple[str | int, ...]  # where a value is: keys and list positions from the root


@cache
def schema_of(name: str) -> dict[str, Any]:
    """The schema of the settings file ``<name>.yaml``."""
    loaded: dict[str, Any] = json.loads((SCHEMAS / f"{name}.schema.json").read_text("utf-8"))
    return loaded


@dataclass(frozen=True)
class Document:
    """A settings file read and checked: its JSON value and the lines of its nodes."""

    display: str  # content/site.yaml
    root: yaml.Node | None
    value: Any  # as its schema describes it (None for an empty file)
    lines: tuple[str, ...]  # the text, to quote a line in a message

    def line(self, *path: str | int) -> int:
        """The line of the value at ``path`` (the file's first line for an empty file)."""
        node = self._node(path)
        return 1 if node is None else line_of(node)

    def key_line(self, *path: str | int) -> int:
        """The line of the key that ends ``path``."""
        parent = self._node(path[:-1])
        assert isinstance(parent, yaml.MappingNode)  # a key names a value of a mapping
        return next(line_of(key) for key, _ in parent.value if key.value == path[-1])

    def _node(self, path: Iterable[str | int]) -> yaml.Node | None:
        node = self.root
        for step in path:
            if isinstance(node, yaml.SequenceNode) and isinstance(step, int):
                node = node.value[step]
            elif isinstance(node, yaml.MappingNode):
                node = next(value for key, value in node.value if key.value == step)
        return node


def read_checked(path: Path, display: str, name: str) -> Document:
    """Read ``path`` (named ``display`` in messages) and check it against the schema ``name``;
    one ConfigError listing every problem, each at its line, otherwise."""
    root, text = compose(path, display)
    document = Document(
        display, root, None if root is None else _json(root, display), tuple(text.splitlines())
    )
    problems = schema_problems(document, schema_of(name))
    if problems:
        raise ConfigError(problems)
    return document


def _json(node: yaml.Node, display: str) -> Any:
    """The JSON value of a node (see the module docstring)."""
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        if node.tag != _PLAIN_TAGS[type(node)]:
            raise problem(
                display,
                line_of(node),
                "YAMLの普通の値（文字・数・日付・リスト。!! で始まる型の指定は使えません）",
                f"「{node.tag}」",
            )
        if isinstance(node, yaml.SequenceNode):
            return [_json(item, display) for item in node.value]
        for key, _ in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise problem(display, line_of(key), "文字のキー", _described(_json(key, display)))
        return {str(key.value): _json(value, display) for key, value in node.value}
    value = value_of(node, display)
    return value.isoformat() if isinstance(value, datetime.date) else value


def schema_problems(document: Document, schema: dict[str, Any]) -> list[Problem]:
    """Every violation of ``schema`` in ``document``, one per value (the first of its
    keywords), in the order of the file."""
    found: dict[tuple[Where, str], Problem] = {}
    validator = _VALIDATOR(schema, format_checker=jsonschema.FormatChecker(["date"]))
    for error in sorted(validator.iter_errors(document.value), key=_keyword_rank):
        for where, each in _problems(document, error):
            found.setdefault(where, each)
    return sorted(found.values(), key=lambda p: p.loc.line)


def _keyword_rank(error: ValidationError) -> int:
    return 0 if error.validator == "type" else 1  # a value of the wrong type: say only that


def _problems(
    document: Document, error: ValidationError
) -> list[tuple[tuple[Where, str], Problem]]:
    """The problem of one violation, keyed by the value it names (several for keys not allowed)."""
    path: Where = tuple(error.absolute_path)
    schema, display = error.schema, document.display
    assert isinstance(schema, dict)
    if "propertyNames" in error.relative_schema_path:
        name = str(error.instance)
        return [
            (
                ((*path, name), "key"),
                Problem.of(
                    SourceLoc(display, document.key_line(*path, name)),
                    str(schema.get("description")),
                    f"「{name}」",
                ),
            )
        ]
    if error.validator == "required":
        missing = [key for key in schema["required"] if key not in error.instance]
        loc = SourceLoc(display, document.line(*path))
        return [((path, "required"), Problem.of(loc, f"キー {', '.join(missing)}", "ありません"))]
    if error.validator == "additionalProperties":
        allowed = tuple(schema.get("properties", ()))
        expected = (
            f"キー {allowed[0]} か {allowed[1]}"
            if len(allowed) == 2
            else f"キー {', '.join(allowed)} のどれか"
        )
        return [
            (
                ((*path, key), "key"),
                Problem.of(
                    SourceLoc(display, document.key_line(*path, key)), expected, f"「{key}」"
                ),
            )
            for key in error.instance
            if key not in allowed
        ]
    loc = SourceLoc(display, document.line(*path))
    named = path[-1] if path and isinstance(path[-1], str) else None
    return [
        (
            (path, "value"),
            Problem.of(
                loc, _expected(named, schema, str(error.validator)), _described(error.instance)
            ),
        )
    ]


def _expected(name: str | None, schema: dict[str, Any], keyword: str) -> str:
    """What the value ``name`` of ``schema`` should have been, as a message says it."""
    if "description" in schema:
        return f"{name} は {schema['description']}" if name else str(schema["description"])
    if keyword == "enum":
        return f"{name} は {'、'.join(map(str, schema['enum']))} のどれか"
    title = schema.get("title")
    label = f"{name}（{title}）" if name and title else str(name or title or "値")
    if keyword == "minimum":
        return f"{label}（{schema['minimum']} 以上の数）"
    types = schema.get("type", [])
    words = [
        _TYPE_WORDS[kind]
        for kind in ([types] if isinstance(types, str) else types)
        if kind != "null"
    ]
    if schema.get("pattern") == NON_BLANK:
        words = ["空でない文字列"]
    return f"{label}（{'か'.join(words)}）"


def _described(value: object) -> str:
    """A value as a message shows what was found."""
    if value is None or value == "":
        return "空"
    if isinstance(value, dict):
        return "対応表（キー: 値 の組）"
    if isinstance(value, list):
        return "リスト"
    if isinstance(value, (bool, int, float)):
        return f"{type(value).__name__} の値 {value}"
    return f"「{value}」"


def as_date(text: str) -> datetime.date:
    """A date its schema checked (``"format": "date"``) as a date."""
    return datetime.date.fromisoformat(text)
