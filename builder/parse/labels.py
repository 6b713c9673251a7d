"""The labels each section of a sheet prints, declared once: the parser reads these tables.

Each ``Label`` says what the sheet prints, the data-file field it fills (a path as in
``builder/records/sheet.schema.json``) and how many value cells follow it. A cell that is
none of its section's labels and cannot be the value of the label before it is an error at
its line: nothing is ever appended to a neighbouring field.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.parse.sections import BASIC, DIRECTION, EVALUATION, OVERVIEW, PARTICIPATION, RESULTS


@dataclass(frozen=True)
class Label:
    """A label as printed and what follows it."""

    text: str  # as printed (compared without spaces, （） as ())
    field: str  # the data-file field it fills
    cells: int = 1  # value cells it takes at most; 0: any number
    lines: bool = False  # its values go on over the following lines (one or more per line)


BASIC_LABELS = (
    Label("事務事業名", "code, name", cells=2),  # 「092 国際戦略総合特区推進事業」, or the two in two cells
    Label("予算科目", "budget_item", cells=2),  # code and name, in one cell or two
    Label("担当部課", "department, division", cells=2),  # 部課 in one cell or two
    Label("市長公約", "mayor_pledge"),
    Label("係名", "section"),
    Label("戦略プラン", "strategic_plan", cells=6),  # code parts (IV-1, 2, 1) then the title
    Label("新規・継続", "status"),
    Label("事業分類", "category"),
    Label("事業体制", "structure"),
    Label("個別計画", "plan"),
    Label("事業期間", "period"),
    Label("根拠法令等", "legal_basis"),
    Label("SDGs", "sdgs", cells=0, lines=True),  # one goal per line
)
OVERVIEW_LABELS = (
    Label("対象", "overview.target"),
    Label("目的", "overview.purpose"),
    Label("概要 (取組内容)", "overview.activities"),
)
PARTICIPATION_LABELS = (
    Label("共有、理解", "participation.sharing"),
    Label("企画・立案、計画", "participation.planning"),
    Label("実行", "participation.implementation"),
    Label("評価、検証", "participation.evaluation"),
)
ISSUES_OPERATIONS = "業務"  # under 課題, in its own cell or as <p>業務</p> inside 課題's cell
ISSUES_ORGANIZATION = "組織、予算等"
RESULTS_LABELS = (
    Label("前年度の課題への対応", "results.previous_response"),
    Label("成果", "results.achievements"),
    Label("課題", "results.issues_operations, results.issues_organization"),
    Label(ISSUES_OPERATIONS, "results.issues_operations"),
    Label(ISSUES_ORGANIZATION, "results.issues_organization"),
    Label("改善目標", "results.improvement"),
)
EVALUATION_LABELS = (  # each: a score 1-5 (or -) and a comment
    Label("市民ニーズ", "evaluation.citizen_needs", cells=2),
    Label("進捗状況", "evaluation.progress", cells=2),
    Label("市の関与", "evaluation.city_involvement", cells=2),
    Label("優先度", "evaluation.priority", cells=2),
)
DIRECTION_LABELS = (
    Label("方向性", "direction.decision"),
    Label("理由", "direction.reason"),
)
# The labelled sections, read by ``builder.parse.fields.read_fields``.
SECTION_LABELS: dict[str, tuple[Label, ...]] = {
    BASIC: BASIC_LABELS,
    OVERVIEW: OVERVIEW_LABELS,
    PARTICIPATION: PARTICIPATION_LABELS,
    RESULTS: RESULTS_LABELS,
    EVALUATION: EVALUATION_LABELS,
    DIRECTION: DIRECTION_LABELS,
}

# コストの推移: one row per label, a unit cell such as (千円), then one value per year column.
COST_ROWS = (
    Label("予算額", "costs[].budget", cells=0),
    Label("決算額", "costs[].settlement", cells=0),
    Label("一般財源", "costs[].general_fund", cells=0),
    Label("国庫、県支出金、地方債", "costs[].national_prefectural_bonds", cells=0),
    Label("その他", "costs[].other", cells=0),
    Label("人件費計", "costs[].personnel", cells=0),
    Label("正職員従事割合", "costs[].staff_fte", cells=0),
    Label("正職員時間外勤務", "costs[].overtime_hours", cells=0),
    Label("会計年度任用職員有無", "costs[].fiscal_year_staff", cells=0),
)
# 指標の推移: up to five blocks of these rows, with a year row after 指標名.
INDICATOR_ROWS = (
    Label("指標名", "indicators[].name, indicators[].unit, indicators[].kind", cells=2),
    Label("目標値", "indicators[].values[].target", cells=0),
    Label("実績", "indicators[].values[].actual", cells=0),
    Label("指標の概要", "indicators[].description"),
)
