"""The YAML text of a data file, written directly and byte-identical to PyYAML's output.

``reference_dump`` is the PyYAML call that defines the format: block style, keys in the
given order, no line folding, strings that start with a digit (optionally signed or
dotted) double-quoted. ``dump`` writes the same bytes several times faster. It lays out
the block mappings and sequences itself and writes the common scalars directly: None,
booleans, ints, plain floats, text PyYAML certainly writes plain, number-like codes it
double-quotes without escapes, one-line text it certainly single-quotes. Every other
scalar is written by PyYAML itself at the same indentation (``fallback_scalar``, cached),
so quoting and escaping never differ.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import cast

import yaml

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_DIGIT_START = re.compile(r"[-+.]?\d")

# Characters that make PyYAML (libyaml or pure Python) escape, quote or break a string:
# controls, DEL and C1 controls, the BOM, line and paragraph separators, surrogates,
# U+FFFE/U+FFFF and everything beyond the Basic Multilingual Plane.
_UNSAFE = "\x00-\x1f\x7f-\x9f\ufeff\u2028\u2029\ud800-\udfff\ufffe\uffff\U00010000-\U0010ffff"
# Text PyYAML certainly writes plain as a block value (unless it is one of the resolved
# words below): no leading character that is an indicator or could start a number; no
# ": ", " #", trailing ":" or space. Anything else is left to PyYAML.
_CERTAINLY_PLAIN = re.compile(
    rf"[^ :#,\[\]{{}}&*!|>'\"%@`?\-+.0-9{_UNSAFE}](?:[^ :{_UNSAFE}]|:(?=[^ ])| (?=[^#]))*"
)
# Number-like text PyYAML double-quotes without any escape.
_SIMPLE_DOUBLE = re.compile(rf'[^"\\{_UNSAFE}]*')
# Text PyYAML single-quotes when it cannot be plain: one line without unsafe characters.
_SINGLE_LINE = re.compile(rf"[^{_UNSAFE}]*")
# What certainly keeps one-line text from being plain: a leading space or indicator, a
# leading "-", "?" or ":" before a space or the end, ": ", " #", a trailing ":" or space.
_NEVER_PLAIN = re.compile(r"[ #,\[\]{}&*!|>'\"%@`]|[-?:](?: |$)|.*(?:: | #|[: ]$)")
# Words PyYAML's resolver reads as booleans, null, merge or value keys, so quotes.
_RESOLVED_WORDS = frozenset(
    [
        "yes",
        "Yes",
        "YES",
        "no",
        "No",
        "NO",
        "true",
        "True",
        "TRUE",
        "false",
        "False",
        "FALSE",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
        "null",
        "Null",
        "NULL",
        "~",
        "<<",
        "=",
    ]
    + [""]
)
_MAX_SIMPLE_KEY = 128  # UTF-8 bytes; libyaml writes longer keys as "? key" complex keys


class DataDumper(_Dumper):  # type: ignore[misc, valid-type]  # a base chosen at import: libyaml's where available
    """SafeDumper (libyaml's where available) that double-quotes number-like strings."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = '"' if _DIGIT_START.match(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


DataDumper.add_representer(str, _represent_str)


def reference_dump(plain: object) -> str:
    """The data-file YAML of a plain value as PyYAML writes it (the format's definition)."""
    return yaml.dump(
        plain,
        Dumper=DataDumper,
        allow_unicode=True,
        sort_keys=False,
        width=1 << 30,
        default_flow_style=False,
    )


@lru_cache(maxsize=8192, typed=True)
def fallback_scalar(value: object, depth: int) -> str:
    """PyYAML's text of the scalar ``value`` as a block value ``depth`` mappings deep
    (depth 0: a value of the top-level mapping), from a document nesting it that deep."""
    nested = value
    for _ in range(depth + 1):
        nested = {"k": nested}
    prefix = "".join(f"{'  ' * level}k:\n" for level in range(depth)) + f"{'  ' * depth}k: "
    return reference_dump(nested)[len(prefix) : -1]


def _string(value: str, depth: int) -> str:
    """Text plain, double-quoted as a number-like code, single-quoted, or as PyYAML writes it."""
    if _CERTAINLY_PLAIN.fullmatch(value) and value not in _RESOLVED_WORDS:
        return value
    if _DIGIT_START.match(value):
        return f'"{value}"' if _SIMPLE_DOUBLE.fullmatch(value) else fallback_scalar(value, depth)
    if _SINGLE_LINE.fullmatch(value) and (value in _RESOLVED_WORDS or _NEVER_PLAIN.match(value)):
        return "'" + value.replace("'", "''") + "'"
    return fallback_scalar(value, depth)


def _float(value: float, depth: int) -> str:
    """A float as PyYAML's ``repr``-based text, PyYAML itself for exponents, inf and nan."""
    text = repr(value)  # digits with a point, unless it has an exponent or is inf or nan
    return fallback_scalar(value, depth) if "e" in text or "n" in text else text


def _leaf(value: object, depth: int) -> str:
    """The text of a scalar or an empty container as a block value ``depth`` mappings deep
    (a mapping value or sequence item on a line indented by ``2 * depth``; PyYAML indents
    the continuation lines of a broken scalar by ``2 * depth + 2``)."""
    kind = type(value)
    if kind is str:
        return _string(cast(str, value), depth)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    if kind is float:
        return _float(cast(float, value), depth)
    if kind is dict:
        return "{}"
    if kind is list:
        return "[]"
    raise TypeError(f"no YAML scalar for {kind.__name__}: {value!r}")


@lru_cache(maxsize=1024)
def _key(key: str) -> str:
    """``key:`` for a key PyYAML writes plain as a simple key; other keys are refused."""
    if type(key) is not str or len(key.encode("utf-8")) > _MAX_SIMPLE_KEY or _string(key, 0) != key:
        raise ValueError(f"data-file keys are plain YAML strings: {key!r}")
    return f"{key}:"


def _mapping(mapping: dict[str, object], pad: str, lead: str, out: list[str]) -> None:
    """Write a non-empty block mapping indented by ``pad``; its first line starts with ``lead``."""
    depth = len(pad) // 2
    for key, value in mapping.items():
        kind = type(value)
        if (kind is dict or kind is list) and value:
            out.append(f"{lead}{_key(key)}\n")
            if kind is dict:
                _mapping(cast(dict[str, object], value), pad + "  ", pad + "  ", out)
            else:
                _sequence(cast(list[object], value), pad, pad, out)  # indentless, as PyYAML
        else:
            out.append(f"{lead}{_key(key)} {_leaf(value, depth)}\n")
        lead = pad


def _sequence(items: list[object], pad: str, lead: str, out: list[str]) -> None:
    """Write a non-empty block sequence indented by ``pad``; its first line starts with ``lead``."""
    depth = len(pad) // 2
    for item in items:
        kind = type(item)
        if (kind is dict or kind is list) and item:
            if kind is dict:
                _mapping(cast(dict[str, object], item), pad + "  ", lead + "- ", out)
            else:
                _sequence(cast(list[object], item), pad + "  ", lead + "- ", out)
        else:
            out.append(f"{lead}- {_leaf(item, depth)}\n")
        lead = pad


def dump(mapping: dict[str, object]) -> str:
    """The YAML document of a plain mapping, byte-identical to ``reference_dump(mapping)``."""
    if not mapping:
        return "{}\n"
    out: list[str] = []
    _mapping(mapping, "", "", out)
    return "".join(out)
