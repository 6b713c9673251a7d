"""Values read by hand off the real sheet text (content/sheets/2022/000_3e14ed9760a955ee.txt).

Each row was copied from the sheet by eye, not from the parser's output: the 令和4年度
(2022) cost column, one indicator year, the evaluation scores and the direction.
"""

from __future__ import annotations

import pytest

from builder.parse import parse_file
from tests.parse.helpers import NO_CONFIG, REAL_DISPLAY, REAL_FILE

# code: (line, budget, settlement, general fund, national etc., other, personnel, fte, overtime, 会計年度任用職員)
COST_2022 = {
    "092": (3, 10285, 9307, 9307, 0, 0, 2166, 0.30, 50.00, False),
    "094": (91, 668, 911, 911, 0, 0, 7177, 1.00, 150.00, True),
    "096": (180, 5418, 1227, 1227, 0, 0, 3528, 0.50, 50.00, False),
    "097": (270, 7528, 6446, 6446, 0, 0, 7275, 1.00, 190.00, True),
    "095": (358, 7806, 6691, 6691, 0, 0, 7006, 1.00, 80.00, True),
    "009": (447, 0, 0, 0, 0, 0, 5668, 0.80, 90.00, False),
    "093": (535, 6456, 5875, 2938, 2937, 0, 4963, 0.70, 80.00, False),
    "045": (625, 2000, 1214, 607, 607, 0, 2871, 0.40, 60.00, False),
}
# code: (indicator 1 name, unit, kind, fiscal year, target, actual)
INDICATOR_1 = {
    "092": ("連携企業数", "件", "活動結果指標", 2020, 641.0, 685.0),
    "094": ("新規協定締結数", "件", "活動結果指標", 2019, 1.0, 0.0),
    "097": ("ロボットのまち中実証実験数", "種類", "活動結果指標", 2022, 5.0, 3.0),
    "095": ("体験型科学教育事業の延べ参加者数", "人", "成果指標", 2020, 200.0, 57.0),
    "009": ("申請件数", "件", "活動結果指標", 2022, 6.0, 8.0),
    "093": ("フィールド実験の実施件数", "件", "活動結果指標", 2021, 5.0, 6.0),
    "045": ("製品等の試用件数", "件", "活動結果指標", 2021, 2.0, 1.0),
}
# code: (市民ニーズ, 進捗状況, 市の関与, 優先度, 方向性, SDGs)
EVALUATION = {
    "092": (3, 4, None, None, "継続", (9,)),
    "094": (4, 4, 5, 3, "継続", (8, 9, 11)),
    "096": (3, 4, 4, 1, "廃止", (8, 9, 11)),
    "097": (4, 4, 5, 3, "継続", (9,)),
    "095": (5, 4, 5, 5, "拡大・拡充", (8, 9, 11)),
    "009": (3, 5, 4, 5, "継続", (9,)),
    "093": (3, 4, 4, 5, "継続", (8, 9, 11)),
    "045": (3, 4, 4, 5, "継続", (9,)),
}


@pytest.fixture(scope="module")
def sheets():
    parsed, errors = parse_file(REAL_FILE, REAL_DISPLAY, NO_CONFIG)
    assert errors == []
    return {sheet.code: sheet for sheet in parsed}


@pytest.mark.parametrize("code", sorted(COST_2022))
def test_cost_column_of_2022(sheets, code):
    line, *expected = COST_2022[code]
    sheet = sheets[code]
    cost = sheet.cost_for(2022)
    assert sheet.source.line == line
    assert [
        cost.budget, cost.settlement, cost.general_fund, cost.national_prefectural_bonds, cost.other,
        cost.personnel, cost.staff_fte, cost.overtime_hours, cost.fiscal_year_staff,
    ] == expected  # fmt: skip
    assert [c.fiscal_year for c in sheet.costs] == [2020, 2021, 2022, 2023, 2024]


@pytest.mark.parametrize("code", sorted(COST_2022))
def test_years_after_the_sheet_year_have_no_settlement_but_keep_their_plans(sheets, code):
    for cost in sheets[code].costs:
        assert (cost.settlement is None) == (cost.fiscal_year > 2022)
    assert sheets[code].cost_for(2023).budget is not None


@pytest.mark.parametrize("code", sorted(INDICATOR_1))
def test_first_indicator(sheets, code):
    name, unit, kind, year, target, actual = INDICATOR_1[code]
    indicator = sheets[code].indicators[0]
    value = next(v for v in indicator.values if v.fiscal_year == year)
    assert (indicator.number, indicator.name, indicator.unit, indicator.kind) == (
        1,
        name,
        unit,
        kind,
    )
    assert (value.target, value.actual) == (target, actual)
    assert [v.fiscal_year for v in indicator.values] == [2019, 2020, 2021, 2022, 2023, 2024]


@pytest.mark.parametrize("code", sorted(EVALUATION))
def test_evaluation_direction_and_sdgs(sheets, code):
    sheet = sheets[code]
    scores = [s.score for s in (sheet.evaluation.citizen_needs, sheet.evaluation.progress,
                                sheet.evaluation.city_involvement, sheet.evaluation.priority)]  # fmt: skip
    assert (*scores, sheet.direction.decision, sheet.sdgs) == EVALUATION[code]


def test_empty_indicator_slots_are_dropped(sheets):
    assert {code: len(s.indicators) for code, s in sheets.items()} == {
        "092": 2, "094": 2, "096": 0, "097": 1, "095": 1, "009": 1, "093": 1, "045": 1,
    }  # fmt: skip


def test_zero_pairs_and_unclosed_actuals_are_null(sheets):
    values = {v.fiscal_year: (v.target, v.actual) for v in sheets["045"].indicators[0].values}
    assert values == {
        2019: (None, None),
        2020: (None, None),
        2021: (2.0, 1.0),
        2022: (2.0, 2.0),
        2023: (2.0, None),
        2024: (None, None),
    }


def test_other_cost_years_read_off_the_sheet(sheets):
    assert sheets["094"].cost_for(2021).national_prefectural_bonds == 2295
    assert sheets["097"].cost_for(2020).general_fund == 0
    assert sheets["097"].cost_for(2020).national_prefectural_bonds == 5139
    assert sheets["093"].cost_for(2020).other == 4002
    assert sheets["095"].cost_for(2023).general_fund == -4620
    assert sheets["095"].cost_for(2023).budget == 13232
    assert sheets["092"].cost_for(2020).overtime_hours == 213.67


def test_header_fields(sheets):
    assert sheets["095"].mayor_pledge == "31-1"
    assert sheets["095"].strategic_plan.code == "Ⅲ-2-1-3"
    assert sheets["095"].strategic_plan.title == "科学教育の推進と批判的思考の育成"
    assert sheets["093"].mayor_pledge == "116"
    assert sheets["092"].period == "期間限定複数年度"
    assert sheets["045"].status == "新規"
    assert (
        sheets["045"].name == "市場・市民ニーズ調査事業（旧：未来技術等社会実装支援事業（仮称））"
    )
    assert (
        sheets["097"].legal_basis
        == "「ロボットの街つくば」の実現に向けて（提言）、新たなつくばのランドデザイン"
    )
    assert all(
        s.department == "政策イノベーション部" and s.division == "科学技術振興課"
        for s in sheets.values()
    )
    assert sheets["094"].section == "科学の街推進係"


def test_notes_of_the_real_sheets(sheets):
    notes = {code: [(n.check, n.message) for n in s.notes] for code, s in sheets.items() if s.notes}
    assert notes == {
        "092": [
            (
                "indicator_zero_actual",
                (
                    "指標2（連携企業数）の令和4年度の実績が 0 と記載されています（目標値 360）。"
                    "シートの記載どおり 0 としていますが、シート作成時点で未集計の場合があります。"
                ),
            ),
        ],
        "095": [
            ("negative_amount", "令和5年度: 一般財源が -4,620 千円（負の値）と記載されています。"),
            ("negative_amount", "令和6年度: 一般財源が -5,183 千円（負の値）と記載されています。"),
        ],
        "093": [
            ("negative_amount", "令和5年度: 一般財源が -2,933 千円（負の値）と記載されています。")
        ],
        "045": [
            ("negative_amount", "令和5年度: 一般財源が -1,000 千円（負の値）と記載されています。")
        ],
    }
