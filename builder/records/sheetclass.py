"""The ``Sheet`` class of ``builder.records.model``, written from the field registry.

``Sheet`` is committed source, so a type checker sees its fields; it is generated from
:data:`builder.records.fields.SHEET` (between the two marker lines of ``model.py``) by
``python -m builder.records.schema``, which writes the JSON Schema too. A test holds the
committed class to the registry.
"""

from __future__ import annotations

from pathlib import Path

from builder.records.fields import SHEET

MODEL_FILE = Path(__file__).with_name("model.py")
BEGIN = "# BEGIN generated from builder.records.fields.SHEET by `python -m builder.records.schema`; do not edit\n"
END = "# END generated\n"
DEFAULTS = {"notes": "()", "schema_version": "SCHEMA_VERSION"}  # a sheet without findings; this contract's version


def sheet_class_source() -> str:
    """The source of ``Sheet``: the registry's top-level fields in its order, those with a
    default (``notes``, ``schema_version``) last."""
    python = {node.name: node.python for node in SHEET}
    fields = [f"    {name}: {kind}\n" for name, kind in python.items() if name not in DEFAULTS]
    fields += [f"    {name}: {python[name]} = {default}\n" for name, default in DEFAULTS.items()]
    return (
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
    return head + BEGIN + sheet_class_source() + END + tail


def write_model() -> None:
    """Write the generated ``Sheet`` into ``model.py``."""
    MODEL_FILE.write_text(model_text(MODEL_FILE.read_text(encoding="utf-8")), encoding="utf-8")
