"""Sheet records to and from the YAML data files (the open-data product).

The bytes are deterministic: keys in the order of the data contract, no line folding,
strings that start with a digit always quoted (so "092" never becomes the number 92 in a
YAML 1.2 reader). ``builder.records.yamltext`` writes them (byte-identical to PyYAML's dumper);
PyYAML's C loader reads them back where available.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from pathlib import Path

import yaml

from builder.records import yamltext
from builder.records.model import Sheet

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_SCALARS = frozenset({str, int, float, bool, type(None)})


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}  # record type -> its keys, found once


def _field_names(cls: type) -> tuple[str, ...] | None:
    """The keys of a record type in the contract's order: its fields', ``schema_version``
    (of a sheet) first; None for a type that is not a record (dataclass)."""
    if cls not in _FIELD_NAMES:
        _FIELD_NAMES[cls] = (
            tuple(
                sorted(
                    (f.name for f in dataclasses.fields(cls)),
                    key=lambda name: name != "schema_version",
                )
            )
            if dataclasses.is_dataclass(cls)
            else None
        )
    return _FIELD_NAMES[cls]


def fields_of(value: object) -> dict[str, object] | None:
    """A record's fields in the contract's key order, their values as they are (records
    stay records); None when ``value`` is not a record."""
    names = _field_names(type(value))
    return None if names is None else {name: getattr(value, name) for name in names}


def to_plain(value: object) -> object:
    """Turn a record (dataclasses, tuples) into plain dicts and lists, keys in the contract's order."""
    cls = type(value)
    if cls in _SCALARS:
        return value
    if isinstance(value, (tuple, list)):
        return [item if type(item) in _SCALARS else to_plain(item) for item in value]
    names = _field_names(cls)
    if names is None:
        return value
    return {
        name: field if type(field := getattr(value, name)) in _SCALARS else to_plain(field)
        for name in names
    }


def sheet_to_dict(sheet: Sheet) -> dict[str, object]:
    """The sheet as a plain mapping in the contract's key order (schema_version first)."""
    return typing.cast(dict[str, object], to_plain(sheet))


def dump_sheet(sheet: Sheet) -> str:
    """The YAML text of a sheet's data file."""
    return yamltext.dump(sheet_to_dict(sheet))


def _build(hint: object, value: object) -> object:
    """Rebuild a value of type ``hint`` from its plain form."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        return _build(inner, value)
    if origin is tuple:
        item_hint = typing.get_args(hint)[0]
        return tuple(_build(item_hint, v) for v in typing.cast(list[object], value))
    if dataclasses.is_dataclass(hint):
        return record_from_dict(typing.cast(type, hint), typing.cast(dict[str, object], value))
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


@cache
def _field_types(cls: type) -> dict[str, object]:
    return typing.get_type_hints(cls)


def record_from_dict(cls: type, mapping: dict[str, object]) -> typing.Any:
    """Rebuild a dataclass record of type ``cls`` from its plain mapping."""
    hints = _field_types(cls)
    return cls(**{name: _build(hints[name], mapping[name]) for name in hints if name in mapping})


def load_sheet(path: Path) -> Sheet:
    """Read one data file back into a Sheet."""
    with path.open(encoding="utf-8") as handle:
        mapping = yaml.load(handle, Loader=_Loader)
    return typing.cast(Sheet, record_from_dict(Sheet, mapping))


def data_path(data_dir: Path, sheet: Sheet) -> Path:
    """Where a sheet's data file lives: ``<data_dir>/<fiscal_year>/<code>.yaml``."""
    return data_dir / str(sheet.fiscal_year) / f"{sheet.code}.yaml"
