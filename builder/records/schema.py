"""The JSON Schema of a data file, generated from the field registry (``builder.records.fields``).

``builder/records/sheet.schema.json`` is this schema as committed, the contract of
``content/data/<fy>/<code>.yaml``; after changing a field, write it again with
``python -m builder.records.schema``, which writes the generated record classes of
``builder/records/model.py`` too (tests hold both committed files to the registry).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from builder.records.fields import BASE_DEFS, SHEET, Field, Record

SCHEMA_FILE = Path(__file__).with_name("sheet.schema.json")
_HEADER = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://mieruka.invalid/schema/sheet-1.json",
    "title": "Mieruka sheet data file (content/data/<fiscal_year>/<code>.yaml)",
    "description": "One 事務事業マネジメントシート. Amounts are integers in 千円; null means the sheet left the value "
    "empty or the year is not yet closed.",
}


def _object(fields: tuple[Field | Record, ...], defs: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [node.name for node in fields],
        "properties": {node.name: _schema_of(node, defs) for node in fields},
    }


def _schema_of(node: Field | Record, defs: dict[str, Any]) -> dict[str, Any]:
    """The schema of one field or record; a record with a ``definition`` goes into ``defs`` once."""
    if isinstance(node, Field):
        return node.kind.schema
    record: dict[str, Any] = _object(node.fields, defs)
    if node.definition:
        defs.setdefault(node.definition, record)
        record = {"$ref": f"#/$defs/{node.definition}"}
    if node.many:
        return {"type": "array", **node.list_schema, "items": record}
    return {"oneOf": [{"type": "null"}, record]} if node.optional else record


def sheet_schema() -> dict[str, Any]:
    """The JSON Schema of a sheet's data file."""
    defs = dict(BASE_DEFS)
    return {**_HEADER, **_object(SHEET, defs), "$defs": defs}


def schema_text() -> str:
    """The schema as the committed file holds it."""
    return json.dumps(sheet_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    from builder.records.sheetclass import MODEL_FILE, write_model

    SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
    write_model()
    print(f"wrote {SCHEMA_FILE} and the record classes of {MODEL_FILE}")
