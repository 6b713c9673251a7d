"""The home page's costs by department: bars drawn at build time (no script), the same
numbers as the figure's table, each bar as long as its share of the longest."""

from __future__ import annotations

from pathlib import Path

from builder.pages.bars import stacked_bars
from tests.portal.portalkit import page, read_cell


def _style(element) -> dict[str, str]:
    return dict(part.split(":", 1) for part in element.attrs["style"].split(";"))


def test_home_department_bars_match_their_table(site: Path) -> None:
    doc = page(site, "/")
    figure = doc.by_id("costs-by-department")
    assert not [e for e in doc.find_all("script") if "src" in e.attrs]  # the home page runs no chart script
    (bars,) = [e for e in figure.find_all("div") if e.attrs.get("class") == "bars"]
    assert bars.attrs["role"] == "img" and bars.attrs["aria-label"].startswith("部署別の総コスト")
    table_rows = figure.find_all("tbody")[0].find_all("tr")
    amounts = {row.find_all("th")[0].text(): [read_cell(td.text()).value for td in row.find_all("td")] for row in table_rows}
    longest = max(settlement + personnel for settlement, personnel, _ in amounts.values())
    drawn = [e for e in bars.find_all("div") if e.attrs.get("class") == "bar-row"]
    assert [row.find_all("span")[0].text() for row in drawn] == list(amounts)  # same departments, same order
    assert len(amounts) >= 1
    for row in drawn:
        label, _track, *segments, total = row.find_all("span")
        settlement, personnel, full_cost = amounts[label.text()]
        assert read_cell(total.text()).value == full_cost == settlement + personnel
        widths = [float(_style(s)["width"].rstrip("%")) for s in segments]
        assert widths == [round(100 * settlement / longest, 2), round(100 * personnel / longest, 2)]


def test_stacked_bars_draw_nothing_for_a_missing_or_negative_value() -> None:
    chart = stacked_bars(("A", "B", "C"), (("x", (300, None, -50)), ("y", (100, 200, 0))), unit="千円")
    assert [[s.width for s in bar.segments] for bar in chart.bars] == [["75.00%", "25.00%"], ["0.00%", "50.00%"], ["0.00%", "0.00%"]]
    assert [bar.total for bar in chart.bars] == ["400", "200", "-50"]
    assert [name for name, _ in chart.legend] == ["x", "y"]
    assert stacked_bars(("A",), (("x", (None,)),), unit="千円").bars[0].segments[0].width == "0%"
