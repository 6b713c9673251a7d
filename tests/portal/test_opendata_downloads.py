"""Every download opens and round-trips: the CSVs, the JSON and the YAML are read back and
compared with the data files value by value, and the data package validates with frictionless."""

from __future__ import annotations

import csv
import datetime
import io
import json
import zipfile
from pathlib import Path

import pytest
import yaml
from frictionless import Package, validate

from builder.downloads.exports import ALL_JSON, DATAPACKAGE, ZIP
from builder.downloads.formats import zip_bytes
from builder.downloads.sqlite import SQLITE
from builder.downloads.tables import (
    EVALUATION_ASPECTS,
    INDICATOR_DESCRIPTION,
    TABLES,
    TEXT_FIELDS,
    YES,
)
from builder.records.datafile import load_sheet, record_from_dict, sheet_to_dict
from builder.records.model import (
    BudgetItem,
    CostYear,
    Direction,
    Evaluation,
    Indicator,
    IndicatorValue,
    Note,
    Overview,
    Participation,
    Results,
    Score,
    Sheet,
    Source,
    StrategicPlan,
)

TABLE_NAMES = ["projects", "costs", "indicators", "evaluations", "sdgs", "texts", "notes"]
Row = dict[str, object]


def _typed(text: str, kind: str) -> object:
    if text == "":
        return None
    return {"integer": int, "number": float, "boolean": lambda t: t == YES, "string": str}[kind](
        text
    )


def read_csv(data: bytes, table_name: str) -> list[Row]:
    """A CSV download read back as the table's typed rows; checks the BOM, CRLF and the heading."""
    assert (
        data.startswith(b"\xef\xbb\xbf")
        and b"\r\n" in data
        and b"\n" not in data.replace(b"\r\n", b"")
    )
    (table,) = [t for t in TABLES if t.name == table_name]
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == [c.name for c in table.columns]
    return [
        {c.name: _typed(v, c.type) for c, v in zip(table.columns, row, strict=True)}
        for row in rows[1:]
    ]


def sheets_from_tables(tables: dict[str, list[Row]]) -> list[Sheet]:
    """Rebuild every sheet from the CSV tables alone (the reverse of builder.downloads.tables)."""

    def of(name: str, p: Row) -> list[Row]:
        return [r for r in tables[name] if (r["年度"], r["事業番号"]) == (p["年度"], p["事業番号"])]

    sheets = []
    for p in tables["projects"]:
        texts = of("texts", p)

        def items(
            label: str, number: int | None = None, texts: list[Row] = texts
        ) -> tuple[str, ...]:
            chosen = sorted(
                (r for r in texts if r["項目"] == label and r["指標番号"] == number),
                key=lambda r: r["順番"],
            )
            assert [r["順番"] for r in chosen] == list(range(1, len(chosen) + 1))
            return tuple(str(r["内容"]) for r in chosen)

        text = {key: items(label) for _, key, label in TEXT_FIELDS}
        indicator_rows = of("indicators", p)
        indicators = []
        for number in dict.fromkeys(r["指標番号"] for r in indicator_rows):
            rows = [r for r in indicator_rows if r["指標番号"] == number]
            first = rows[0]
            assert all(
                (r["指標名"], r["単位"], r["指標の種類"])
                == (first["指標名"], first["単位"], first["指標の種類"])
                for r in rows
            )
            indicators.append(
                Indicator(
                    number,
                    first["指標名"],
                    first["単位"],
                    first["指標の種類"],
                    items(INDICATOR_DESCRIPTION, number),
                    tuple(IndicatorValue(r["対象年度"], r["目標値"], r["実績"]) for r in rows),
                )
            )
        scores = {r["観点"]: Score(r["評点（5段階）"], r["説明"]) for r in of("evaluations", p)}
        costs = []
        for r in of("costs", p):
            cost = CostYear(r["対象年度"], *(r[c.name] for c in TABLES[1].columns[3:12]))
            assert r["総コスト（千円）"] == (
                None
                if cost.settlement is None or cost.personnel is None
                else cost.settlement + cost.personnel
            )
            costs.append(cost)
        sheets.append(
            Sheet(
                fiscal_year=p["年度"],
                fiscal_year_label=p["年度の表記"],
                code=p["事業番号"],
                name=p["事業名"],
                budget_item=BudgetItem(p["予算科目コード"], p["予算科目名"]),
                department=p["部局"],
                division=p["課・室"],
                section=p["係"],
                mayor_pledge=p["市長公約"],
                strategic_plan=StrategicPlan(p["戦略プランコード"], p["戦略プラン名"])
                if p["戦略プランコード"]
                else None,
                status=p["新規・継続"],
                category=p["事業分類"],
                structure=p["事業体制"],
                plan=p["個別計画"],
                period=p["事業期間"],
                legal_basis=p["根拠法令等"],
                sdgs=tuple(r["目標番号"] for r in of("sdgs", p)),
                overview=Overview(text["target"], text["purpose"], text["activities"]),
                costs=tuple(costs),
                participation=Participation(
                    p["市民参加（共有、理解）"],
                    p["市民参加（企画・立案、計画）"],
                    p["市民参加（実行）"],
                    p["市民参加（評価、検証）"],
                ),
                indicators=tuple(indicators),
                results=Results(
                    *(text[key] for group, key, _ in TEXT_FIELDS if group == "results")
                ),
                evaluation=Evaluation(*(scores[label] for _, label in EVALUATION_ASPECTS)),
                direction=Direction(p["今後の方向性"], p["方向性の理由"]),
                source=Source(p["出典ファイル"], p["出典行"]),
                notes=tuple(
                    Note(r["種類"], r["内容"])
                    for r in sorted(of("notes", p), key=lambda r: r["順番"])
                ),
            )
        )
    return sheets


@pytest.fixture(scope="module")
def data_files(built: tuple[Path, Path]) -> dict[tuple[int, str], Path]:
    """The build's data files by (fiscal year, code)."""
    content = built[0]
    return {(int(p.parent.name), p.stem): p for p in sorted(content.glob("data/*/*.yaml"))}


@pytest.fixture(scope="module")
def data_sheets(data_files: dict[tuple[int, str], Path]) -> list[Sheet]:
    """The sheets of the data files, by fiscal year and code."""
    return [load_sheet(path) for _, path in sorted(data_files.items())]


def test_the_whole_portal_csvs_rebuild_every_data_file(
    site: Path, data_sheets: list[Sheet]
) -> None:
    tables = {
        name: read_csv((site / "data" / f"{name}.csv").read_bytes(), name) for name in TABLE_NAMES
    }
    assert sheets_from_tables(tables) == data_sheets
    assert [t.name for t in TABLES] == TABLE_NAMES


def test_csv_values_are_the_sheet_values(site: Path) -> None:
    costs = read_csv((site / "data" / "costs.csv").read_bytes(), "costs")
    row = next(r for r in costs if (r["事業番号"], r["対象年度"]) == ("092", 2022))
    assert (
        row["年度"],
        row["予算額（千円）"],
        row["決算額（千円）"],
        row["人件費（千円）"],
        row["総コスト（千円）"],
    ) == (2022, 10285, 9307, 2166, 11473)
    assert (
        row["正職員従事割合（人）"],
        row["正職員時間外勤務（時間）"],
        row["会計年度任用職員の有無"],
    ) == (0.3, 50.0, False)
    future = next(r for r in costs if (r["事業番号"], r["対象年度"]) == ("092", 2024))
    assert future["決算額（千円）"] is None and future["予算額（千円）"] == 9265
    negative = next(r for r in costs if (r["事業番号"], r["対象年度"]) == ("095", 2024))
    assert negative["一般財源（千円）"] == -5183
    text = (site / "data" / "costs.csv").read_bytes().decode("utf-8-sig")
    assert (
        "2022,092,2024,9265,,0,0,0,2166,0.3,50,無,,259018,,\r\n" in text
    )  # an empty cell for 未確定, 西暦 years
    projects = read_csv((site / "data" / "projects.csv").read_bytes(), "projects")
    assert [r["事業番号"] for r in projects] == [
        "009",
        "045",
        "092",
        "093",
        "094",
        "095",
        "096",
        "097",
    ]
    indicators = read_csv((site / "data" / "indicators.csv").read_bytes(), "indicators")
    zero = next(
        r for r in indicators if (r["事業番号"], r["指標番号"], r["対象年度"]) == ("092", 2, 2022)
    )
    assert (zero["指標名"], zero["単位"], zero["目標値"], zero["実績"]) == (
        "連携企業数",
        "件",
        360.0,
        0.0,
    )


def test_each_sheet_downloads_round_trip(
    site: Path, data_files: dict[tuple[int, str], Path]
) -> None:
    assert len(data_files) == 8
    for (year, code), path in data_files.items():
        folder = site / "data" / str(year)
        assert (
            folder / f"{code}.yaml"
        ).read_bytes() == path.read_bytes()  # no correction: the data file itself
        assert json.loads((folder / f"{code}.json").read_text(encoding="utf-8")) == yaml.safe_load(
            path.read_text(encoding="utf-8")
        )
        tables = {}
        for name in TABLE_NAMES:
            whole = read_csv((site / "data" / f"{name}.csv").read_bytes(), name)
            mine = [r for r in whole if (r["年度"], r["事業番号"]) == (year, code)]
            file = folder / f"{code}-{name}.csv"
            assert file.is_file() == bool(mine), file
            tables[name] = read_csv(file.read_bytes(), name) if mine else []
            assert tables[name] == mine
        assert sheets_from_tables(tables) == [load_sheet(path)]


def test_the_json_of_everything(site: Path, data_files: dict[tuple[int, str], Path]) -> None:
    everything = json.loads((site / "data" / ALL_JSON).read_text(encoding="utf-8"))
    assert everything["fiscal_years"] == [
        {"fiscal_year": 2022, "published": "2026-11-28", "sheets": 8}
    ]
    assert everything["sheets"] == [
        yaml.safe_load(p.read_text(encoding="utf-8")) for _, p in sorted(data_files.items())
    ]
    assert everything["corrections"] == []
    sheet = record_from_dict(Sheet, everything["sheets"][2])
    assert (
        sheet_to_dict(sheet) == everything["sheets"][2] and sheet.cost_for(2022).settlement == 9307
    )


def test_the_data_package_validates_with_frictionless(site: Path) -> None:
    report = validate(site / "data" / DATAPACKAGE)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(site / "data" / DATAPACKAGE)
    assert [r.name for r in package.resources] == TABLE_NAMES + ["corrections", "sqlite"]
    projects = package.get_resource("projects").read_rows()
    assert (
        projects[2]["事業番号"] == "092"
        and projects[2]["年度"] == 2022
        and projects[2]["事業名"] == "国際戦略総合特区推進事業"
    )
    costs = package.get_resource("costs").read_rows()
    settled = {r["事業番号"]: r["決算額（千円）"] for r in costs if r["対象年度"] == 2022}
    assert settled["092"] == 9307 and settled["009"] == 0
    fields = {
        f["name"]: f
        for f in json.loads((site / "data" / DATAPACKAGE).read_text(encoding="utf-8"))["resources"][
            1
        ]["schema"]["fields"]
    }
    assert (
        fields["決算額（千円）"]["type"] == "integer"
        and "costs[].settlement" in fields["決算額（千円）"]["description"]
    )
    assert fields["会計年度任用職員の有無"]["trueValues"] == ["有"]


def test_the_data_package_check_can_fail(site: Path, tmp_path: Path) -> None:
    """A CSV row that breaks the schema (a text amount, a sheet with no project row) is reported."""
    for name in (
        "datapackage.json",
        "projects.csv",
        "costs.csv",
        "indicators.csv",
        "evaluations.csv",
        "sdgs.csv",
        "texts.csv",
        "notes.csv",
        "corrections.csv",
        SQLITE,
    ):
        (tmp_path / name).write_bytes((site / "data" / name).read_bytes())
    costs = tmp_path / "costs.csv"
    costs.write_bytes(costs.read_bytes() + "2022,999,2022,多い,,,,,,,,無,\r\n".encode())
    report = validate(tmp_path / "datapackage.json")
    kinds = {kind for (kind,) in report.flatten(["type"])}
    assert not report.valid and {"type-error", "foreign-key"} <= kinds


def test_the_zip_holds_every_whole_portal_file(site: Path) -> None:
    data = site / "data"
    with zipfile.ZipFile(data / ZIP) as archive:
        names = archive.namelist()
        assert names == [f"{n}.csv" for n in TABLE_NAMES] + [
            "corrections.csv",
            ALL_JSON,
            SQLITE,
            DATAPACKAGE,
        ]
        for info in archive.infolist():
            assert archive.read(info) == (data / info.filename).read_bytes()
            assert (
                info.date_time == (2026, 11, 28, 0, 0, 0) and info.external_attr == 0o100644 << 16
            )
    report = validate(data / ZIP)  # the package inside the zip
    assert report.valid and [task.name for task in report.tasks] == TABLE_NAMES + [
        "corrections",
        "sqlite",
    ]


def test_zip_bytes_keeps_each_member_exactly() -> None:
    """Empty members, members in folders and large repetitive ones come back byte for byte,
    dated and permitted alike, and the same members always make the same zip."""
    odd = [("empty.csv", b""), ("folder/one.json", b"{}\n"), ("same.csv", b"a,b\r\n" * 10_000)]
    made = zip_bytes(odd, datetime.date(2026, 11, 28))
    assert made == zip_bytes(odd, datetime.date(2026, 11, 28))
    with zipfile.ZipFile(io.BytesIO(made)) as archive:
        assert [(info.filename, archive.read(info)) for info in archive.infolist()] == odd
        for info in archive.infolist():
            assert (
                info.date_time == (2026, 11, 28, 0, 0, 0) and info.external_attr == 0o100644 << 16
            )
            assert info.compress_type == zipfile.ZIP_DEFLATED
