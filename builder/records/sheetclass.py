"""The record types and ``Sheet`` of ``builder.records.model``, written from the field registry.

They are committed source, so a type checker sees their fields; they are generated from
:data:`builder.records.fields.SHEET` (between the two marker lines of ``model.py``) by
``python -m builder.records.schema``, which writes the JSON Schema too. A test holds the
committed classes to the registry.
"""

from __future__ import annotations

from pathlib import Path

from builder.records.fields import SHEET, Field, Record, walk

MODEL_FILE = Path(__file__).with_name("model.py")
BEGIN = "# BEGIN generated from builder.records.fields.SHEET by `python -m builder.records.schema`; do not edit\n"
END = "# END generated\n"
DEFAULTS = {
    "notes": "()",
    "schema_version": "SCHEMA_VERSION",
}  # a sheet without findings; this contract's version


def _comment(node: Field | Record) -> str:
    """What a field is, from the registry: its name in words, or its CSV column's meaning."""
    meaning = (
        node.display
        or node.label
        or (node.column.description if isinstance(node, Field) and node.column else "")
    )
    return f"  # {meaning}" if meaning else ""


def _record_class(record: Record) -> str:
    """The source of one record type."""
    fields = "".join(f"    {node.name}: {node.python}{_comment(node)}\n" for node in record.fields)
    return f'@dataclass(frozen=True)\nclass {record.type_name}:\n    """{record.doc}"""\n\n{fields}'


def sheet_class_source() -> str:
    """The source of the record types (each once, in the registry's order) and of ``Sheet``:
    the registry's top-level fields in its order, those with a default (``notes``,
    ``schema_version``) last."""
    records = {node.type_name: node for _, node in walk() if isinstance(node, Record)}
    python = {node.name: node.python for node in SHEET}
    fields = [f"    {name}: {kind}\n" for name, kind in python.items() if name not in DEFAULTS]
    fields += [f"    {name}: {python[name]} = {default}\n" for name, default in DEFAULTS.items()]
    return "\n\n".join(_record_class(record) for record in records.values()) + (
        "\n\n"
        "@dataclass(frozen=True)\n"
        "class Sheet(SheetMethods):\n"
        '    """One project\'s management sheet for one fiscal year: the fields of :data:`SHEET`\n'
        '    (``builder.records.fields``), in its order, ``notes`` and ``schema_version`` last."""\n\n'
        + "".join(fields)
    )


def model_text(current: str) -> str:
    """``model.py``'s text ``current`` with the generated block written anew."""
    head, begin, rest = current.partition(BEGIN)
    _, end, tail = rest.partition(END)
    if not begin or not end:
        raise ValueError(f"{MODEL_FILE}: the marker lines of the generated Sheet class are missing")
    return (
        head + BEGIN + sheet_class_source() + "\n\n" + END + tail
    )  # blank lines as ruff format writes them


def write_model() -> None:
    """Write the generated ``Sheet`` into ``model.py``."""
    MODEL_FILE.write_text(model_text(MODEL_FILE.read_text(encoding="utf-8")), encoding="utf-8")
