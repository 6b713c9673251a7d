"""Search as residents type Japanese (issue 21): a set of queries (kanji, katakana, hiragana
readings, half-width, numbers, names, misspellings) with the results expected first, run in
Chromium against the 8 real sheets and a generated city whose projects use several
departments' own words. The expected page is among the first five; a project's number or
exact name, and a department's name, put that page first; no query of kana returns more than
a third of the pages; a query that finds nothing shows help."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest

from gatekit import format_axe, run_axe
from sitekit import open_page, serve, submit_search

KANA = re.compile(r"^[\u3041-\u3096\u30a1-\u30fa\u30fc\uff66-\uff9f]+$")
Check = Callable[[list[str]], bool]


def named(word: str) -> Check:
    """A result among the first five has ``word`` in its title."""
    return lambda titles: any(word in title for title in titles[:5])


def among(prefix: str) -> Check:
    """A result among the first five starts with ``prefix`` (a project's number, or a title)."""
    return lambda titles: any(title.startswith(prefix) for title in titles[:5])


def first(prefix: str) -> Check:
    """The first result starts with ``prefix``."""
    return lambda titles: bool(titles) and titles[0].startswith(prefix)


def nothing(titles: list[str]) -> bool:
    """No result."""
    return not titles


# The 8 real sheets (content/sheets): query -> what the first results must be.
REAL = {
    "ロボット": first("097 "),
    "ろぼっと": first("097 "),
    "ﾛﾎﾞｯﾄ": first("097 "),
    "ロボット　つくば": first("097 "),
    "つくば": among("096 "),
    "092": first("092 "),
    "０９２": first("092 "),
    "045": first("045 "),
    "国際戦略総合特区推進事業": first("092 "),
    "未来共創プロジェクトの実施": first("009 "),
    "とっく": first("092 "),
    "特区": first("092 "),
    "トライアル": first("093 "),
    "とらいある": first("093 "),
    "ＳＴＥＡＭ": among("095 "),
    "けんきゅうきかん": among("094 "),
    "かがくぎじゅつ": among("096 "),
    "政策イノベーション部": first("政策イノベーション部"),
    "科学技術振興課": first("政策イノベーション部"),
    "ニーズ調査": among("045 "),
    "と": nothing,
    "の": nothing,
}


def city_queries(content: Path) -> dict[str, Check]:
    """The queries on the generated city; numbers and names are taken from its sheets."""
    names = dict(
        re.findall(
            r"事務事業名\t(\d{4}) ([^\t]+)",
            "".join(
                path.read_text("utf-8") for path in sorted((content / "sheets").rglob("*.txt"))
            ),
        )
    )
    exact = names["0100"]
    return {
        "こそだて": named("子育て"),
        "コソダテ": named("子育て"),
        "ｺｿﾀﾞﾃ": named("子育て"),
        "子育て": named("子育て"),
        "こそだてしえん": named("子育て支援"),
        "子育てしえん": named("子育て支援"),
        "図書館うんえい": named("図書館運営"),
        "としょかん": named("図書館"),
        "図書館": named("図書館"),
        "はいきぶつ": named("廃棄物"),
        "ろぼっと": named("ロボット"),
        "ﾛﾎﾞｯﾄ": named("ロボット"),
        "つくば": named("筑波"),
        "こうれいしゃ": named("高齢者"),
        "ぼうさい": named("防災"),
        "がっこう": named("学校"),
        "どうろ": named("道路"),
        "ごみ": named("ごみ"),
        "ほいくしょ": named("保育所"),
        "きゅうしょく": named("給食"),
        "0092": first(f"0092 {names['0092']}"),
        "００９２": first("0092 "),
        exact: first(f"0100 {exact}"),
        "こども部": first("こども部"),
        "道路管理課": first("建設部"),
        "て": nothing,
    }


def shown(page) -> tuple[list[str], int]:
    """The titles of the results the search page shows, and their count."""
    titles = page.eval_on_selector_all(
        "#search-results .search-result h2 a", "links => links.map((a) => a.textContent)"
    )
    count = re.search(r"(\d+)件", page.inner_text("#search-status"))
    return titles, int(count.group(1)) if count else 0


def results(page, url: str, query: str) -> tuple[list[str], int]:
    """Open the search page for ``query``: the titles of the results shown, and their count."""
    open_page(page, f"{url}/search/?q={quote(query)}", settle=True)
    return shown(page)


def searched(page, query: str) -> tuple[list[str], int]:
    """Search for ``query`` from the open search page's form: the titles of the results
    shown, and their count."""
    submit_search(page, query)
    return shown(page)


def no_junk(page, query: str, count: int, pages: int) -> bool:
    """A query of kana returns at most a third of the pages, unless every page shown matched a
    word (a highlighted word of two letters or more, or a kanji), never a stray kana."""
    if not KANA.match(query) or count <= pages / 3:
        return True
    marks = page.eval_on_selector_all(
        ".search-result-excerpt",
        "ps => ps.map((p) => [...p.querySelectorAll('mark')].map((m) => m.textContent))",
    )
    return all(
        any(len(m) >= 2 or re.search(r"[\u4e00-\u9fff]", m) for m in shown) for shown in marks
    )


@pytest.fixture(scope="module")
def city(generated_city: tuple[Path, Path]) -> tuple[str, dict[str, Check], int]:
    """The session's generated city, served: (URL, queries, pages in its search index)."""
    content, site = generated_city
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    pages = sum(language["page_count"] for language in entry["languages"].values())
    with serve(site) as url:
        yield url, city_queries(content), pages


@pytest.mark.parametrize("query", sorted(REAL))
def test_real_sheets(search_page, query):
    titles, count = searched(search_page, query)
    assert REAL[query](titles), (query, titles[:5])
    assert no_junk(search_page, query, count, 9), (query, count)


def test_generated_city(page, city):
    url, queries, pages = city
    results(page, url, "つくば")  # the engine loads with the page
    wrong = {}
    for query, check in queries.items():
        titles, count = searched(page, query)
        if not check(titles) or not no_junk(page, query, count, pages):
            wrong[query] = (count, titles[:5])
    assert wrong == {}


def test_readings_never_show_in_excerpts(page, city):
    titles, _ = results(page, city[0], "こそだて")
    excerpts = page.eval_on_selector_all(
        ".search-result-excerpt", "ps => ps.map((p) => p.innerHTML)"
    )
    assert titles and all(
        "<mark>子育て</mark>" in e and "こそだて" not in e for e in excerpts[:5]
    ), excerpts[:3]


def test_nothing_found_offers_near_words_departments_and_the_project_list(page, city):
    results(page, city[0], "こそだてこ")
    page.wait_for_selector("#search-help:not([hidden])")
    links = page.eval_on_selector_all(
        "#search-help a", "links => links.map((a) => [a.textContent, a.getAttribute('href')])"
    )
    assert ["事業一覧からさがす", "/projects/"] in links
    results(page, city[0], "としょうかん")  # one letter too many
    page.wait_for_selector("#search-help:not([hidden])")
    words = page.eval_on_selector_all("#search-help a", "links => links.map((a) => a.textContent)")
    assert "図書館" in words
    results(page, city[0], "子育て支援室")  # no such word; こども部 has a 子育て支援課
    page.wait_for_selector("#search-help:not([hidden])")
    assert "こども部" in page.inner_text("#search-help")


def test_the_help_passes_the_accessibility_gate(page, city):
    results(page, city[0], "としょうかん")
    page.wait_for_selector("#search-help:not([hidden])")
    violations = run_axe(page)
    assert not violations, format_axe(page.url, violations)


def test_each_result_names_its_department_and_year(page, city):
    results(page, city[0], "ぼうさい")
    lines = page.eval_on_selector_all(".search-result-meta", "ps => ps.map((p) => p.textContent)")
    assert lines and all("総務部" in line and "2022年度" in line for line in lines[:5]), lines[:5]


def test_one_search_box_and_the_first_result_on_a_phones_first_screen(new_page, city):
    phone = new_page(viewport={"width": 360, "height": 740}, is_mobile=True)
    results(phone, city[0], "こそだて")
    assert phone.locator("input[type=search]").count() == 1
    box = phone.locator("#search-results .search-result").first.bounding_box()
    assert box is not None and box["y"] + 40 < 740, box


def test_the_query_set_is_large_enough(city):
    assert len(REAL) + len(city[1]) >= 40
