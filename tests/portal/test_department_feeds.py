"""A feed per department: every feed of the site parses as Atom with a real parser
(feedparser), each department's feed names only its own projects, with its new year, its
new and ended projects and the corrections of its sheets; the department page links it."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser

from builder.build import build_site
from builder.records.datafile import load_sheet
from tests.portal.portalkit import copy_content
from tests.portal.test_opendata_corrections import write_corrections

PROJECT = re.compile(r"/projects/([^/]+)/")


def _parsed(feed: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(feed.read_bytes())
    assert not parsed.bozo, (feed, parsed.get("bozo_exception"))
    assert parsed.version == "atom10" and parsed.feed.title and parsed.feed.updated
    for entry in parsed.entries:
        assert entry.id and entry.title and entry.link and entry.updated and entry.summary
    return parsed


def test_every_department_feed_holds_only_its_department(generated_city: tuple[Path, Path]) -> None:
    content, site = generated_city
    department_of = {
        (s.fiscal_year, s.code): s.department
        for s in map(load_sheet, content.glob("data/*/*.yaml"))
    }
    codes = {code for _, code in department_of}
    feeds = sorted(site.glob("departments/*/feed.xml"))
    assert len(feeds) == len(list(site.glob("departments/*/index.html")))
    _parsed(site / "feed.xml")
    kinds = set()
    for feed in feeds:
        parsed = _parsed(feed)
        page = (feed.parent / "index.html").read_text("utf-8")
        name = re.search(r"<h1>(.*?)</h1>", page).group(1)
        assert (
            f'<link rel="alternate" type="application/atom+xml" title="{name}の更新情報"'
            f' href="/departments/{feed.parent.name}/feed.xml">' in page
        )
        assert parsed.feed.title.startswith(f"{name}の更新情報")
        for entry in parsed.entries:
            found = PROJECT.search(entry.link)
            if found:
                code = found.group(1)
                assert code in codes
                assert name in {department_of.get((year, code)) for year in (2021, 2022)}, (
                    feed,
                    entry.title,
                )
            kinds.add(entry.title.split("：")[0] if "：" in entry.title else "release")
        assert parsed.entries[0].title.startswith("令和4年度 (2022年度)の" + name)
    assert {"release", "新しい事業"} <= kinds and kinds & {
        "廃止された事業",
        "令和4年度 (2022年度)のシートがない事業",
    }


def test_a_correction_is_in_its_department_feed(tmp_path: Path) -> None:
    content = copy_content(tmp_path / "content")
    write_corrections(content)
    build_site(content, tmp_path / "site")
    parsed = _parsed(tmp_path / "site" / "departments" / "policy-innovation" / "feed.xml")
    corrections = [e for e in parsed.entries if e.title.startswith("訂正：")]
    site_feed = _parsed(tmp_path / "site" / "feed.xml")
    assert (
        len(corrections) == 3 == len([e for e in site_feed.entries if e.title.startswith("訂正：")])
    )
    assert all("#corrections" in e.link for e in corrections)
