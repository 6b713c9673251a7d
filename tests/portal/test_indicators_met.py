"""目標値に対する実績の割合: in the indicator tables and the chart hover text, and the
summaries of the department pages and /changes/<fy>/ (builder.records.attainment)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from builder.records.attainment import RATIO_LABEL, attainment
from builder.records.model import IndicatorValue
from tests.portal.portalkit import Element, page


def _cells_by_year(figure: Element) -> dict[str, dict[str, str]]:
    """Row label -> {fiscal year (sublabel): cell text} of a figure's table."""
    table = figure.find_all("table")[0]
    years = [
        th.find_all("span", **{"class": "sub"})[0].text()
        for th in table.find_all("thead")[0].find_all("th")[1:]
    ]
    rows = {}
    for row in table.find_all("tbody")[0].find_all("tr"):
        label = row.find_all("th")[0].text().split("（")[0]
        rows[label] = dict(zip(years, (td.text() for td in row.find_all("td"))))
    return rows


def test_the_rule_rounds_half_up_from_the_printed_values() -> None:
    assert attainment(IndicatorValue(2020, 641.0, 685.0)) == Decimal("106.9")  # 106.864...
    assert attainment(IndicatorValue(2020, 8.0, 1.0)) == Decimal("12.5")
    assert attainment(IndicatorValue(2020, 16.0, 1.0)) == Decimal(
        "6.3"
    )  # 6.25: half up, not to even
    assert attainment(IndicatorValue(2020, 0.0, 5.0)) is None
    assert attainment(IndicatorValue(2020, 10.0, None)) is None


def test_092_indicator_1_in_2020_is_106_9_percent(multiyear: tuple[Path, Path]) -> None:
    site = multiyear[1]
    for url, anchor in (
        ("/projects/092/", "indicator-1-2022"),
        ("/projects/092/2022/", "indicator-1"),
    ):
        figure = page(site, url).by_id(anchor)
        rows = _cells_by_year(figure)
        assert (rows["目標値"]["2020"], rows["実績"]["2020"], rows[RATIO_LABEL]["2020"]) == (
            "641",
            "685",
            "106.9%",
        )
        assert rows[RATIO_LABEL]["2019"] == "126.7%"  # 616 / 486 = 126.74...
        assert rows[RATIO_LABEL]["2021"] == "—（設定なし）"
        spec = json.loads(figure.find_all("script")[0].text())
        bars = next(t for t in spec["data"] if t["name"] == "実績")
        assert bars["customdata"][1] == f"{RATIO_LABEL}：106.9%"
        assert "%{customdata}" in bars["hovertemplate"]


def test_a_year_not_closed_has_no_ratio(multiyear: tuple[Path, Path]) -> None:
    rows = _cells_by_year(page(multiyear[1], "/projects/092/").by_id("indicator-2"))
    assert rows["実績"]["2023"] == "432" and rows["目標値"]["2023"] == "540"
    assert rows[RATIO_LABEL]["2023"] == "80.0%"
    assert rows[RATIO_LABEL]["2024"] == "—（未確定）"


def _summary(doc: Element) -> tuple[str, list[tuple[str, ...]]]:
    """The summary sentence and the rows (link text, link, target, actual, ratio) of the
    indicators below their target."""
    section = doc.by_id("indicators-met")
    rows = []
    for tr in section.find_all("tbody")[0].find_all("tr"):
        ratio, target, actual = (
            td.text() for td in tr.find_all("td")
        )  # the ratio, the table's key, first
        rows.append(
            (tr.find_all("a")[0].text(), tr.find_all("a")[0].attrs["href"], target, actual, ratio)
        )
    return section.find_all("p")[0].text(), rows


def test_the_changes_page_counts_the_indicators_of_the_year(multiyear: tuple[Path, Path]) -> None:
    text, rows = _summary(page(multiyear[1], "/changes/2023/"))
    assert (
        "指標10件のうち" in text
        and "比べられるものは10件で、実績が目標値以上のものは2件、目標値に届かなかったものは8件です"
        in text
    )
    assert len(rows) == 8
    assert rows[1] == (
        "092 国際戦略総合特区推進事業　指標1：特区プロジェクト数",
        "/projects/092/2023/#indicator-1",
        "10件",
        "8件",
        "80.0%",
    )
    assert rows[4][1:] == (
        "/projects/094/2023/#indicator-2",
        "21件",
        "17件",
        "81.0%",
    )  # 17 / 21 = 80.95...
    assert not any(word in text for word in ("未達成", "達成率", "良好", "不十分"))


def test_the_department_page_counts_its_latest_indicators(multiyear: tuple[Path, Path]) -> None:
    text, rows = _summary(page(multiyear[1], "/departments/policy-innovation/"))
    assert "令和5年度 (2023年度)のシートの指標10件のうち" in text
    assert [r[1] for r in rows][:2] == [
        "/projects/009/2023/#indicator-1",
        "/projects/092/2023/#indicator-1",
    ]
