"""The Frictionless data package descriptor (``/data/datapackage.json``): every
whole-portal CSV with its columns (from the field registry), keys and licence, and the
SQLite database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from builder.catalog.publication import Publication
from builder.downloads.sqlite import SQLITE_RESOURCE
from builder.downloads.tables import NO, YES
from builder.records.fields import Column
from builder.util.routes import DATA_URL

if TYPE_CHECKING:
    from builder.downloads.exports import CsvFile  # which imports this module

PROJECT_KEY = ("年度", "事業番号")  # each table's rows name their sheet by these columns


def _field(column: Column) -> dict[str, object]:
    meaning = column.description + (f"（データファイルの {column.field}）" if column.field else "")
    field: dict[str, object] = {"name": column.name, "type": column.type, "description": meaning}
    if column.type == "boolean":
        field.update(trueValues=[YES], falseValues=[NO])
    if column.required:
        field["constraints"] = {"required": True}
    return field


def _resource(file: CsvFile) -> dict[str, object]:
    schema: dict[str, object] = {"fields": [_field(c) for c in file.columns], "missingValues": [""]}
    if file.primary_key:
        schema["primaryKey"] = list(file.primary_key)
    if file.name != "projects":
        schema["foreignKeys"] = [
            {
                "fields": list(PROJECT_KEY),
                "reference": {"resource": "projects", "fields": list(PROJECT_KEY)},
            }
        ]
    return {
        "name": file.name,
        "path": file.path,
        "title": file.title,
        "description": file.description,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "header": True},
        "schema": schema,
    }


def datapackage(publication: Publication, files: tuple[CsvFile, ...]) -> dict[str, object]:
    """The Frictionless data package descriptor of the whole-portal CSVs and the SQLite database."""
    site = publication.site
    return {
        "profile": "data-package",
        "name": "mieruka-data",
        "title": f"{site.title}のデータ",
        "description": f"{site.city}の事務事業マネジメントシートの内容を表にしたもの。金額は千円、年度は西暦。",
        "homepage": site.absolute(DATA_URL),
        "created": f"{publication.updated.isoformat()}T00:00:00Z",
        "licenses": [
            {
                **({"name": site.licence.key} if site.licence.spdx else {}),
                "title": f"{site.licence.name}（{site.licence.short}）",
                "path": site.licence.url,
            }
        ],
        "sources": [{"title": f"{site.city} 事務事業マネジメントシート"}],
        "resources": [_resource(f) for f in files] + [SQLITE_RESOURCE],
    }
