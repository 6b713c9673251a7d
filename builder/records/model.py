"""The sheet record: one 事務事業マネジメントシート as typed, immutable data.

The fields of a sheet are declared once, in ``builder.records.fields``: ``Sheet`` and the
record types of the groups it names are generated from that registry
(``builder.records.sheetclass``; a test holds them to it). ``builder.records.datafile``
turns a ``Sheet`` into the YAML file ``content/data/<fy>/<code>.yaml`` and back; the
contract is ``sheet.schema.json``.
Amounts are integers in thousands of yen (千円). ``None`` means the sheet left the
value empty, or (for future years) that the value does not exist yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from builder.records.fields import SCHEMA_VERSION


def full_cost(cost: CostYear | None) -> int | None:
    """決算額 plus 人件費: what the project really cost that year; None when either is unknown."""
    if cost is None or cost.settlement is None or cost.personnel is None:
        return None
    return cost.settlement + cost.personnel


class SheetMethods:
    """What a sheet answers beyond its fields (the generated :class:`Sheet` below inherits it)."""

    CONTENT_HASHED: ClassVar[bool] = True  # keys name a sheet by its hash (builder.util.cache)
    costs: tuple[CostYear, ...]

    def cost_for(self, fiscal_year: int) -> CostYear | None:
        """The cost column of ``fiscal_year``, or None when the sheet has no such column."""
        return next((c for c in self.costs if c.fiscal_year == fiscal_year), None)


# BEGIN generated from builder.records.fields.SHEET by `python -m builder.records.schema`; do not edit
@dataclass(frozen=True)
class BudgetItem:
    """予算科目: the budget line the project is paid from."""

    code: str | None  # 予算科目
    name: str | None  # 予算科目の名称。空欄はシートに記載なし


@dataclass(frozen=True)
class StrategicPlan:
    """戦略プラン: the place of the project in the city's strategic plan."""

    code: str  # 戦略プラン
    title: str | None  # 戦略プランの取組名。空欄はシートに記載なし


@dataclass(frozen=True)
class Overview:
    """事業の概要: who the project serves, why, and what it does (lists of items)."""

    target: tuple[str, ...]  # 対象
    purpose: tuple[str, ...]  # 目的
    activities: tuple[str, ...]  # 取組内容


@dataclass(frozen=True)
class CostYear:
    """One fiscal-year column of コストの推移."""

    fiscal_year: int  # コストの年度（西暦）。シートの年度より後の年度は計画値
    budget: int | None  # 予算額
    settlement: int | None  # 決算額
    general_fund: int | None  # 一般財源
    national_prefectural_bonds: int | None  # 国庫・県支出金・地方債
    other: int | None  # その他
    personnel: int | None  # 人件費計
    staff_fte: float | None  # 正職員従事割合
    overtime_hours: float | None  # 正職員時間外勤務
    fiscal_year_staff: bool | None  # 会計年度任用職員の有無


@dataclass(frozen=True)
class Participation:
    """市民参加の取組状況: how residents take part, per stage (None when none)."""

    sharing: str | None  # 共有、理解
    planning: str | None  # 企画・立案、計画
    implementation: str | None  # 実行
    evaluation: str | None  # 評価、検証


@dataclass(frozen=True)
class Indicator:
    """One performance indicator (指標) with its yearly values."""

    number: int  # シート上の指標の番号（1〜5）
    name: str | None  # 指標名
    unit: str | None  # 目標値と実績の単位。空欄はシートに記載なし
    kind: str | None  # 活動結果指標または成果指標。空欄はシートに記載なし
    description: tuple[str, ...]  # 指標の概要
    values: tuple[IndicatorValue, ...]


@dataclass(frozen=True)
class IndicatorValue:
    """Target and actual of one indicator for one fiscal year."""

    fiscal_year: int  # 値の年度（西暦）
    target: float | None  # 目標値
    actual: float | None  # 実績


@dataclass(frozen=True)
class Results:
    """事業の成果と課題 (each a list of items)."""

    previous_response: tuple[str, ...]  # 前年度の課題への対応
    achievements: tuple[str, ...]  # 成果
    issues_operations: tuple[str, ...]  # 課題（業務）
    issues_organization: tuple[str, ...]  # 課題（組織、予算等）
    improvement: tuple[str, ...]  # 改善目標


@dataclass(frozen=True)
class Evaluation:
    """評価: the department's self-evaluation on four criteria."""

    citizen_needs: Score  # 市民ニーズ
    progress: Score  # 進捗状況
    city_involvement: Score  # 市の関与
    priority: Score  # 優先度


@dataclass(frozen=True)
class Score:
    """One evaluation criterion: a 1-5 score (None where the sheet prints "-") and its comment."""

    score: int | None
    comment: str | None


@dataclass(frozen=True)
class Direction:
    """方向性: what happens to the project next (継続, 拡大・拡充, 廃止 ...) and why."""

    decision: str | None  # 方向性
    reason: str | None  # 理由


@dataclass(frozen=True)
class Source:
    """Where the sheet came from: the source file (relative to the project) and its title line."""

    file: str  # 元のシートのファイル（リポジトリ内のパス）
    line: int  # 元のシートが始まる行の番号


@dataclass(frozen=True)
class Note:
    """A data-quality finding about the sheet, kept next to the data it concerns."""

    check: str
    message: str


@dataclass(frozen=True)
class Sheet(SheetMethods):
    """One project's management sheet for one fiscal year: the fields of :data:`SHEET`
    (``builder.records.fields``), in its order, ``notes`` and ``schema_version`` last."""

    fiscal_year: int
    fiscal_year_label: str
    code: str
    name: str
    budget_item: BudgetItem
    department: str
    division: str | None
    section: str | None
    mayor_pledge: str | None
    strategic_plan: StrategicPlan | None
    status: str | None
    category: str | None
    structure: str | None
    plan: str | None
    period: str | None
    legal_basis: str | None
    sdgs: tuple[int, ...]
    overview: Overview
    costs: tuple[CostYear, ...]
    participation: Participation
    indicators: tuple[Indicator, ...]
    results: Results
    evaluation: Evaluation
    direction: Direction
    source: Source
    notes: tuple[Note, ...] = ()
    schema_version: int = SCHEMA_VERSION


# END generated
