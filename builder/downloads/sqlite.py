"""The whole portal as one SQLite database: ``/data/mieruka-data.sqlite``.

One table per CSV (``builder.downloads.tables`` and the corrections log), with the CSV's column
names, typed columns (INTEGER, REAL, TEXT; a yes/no value is 1 or 0), the CSV's primary
key and a foreign key from every table to ``projects`` (年度, 事業番号). On top of them:

- ``full_text``: an FTS5 index over every text of the sheets (事業名, the texts table,
  the evaluation comments, 方向性の理由) with the ``trigram`` tokenizer, which finds any
  Japanese word of three characters or more without a dictionary (``MATCH 'マッチング'``);
  a shorter word is found by reading every row, ``instr("内容", '特区') > 0`` (the trigram
  index cannot answer it; SQLite 3.40 even returns no row for such a ``LIKE`` on the index);
- views for common questions (``VIEWS``);
- ``population``: the population per fiscal year used for the amounts per resident;
- ``column_descriptions``: what every column of every table means (as in datapackage.json).

Byte for byte the same on every build from the same records: the file is made in a
temporary folder with a fixed page size, rows are inserted in the order of the CSVs, the
index is merged into one segment, the file is vacuumed, and nothing in it holds a time.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from builder.catalog.population import Population
from builder.downloads.tables import EVALUATION_ASPECTS, TABLES
from builder.records.fields import Column
from builder.records.model import Sheet
from builder.util.cache import CacheStore

SQLITE = "mieruka-data.sqlite"
PAGE_SIZE = 4096
USER_VERSION = 1  # the layout of the database; raised when a table or view changes incompatibly
FULL_TEXT = "full_text"
POPULATION = "population"
_SQL_TYPES = {
    "integer": "INTEGER",
    "number": "REAL",
    "string": "TEXT",
    "boolean": "INTEGER",
    "date": "TEXT",
}
_PROJECT_KEY = ("年度", "事業番号")
SQLITE_RESOURCE = {  # the database in datapackage.json
    "name": "sqlite",
    "path": SQLITE,
    "title": "データベース（SQLite）",
    "profile": "data-resource",
    "format": "sqlite",
    "mediatype": "application/vnd.sqlite3",
    "description": "CSVの表をすべて収めたSQLiteのデータベース。列の名前と型はCSVと同じで、主キーと外部キー、"
    "文章の全文検索（full_text、trigram）、よく使う集計のビューがあります。",
}


@dataclass(frozen=True)
class DbTable:
    """A table of the database: its CSV's name, columns and key, and its rows."""

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    rows: Iterable[tuple[object, ...]]


VIEWS = (
    (
        "cost_by_department",
        "部局と年度ごとの事業数、決算額、人件費、総コストの合計（各シートの年度の数値）",
        """
SELECT p."年度", p."部局", COUNT(*) AS "事業数",
       SUM(c."決算額（千円）") AS "決算額（千円）", SUM(c."人件費（千円）") AS "人件費（千円）",
       SUM(c."総コスト（千円）") AS "総コスト（千円）"
FROM projects AS p JOIN costs AS c
  ON c."年度" = p."年度" AND c."事業番号" = p."事業番号" AND c."対象年度" = p."年度"
GROUP BY p."年度", p."部局"
ORDER BY p."年度", "総コスト（千円）" DESC""",
    ),
    (
        "indicators_against_targets",
        "決算が確定した年度の指標の目標値と実績、目標値に対する実績の割合",
        """
SELECT i."年度", i."事業番号", p."事業名", p."部局", p."課・室", i."指標番号", i."指標名", i."単位",
       i."指標の種類", i."対象年度", i."目標値", i."実績", i."目標値に対する実績の割合（%）"
FROM indicators AS i JOIN projects AS p ON p."年度" = i."年度" AND p."事業番号" = i."事業番号"
WHERE i."対象年度" <= i."年度"
ORDER BY i."年度", i."事業番号", i."指標番号", i."対象年度\"""",
    ),
)


def quote(name: str) -> str:
    """An SQL identifier: ``"決算額（千円）"``."""
    return '"' + name.replace('"', '""') + '"'


def _column_sql(column: Column) -> str:
    sql = f"{quote(column.name)} {_SQL_TYPES[column.type]}"
    if column.required:
        sql += " NOT NULL"
    if column.type == "boolean":
        sql += f" CHECK ({quote(column.name)} IN (0, 1))"
    return sql


def create_sql(table: DbTable) -> str:
    """The CREATE TABLE statement of a table: typed columns, its key, and the foreign key to projects."""
    parts = [_column_sql(c) for c in table.columns]
    if table.primary_key:
        parts.append(f"PRIMARY KEY ({', '.join(map(quote, table.primary_key))})")
    if table.name not in ("projects", POPULATION):
        key = ", ".join(map(quote, _PROJECT_KEY))
        parts.append(f"FOREIGN KEY ({key}) REFERENCES projects ({key})")
    return f"CREATE TABLE {quote(table.name)} (\n  " + ",\n  ".join(parts) + "\n)"


def sheet_tables(sheets: Sequence[Sheet], population: Population) -> list[DbTable]:
    """The tables of ``builder.downloads.tables`` with the rows of ``sheets``, in the order of the CSVs."""
    return [
        DbTable(
            t.name,
            t.description,
            t.columns,
            t.primary_key,
            [row for sheet in sheets for row in t.rows_of(sheet, population)],
        )
        for t in TABLES
    ]


POPULATION_COLUMNS = (
    Column("年度", "integer", "人口を使う年度（西暦）", required=True),
    Column("人口（人）", "integer", "その年度の市民1人あたりの金額に使う人口", required=True),
    Column(
        "基準日",
        "date",
        "人口の基準日（YYYY-MM-DD）。1月1日現在の人口は、その前の4月に始まった年度に使う",
        required=True,
    ),
    Column("出典", "string", "人口の出典", required=True),
    Column("出典URL", "string", "出典を確かめられるページ", required=True),
)


def population_table(population: Population) -> DbTable:
    """The population per fiscal year (``content/population.yaml``); years without one are absent."""
    return DbTable(
        POPULATION,
        "年度ごとの市の人口と、その出典・基準日",
        POPULATION_COLUMNS,
        ("年度",),
        [
            (y.fiscal_year, y.population, y.reference_date.isoformat(), y.source, y.url)
            for y in population.years
        ],
    )


def _full_text_rows(sheets: Sequence[Sheet]) -> Iterator[tuple[object, ...]]:
    """(年度, 事業番号, 項目, 内容) of every text of the sheets."""
    texts = next(t for t in TABLES if t.name == "texts")
    for sheet in sheets:
        yield sheet.fiscal_year, sheet.code, "事業名", sheet.name
        for year, code, label, number, _, text in texts.rows_of(sheet, Population()):
            yield year, code, label if number is None else f"{label}（指標{number}）", text
        for key, label in EVALUATION_ASPECTS:
            comment = getattr(sheet.evaluation, key).comment
            if comment:
                yield sheet.fiscal_year, sheet.code, f"評価の説明（{label}）", comment
        if sheet.direction.reason:
            yield sheet.fiscal_year, sheet.code, "方向性の理由", sheet.direction.reason


def _fill(db: sqlite3.Connection, tables: Sequence[DbTable], sheets: Sequence[Sheet]) -> None:
    for table in tables:
        db.execute(create_sql(table))
        marks = ", ".join("?" * len(table.columns))
        db.executemany(f"INSERT INTO {quote(table.name)} VALUES ({marks})", table.rows)
    db.execute(
        f"CREATE VIRTUAL TABLE {FULL_TEXT} USING fts5("
        '"年度" UNINDEXED, "事業番号" UNINDEXED, "項目" UNINDEXED, "内容", tokenize = \'trigram\')'
    )
    db.executemany(f"INSERT INTO {FULL_TEXT} VALUES (?, ?, ?, ?)", _full_text_rows(sheets))
    db.execute(f"INSERT INTO {FULL_TEXT} ({FULL_TEXT}) VALUES ('optimize')")
    for name, _, sql in VIEWS:
        db.execute(f"CREATE VIEW {quote(name)} AS{sql}")
    db.execute(
        'CREATE TABLE column_descriptions ("表" TEXT NOT NULL, "列" TEXT NOT NULL, "型" TEXT NOT NULL, '
        '"説明" TEXT NOT NULL, PRIMARY KEY ("表", "列"))'
    )
    db.executemany(
        "INSERT INTO column_descriptions VALUES (?, ?, ?, ?)",
        [(t.name, c.name, _SQL_TYPES[c.type], c.description) for t in tables for c in t.columns]
        + [(name, "", "VIEW", meaning) for name, meaning, _ in VIEWS]
        + [
            (
                FULL_TEXT,
                "内容",
                "FTS5",
                (
                    "シートの文章の全文検索（trigram）。3文字以上の語は MATCH、"
                    "2文字以下の語は instr(\"内容\", '語') > 0 で探せます"
                ),
            )
        ],
    )


def database_bytes(tables: Sequence[DbTable], sheets: Sequence[Sheet]) -> bytes:
    """The bytes of the database holding ``tables`` and the full-text index of ``sheets``."""
    with tempfile.TemporaryDirectory(prefix="mieruka-sqlite-") as folder:
        path = Path(folder) / SQLITE
        db = sqlite3.connect(path, isolation_level=None)
        try:
            db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            db.execute("PRAGMA journal_mode = MEMORY")
            db.execute(f"PRAGMA user_version = {USER_VERSION}")
            db.execute("BEGIN")
            _fill(db, tables, sheets)
            db.execute("COMMIT")
            problems = db.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise ValueError(f"SQLite: 事業の表にない行があります: {problems[:5]}")
            db.execute("VACUUM")
        finally:
            db.close()
        return path.read_bytes()


def cached_database(cache: Path | None, key: str, make: Callable[[], bytes]) -> bytes:
    """The database made by ``make``, or the one the last build made from the same inputs
    (``key``: their hash), kept as ``sqlite`` in the build's cache store (``builder.util.cache``;
    none: always made). Only the latest database is kept."""
    store = CacheStore(cache)
    kept = store.load_bytes("sqlite")
    if kept is not None and kept.startswith(key.encode("ascii") + b"\n"):
        return kept[len(key) + 1 :]
    data = make()
    store.save_bytes("sqlite", key.encode("ascii") + b"\n" + data)
    return data
