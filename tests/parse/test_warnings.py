"""Warnings about the sheets: a count per kind with the first three in the terminal,
every one in the build report."""

from __future__ import annotations

from pathlib import Path

from builder.parse.report import warning_summary, write_build_report
from tests.parse.helpers import real_sheets


def test_the_terminal_shows_a_count_per_kind_of_warning_and_the_first_three():
    file = "content/sheets/2022/000_3e14ed9760a955ee.txt"
    assert warning_summary(real_sheets(), Path(".site-cache/build-report.txt")) == "\n".join([
        "警告 5件（種類ごとに最初の3件。全件は .site-cache/build-report.txt と各データファイルの notes に）",
        "  negative_amount: 4件",
        f"    {file}:625: 045: 令和5年度: 一般財源が -1,000 千円（負の値）と記載されています。",
        f"    {file}:535: 093: 令和5年度: 一般財源が -2,933 千円（負の値）と記載されています。",
        f"    {file}:358: 095: 令和5年度: 一般財源が -4,620 千円（負の値）と記載されています。",
        "    …ほか 1件",
        "  indicator_zero_actual: 1件",
        (f"    {file}:3: 092: 指標2（連携企業数）の令和4年度の実績が 0 と記載されています（目標値 360）。"
        "シートの記載どおり 0 としていますが、シート作成時点で未集計の場合があります。"),
    ])  # fmt: skip


def test_five_hundred_warnings_take_eleven_terminal_lines_and_all_go_to_the_report(tmp_path):
    city = real_sheets() * 100  # 500 warnings, as a city of 800 sheets gives
    summary = warning_summary(city, tmp_path / "build-report.txt")
    assert (
        summary.count("\n") + 1 == 11
        and summary.startswith("警告 500件")
        and "…ほか 397件" in summary
    )
    report = write_build_report(tmp_path, city, ()).read_text(encoding="utf-8").split("\n")
    assert (
        report[0] == "警告 500件"
        and len([line for line in report if line.endswith("[negative_amount]")]) == 400
    )
    assert report[-2:] == ["読みから作ったURL用slug: なし", ""]
