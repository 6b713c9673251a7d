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

from builder.records.attainment import attainment
from builder.catalog.catalog import SDG_GOALS, full_cost
from builder.records.model import Sheet
from builder.catalog.population import RULE as PER_RESIDENT_RULE
from builder.catalog.population import Population

YES, NO = "有", "無"  # how the sheets (and the CSVs) write a yes/no value


@dataclass(frozen=True)
class Column:
    """A CSV column: its heading (unit included), Frictionless type and meaning."""

    name: str  # the heading, e.g. 決算額（千円）
    type: str  # Frictionless field type: string, integer, number, boolean
    description: str  # what the value is
    field: str | None = None  # the data file field, e.g. costs[].settlement; None for a derived value
    required: bool = False  # never empty


@dataclass(frozen=True)
class Table:
    """One CSV: its file name, title, columns, key and how a sheet becomes rows."""

    name: str  # file stem and Frictionless resource name, e.g. costs
    title: str  # e.g. コストの推移
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]  # columns that identify a row (none for texts)
    rows_of: Callable[[Sheet, Population], Iterator[tuple[object, ...]]]  # one tuple per row, in column order


YEAR = Column("年度", "integer", "シートの年度（西暦、例：令和4年度は2022）", "fiscal_year", required=True)
CODE = Column("事業番号", "string", "事務事業の番号（シートの表記どおりの文字列、先頭の0も含む）", "code", required=True)


def _text(name: str, field: str, meaning: str) -> Column:
    return Column(name, "string", f"{meaning}。空欄はシートに記載なし", field)


def _amount(name: str, field: str, meaning: str) -> Column:
    return Column(f"{name}（千円）", "integer", f"{meaning}（千円、シートの表記どおり）", f"costs[].{field}")


PROJECT_COLUMNS = (
    YEAR,
    Column("年度の表記", "string", "シートに印刷された年度（和暦）", "fiscal_year_label", required=True),
    CODE,
    Column("事業名", "string", "事務事業名", "name", required=True),
    _text("予算科目コード", "budget_item.code", "予算科目の番号"),
    _text("予算科目名", "budget_item.name", "予算科目の名称"),
    Column("部局", "string", "担当部課のうち部・局", "department", required=True),
    _text("課・室", "division", "担当部課のうち課・室"),
    _text("係", "section", "係名"),
    _text("市長公約", "mayor_pledge", "市長公約の番号"),
    _text("戦略プランコード", "strategic_plan.code", "戦略プランの番号"),
    _text("戦略プラン名", "strategic_plan.title", "戦略プランの取組名"),
    _text("新規・継続", "status", "新規・継続の別"),
    _text("事業分類", "category", "事業分類"),
    _text("事業体制", "structure", "事業体制"),
    _text("個別計画", "plan", "個別計画"),
    _text("事業期間", "period", "事業期間"),
    _text("根拠法令等", "legal_basis", "根拠法令等"),
    _text("市民参加（共有、理解）", "participation.sharing", "市民参加の取組状況：共有、理解"),
    _text("市民参加（企画・立案、計画）", "participation.planning", "市民参加の取組状況：企画・立案、計画"),
    _text("市民参加（実行）", "participation.implementation", "市民参加の取組状況：実行"),
    _text("市民参加（評価、検証）", "participation.evaluation", "市民参加の取組状況：評価、検証"),
    _text("今後の方向性", "direction.decision", "今後の方向性（継続、拡大・拡充、廃止など）"),
    _text("方向性の理由", "direction.reason", "今後の方向性の理由"),
    Column("出典ファイル", "string", "元のシートのファイル（リポジトリ内のパス）", "source.file", required=True),
    Column("出典行", "integer", "元のシートが始まる行の番号", "source.line", required=True),
)


def _project_rows(sheet: Sheet, _: Population) -> Iterator[tuple[object, ...]]:
    plan, p, d = sheet.strategic_plan, sheet.participation, sheet.direction
    yield (
        sheet.fiscal_year, sheet.fiscal_year_label, sheet.code, sheet.name,
        sheet.budget_item.code, sheet.budget_item.name, sheet.department, sheet.division, sheet.section,
        sheet.mayor_pledge, plan.code if plan else None, plan.title if plan else None,
        sheet.status, sheet.category, sheet.structure, sheet.plan, sheet.period, sheet.legal_basis,
        p.sharing, p.planning, p.implementation, p.evaluation, d.decision, d.reason,
        sheet.source.file, sheet.source.line,
    )


COST_COLUMNS = (
    YEAR,
    CODE,
    Column("対象年度", "integer", "コストの年度（西暦）。シートの年度より後の年度は計画値", "costs[].fiscal_year",
           required=True),
    _amount("予算額", "budget", "予算額"),
    _amount("決算額", "settlement", "決算額。決算が確定していない年度は空欄"),
    _amount("一般財源", "general_fund", "決算額の財源のうち一般財源"),
    _amount("国庫・県支出金・地方債", "national_prefectural_bonds", "決算額の財源のうち国庫、県支出金、地方債"),
    _amount("その他財源", "other", "決算額の財源のうちその他"),
    _amount("人件費", "personnel", "人件費計"),
    Column("正職員従事割合（人）", "number", "正職員が事業に従事した割合（人）", "costs[].staff_fte"),
    Column("正職員時間外勤務（時間）", "number", "正職員の時間外勤務（時間）", "costs[].overtime_hours"),
    Column("会計年度任用職員の有無", "boolean", f"会計年度任用職員の有無（{YES}／{NO}）",
           "costs[].fiscal_year_staff"),
    Column("総コスト（千円）", "integer", "決算額と人件費の合計（千円、このサイトで計算）。どちらかが空欄なら空欄"),
    Column("人口（人）", "integer", "対象年度の市の人口（content/population.yaml、出典と基準日は population の表）。"
           "記載のない年度は空欄"),
    Column("決算額（市民1人あたり、円）", "number", f"決算額を人口で割った額。{PER_RESIDENT_RULE}決算額か人口が空欄なら空欄"),
    Column("総コスト（市民1人あたり、円）", "number", f"総コストを人口で割った額。{PER_RESIDENT_RULE}総コストか人口が空欄なら空欄"),
)


def _cost_rows(sheet: Sheet, population: Population) -> Iterator[tuple[object, ...]]:
    for c in sheet.costs:
        known = population.of(c.fiscal_year)
        per_resident = [population.per_resident(amount, c.fiscal_year) for amount in (c.settlement, full_cost(c))]
        yield (
            sheet.fiscal_year, sheet.code, c.fiscal_year, c.budget, c.settlement, c.general_fund,
            c.national_prefectural_bonds, c.other, c.personnel, c.staff_fte, c.overtime_hours,
            c.fiscal_year_staff, full_cost(c), known.population if known else None,
            *(None if value is None else float(value) for value in per_resident),
        )


INDICATOR_COLUMNS = (
    YEAR,
    CODE,
    Column("指標番号", "integer", "シート上の指標の番号（1〜5）", "indicators[].number", required=True),
    _text("指標名", "indicators[].name", "指標の名称（単位を除く）"),
    _text("単位", "indicators[].unit", "目標値と実績の単位"),
    _text("指標の種類", "indicators[].kind", "活動結果指標または成果指標"),
    Column("対象年度", "integer", "値の年度（西暦）", "indicators[].values[].fiscal_year", required=True),
    Column("目標値", "number", "目標値（単位は「単位」の列）。空欄は設定なし", "indicators[].values[].target"),
    Column("実績", "number", "実績（単位は「単位」の列）。空欄は設定なし、または年度が終わっていない",
           "indicators[].values[].actual"),
    Column("目標値に対する実績の割合（%）", "number", "実績÷目標値×100（このサイトで計算、小数第2位を四捨五入）。"
           "実績か目標値が空欄、または目標値が0なら空欄。指標によって、値が大きいほどよいとは限らない"),
)


def _indicator_rows(sheet: Sheet, _: Population) -> Iterator[tuple[object, ...]]:
    for i in sheet.indicators:
        for v in i.values:
            ratio = attainment(v)
            yield (sheet.fiscal_year, sheet.code, i.number, i.name, i.unit, i.kind, v.fiscal_year, v.target, v.actual,
                   None if ratio is None else float(ratio))


EVALUATION_ASPECTS = (("citizen_needs", "市民ニーズ"), ("progress", "進捗状況"), ("city_involvement", "市の関与"),
                      ("priority", "優先度"))
EVALUATION_COLUMNS = (
    YEAR,
    CODE,
    Column("観点", "string", "評価の観点（" + "、".join(label for _, label in EVALUATION_ASPECTS) + "）",
           "evaluation の各キー", required=True),
    Column("評点（5段階）", "integer", "1〜5の評点。空欄はシートで「-」（評価なし）", "evaluation.*.score"),
    _text("説明", "evaluation.*.comment", "評点の説明"),
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


TEXT_FIELDS = (
    ("overview", "target", "対象"), ("overview", "purpose", "目的"), ("overview", "activities", "取組内容"),
    ("results", "previous_response", "前年度の課題への対応"), ("results", "achievements", "成果"),
    ("results", "issues_operations", "課題（業務）"), ("results", "issues_organization", "課題（組織、予算等）"),
    ("results", "improvement", "改善目標"),
)
INDICATOR_DESCRIPTION = "指標の概要"
TEXT_COLUMNS = (
    YEAR,
    CODE,
    Column("項目", "string", "文章の項目（" + "、".join(label for _, _, label in TEXT_FIELDS) + "、"
           f"{INDICATOR_DESCRIPTION}）", "overview.*, results.*, indicators[].description", required=True),
    Column("指標番号", "integer", f"「{INDICATOR_DESCRIPTION}」の行だけ、その指標の番号"),
    Column("順番", "integer", "項目の中での段落・箇条の順番（1から）", required=True),
    Column("内容", "string", "段落または箇条の文章（シートの表記どおり、マークアップは除去）", required=True),
)


def _text_rows(sheet: Sheet, _: Population) -> Iterator[tuple[object, ...]]:
    for group, key, label in TEXT_FIELDS:
        for order, text in enumerate(getattr(getattr(sheet, group), key), 1):
            yield sheet.fiscal_year, sheet.code, label, None, order, text
    for indicator in sheet.indicators:
        for order, text in enumerate(indicator.description, 1):
            yield sheet.fiscal_year, sheet.code, INDICATOR_DESCRIPTION, indicator.number, order, text


NOTE_COLUMNS = (
    YEAR,
    CODE,
    Column("順番", "integer", "シートの中での注意の順番（1から）", required=True),
    Column("種類", "string", "注意の種類（breakdown_mismatch: 内訳が決算額と合わない、negative_amount: 負の金額 など）",
           "notes[].check", required=True),
    Column("内容", "string", "注意の内容", "notes[].message", required=True),
)


def _note_rows(sheet: Sheet, _: Population) -> Iterator[tuple[object, ...]]:
    for order, note in enumerate(sheet.notes, 1):
        yield sheet.fiscal_year, sheet.code, order, note.check, note.message


TABLES = (
    Table("projects", "事業", "シート1枚につき1行：事業の基本情報、市民参加、今後の方向性、出典。",
          PROJECT_COLUMNS, ("年度", "事業番号"), _project_rows),
    Table("costs", "コストの推移", "シートと年度ごとに1行：予算額、決算額、財源内訳、人件費。",
          COST_COLUMNS, ("年度", "事業番号", "対象年度"), _cost_rows),
    Table("indicators", "指標の推移", "シート、指標、年度ごとに1行：目標値と実績。",
          INDICATOR_COLUMNS, ("年度", "事業番号", "指標番号", "対象年度"), _indicator_rows),
    Table("evaluations", "評価", "シートと評価の観点ごとに1行：担当部署による5段階の自己評価。",
          EVALUATION_COLUMNS, ("年度", "事業番号", "観点"), _evaluation_rows),
    Table("sdgs", "SDGs", "シートと関連するSDGsの目標ごとに1行。",
          SDG_COLUMNS, ("年度", "事業番号", "目標番号"), _sdg_rows),
    Table("texts", "文章", "シートの文章（概要、成果と課題、指標の概要）の段落・箇条ごとに1行。",
          TEXT_COLUMNS, (), _text_rows),  # 指標番号 is empty on most rows: no key
    Table("notes", "データについての注意", "シートの数値について、読み込み時に見つかった注意ごとに1行。",
          NOTE_COLUMNS, ("年度", "事業番号", "順番"), _note_rows),
)

