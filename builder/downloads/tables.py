"""The sheets as tables: the columns of every open-data CSV, and the rows of a set of sheets.

One definition serves the CSV files, the Frictionless ``datapackage.json`` that describes
them and the tests that read them back. Following the national 「統一ルール」 for
machine-readable data: one value per cell, fiscal years in the Western calendar, the unit
in the column heading, and a list (paragraphs, SDG goals, scores) as one row per item.
Every field of a data file but ``schema_version`` is in exactly one table, so the tables
hold the whole sheet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from builder.catalog.population import RULE as PER_RESIDENT_RULE
from builder.catalog.population import Population
from builder.records.attainment import attainment
from builder.records.fields import Column, at, columns, named, paragraphs, text_column, value_at
from builder.records.model import Sheet, full_cost
from builder.records.sdgs import SDG_GOALS

YES, NO = "有", "無"  # how the sheets (and the CSVs) write a yes/no value


@dataclass(frozen=True)
class Table:
    """One CSV: its file name, title, columns, key and how a sheet becomes rows."""

    name: str  # file stem and Frictionless resource name, e.g. costs
    title: str  # e.g. コストの推移
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]  # columns that identify a row (none for texts)
    rows_of: Callable[
        [Sheet, Population], Iterator[tuple[object, ...]]
    ]  # one tuple per row, in column order


PROJECT_COLUMNS = columns()  # every single-valued field of a sheet, in data order
YEAR, CODE = (column for column in PROJECT_COLUMNS if column.field in ("fiscal_year", "code"))


def _project_rows(sheet: Sheet, _: Population) -> Iterator[tuple[object, ...]]:
    yield tuple(value_at(sheet, str(column.field)) for column in PROJECT_COLUMNS)


COST_FIELDS = columns("costs[].")
COST_COLUMNS = (
    YEAR,
    CODE,
    *COST_FIELDS,
    Column(
        "総コスト（千円）",
        "integer",
        "決算額と人件費の合計（千円、このサイトで計算）。どちらかが空欄なら空欄",
    ),
    Column(
        "人口（人）",
        "integer",
        "対象年度の市の人口（content/population.yaml、出典と基準日は population の表）。"
        "記載のない年度は空欄",
    ),
    Column(
        "決算額（市民1人あたり、円）",
        "number",
        f"決算額を人口で割った額。{PER_RESIDENT_RULE}決算額か人口が空欄なら空欄",
    ),
    Column(
        "総コスト（市民1人あたり、円）",
        "number",
        f"総コストを人口で割った額。{PER_RESIDENT_RULE}総コストか人口が空欄なら空欄",
    ),
)


def _cost_rows(sheet: Sheet, population: Population) -> Iterator[tuple[object, ...]]:
    for c in sheet.costs:
        known = population.of(c.fiscal_year)
        per_resident = [
            population.per_resident(amount, c.fiscal_year)
            for amount in (c.settlement, full_cost(c))
        ]
        yield (
            sheet.fiscal_year,
            sheet.code,
            *(getattr(c, column.attribute) for column in COST_FIELDS),
            full_cost(c),
            known.population if known else None,
            *(None if value is None else float(value) for value in per_resident),
        )


INDICATOR_FIELDS, VALUE_FIELDS = columns("indicators[]."), columns("indicators[].values[].")
INDICATOR_COLUMNS = (
    YEAR,
    CODE,
    *INDICATOR_FIELDS,
    *VALUE_FIELDS,
    Column(
        "目標値に対する実績の割合（%）",
        "number",
        "実績÷目標値×100（このサイトで計算、小数第2位を四捨五入）。"
        "実績か目標値が空欄、または目標値が0なら空欄。指標によって、値が大きいほどよいとは限らない",
    ),
)


def _indicator_rows(sheet: Sheet, _: Population) -> Iterator[tuple[object, ...]]:
    for i in sheet.indicators:
        for v in i.values:
            ratio = attainment(v)
            yield (
                sheet.fiscal_year,
                sheet.code,
                *(getattr(i, column.attribute) for column in INDICATOR_FIELDS),
                *(getattr(v, column.attribute) for column in VALUE_FIELDS),
                None if ratio is None else float(ratio),
            )


EVALUATION_ASPECTS = named("evaluation")
EVALUATION_COLUMNS = (
    YEAR,
    CODE,
    Column(
        "観点",
        "string",
        "評価の観点（" + "、".join(label for _, label in EVALUATION_ASPECTS) + "）",
        "evaluation の各キー",
        required=True,
    ),
    Column(
        "評点（5段階）",
        "integer",
        "1〜5の評点。空欄はシートで「-」（評価なし）",
        "evaluation.*.score",
    ),
    text_column("説明", "評点の説明", "evaluation.*.comment"),
)


def _evaluation_rows(sheet: Sheet, _: Population) -> Iterator[tuple[object, ...]]:
    for key, label in EVALUATION_ASPECTS:
        score = getattr(sheet.evaluation, key)
        yield sheet.fiscal_year, sheet.code, label, score.score, score.comment


SDG_COLUMNS = (
    YEAR,
    CODE,
    Column("目標番号", "integer", "関連するSDGsの目標の番号（1〜17）", "sdgs[]", required=True),
    Column("目標名", "string", "SDGsの目標の名称（このサイトで付記）", required=True),
)


def _sdg_rows(sheet: Sheet, _: Population) -> Iterator[tuple[object, ...]]:
    for goal in sheet.sdgs:
        yield sheet.fiscal_year, sheet.code, goal, SDG_GOALS[goal]


TEXT_FIELDS = paragraphs()
INDICATOR_DESCRIPTION = str(at("indicators[].description").display)
TEXT_COLUMNS = (
    YEAR,
    CODE,
    Column(
        "項目",
        "string",
        "文章の項目（" + "、".join(label for _, _, label in TEXT_FIELDS) + "、"
        f"{INDICATOR_DESCRIPTION}）",
        "overview.*, results.*, indicators[].description",
        required=True,
    ),
    Column("指標番号", "integer", f"「{INDICATOR_DESCRIPTION}」の行だけ、その指標の番号"),
    Column("順番", "integer", "項目の中での段落・箇条の順番（1から）", required=True),
    Column(
        "内容",
        "string",
        "段落または箇条の文章（シートの表記どおり、マークアップは除去）",
        required=True,
    ),
)


def _text_rows(sheet: Sheet, _: Population) -> Iterator[tuple[object, ...]]:
    for group, key, label in TEXT_FIELDS:
        for order, text in enumerate(getattr(getattr(sheet, group), key), 1):
            yield sheet.fiscal_year, sheet.code, label, None, order, text
    for indicator in sheet.indicators:
        for order, text in enumerate(indicator.description, 1):
            yield (
                sheet.fiscal_year,
                sheet.code,
                INDICATOR_DESCRIPTION,
                indicator.number,
                order,
                text,
            )


NOTE_COLUMNS = (
    YEAR,
    CODE,
    Column("順番", "integer", "シートの中での注意の順番（1から）", required=True),
    Column(
        "種類",
        "string",
        "注意の種類（breakdown_mismatch: 内訳が決算額と合わない、negative_amount: 負の金額 など）",
        "notes[].check",
        required=True,
    ),
    Column("内容", "string", "注意の内容", "notes[].message", required=True),
)


def _note_rows(sheet: Sheet, _: Population) -> Iterator[tuple[object, ...]]:
    for order, note in enumerate(sheet.notes, 1):
        yield sheet.fiscal_year, sheet.code, order, note.check, note.message


TABLES = (
    Table(
        "projects",
        "事業",
        "シート1枚につき1行：事業の基本情報、市民参加、今後の方向性、出典。",
        PROJECT_COLUMNS,
        ("年度", "事業番号"),
        _project_rows,
    ),
    Table(
        "costs",
        "コストの推移",
        "シートと年度ごとに1行：予算額、決算額、財源内訳、人件費。",
        COST_COLUMNS,
        ("年度", "事業番号", "対象年度"),
        _cost_rows,
    ),
    Table(
        "indicators",
        "指標の推移",
        "シート、指標、年度ごとに1行：目標値と実績。",
        INDICATOR_COLUMNS,
        ("年度", "事業番号", "指標番号", "対象年度"),
        _indicator_rows,
    ),
    Table(
        "evaluations",
        "評価",
        "シートと評価の観点ごとに1行：担当部署による5段階の自己評価。",
        EVALUATION_COLUMNS,
        ("年度", "事業番号", "観点"),
        _evaluation_rows,
    ),
    Table(
        "sdgs",
        "SDGs",
        "シートと関連するSDGsの目標ごとに1行。",
        SDG_COLUMNS,
        ("年度", "事業番号", "目標番号"),
        _sdg_rows,
    ),
    Table(
        "texts",
        "文章",
        "シートの文章（概要、成果と課題、指標の概要）の段落・箇条ごとに1行。",
        TEXT_COLUMNS,
        (),
        _text_rows,
    ),  # 指標番号 is empty on most rows: no key
    Table(
        "notes",
        "データについての注意",
        "シートの数値について、読み込み時に見つかった注意ごとに1行。",
        NOTE_COLUMNS,
        ("年度", "事業番号", "順番"),
        _note_rows,
    ),
)

# The corrections log (content/corrections.yaml) as a table: corrections.csv and the database.
CORRECTIONS_DESCRIPTION = "公表後に訂正した値ごとに1行：訂正前と訂正後の値、理由。"
CORRECTION_COLUMNS = (
    Column("訂正日", "date", "訂正した日（YYYY-MM-DD）", required=True),
    YEAR,
    CODE,
    Column(
        "項目",
        "string",
        "訂正した項目のデータファイル上の位置（例：costs[2022].settlement）",
        required=True,
    ),
    Column("項目名", "string", "訂正した項目の名前", required=True),
    Column("訂正前", "string", "訂正前の値（空欄は値なし、リストはJSONの配列）"),
    Column("訂正後", "string", "訂正後の値（空欄は値なし、リストはJSONの配列）"),
    Column("理由", "string", "訂正の理由", required=True),
)
