"""The SQLite database /data/mieruka-data.sqlite: every value of every CSV read back through
SQL, typed columns and keys, the Japanese full-text index, the views, the same bytes on
every build, and Datasette serving it over HTTP."""

from __future__ import annotations

import csv
import io
import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from builder.build import build_site
from builder.downloads.exports import DATAPACKAGE
from builder.downloads.formats import cell
from builder.downloads.sqlite import FULL_TEXT, SQLITE, USER_VERSION, quote
from builder.util.cache import CacheStore, cache_folder
from tests.portal.portalkit import page

DATASETTE_WAIT = 60  # seconds for Datasette to answer


def _csv(site: Path, name: str) -> list[list[str]]:
    return list(
        csv.reader(
            io.StringIO(
                (site / "data" / f"{name}.csv").read_bytes().decode("utf-8-sig"), newline=""
            )
        )
    )


def _resources(site: Path) -> list[dict]:
    return json.loads((site / "data" / DATAPACKAGE).read_text(encoding="utf-8"))["resources"]


@pytest.fixture(scope="module")
def db(site: Path):
    connection = sqlite3.connect(f"file:{site / 'data' / SQLITE}?mode=ro", uri=True)
    yield connection
    connection.close()


def _as_csv_text(value: object, kind: str) -> str:
    """An SQL value written as the CSV writes it (a yes/no column holds 1 or 0)."""
    if kind == "boolean" and value is not None:
        return cell(bool(value))
    return cell(value)


def test_every_value_of_every_csv_reads_back_through_sql(
    site: Path, db: sqlite3.Connection
) -> None:
    tables = [r for r in _resources(site) if r["format"] == "csv"]
    assert [t["name"] for t in tables] == [
        "projects",
        "costs",
        "indicators",
        "evaluations",
        "sdgs",
        "texts",
        "notes",
        "corrections",
    ]
    for table in tables:
        fields = table["schema"]["fields"]
        heading, *rows = _csv(site, table["name"])
        assert heading == [f["name"] for f in fields]
        selected = db.execute(
            f"SELECT {', '.join(quote(f['name']) for f in fields)} FROM {quote(table['name'])} "
            "ORDER BY rowid"
        ).fetchall()
        assert [
            [_as_csv_text(v, f["type"]) for v, f in zip(row, fields)] for row in selected
        ] == rows, table["name"]
    codes = [
        code
        for (code,) in db.execute('SELECT "事業番号" FROM projects WHERE "年度" = 2022 ORDER BY 1')
    ]
    assert codes == sorted(
        p.stem for p in (site.parent / "content" / "data" / "2022").glob("*.yaml")
    )
    assert len(codes) == 8
    settled = db.execute(
        'SELECT "決算額（千円）", "総コスト（千円）" FROM costs '
        'WHERE "事業番号" = \'092\' AND "年度" = 2022 AND "対象年度" = 2022'
    ).fetchone()
    assert settled == (9307, 11473)


def test_columns_are_typed_and_keyed(db: sqlite3.Connection) -> None:
    columns = {
        name: (kind, notnull, pk)
        for _, name, kind, notnull, _, pk in db.execute("PRAGMA table_info(costs)")
    }
    assert columns["決算額（千円）"] == ("INTEGER", 0, 0)
    assert columns["正職員従事割合（人）"][0] == "REAL" and columns["事業番号"] == ("TEXT", 1, 2)
    assert (columns["年度"][2], columns["対象年度"][2]) == (1, 3)
    foreign = db.execute("PRAGMA foreign_key_list(costs)").fetchall()
    assert {(row[2], row[3], row[4]) for row in foreign} == {
        ("projects", "年度", "年度"),
        ("projects", "事業番号", "事業番号"),
    }
    assert db.execute('SELECT typeof("会計年度任用職員の有無") FROM costs LIMIT 1').fetchone() == (
        "integer",
    )
    assert db.execute("PRAGMA user_version").fetchone() == (USER_VERSION,)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_the_full_text_index_finds_japanese_words(site: Path, db: sqlite3.Connection) -> None:
    found = db.execute(
        f'SELECT DISTINCT "事業番号" FROM {FULL_TEXT} WHERE {FULL_TEXT} MATCH ? ORDER BY 1',
        ("マッチング",),
    ).fetchall()
    texts = _csv(site, "texts")[1:]
    assert (
        [code for (code,) in found]
        == sorted({row[1] for row in texts if "マッチング" in row[5]})
        == ["092"]
    )
    robots = {
        code
        for (code,) in db.execute(
            f'SELECT "事業番号" FROM {FULL_TEXT} WHERE {FULL_TEXT} MATCH ?', ("ロボット",)
        )
    }
    assert "097" in robots
    # a two-character word is below the trigram index: it is found by reading every row
    short = {
        code
        for (code,) in db.execute(
            f'SELECT "事業番号" FROM {FULL_TEXT} WHERE instr("内容", ?) > 0', ("特区",)
        )
    }
    assert short == {"092"}


def test_the_views_answer_common_questions(db: sqlite3.Connection) -> None:
    (row,) = db.execute('SELECT * FROM cost_by_department WHERE "年度" = 2022').fetchall()
    sums = db.execute(
        'SELECT COUNT(*), SUM("決算額（千円）"), SUM("人件費（千円）"), SUM("総コスト（千円）") FROM costs '
        'WHERE "年度" = 2022 AND "対象年度" = 2022'
    ).fetchone()
    assert row[:2] == (2022, "政策イノベーション部") and row[2:] == sums
    ratio = db.execute(
        'SELECT "目標値", "実績", "目標値に対する実績の割合（%）" FROM indicators_against_targets '
        'WHERE "事業番号" = \'092\' AND "指標番号" = 1 AND "対象年度" = 2020'
    ).fetchone()
    assert ratio == (641.0, 685.0, 106.9)


def test_two_builds_give_the_same_bytes(built: tuple[Path, Path], tmp_path: Path) -> None:
    content, site = built
    build_site(content, tmp_path / "again")
    first, second = (
        (site / "data" / SQLITE).read_bytes(),
        (tmp_path / "again" / "data" / SQLITE).read_bytes(),
    )
    assert len(first) > 10_000 and first == second


def test_the_cache_keeps_the_last_database_only(site: Path) -> None:
    assert [path.name for path in cache_folder(site).glob("sqlite*")] == ["sqlite.bin"]
    kept = CacheStore(cache_folder(site)).load_bytes("sqlite")
    assert kept is not None and kept.endswith(b"\n" + (site / "data" / SQLITE).read_bytes())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get_json(url: str) -> object:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200
        return json.loads(response.read())


def test_datasette_serves_the_database_over_http(site: Path, tmp_path: Path) -> None:
    port = _free_port()
    log = (tmp_path / "datasette.log").open("wb")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "datasette",
            "serve",
            "--immutable",
            str(site / "data" / SQLITE),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/mieruka-data"
    try:
        deadline = time.monotonic() + DATASETTE_WAIT
        while True:
            try:
                _get_json(f"http://127.0.0.1:{port}/-/versions.json")
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "datasette.log").read_text(
                    errors="replace"
                )
                assert time.monotonic() < deadline, "Datasette did not answer"
                time.sleep(0.3)
        projects = _get_json(f"{base}/projects.json?_shape=array&_size=max")
        rows = _csv(site, "projects")[1:]
        assert [(p["年度"], p["事業番号"], p["事業名"]) for p in projects] == [
            (int(r[0]), r[2], r[3]) for r in rows
        ]
        query = urllib.parse.quote(
            f"SELECT DISTINCT \"事業番号\" FROM {FULL_TEXT} WHERE {FULL_TEXT} MATCH 'マッチング'"
        )
        assert _get_json(f"{base}.json?_shape=array&sql={query}") == [{"事業番号": "092"}]
        tables = {t["name"] for t in _get_json(f"{base}.json")["tables"]}
        assert {"projects", "costs", "indicators", "texts", FULL_TEXT} <= tables
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def test_the_data_page_links_the_database_with_example_queries(site: Path) -> None:
    doc = page(site, "/data/")
    section_links = [a.attrs["href"] for a in doc.find_all("a")]
    assert "/data/mieruka-data.sqlite" in section_links
    examples = [code.text() for code in doc.find_all("code") if "SELECT" in code.text()]
    assert len(examples) == 3 and "WHERE full_text MATCH 'マッチング'" in examples[0]
    with sqlite3.connect(f"file:{site / 'data' / SQLITE}?mode=ro", uri=True) as connection:
        for sql in examples:  # every example runs as printed
            assert connection.execute(sql).fetchall(), sql
