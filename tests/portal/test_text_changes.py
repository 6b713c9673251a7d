"""What changed in the words: the comparison page of two sheets of a project, the link from
the project page and the list on /changes/<fy>/ (builder.catalog.textdiff, builder.pages.text_changes_page).
The multi-year fixture rewrites one 成果 sentence of 092 and adds another."""

from __future__ import annotations

from pathlib import Path

from builder.catalog.textdiff import (
    ADDED,
    CHANGED,
    REMOVED,
    SAME,
    DiffLine,
    diff_sentences,
    sentences,
)
from tests.portal.portalkit import page

OLD = (
    "TGIを中核組織として、技術相談のワンストップ窓口支援や、「つくばライフサイエンス協議会」等のプロジェクトごとの"
    "運営会議を定期的に開催し、研究実施機関や企業のマッチング機会を創出した。"
)
NEW = OLD.replace("創出した。", "拡大した。")
ADDED_SENTENCE = "新たに特区プロジェクトを8件支援した。"


def test_sentences_are_cut_after_each_full_stop_and_item() -> None:
    assert sentences(("一つ目。二つ目。", "三つ目", "  ")) == ("一つ目。", "二つ目。", "三つ目")


def test_the_sentences_line_up_kept_removed_and_added() -> None:
    assert diff_sentences(("A。", "B。", "C。"), ("A。", "B2。", "C。", "D。")) == (
        DiffLine(SAME, "A。"),
        DiffLine(REMOVED, "B。"),
        DiffLine(ADDED, "B2。"),
        DiffLine(SAME, "C。"),
        DiffLine(ADDED, "D。"),
    )


def test_the_sentences_of_a_rewritten_run_are_compared_word_by_word() -> None:
    words = {
        "AをBする。": ["A", "を", "B", "する", "。"],
        "AをCする。": ["A", "を", "C", "する", "。"],
        "X。": ["X", "。"],
        "まったく別の文。": ["まったく", "別", "の", "文", "。"],
    }
    assert diff_sentences(("AをBする。", "X。"), ("AをCする。", "まったく別の文。"), words) == (
        DiffLine(
            CHANGED, "AをCする。", ((SAME, "Aを"), (REMOVED, "B"), (ADDED, "C"), (SAME, "する。"))
        ),
        DiffLine(REMOVED, "X。"),
        DiffLine(ADDED, "まったく別の文。"),
    )  # too little of it stays: a pair


def test_one_changed_word_of_a_real_sentence_is_marked_not_the_sentence(
    multiyear: tuple[Path, Path],
) -> None:
    """092's 成果 in the 2022 sheet and the fixture's 2023 sheet: 創出した → 拡大した."""
    doc = page(multiyear[1], "/projects/092/changes/2023/")
    (section,) = [s for s in doc.find_all("section") if s.find_all("h2")[0].text() == "成果"]
    items = [(li.attrs["class"], li.find_all("span")[0].text()) for li in section.find_all("li")]
    assert items == [("diff-changed", "書き換え"), ("diff-added", "追加")]
    rewritten = section.find_all("li")[0]
    assert [d.text() for d in rewritten.find_all("del")] == [
        "［削除：創出］"
    ]  # the word, with words for screen readers
    assert [i.text() for i in rewritten.find_all("ins")] == ["［追加：拡大］"]
    assert rewritten.text() == "書き換え" + OLD.replace(
        "創出", "［削除：創出］［追加：拡大］"
    )  # the rest once, unmarked
    assert [i.text() for i in section.find_all("li")[1].find_all("ins")] == [ADDED_SENTENCE]
    assert "書き換え1文、追加1文、削除0文" in section.text()
    # Only the changed field has a section; the unchanged ones are named in one line.
    assert [s.find_all("h2")[0].text() for s in doc.find_all("section")] == ["成果"]
    (unchanged,) = [
        p
        for p in doc.find_all("p")
        if p.attrs.get("class") == "diff-unchanged" and "変更のない" in p.text()
    ]
    assert (
        unchanged.text().startswith("変更のない項目（")
        and "対象、目的、取組内容" in unchanged.text()
    )


def test_the_project_pages_link_to_the_comparison(multiyear: tuple[Path, Path]) -> None:
    for url in ("/projects/092/", "/projects/092/2022/", "/projects/092/2023/"):
        links = [
            (a.attrs["href"], a.parent.text())
            for a in page(multiyear[1], url).find_all("a")
            if "/changes/" in a.attrs.get("href", "") and a.attrs["href"].startswith("/projects/")
        ]
        assert links == [
            (
                "/projects/092/changes/2023/",
                "令和4年度 (2022年度)と令和5年度 (2023年度)のシートの文章を比べる（変わった項目：成果）",
            )
        ], url
    single = page(multiyear[1], "/projects/120/")  # a new project: one sheet, nothing to compare
    assert not [
        a for a in single.find_all("a") if "/projects/120/changes/" in a.attrs.get("href", "")
    ]


def test_the_changes_page_lists_the_reworded_projects(multiyear: tuple[Path, Path]) -> None:
    section = page(multiyear[1], "/changes/2023/").by_id("wording")
    listed = [
        (a.attrs["href"], li.text()) for li in section.find_all("li") for a in li.find_all("a")
    ]
    assert listed == [
        ("/projects/092/changes/2023/", "092 国際戦略総合特区推進事業：成果"),
        ("/projects/097/changes/2023/", "097 ロボットの街つくば推進事業：方向性の理由"),
    ]
    for href, _ in listed:
        assert (multiyear[1] / href.strip("/") / "index.html").is_file()
