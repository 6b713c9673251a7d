"""Recall of the Japanese search, measured in Chromium against the built site's index.

Ground truth is the text of each indexed page's main content (``data-pagefind-body``, less
what Pagefind leaves out). A query must find every page whose text contains it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from builder.util.segmenter import segment_texts
from tests.portal.portalkit import VOID

# Words taken from the sheets: single words, compounds, katakana, Latin, names.
CURATED = (
    "社会実装",
    "実証実験",
    "デジタル田園都市",
    "低炭素",
    "特区",
    "協定",
    "推進",
    "事務",
    "事業",
    "技術革新",
    "ロボット",
    "つくばチャレンジ",
    "イノベーション",
    "モビリティ",
    "トライアル",
    "プロジェクト",
    "STEAM",
    "Society 5.0",
    "TGI",
    "SDGs",
    "政策イノベーション部",
    "科学技術振興課",
    "イノベーション推進係",
    "科学の街推進係",
    "研究機関",
    "人材育成",
    "科学教育",
    "連携企業数",
    "市民ニーズ",
    "情報発信",
    "茨城県",
    "大学",
    "未来共創",
    "国際戦略総合特区",
)
# Pagefind leaves these out of the index, so they are no ground truth either.
LEFT_OUT = frozenset(
    {
        "head",
        "style",
        "script",
        "noscript",
        "label",
        "form",
        "svg",
        "footer",
        "nav",
        "iframe",
        "template",
    }
)
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# Each query is written as the search page writes it (assets/searchtext.js: NFKC, like the index).
SEARCH_ALL = """async (queries) => {
  const pagefind = await import("/pagefind/pagefind.js");
  const { searchable } = await import("/assets/searchtext.js");
  await pagefind.init();
  const found = {};
  for (const query of queries) {
    const search = await pagefind.search(searchable(query));
    found[query] = (await Promise.all(search.results.map((r) => r.data()))).map((d) => d.url);
  }
  return found;
}"""


class _MainText(HTMLParser):
    """The text of the data-pagefind-body element, without what Pagefind leaves out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool, bool]] = []  # tag, inside body, left out
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        inside, left_out = self.open[-1][1:] if self.open else (False, False)
        names = dict(attrs)
        self.open.append(
            (
                tag,
                inside or "data-pagefind-body" in names,
                left_out or tag in LEFT_OUT or "data-pagefind-ignore" in names,
            )
        )

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if self.open and self.open[-1][1] and not self.open[-1][2]:
            self.parts.append(data)


def _url(site: Path, file: Path) -> str:
    relative = file.relative_to(site).as_posix()
    return "/" + relative.removesuffix("index.html")


@pytest.fixture(scope="module")
def indexed_texts(built_site: Path) -> dict[str, list[str]]:
    """URL -> text nodes of the main content, for every page in the index."""
    texts = {}
    for file in sorted(built_site.rglob("*.html")):
        html = file.read_text("utf-8")
        if "data-pagefind-body" in html and "pagefind" not in file.relative_to(built_site).parts:
            reader = _MainText()
            reader.feed(html)
            texts[_url(built_site, file)] = reader.parts
    assert len(texts) >= 8
    return texts


@pytest.fixture(scope="module")
def vocabulary(indexed_texts) -> dict[str, set[str]]:
    """Every word of the indexed pages as the build cut it (ICU) -> the pages it is on."""
    urls = [url for url, parts in indexed_texts.items() for _ in parts]
    pages: dict[str, set[str]] = {}
    for url, segments in zip(
        urls, segment_texts([p for parts in indexed_texts.values() for p in parts])
    ):
        for word in segments:
            if re.search(r"[^\W\d_]", word):
                pages.setdefault(word, set()).add(url)
    return pages


def _search(browser, site_url: str, queries: list[str]) -> dict[str, set[str]]:
    page = browser.new_page()
    try:
        page.goto(f"{site_url}/")
        return {query: set(urls) for query, urls in page.evaluate(SEARCH_ALL, queries).items()}
    finally:
        page.close()


def _misses(expected: dict[str, set[str]], found: dict[str, set[str]]) -> dict[str, list[str]]:
    return {
        query: sorted(pages - found[query])
        for query, pages in expected.items()
        if pages - found[query]
    }


def test_curated_queries_find_every_page_that_contains_them(browser, site_url, indexed_texts):
    text = {url: "".join(parts).lower() for url, parts in indexed_texts.items()}
    expected = {
        query: {url for url, body in text.items() if query.lower() in body} for query in CURATED
    }
    assert [query for query, pages in expected.items() if not pages] == []  # every query is real
    assert len(CURATED) >= 30
    assert _misses(expected, _search(browser, site_url, list(CURATED))) == {}


def test_every_word_of_the_index_finds_every_page_it_is_on(browser, site_url, vocabulary):
    assert len(vocabulary) > 500
    assert _misses(vocabulary, _search(browser, site_url, sorted(vocabulary))) == {}


def test_build_segments_japanese_like_the_browser(page, site_url, indexed_texts):
    # Node's ICU and Chromium's are different versions; on Japanese text they must agree.
    # (They do differ on ASCII file names: Node cuts "a955ee.txt" whole, Chromium at the dot.)
    texts = sorted(
        {part for parts in indexed_texts.values() for part in parts if JAPANESE.search(part)}
    )
    page.goto(f"{site_url}/")
    in_browser = page.evaluate(
        """(texts) => { const s = new Intl.Segmenter("ja", {granularity: "word"});
           return texts.map((t) => Array.from(s.segment(t), (x) => x.segment)); }""",
        texts,
    )
    differing = [
        text
        for text, ours, theirs in zip(texts, segment_texts(texts), in_browser)
        if ours != theirs
    ]
    assert differing == []


def test_labels_and_explanations_repeated_on_every_page_are_not_indexed(
    browser, site_url, indexed_texts
):
    # Words of the page template (金額の単位, 自己評価, 引用の例, 正職員従事割合, 会計年度任用職員),
    # in no sheet: indexed, they would match every project.
    boilerplate = ["金額", "単位", "自己", "引用", "従事", "割合", "任用"]
    assert all(
        word not in "".join(parts) for word in boilerplate for parts in indexed_texts.values()
    )
    # (For a word missing from the index Pagefind may still answer with near words, e.g. 自己
    # with 097's 自走, so the browser check takes the words it answers with nothing.)
    absent = ["単位", "引用", "従事", "割合", "任用"]
    assert _search(browser, site_url, absent) == {word: set() for word in absent}
