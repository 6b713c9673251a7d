"""The open-data downloads, made from the same records as the pages.

Per sheet, under ``/data/<fy>/``: ``<code>.yaml`` (the data file's format; byte for byte
the data file unless a correction applies), ``<code>.json`` (the same mapping) and one
``<code>-<table>.csv`` per table with rows for the sheet. For the whole portal, under
``/data/``: one CSV per table (``builder.downloads.tables``) plus ``corrections.csv``, a JSON of
everything, a Frictionless ``datapackage.json`` describing every CSV, and a zip of those.

CSVs are UTF-8 with a BOM (so Japanese Excel opens them), CRLF line ends, one value per
cell and an empty cell for an empty value. A sheet's JSON has a line per field and per
item of a list or mapping field, each written on one line; ``mieruka-data.json`` a line per
fiscal year and correction, and each sheet laid out as in its own file. The zip has fixed
timestamps (the date of the data) and a fixed order, so two builds give the same bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from builder.catalog.corrections import Correction
from builder.catalog.population import Population
from builder.catalog.publication import Publication
from builder.downloads.datapackage import datapackage
from builder.downloads.formats import (
    JsonText,
    cell,
    csv_heading,
    csv_lines,
    json_bytes,
    json_text,
    zip_bytes,
)
from builder.downloads.sqlite import (
    SQLITE,
    SQLITE_RESOURCE,
    DbTable,
    cached_database,
    database_bytes,
    population_table,
    sheet_tables,
)
from builder.downloads.tables import CORRECTION_COLUMNS, CORRECTIONS_DESCRIPTION, TABLES, Table
from builder.records.datafile import dump_sheet
from builder.records.fields import Column
from builder.records.model import Sheet
from builder.util.cache import OutputCache, ShardedCache, builder_hash, digest
from builder.util.parallel import fork_map
from builder.util.routes import DATA_URL

DATA_DIR = "data"
ALL_JSON = "mieruka-data.json"
DATAPACKAGE = "datapackage.json"
ZIP = "mieruka-data.zip"
SHEET_LEVELS = 2  # a sheet's JSON: a line per field, and per item of a list or mapping field
ALL_LEVELS = (
    2  # mieruka-data.json: a line per fiscal year, sheet (laid out as its own file) and correction
)
DESCRIPTOR_LEVELS = 99  # datapackage.json, to be read by people: every level on its own lines


@dataclass(frozen=True)
class CsvFile:
    """One CSV to publish: what the datapackage says about it, and its rows."""

    name: str  # file stem and resource name
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    rows: int  # data rows
    lines: bytes  # the data rows as ``csv_lines``

    @property
    def path(self) -> str:
        """The file name, relative to /data/."""
        return f"{self.name}.csv"

    @property
    def data(self) -> bytes:
        """The file's bytes."""
        return csv_heading(self.columns) + self.lines


@dataclass(frozen=True)
class SheetExport:
    """What one sheet adds to the downloads, but its YAML: its JSON and its rows of every table."""

    json: (
        str  # laid out by json_text(..., SHEET_LEVELS); also the sheet's part of mieruka-data.json
    )
    tables: tuple[tuple[int, bytes], ...]  # per table of TABLES: (rows, the rows as csv_lines)


@dataclass(frozen=True)
class Download:
    """A file to download: what it is, where, and how big."""

    label: str  # e.g. コストの推移
    format: str  # YAML, JSON, CSV, ZIP
    url: str  # root-relative
    size: str  # e.g. 1.2KB
    rows: int | None = None  # data rows of a CSV
    description: str | None = None


@dataclass(frozen=True)
class DataFile:
    """A download as made: what it is, its path under the site and its bytes."""

    label: str  # e.g. コストの推移
    format: str  # YAML, JSON, CSV, ZIP, SQLite
    path: str  # under the site folder, e.g. data/2022/092.yaml
    data: bytes
    rows: int | None = None  # data rows of a CSV
    description: str | None = None

    def download(self) -> Download:
        """How the pages list it."""
        return Download(
            self.label,
            self.format,
            DATA_URL + self.path.removeprefix(f"{DATA_DIR}/"),
            size_text(len(self.data)),
            self.rows,
            self.description,
        )


@dataclass(frozen=True)
class Exports:
    """Every download file (root-relative path -> bytes), with the links to them."""

    files: dict[str, bytes]
    portal: tuple[Download, ...]  # the whole-portal files, for /data/
    # (fiscal year, code) -> the sheet's files
    per_sheet: dict[tuple[int, str], tuple[Download, ...]]

    def sheet_downloads(self, sheet: Sheet) -> tuple[Download, ...]:
        """The downloads of one sheet."""
        return self.per_sheet[(sheet.fiscal_year, sheet.code)]

    def write(self, root: Path, previous: OutputCache | None = None) -> WrittenFiles:
        """Write every file under the site folder ``root``; a file the previous build
        published with the same bytes (the same hash, in ``previous``: its files are
        verified as a page's are, not read) is taken over instead (a rebuild after one sheet
        changed writes a few files, not thousands)."""
        folders: set[Path] = set()
        entries = {}
        for relative, data in self.files.items():
            target = root / relative
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            sha256 = hashlib.sha256(data).hexdigest()
            entries[relative] = [sha256, sha256]  # named by its bytes
            if previous is None or previous.take_over(relative, sha256, root) is None:
                target.unlink(missing_ok=True)  # kept from the spare site: the published file
                target.write_bytes(data)
        return WrittenFiles(entries, {relative: len(data) for relative, data in self.files.items()})


class WrittenFiles(NamedTuple):
    """The downloads written: their cache entries (``builder.util.cache.OutputCache``) and
    sizes, by path under the site folder."""

    entries: dict[str, list[str]]  # relative path -> [hash of its bytes, the same]
    sizes: dict[str, int]


def size_text(size: int) -> str:
    """A file size for people: ``812バイト``, ``1.2KB``, ``3.4MB``."""
    if size < 1024:
        return f"{size}バイト"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f}KB"
    return f"{size / 1024 / 1024:.1f}MB"


TABLE_HEADINGS = tuple(csv_heading(table.columns) for table in TABLES)


def table_file(table: Table, parts: list[tuple[int, bytes]]) -> CsvFile:
    """A table's whole-portal CSV from its part of each sheet's ``SheetExport``, in order."""
    return CsvFile(
        table.name,
        table.title,
        table.description,
        table.columns,
        table.primary_key,
        sum(rows for rows, _ in parts),
        b"".join(lines for _, lines in parts),
    )


def correction_record(c: Correction) -> dict[str, object]:
    """A correction as plain data (JSON)."""
    return {
        "date": c.date.isoformat(),
        "code": c.code,
        "fiscal_year": c.fiscal_year,
        "field": c.field,
        "label": c.label,
        "old": c.old,
        "new": c.new,
        "reason": c.reason,
    }


def correction_rows(corrections: tuple[Correction, ...]) -> tuple[tuple[object, ...], ...]:
    """The rows of the corrections table (``CORRECTION_COLUMNS``), in the order of corrections.yaml."""
    return tuple(
        (
            c.date.isoformat(),
            c.fiscal_year,
            c.code,
            c.field,
            c.label,
            cell(c.old),
            cell(c.new),
            c.reason,
        )
        for c in corrections
    )


def corrections_file(corrections: tuple[Correction, ...]) -> CsvFile:
    """The corrections log as a CSV, in the order of corrections.yaml."""
    rows = correction_rows(corrections)
    return CsvFile(
        "corrections",
        "訂正",
        CORRECTIONS_DESCRIPTION,
        CORRECTION_COLUMNS,
        (),
        len(rows),
        csv_lines(rows),
    )


def everything(
    publication: Publication, sheet_json: list[str], population: Population
) -> dict[str, object]:
    """The JSON of all published data: fiscal years, every sheet (``sheet_json``: the JSON
    text of each of ``publication.sheets``, as in its own download), every correction, and
    the population per fiscal year."""
    return {
        "title": f"{publication.site.title}のデータ",
        "homepage": publication.site.absolute(DATA_URL),
        "fiscal_years": [
            {
                "fiscal_year": r.fiscal_year,
                "published": r.date.isoformat() if r.date else None,
                "sheets": r.count,
            }
            for r in publication.releases
        ],
        "sheets": [JsonText(text) for text in sheet_json],
        "corrections": [correction_record(c) for c in publication.corrections],
        "population": [
            {
                "fiscal_year": y.fiscal_year,
                "population": y.population,
                "reference_date": y.reference_date.isoformat(),
                "source": y.source,
                "url": y.url,
            }
            for y in population.years
        ],
    }


def database_tables(publication: Publication, population: Population) -> list[DbTable]:
    """The tables of the SQLite database: those of the CSVs, with the same rows, and the population."""
    return sheet_tables(publication.sheets, population) + [
        population_table(population),
        DbTable(
            "corrections",
            CORRECTIONS_DESCRIPTION,
            CORRECTION_COLUMNS,
            (),
            correction_rows(publication.corrections),
        ),
    ]


def sheet_export(sheet: Sheet, population: Population) -> SheetExport:
    """A sheet's JSON and its rows of every table as CSV lines (``population`` for the amounts per resident)."""
    tables = []
    for table in TABLES:
        rows = list(table.rows_of(sheet, population))
        tables.append((len(rows), csv_lines(rows)))
    return SheetExport(json_text(sheet, SHEET_LEVELS), tuple(tables))


def sheet_downloads(sheet: Sheet, yaml_text: str, export: SheetExport) -> list[DataFile]:
    """One sheet's downloads: its data file as YAML (``yaml_text``) and JSON, and a CSV per
    table it has rows in."""
    stem = f"{DATA_DIR}/{sheet.fiscal_year}/{sheet.code}"
    files = [
        DataFile("データファイル", "YAML", f"{stem}.yaml", yaml_text.encode("utf-8")),
        DataFile("データファイル", "JSON", f"{stem}.json", (export.json + "\n").encode("utf-8")),
    ]
    files += [
        DataFile(table.title, "CSV", f"{stem}-{table.name}.csv", heading + lines)
        for table, heading, (rows, lines) in zip(TABLES, TABLE_HEADINGS, export.tables)
        if rows
    ]
    return files


def data_texts_of(publication: Publication, known: Mapping[tuple[int, str], str]) -> list[str]:
    """The data-file text of each published sheet: the text the data stage made (``known``)
    for a sheet without a correction, else dumped here (on every core, if many)."""

    def text_of(sheet: Sheet) -> str | None:
        return (
            None
            if publication.corrections_of(sheet)
            else known.get((sheet.fiscal_year, sheet.code))
        )

    texts = [text_of(s) for s in publication.sheets]
    dumped = iter(
        fork_map(dump_sheet, [s for s, text in zip(publication.sheets, texts) if text is None])
    )
    return [next(dumped) if text is None else text for text in texts]


def portal_downloads(
    publication: Publication, exports: list[SheetExport], population: Population, database: bytes
) -> list[DataFile]:
    """Each whole-portal download (``database``: the SQLite file's bytes)."""
    tables = tuple(table_file(t, [e.tables[i] for e in exports]) for i, t in enumerate(TABLES))
    tables += (corrections_file(publication.corrections),)
    whole = [
        DataFile(t.title, "CSV", f"{DATA_DIR}/{t.path}", t.data, t.rows, t.description)
        for t in tables
    ]
    whole.append(
        DataFile(
            "すべてのデータ",
            "JSON",
            f"{DATA_DIR}/{ALL_JSON}",
            json_bytes(everything(publication, [e.json for e in exports], population), ALL_LEVELS),
            None,
            "年度、全シート（データファイルと同じ形）、訂正、年度ごとの人口をまとめた1つのファイル。",
        )
    )
    whole.append(
        DataFile(
            "データベース",
            "SQLite",
            f"{DATA_DIR}/{SQLITE}",
            database,
            None,
            SQLITE_RESOURCE["description"],
        )
    )
    whole.append(
        DataFile(
            "データパッケージ",
            "JSON",
            f"{DATA_DIR}/{DATAPACKAGE}",
            json_bytes(datapackage(publication, tables), DESCRIPTOR_LEVELS),
            None,
            "各CSVの列の名前・型・説明（Frictionless Data Package）。",
        )
    )
    archive = zip_bytes(
        [(f.path.removeprefix(f"{DATA_DIR}/"), f.data) for f in whole], publication.updated
    )
    whole.append(
        DataFile(
            "まとめてダウンロード",
            "ZIP",
            f"{DATA_DIR}/{ZIP}",
            archive,
            None,
            "上のCSV、JSON、データベース、データパッケージをまとめたzipファイル。",
        )
    )
    return whole


def _export_plain(export: SheetExport) -> list[object]:
    """A sheet's export as plain data, for the cache."""
    return [export.json, [[rows, lines.decode("utf-8")] for rows, lines in export.tables]]


def _export_from_plain(plain: list[Any]) -> SheetExport:
    """A sheet's export from its plain data (``_export_plain``)."""
    text, tables = plain
    if not isinstance(text, str) or len(tables) != len(TABLES):
        raise ValueError("export")
    return SheetExport(text, tuple((int(rows), lines.encode("utf-8")) for rows, lines in tables))


def sheet_exports(
    sheets: Sequence[Sheet], keys: list[str], population: Population, cache: Path | None
) -> list[SheetExport]:
    """The ``sheet_export`` of each sheet, taken from the folder ``cache`` (``builder.util.cache``)
    when made from the same data-file text and population by the same builder (``keys``: the
    hash of these, one per sheet, ``export_keys``)."""
    exports = ShardedCache(cache, "exports", _export_plain, _export_from_plain)
    return exports.map(partial(sheet_export, population=population), sheets, keys)


def export_keys(texts: list[str], population: Population) -> list[str]:
    """The hash of what each sheet's export is made from: the builder, its data-file text
    (in ``texts``) and the population."""
    code = builder_hash()
    return [digest(code, text, population) for text in texts]


def build_exports(
    publication: Publication,
    data_texts: Mapping[tuple[int, str], str] | None = None,
    cache: Path | None = None,
    population: Population = Population(),
) -> Exports:
    """Every download of the portal, from the published (corrected) records.

    ``data_texts``: the data-file texts by (fiscal year, code), already made by the data
    stage; a sheet without a correction is offered as exactly that text. ``cache``: the
    folder of ``builder.util.cache``, for reusing what an unchanged sheet adds (default: none).
    ``population``: the city's population per year, for the amounts per resident.
    """
    texts = data_texts_of(publication, data_texts or {})
    keys = export_keys(texts, population)
    exports = sheet_exports(publication.sheets, keys, population, cache)
    files: dict[str, bytes] = {}
    per_sheet = {}
    for sheet, text, export in zip(publication.sheets, texts, exports):
        made = sheet_downloads(sheet, text, export)
        files.update((f.path, f.data) for f in made)
        per_sheet[(sheet.fiscal_year, sheet.code)] = tuple(f.download() for f in made)
    database = cached_database(
        cache,
        digest(keys, publication.corrections),  # (the sheets' keys hold the builder and population)
        lambda: database_bytes(database_tables(publication, population), publication.sheets),
    )
    whole = portal_downloads(publication, exports, population, database)
    files.update((f.path, f.data) for f in whole)
    return Exports(files, tuple(f.download() for f in whole), per_sheet)
