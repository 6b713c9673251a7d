"""The yearly rebuild: the real 令和4年度 sheets, then the made-up 令和5年度 fixture added
(tests/fixtures/multiyear/README.md). History figures are checked cell by cell."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.build import build_site
from tests.portal.portalkit import (
    MULTIYEAR_SHEET,
    Element,
    TableCell,
    copy_content,
    html_files,
    page,
    table_rows,
    url_of,
)


@pytest.fixture(scope="module")
def builds(built: tuple[Path, Path], two_year_build: tuple[Path, Path]) -> tuple[Path, Path]:
    """(site of the first year alone, site after adding the second year): the session's builds."""
    return built[1], two_year_build[1]


def cost_rows(doc: Element) -> dict[str, list[TableCell]]:
    rows = {}
    for figure in ("costs-budget", "costs-sources", "costs-personnel"):
        rows.update(table_rows(doc.by_id(figure).find_all("table")[0]))
    return rows


def values(cells: list[TableCell]) -> list[float | None]:
    return [c.value for c in cells]


def test_history_costs_of_092_cell_by_cell(builds):
    rows = cost_rows(page(builds[1], "/projects/092/"))
    # 令和2年度 from the 2022 sheet; 令和3-7年度 from the 2023 sheet; 2024/2025 are plans
    assert values(rows["予算額"]) == [9697, 9603, 10285, 9265, 9265, 9265]
    assert values(rows["決算額"]) == [8582, 8973, 9307, 8338, None, None]
    assert [c.note for c in rows["決算額"]][4:] == ["未確定", "未確定"]
    assert values(rows["一般財源"]) == [8582, 8973, 9307, 8338, 0, 0]
    assert values(rows["人件費計"]) == [7325, 7054, 2166, 2166, 2166, 2166]
    assert values(rows["正職員時間外勤務"]) == [213.67, 90.25, 50.0, 50.0, 50.0, 50.0]


def test_a_settled_year_replaces_the_plan_and_a_revision_wins(builds):
    first, second = (
        cost_rows(page(builds[0], "/projects/094/")),
        cost_rows(page(builds[1], "/projects/094/")),
    )
    assert values(first["決算額"]) == [836, 5937, 911, None, None]
    assert values(second["決算額"]) == [836, 5937, 915, 1579, None, None]


def test_indicators_history_with_a_replaced_indicator(builds):
    doc = page(builds[1], "/projects/092/")
    new, kept, ended = (doc.by_id(i) for i in ("indicator-1", "indicator-2", "indicator-1-2022"))
    assert "特区プロジェクト数" in new.find_all("h3")[0].text()
    assert "この指標は令和4年度 (2022年度)のシートまで設定されていました。" in ended.text()
    kept_rows = table_rows(kept.find_all("table")[0])
    assert values(kept_rows["目標値"]) == [None, None, 180.0, 360.0, 540.0, 720.0, 720.0]
    assert values(kept_rows["実績"]) == [None, None, 194.0, 371.0, 432.0, None, None]
    ended_rows = table_rows(ended.find_all("table")[0])
    assert values(ended_rows["目標値"])[:2] == [486.0, 641.0] and values(ended_rows["実績"])[
        :2
    ] == [616.0, 685.0]


def test_year_pages_of_the_first_build_keep_their_numbers(builds):
    first, second = builds
    year_pages = [url_of(first, p) for p in html_files(first) if "/projects/" in url_of(first, p)]
    year_pages = [u for u in year_pages if u.rstrip("/").endswith("/2022")]
    assert len(year_pages) == 8
    for url in year_pages:
        before, after = page(first, url), page(second, url)
        assert cost_rows(before) == cost_rows(after), url
        assert [table_rows(t) for t in before.by_id("indicators").find_all("table")] == [
            table_rows(t) for t in after.by_id("indicators").find_all("table")
        ], url


def test_renamed_new_and_abolished_projects(builds):
    site = builds[1]
    assert "旧名称：Society 5.0社会実装トライアル支援事業" in page(site, "/projects/093/").text()
    assert "令和5年度 (2023年度)に始まった新しい事業です。" in page(site, "/projects/120/").text()
    abolished = page(site, "/projects/096/").text()
    assert "この事業は「廃止」とされ、令和4年度 (2022年度)のシートが最後です。" in abolished
    assert "令和5年度 (2023年度)のシートはありません。" in abolished


def test_what_changed_page_lists_the_right_projects(builds):
    doc = page(builds[1], "/changes/2023/")
    linked = lambda section: [a.text().split()[0] for a in doc.by_id(section).find_all("a")]  # noqa: E731
    assert linked("new") == ["120"]
    assert linked("ended") == ["096"]
    assert linked("settlement") == ["095", "097", "092", "094", "045", "093"]
    assert linked("personnel") == ["095"]
    assert "097 ロボットの街つくば推進事業：継続 → 拡大・拡充" in doc.by_id("directions").text()
    assert "/changes/2023/" in [a.attrs["href"] for a in page(builds[1], "/").find_all("a")]
    directions = len(doc.by_id("directions").find_all("li"))
    summary = page(builds[1], "/").by_id("changes").text()
    assert (
        f"新しい事業が1件、前年度にあってシートがなくなった事業が1件、今後の方向性が変わった事業が{directions}件"
        in summary
    )


def test_a_single_year_site_has_no_changes_page(builds):
    assert not (builds[0] / "changes").exists()


def test_build_report_counts_sheets_per_year_and_times_each_stage(tmp_path):
    import io

    content = copy_content(tmp_path / "content")
    (content / "sheets" / "2023").mkdir()
    shutil.copyfile(MULTIYEAR_SHEET, content / "sheets" / "2023" / MULTIYEAR_SHEET.name)
    progress = io.StringIO()
    report = build_site(content, tmp_path / "site", progress)
    assert report.sheets_per_year == ((2022, 8), (2023, 8))
    assert (
        report.warnings == 5
    )  # 2022: four negative 一般財源 plans, 092's 0 actual; the 2023 fixture: none
    assert report.data_files_written == 8
    assert report.pages == len(html_files(tmp_path / "site"))
    assert [name for name, _ in report.stages] == [
        "parse",
        "data files",
        "open data",
        "downloads",
        "page list",
        "render",
        "search words",
        "cards",
        "assets",
        "search index",
    ]
    assert "読み込んだシート: 2022年度 8件、2023年度 8件" in report.summary()
    assert progress.getvalue().splitlines()[0] == "  parse …"
    assert all(f"  {name}: " in progress.getvalue() for name, _ in report.stages)
