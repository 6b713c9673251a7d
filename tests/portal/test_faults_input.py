"""Careless and hostile input beyond the sheets (issue 23): page files, settings, corrections
and links that could escape ``site/``, hang, inject or crash. Each case builds a copy of the
real content with one change: the build stops with one ``file:line`` line (the previous site
kept, nothing written beside it) or, where the input is fine, builds cleanly."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.portal.inputkit import (
    DEPARTMENT_CELL,
    SHEET,
    assert_one_line,
    build_changed,
    correction,
    edit,
)

PAGE_NAME = "content/pages/{}:1: 期待 ページのファイル名は英小文字・数字・ハイフンの名前.md"
RELEASE = "1926〜2200 年度の、1980-01-01〜2099-12-31 の掲載日"
LINK = "期待 content/ の中の普通のファイル、実際 シンボリックリンクです"


def _page(name: str, text: str = "# 題\n\n本文。\n") -> object:
    return lambda content: (content / "pages" / name).write_text(text, encoding="utf-8")


def _link(relative: str, target: str) -> object:
    return lambda content: (content / relative).symlink_to(target)


def _fifo(content: Path) -> None:
    os.mkfifo(content / "sheets" / "2022" / "zz.txt")


def _department(name: str) -> object:
    return edit(SHEET, DEPARTMENT_CELL, name)


CASES = {
    # item 2: names become paths only through one function
    "...md": (_page("...md"), PAGE_NAME.format("...md") + "（例 how-to-read.md。"),
    "..md": (_page("..md"), PAGE_NAME.format("..md")),
    "projects.md": (_page("projects.md"), PAGE_NAME.format("projects.md")),
    "departments.md": (_page("departments.md"), PAGE_NAME.format("departments.md")),
    "search.md": (_page("search.md"), PAGE_NAME.format("search.md")),
    "assets.md": (_page("assets.md"), PAGE_NAME.format("assets.md")),
    "pagefind.md": (_page("pagefind.md"), PAGE_NAME.format("pagefind.md")),
    "feed.xml.md": (_page("feed.xml.md"), PAGE_NAME.format("feed.xml.md")),
    "404.html.md": (_page("404.html.md"), PAGE_NAME.format("404.html.md")),
    "a 290-character department": (
        _department("政策イノベーション" * 32 + "部科学技術振興課"),
        f"content/{SHEET}:3: 期待 URL用slugが 100 文字以下になる部署名",
    ),
    # item 3: inputs are regular files inside content/
    "a page linked to a file outside": (
        _link("pages/leak.md", "/etc/hostname"),
        f"content/pages/leak.md:1: {LINK}",
    ),
    "a sheet linked to /etc/passwd": (
        _link("sheets/2022/passwd.txt", "/etc/passwd"),
        f"content/sheets/2022/passwd.txt:1: {LINK}",
    ),
    "a FIFO among the sheets": (
        _fifo,
        "content/sheets/2022/zz.txt:1: 期待 content/ の中の普通のファイル、実際 名前付きパイプ（FIFO）です",
    ),
    "site.yaml a link": (
        lambda c: (
            (c / "site.yaml").rename(c / "site.txt"),
            (c / "site.yaml").symlink_to("site.txt"),
        ),
        f"content/site.yaml:1: {LINK}",
    ),
    "content/data/2022 a link": (
        lambda c: (
            shutil.move(c / "data" / "2022", c / "elsewhere"),
            (c / "data" / "2022").symlink_to(c / "elsewhere"),
        ),
        "content/data/2022:1: 期待 content/ の中のフォルダ、実際 シンボリックリンクです",
    ),
    # item 6: tracebacks where a line belongs
    "sdgs: [99]": (
        correction("sdgs", "[9]", "[99]"),
        "content/corrections.yaml:6: 訂正後の値（new）がこの項目に使えません：範囲 1〜17 の外の数 99",
    ),
    "a 30-digit settlement": (
        correction("costs[2022].settlement", 9307, "1" * 30),
        "content/corrections.yaml:6: 訂正後の値（new）がこの項目に使えません：30 桁の数（15 桁まで）",
    ),
    "a 35-digit population": (
        edit("population.yaml", "252202", "1" * 35),
        "content/population.yaml:13: 期待 2022年度の population（15 桁までの有限の数）、実際 35 桁の数",
    ),
    "a release on 1979-12-31": (
        edit("releases.yaml", "2026-11-28", "1979-12-31"),
        f"content/releases.yaml:10: 期待 {RELEASE}、実際 2022: 1979-12-31",
    ),
    "a release on 9999-12-31": (
        edit("releases.yaml", "2026-11-28", "9999-12-31"),
        f"content/releases.yaml:10: 期待 {RELEASE}、実際 2022: 9999-12-31",
    ),
    "no data.md": (
        lambda c: (c / "pages" / "data.md").unlink(),
        "content/pages/data.md:1: 期待 /data/ の本文のページ（# 見出し と段落）、実際 ファイルがありません",
    ),
    "a Shift_JIS page": (
        lambda c: (c / "pages" / "glossary.md").write_bytes(
            (c / "pages" / "glossary.md")
            .read_text(encoding="utf-8")
            .encode("cp932", errors="replace")
        ),
        "content/pages/glossary.md:1: 期待 UTF-8 の文字、実際 UTF-8 として読めないバイト",
    ),
    # item 1: numbers exact with the sheets' limits, names without invisible characters
    "new: .inf": (
        correction("costs[2022].settlement", 9307, ".inf"),
        "content/corrections.yaml:6: 訂正後の値",
    ),
    "new: .nan": (
        correction("indicators[1].values[2020].actual", 685.0, ".nan"),
        "content/corrections.yaml:6: 訂正後の値（new）がこの項目に使えません：有限でない数 nan",
    ),
    "new: 2^53+1": (
        correction("costs[2022].settlement", 9307, str(2**53 + 1)),
        "content/corrections.yaml:6: 訂正後の値（new）がこの項目に使えません：16 桁の数（15 桁まで）",
    ),
    "a score of 999": (
        correction("evaluation.progress.score", 4, "999"),
        "content/corrections.yaml:6: 訂正後の値（new）がこの項目に使えません：範囲 1〜5 の外の数 999",
    ),
    "a budget of -10^17": (
        correction("costs[2022].budget", 9265, str(-(10**17))),
        "content/corrections.yaml:6: 訂正後の値（new）がこの項目に使えません：18 桁の数",
    ),
    "an empty project name": (
        correction("name", "国際戦略総合特区推進事業", '"  "'),
        "content/corrections.yaml:6: 訂正後の値（new）がこの項目に使えません：空の文字列",
    ),
    "a zero-width space in a department": (
        _department("政策イノベー\u200bション部科学技術振興課"),
        f"content/{SHEET}:8: 期待 「担当部課」に見えない文字・向きを変える制御文字のない名前、実際 見えない文字か向きを変える制御文字のある名前「政策イノベー<U+200B>ション部",
    ),
    "a right-to-left override in a department": (
        _department("政策イノベーション部\u202e科学技術振興課"),
        f"content/{SHEET}:8: 期待 「担当部課」に見えない文字",
    ),
    "a zero-width joiner in a correction": (
        correction("department", "政策イノベーション部", "政策イノベーション\u200d部"),
        "content/corrections.yaml:6: 訂正後の値（new）がこの項目に使えません：見えない文字か向きを変える制御文字のある名前「政策イノベーション<U+200D>部」",
    ),
    "the kanji 一 for ー": (_department("政策イノベ一ション部科学技術振興課"), f"content/{SHEET}:"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_hostile_input_is_one_line_and_keeps_the_site(tmp_path: Path, case: str) -> None:
    change, expected = CASES[case]
    outcome = build_changed(tmp_path, change)  # type: ignore[arg-type]
    assert_one_line(outcome, expected)


def test_look_alike_departments_are_an_error_naming_both(tmp_path: Path) -> None:
    outcome = build_changed(tmp_path, _department("政策イノベ一ション部科学技術振興課"))
    assert outcome.errors[0].endswith(
        "期待 「政策イノベーション部」と見分けられる名前（同じ部署なら同じ文字で）、実際 「政策イノベ一ション部」（U+30FC と U+4E00 が違います）"
    ) or outcome.errors[0].endswith(
        "期待 「政策イノベ一ション部」と見分けられる名前（同じ部署なら同じ文字で）、実際 「政策イノベーション部」（U+4E00 と U+30FC が違います）"
    ), outcome.errors


@pytest.mark.slow  # a whole build through the command line (what the conftest's rules cannot see)
def test_a_correction_to_a_new_department_and_division_builds_its_page(tmp_path: Path) -> None:
    outcome = build_changed(
        tmp_path,
        correction(
            "department",
            "政策イノベーション部",
            "未来計画部",
            ("division", "科学技術振興課", "未来推進課"),
        ),
    )
    assert outcome.status == 0, outcome.errors
    page = (tmp_path / "site" / "departments" / "mirai-keikakubu" / "index.html").read_text("utf-8")
    assert "未来計画部" in page and "国際戦略総合特区推進事業" in page and "未来推進課" in page


@pytest.mark.slow  # a whole build through the command line (what the conftest's rules cannot see)
def test_a_tiny_target_and_a_huge_actual_build_and_show_in_positional_notation(
    tmp_path: Path,
) -> None:
    outcome = build_changed(
        tmp_path,
        correction(
            "indicators[1].values[2020].target",
            641.0,
            "0.00000000000001",
            ("indicators[1].values[2020].actual", 685.0, "99999999999999.9"),
        ),
    )
    assert outcome.status == 0, outcome.errors
    page = (tmp_path / "site" / "projects" / "092" / "index.html").read_text("utf-8")
    text = re.sub(r"<script\b.*?</script>", "", page, flags=re.S)  # the chart's JSON may say 1e-14
    assert "0.00000000000001" in text and "1e-14" not in text
    assert "99,999,999,999,999.9" in page


@pytest.mark.slow  # a whole build through the command line (what the conftest's rules cannot see)
def test_a_bom_page_reads(tmp_path: Path) -> None:
    def bom(content: Path) -> None:
        page = content / "pages" / "glossary.md"
        page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes())

    outcome = build_changed(tmp_path, bom)
    assert outcome.status == 0, outcome.errors
    assert "<title>用語集" in (tmp_path / "site" / "glossary" / "index.html").read_text("utf-8")


@pytest.mark.slow  # a whole build through the command line (what the conftest's rules cannot see)
def test_forbidden_characters_in_site_yaml_are_removed_and_noted(tmp_path: Path) -> None:
    outcome = build_changed(
        tmp_path,
        edit(
            "site.yaml",
            "title: つくば市 事務事業見える化ポータル",
            'title: "つくば市\\x01\\e[31m見える化\\uFFFE"',
        ),
    )
    assert outcome.status == 0, outcome.errors
    assert [line for line in outcome.warnings if "site.yaml" in line] == [
        "content/site.yaml:2: 警告: XMLやHTMLに書けない文字（U+0001 U+001B U+FFFE）を3文字取り除きました"
    ]  # once
    feed = (tmp_path / "site" / "feed.xml").read_bytes()
    ElementTree.fromstring(feed)  # well-formed
    assert "つくば市[31m見える化".encode() in feed


@pytest.mark.slow  # a whole build through the command line (what the conftest's rules cannot see)
def test_forbidden_characters_in_a_correction_are_removed_and_noted(tmp_path: Path) -> None:
    outcome = build_changed(
        tmp_path, correction("name", "国際戦略総合特区推進事業", '"国際\\0戦略\\e総合\\v特区"')
    )
    assert outcome.status == 0, outcome.errors
    site = tmp_path / "site"
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".csv", ".json"):
            data = path.read_bytes()
            assert not any(c in data for c in (b"\x00", b"\x1b", b"\x0b")), path
    ElementTree.fromstring((site / "feed.xml").read_bytes())
    assert "国際戦略総合特区" in (site / "projects" / "092" / "index.html").read_text("utf-8")
