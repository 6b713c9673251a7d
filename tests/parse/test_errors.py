"""Bad input: every error names the file and line, says what was expected and quotes the line."""

from __future__ import annotations

import pytest

from builder.cli import main
from builder.errors import SheetError
from builder.parse.stage import write_data
from tests.parse.helpers import copy_content, only_error, parse_bytes, real_text, sheet_text


def line_of(text: str, fragment: str) -> int:
    """1-based number of the first line containing ``fragment``."""
    return next(i for i, line in enumerate(text.split("\n"), start=1) if fragment in line)


def test_non_numeric_amount(tmp_path):
    text = sheet_text("092").replace("9,697", "9,6O7")
    error = only_error(tmp_path, text)
    assert error.loc.line == line_of(text, "9,6O7")
    assert error.report() == (
        f"sheet.txt:{error.loc.line}: 期待 「予算額」 令和2年度に千円単位の金額（例 9,697）、実際 「9,6O7」\n"
        "    | 事業費 ⇥ 予算額 ⇥ (千円) ⇥ 9,6O7 ⇥ 9,603 ⇥ 10,285 ⇥ 9,265 ⇥ 9,265 ⇥ "
    )


def test_missing_cost_section(tmp_path):
    text = sheet_text("094")
    start, end = line_of(text, "コストの推移"), line_of(text, "市民参加の取組状況")
    lines = text.split("\n")
    text = "\n".join(lines[: start - 1] + lines[end - 1 :])
    error = only_error(tmp_path, text)
    assert error.loc.line == line_of(text, "市民参加の取組状況")
    assert error.message == "期待 セクション「コストの推移」、実際 セクション「市民参加の取組状況」"


def test_sheet_cut_short(tmp_path):
    text = sheet_text("097")
    text = text[: text.index("事業の成果と課題")]
    error = only_error(tmp_path, text)
    assert error.loc.line == len(text.rstrip("\n").split("\n"))
    assert (
        error.message
        == "期待 この行の後にセクション「事業の成果と課題」、実際 シートがここで終わっています"
    )


def test_missing_cost_row(tmp_path):
    text = sheet_text("009")
    text = "\n".join(line for line in text.split("\n") if "決算額" not in line)
    error = only_error(tmp_path, text)
    assert error.loc.line == line_of(text, "コストの推移")
    assert error.message == "期待 「コストの推移」に決算額の行、実際 ありません"


def test_a_year_column_too_many(tmp_path):
    text = sheet_text("093").replace(
        "5,128\t4,960\t4,963\t4,963\t4,963", "5,128\t4,960\t4,963\t4,963\t4,963\t1"
    )
    error = only_error(tmp_path, text)
    assert error.loc.line == line_of(text, "人件費計")
    assert error.message == "期待 「人件費計」に 5 個の値（年度の列ごとに1つ）、実際 6 個"


def test_score_out_of_range(tmp_path):
    text = sheet_text("095").replace("市民ニーズ\t5\t", "市民ニーズ\t7\t")
    error = only_error(tmp_path, text)
    assert (error.loc.line, error.message) == (
        line_of(text, "市民ニーズ\t7"),
        "期待 「市民ニーズ」に点数 1〜5 か「-」、実際 「7」",
    )


def test_text_before_the_first_sheet_title(tmp_path):
    error = only_error(tmp_path, "見出し\n" + sheet_text("092"))
    assert error.loc.line == 1
    assert (
        error.message
        == "期待 「令和 4年度 事務事業マネジメントシート」のようなシートの見出し、実際 「見出し」"
    )


def test_unsplittable_department_asks_for_config(tmp_path):
    text = sheet_text("092").replace("政策イノベーション部科学技術振興課", "会計管理者")
    error = only_error(tmp_path, text)
    assert error.loc.line == line_of(text, "会計管理者")
    assert error.message == (
        "期待 「担当部課」に部・局と課・室・センター・館・事務局に分けられる名前"
        "（分けられない名前は departments.yaml の split: に書いてください）、実際 「会計管理者」"
    )


def test_a_bad_sheet_does_not_stop_the_others_in_the_file(tmp_path):
    text = real_text().replace("5,823", "5,8x3")
    sheets, errors = parse_bytes(tmp_path, text.encode("utf-8"))
    assert len(sheets) == 7 and "093" not in {s.code for s in sheets}
    assert [e.loc.line for e in errors] == [line_of(text, "5,8x3")]


def test_two_sheets_with_the_same_code_and_year(tmp_path):
    content = copy_content(tmp_path)
    (content / "sheets" / "2022" / "001_copy.txt").write_text(sheet_text("097"), encoding="utf-8")
    with pytest.raises(SheetError) as failure:
        write_data(content)
    (error,) = failure.value.problems
    assert str(error.loc) == "content/sheets/2022/001_copy.txt:1"
    assert (
        error.message
        == "期待 2022年度に事業番号 097 のシートは1枚、実際 2枚目です（1枚目は content/sheets/2022/000_3e14ed9760a955ee.txt:270）"
    )


def test_sheet_in_the_wrong_year_folder(tmp_path):
    content = copy_content(tmp_path)
    (content / "sheets" / "2023").mkdir()
    (content / "sheets" / "2023" / "a.txt").write_text(sheet_text("097"), encoding="utf-8")
    with pytest.raises(SheetError) as failure:
        write_data(content)
    assert [e.message for e in failure.value.problems] == [
        "期待 sheets/2023/ には 2023年度のシート、実際 令和4年度（2022年度）のシート"
    ]


def test_every_error_is_reported_and_no_data_file_is_touched(tmp_path, capsys):
    content = copy_content(tmp_path)
    data_before = {p: p.read_bytes() for p in (content / "data").rglob("*.yaml")}
    sheet_file = next((content / "sheets" / "2022").glob("*.txt"))
    text = sheet_file.read_text(encoding="utf-8")
    sheet_file.write_text(
        text.replace("9,697", "9,6O7")
        .replace("7,633", "7.6.33")
        .replace("市民ニーズ\t4", "市民ニーズ\t9"),
        encoding="utf-8",
    )
    (content / "data" / "2022" / "092.yaml").write_text("edited by hand\n", encoding="utf-8")
    data_before[content / "data" / "2022" / "092.yaml"] = b"edited by hand\n"

    status = main(["--content", str(content), "data"])

    report = capsys.readouterr().err
    assert status == 1
    assert report.count("content/sheets/2022/000_3e14ed9760a955ee.txt:") == 4
    assert report.splitlines()[-2:] == [
        "4 件の問題があります。何も書き込んでいません。",
        "前に公開したサイトはそのまま残っています。",
    ]
    assert {p: p.read_bytes() for p in (content / "data").rglob("*.yaml")} == data_before


def test_errors_from_several_files_parsed_in_parallel_keep_file_order(tmp_path):
    content = copy_content(tmp_path)
    folder = content / "sheets" / "2022"
    next(folder.glob("*.txt")).unlink()
    for name, code in (("a.txt", "092"), ("b.txt", "094"), ("c.txt", "096")):
        (folder / name).write_text(
            sheet_text(code).replace("(千円)\t", "(千円)\tX", 1), encoding="utf-8"
        )
    with pytest.raises(SheetError) as failure:
        write_data(content)
    assert [str(e.loc) for e in failure.value.problems] == [
        "content/sheets/2022/a.txt:23", "content/sheets/2022/b.txt:25", "content/sheets/2022/c.txt:25",
    ]  # fmt: skip
    assert all(
        e.message.startswith("期待 「予算額」 令和2年度に千円単位の金額（例 9,697）、実際 「X")
        for e in failure.value.problems
    )


def test_negative_staff_share(tmp_path):
    text = sheet_text("092").replace("正職員従事割合\t(人)\t1.00", "正職員従事割合\t(人)\t-1", 1)
    error = only_error(tmp_path, text)
    assert error.loc.line == line_of(text, "正職員従事割合\t(人)\t-1")
    assert error.message == "期待 「正職員従事割合」 令和2年度に 0 以上の人数・時間、実際 「-1」"
