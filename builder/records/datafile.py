"""Sheet records to and from the YAML data files (the open-data product).

The bytes are deterministic: keys in the order of the data contract, no line folding,
strings that start with a digit always quoted (so "092" never becomes the number 92 in a
YAML 1.2 reader). ``builder.records.yamltext`` writes them (byte-identical to PyYAML's dumper);
PyYAML's C loader reads them back where available.
"""

from __future__ import annotations

import dataclasses
import functools
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


Decoder = typing.Callable[[typing.Any], object]  # a plain value to the value of one type


def _unchanged(value: object) -> object:
    return value


def _as_float(value: object) -> object:
    """A whole number written for a float field, as a float (``3`` -> ``3.0``)."""
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


@cache
def _decoder(hint: object) -> Decoder:
    """The function that rebuilds a value of type ``hint`` from its plain form, made once
    per type (a cached sheet is decoded without asking ``typing`` about each value)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        decode = _decoder(inner)
        if decode is _unchanged:
            return _unchanged  # (None stays None)
        return lambda value: None if value is None else decode(value)
    if origin is tuple:
        item = _decoder(typing.get_args(hint)[0])
        if item is _unchanged:
            return tuple
        return lambda value: tuple([item(v) for v in value])
    if dataclasses.is_dataclass(hint):
        return functools.partial(record_from_dict, typing.cast(type, hint))
    return _as_float if hint is float else _unchanged


@cache
def _field_decoders(cls: type) -> tuple[tuple[str, ...], tuple[tuple[str, Decoder], ...]]:
    """The fields of a record type whose plain value is its value, and the others with
    the function that rebuilds each."""
    decoders = {name: _decoder(hint) for name, hint in typing.get_type_hints(cls).items()}
    same = tuple(name for name, decode in decoders.items() if decode is _unchanged)
    return same, tuple((name, d) for name, d in decoders.items() if d is not _unchanged)


def record_from_dict(cls: type, mapping: dict[str, object]) -> typing.Any:
    """Rebuild a dataclass record of type ``cls`` from its plain mapping."""
    same, decoded = _field_decoders(cls)
    values = {name: mapping[name] for name in same if name in mapping}
    for name, decode in decoded:
        if name in mapping:
            values[name] = decode(mapping[name])
    return cls(**values)


def load_sheet(path: Path) -> Sheet:
    """Read one data file back into a Sheet."""
    with path.open(encoding="utf-8") as handle:
        mapping = yaml.load(handle, Loader=_Loader)
    return typing.cast(Sheet, record_from_dict(Sheet, mapping))


def data_path(data_dir: Path, sheet: Sheet) -> Path:
    """Where a sheet's data file lives: ``<data_dir>/<fiscal_year>/<code>.yaml``."""
    return data_dir / str(sheet.fiscal_year) / f"{sheet.code}.yaml"
