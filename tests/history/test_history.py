"""Project history across years and the what-changed comparison, on the real 2022 sheets plus
the made-up 2023 fixture (tests/fixtures/multiyear/README.md lists what it covers)."""

from __future__ import annotations

import pytest

from builder.catalog.changes import year_changes
from builder.catalog.history import project_history
from builder.parse import parse_file
from tests.parse.helpers import NO_CONFIG, REAL_DISPLAY, REAL_FILE
from tests.portal.portalkit import MULTIYEAR_SHEET


@pytest.fixture(scope="module")
def by_year():
    first, errors = parse_file(REAL_FILE, REAL_DISPLAY, NO_CONFIG)
    second, more = parse_file(
        MULTIYEAR_SHEET, "tests/fixtures/multiyear/sheets/2023/r5_fixture.txt", NO_CONFIG
    )
    assert errors == more == []
    return {2022: {s.code: s for s in first}, 2023: {s.code: s for s in second}}


def history(by_year, code):
    return project_history([year[code] for year in by_year.values() if code in year])


# (fiscal year, 予算額, 決算額, 人件費, sheet year it comes from) read off the two sheet files
COSTS_092 = [
    (2020, 9697, 8582, 7325, 2022),
    (2021, 9603, 8973, 7054, 2023),
    (2022, 10285, 9307, 2166, 2023),
    (2023, 9265, 8338, 2166, 2023),  # a plan in the 2022 sheet (決算額 0), settled in 2023
    (2024, 9265, None, 2166, 2023),
    (2025, 9265, None, 2166, 2023),
]


def test_cost_history_takes_each_year_from_the_newest_sheet(by_year):
    points = history(by_year, "092").costs
    assert [
        (p.cost.fiscal_year, p.cost.budget, p.cost.settlement, p.cost.personnel, p.reported_in)
        for p in points
    ] == COSTS_092
    assert [p.closed for p in points] == [True, True, True, True, False, False]


def test_a_revised_settled_figure_wins_over_the_older_sheet(by_year):
    points = {p.cost.fiscal_year: p.cost for p in history(by_year, "094").costs}
    assert by_year[2022]["094"].cost_for(2022).settlement == 911
    assert (points[2022].settlement, points[2022].general_fund) == (915, 915)


def test_indicator_actual_known_later_and_a_replaced_indicator(by_year):
    indicators = history(by_year, "092").indicators
    assert [(i.number, i.name, i.kind, i.current, i.sheet_years) for i in indicators] == [
        (1, "特区プロジェクト数", "成果指標", True, (2023,)),
        (2, "連携企業数", "活動結果指標", True, (2022, 2023)),
        (1, "連携企業数", "活動結果指標", False, (2022,)),
    ]
    values = {
        p.value.fiscal_year: (p.value.target, p.value.actual, p.reported_in)
        for p in indicators[1].points
    }
    assert values[2022] == (360.0, 371.0, 2023)  # printed 0.0 in 2022 (★6月判明), known in 2023
    assert values[2023] == (540.0, 432.0, 2023)
    assert values[2025] == (720.0, None, 2023)
    old = {p.value.fiscal_year: (p.value.target, p.value.actual) for p in indicators[2].points}
    assert old[2019] == (486.0, 616.0) and old[2020] == (641.0, 685.0)


def test_renamed_projects_keep_their_former_names(by_year):
    renamed = history(by_year, "093")
    assert (
        renamed.name == "Society 5.0社会実装支援事業（旧：Society 5.0社会実装トライアル支援事業）"
    )
    assert renamed.former_names == ("Society 5.0社会実装トライアル支援事業",)
    assert history(by_year, "045").former_names == ("未来技術等社会実装支援事業（仮称）",)
    assert history(by_year, "097").former_names == ()


def test_sheet_years_of_abolished_new_and_continuing_projects(by_year):
    assert history(by_year, "096").sheet_years == (2022,)
    assert history(by_year, "120").sheet_years == (2023,)
    assert history(by_year, "097").sheet_years == (2022, 2023)


def test_what_changed_in_2023(by_year):
    changes = year_changes(by_year[2022], by_year[2023], 2023)
    assert [s.code for s in changes.new] == ["120"]
    assert [(s.code, s.direction.decision) for s in changes.ended] == [("096", "廃止")]
    assert [(c.sheet.code, c.before, c.after) for c in changes.directions] == [
        ("097", "継続", "拡大・拡充")
    ]
    settlement = [(c.sheet.code, c.before, c.after, c.difference) for c in changes.settlement]
    assert (
        settlement
        == [  # 2022 and 2023 決算額 of the 2023 sheet, largest change first; 009 unchanged (0)
            ("095", 6691, 11909, 5218),
            ("097", 6446, 4589, -1857),
            ("092", 9307, 8338, -969),
            ("094", 915, 1579, 664),
            ("045", 1214, 1800, 586),
            ("093", 5875, 6071, 196),
        ]
    )
    personnel = [(c.sheet.code, c.before, c.after) for c in changes.personnel]
    assert personnel == [("095", 7006, 10533)]
