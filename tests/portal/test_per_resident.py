"""市民1人あたり: 決算額 and 総コスト divided by the population of content/population.yaml
(yen = 千円 × 1,000 ÷ 人口, rounded half up to 0.1), on the pages and in the downloads;
absent, with the reason, for a year without a population."""

from __future__ import annotations

import csv
import io
import sqlite3
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from builder.downloads.sqlite import SQLITE
from builder.errors import ConfigError
from builder.settings.population import read_population
from tests.portal.portalkit import Element, page, table_rows

POPULATION = {2020: 274624, 2022: 252202}  # tests/portal/conftest.py's test file


def expected(amount: int, year: int) -> Decimal:
    """The rule, computed here on its own: exact fraction, then half up to one decimal."""
    return (Decimal(amount) * 1000 / Decimal(POPULATION[year])).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def _box(doc: Element) -> Element:
    (box,) = [e for e in doc.iter() if e.attrs.get("class") == "per-resident"]
    return box


def _figures(box: Element) -> dict[str, str]:
    """Each amount per resident a year (the text of its dd before the amount a day)."""
    return {
        d.find_all("dt")[0].text(): d.find_all("dd")[0].text().split("（")[0]
        for d in box.find_all("div")
    }


def _per_day(box: Element) -> dict[str, str]:
    return {d.find_all("dt")[0].text(): d.find_all("span")[0].text() for d in box.find_all("div")}


def test_the_history_table_of_092_divides_each_settlement_by_its_years_population(
    multiyear,
) -> None:
    rows = table_rows(
        page(multiyear[1], "/projects/092/").by_id("costs-budget").find_all("table")[0]
    )
    settled = [c.value for c in rows["決算額"]]
    assert settled == [8582, 8973, 9307, 8338, None, None]  # 2020 .. 2025
    per_resident = rows["市民1人あたりの決算額"]
    assert per_resident[0].value == float(expected(8582, 2020)) == 31.3  # 31.25: half up
    assert per_resident[2].value == float(expected(9307, 2022)) == 36.9
    assert [(c.value, c.note) for c in (per_resident[1], per_resident[3])] == [
        (None, "人口の記載なし")
    ] * 2
    assert [c.note for c in per_resident[4:]] == ["未確定", "未確定"]


def test_the_year_page_shows_both_amounts_per_resident_with_the_formula(multiyear) -> None:
    box = _box(page(multiyear[1], "/projects/092/2022/"))
    assert _figures(box) == {
        "決算額": f"{expected(9307, 2022)}円",
        "総コスト": f"{expected(9307 + 2166, 2022)}円",
    }
    assert _figures(box) == {"決算額": "36.9円", "総コスト": "45.5円"}
    # a day of fiscal 2022 (365 days): 9,307,000 / 252,202 / 365 = 0.1011; 11,473,000 / ... = 0.1246
    assert _per_day(box) == {"決算額": "（1日あたり0.10円）", "総コスト": "（1日あたり0.12円）"}
    note = box.find_all("p")[1]
    assert "252,202人（2023年1月1日現在）" in note.text() and "テスト用" in note.text()
    assert note.find_all("a")[0].attrs["href"] == "/glossary/#per-resident"  # the rule, said once


def test_a_year_without_a_population_shows_the_reason_not_a_figure(multiyear) -> None:
    for url in ("/projects/092/", "/", "/departments/policy-innovation/"):
        box = _box(page(multiyear[1], url))
        assert not box.find_all("dl"), url
        assert (
            "令和5年度 (2023年度)の人口の記載なしのため、市民1人あたりの金額は示していません。"
            in box.text()
        ), url


def test_the_totals_per_resident_on_the_home_and_department_pages(site: Path) -> None:
    """The repository's own population file: 2022 is 252,202 (住民基本台帳, 2023-01-01)."""
    home = _figures(_box(page(site, "/")))
    costs = list(
        csv.DictReader(io.StringIO((site / "data" / "costs.csv").read_bytes().decode("utf-8-sig")))
    )
    own = [r for r in costs if r["年度"] == r["対象年度"] == "2022"]
    settlement = sum(int(r["決算額（千円）"]) for r in own)
    full = sum(int(r["総コスト（千円）"]) for r in own)
    assert home == {
        "決算額の合計": f"{expected(settlement, 2022):,}円",
        "総コストの合計": f"{expected(full, 2022):,}円",
    }
    department = _figures(_box(page(site, "/departments/policy-innovation/")))
    assert department == home  # every 2022 sheet is of this department


def test_the_downloads_carry_the_amounts_per_resident(multiyear) -> None:
    site = multiyear[1]
    costs = list(
        csv.DictReader(io.StringIO((site / "data" / "costs.csv").read_bytes().decode("utf-8-sig")))
    )
    row = next(
        r for r in costs if (r["年度"], r["事業番号"], r["対象年度"]) == ("2023", "092", "2022")
    )
    assert (
        row["人口（人）"],
        row["決算額（市民1人あたり、円）"],
        row["総コスト（市民1人あたり、円）"],
    ) == ("252202", "36.9", "45.5")
    missing = next(
        r for r in costs if (r["年度"], r["事業番号"], r["対象年度"]) == ("2023", "092", "2023")
    )
    assert (
        missing["決算額（千円）"] == "8338"
        and missing["人口（人）"] == missing["決算額（市民1人あたり、円）"] == ""
    )
    with sqlite3.connect(f"file:{site / 'data' / SQLITE}?mode=ro", uri=True) as db:
        assert db.execute("SELECT * FROM population").fetchall() == [
            (
                2020,
                274624,
                "2021-01-01",
                "テスト用の架空の人口",
                "https://example.invalid/population/2020",
            ),
            (
                2022,
                252202,
                "2023-01-01",
                "テスト用（つくば市の2023年1月1日現在の人口と同じ数）",
                "https://example.invalid/population/2022",
            ),
        ]
        assert db.execute(
            'SELECT "決算額（市民1人あたり、円）" FROM costs WHERE "年度" = 2022 AND "事業番号" = \'092\' '
            'AND "対象年度" = 2020'
        ).fetchone() == (31.3,)


def test_the_shipped_population_file_cites_its_sources() -> None:
    years = read_population(Path(__file__).resolve().parents[2] / "content")
    assert [(y.fiscal_year, y.population, y.reference_date.isoformat()) for y in years] == [
        (2022, 252202, "2023-01-01"),
        (2024, 259018, "2025-01-01"),
    ]
    assert all(y.source and y.url.startswith("https://") for y in years)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "2022:\n  population: 252202\n",
            2,
            "期待 キー reference_date, source, url、実際 ありません",
        ),
        (
            "2022:\n  population: many\n  reference_date: 2023-01-01\n  source: x\n  url: https://x.invalid/\n",
            2,
            "期待 population（人口）（整数）、実際 「many」",
        ),
        ("令和4:\n  population: 1\n", 1, "期待 西暦の年度（2022 のような4桁の数）、実際 「令和4」"),
    ],
)
def test_a_bad_population_file_is_reported_at_its_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    (tmp_path / "population.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as failure:
        read_population(tmp_path)
    report = failure.value.report()
    assert f"population.yaml:{line}:" in report and message in report
