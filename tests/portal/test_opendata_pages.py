"""The journalist tools on the pages: the citation box and the section links on every project page,
the downloads on /data/, the quality page with the real sheets' notes, the feed and its dates."""

from __future__ import annotations

import dataclasses
import datetime
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from builder.catalog.publication import load_publication
from builder.errors import ConfigError
from builder.pages.data_pages import NOTE_KINDS
from builder.pages.feed import build_feed
from builder.records.model import Sheet
from builder.settings.corrections import read_corrections
from builder.settings.read import Settings, read_settings
from builder.settings.releases import read_releases
from tests.portal.portalkit import (
    CONTENT,
    Element,
    data_file_sheets,
    html_files,
    page,
    parse_html,
    url_of,
)

BASE = "https://mieruka.example.jp"
ATOM = "{http://www.w3.org/2005/Atom}"
CODES = ("009", "045", "092", "093", "094", "095", "096", "097")


def _dl(element: Element) -> dict[str, str]:
    return {
        div.find_all("dt")[0].text(): div.find_all("dd")[0].text()
        for div in element.find_all("dl")[0].find_all("div")
    }


@pytest.mark.parametrize("code", CODES)
def test_every_project_page_has_the_citation_box(
    site: Path, sheets: dict[str, Sheet], code: str
) -> None:
    sheet = sheets[code]
    cost = sheet.cost_for(2022)
    for url in (f"/projects/{code}/", f"/projects/{code}/2022/"):
        box = page(site, url).by_id("cite")
        facts = _dl(box)
        assert facts["事業名"] == sheet.name and facts["年度"] == "令和4年度 (2022年度)"
        assert facts["固定URL"] == f"{BASE}/projects/{code}/2022/"
        assert box.find_all("a", href=f"/projects/{code}/2022/")
        assert facts["データの日付"] == "2026年11月28日" and box.find_all(
            "time", datetime="2026-11-28"
        )
        assert facts["決算額"].startswith(f"{cost.settlement:,}千円")
        assert facts["人件費"].startswith(f"{cost.personnel:,}千円")
        assert facts["総コスト（決算額＋人件費）"].startswith(
            f"{cost.settlement + cost.personnel:,}千円"
        )
        assert facts["今後の方向性"] == sheet.direction.decision
        quote, source = [
            p.text() for p in box.find_all("div", **{"class": "cite-text"})[0].find_all("p")
        ]
        assert quote.startswith(
            f"つくば市の事務事業「{sheet.name}」（事業番号{code}）は、令和4年度 (2022年度)の"
        )
        assert f"決算額{cost.settlement:,}千円" in quote
        assert source.endswith(f"{BASE}/projects/{code}/2022/（データの日付：2026年11月28日）")


def test_the_citation_of_092_word_for_word(site: Path) -> None:
    quote = page(site, "/projects/092/").by_id("cite").find_all("p")[1].text()
    assert quote == (
        "つくば市の事務事業「国際戦略総合特区推進事業」（事業番号092）は、令和4年度 (2022年度)の事務事業マネジメントシートで、"
        "予算額10,285千円（約1,029万円）、決算額9,307千円（約931万円）、人件費2,166千円（約217万円）、"
        "総コスト（決算額＋人件費）11,473千円（約1,147万円）、今後の方向性は「継続」とされています。"
    )


def test_every_section_and_figure_of_a_project_page_has_a_visible_link(site: Path) -> None:
    for path in html_files(site):
        url = url_of(site, path)
        if not url.startswith("/projects/") or url == "/projects/":  # a project page, not the list
            continue
        doc = parse_html(path.read_text(encoding="utf-8"))
        links = {a.attrs["href"][1:]: a for a in doc.find_all("a", **{"class": "self-link"})}
        targets = [s.attrs["id"] for s in doc.by_id("main").find_all("section")]
        targets += [f.attrs["id"] for f in doc.find_all("figure")] + ["basic-information"]
        assert sorted(targets) == sorted(links), url
        names = [a.text() for a in links.values()]
        assert len(set(names)) == len(names), url  # each link names its own section or figure
        for target, link in links.items():
            assert doc.by_id(target)
            assert link.find_all("span", **{"aria-hidden": "true"})[0].text() == "#"
            assert link.attrs["data-pagefind-ignore"] == "all"  # not searchable text
    doc = page(site, "/projects/092/")
    for anchor in (
        "summary",
        "costs",
        "costs-budget",
        "costs-sources",
        "costs-personnel",
        "indicators",
        "indicator-1",
        "indicator-1-figure",
        "indicator-2",
        "indicator-2-figure",
        "evaluation",
        "sdgs",
        "source",
        "cite",
    ):
        assert doc.find_all("a", href=f"#{anchor}"), anchor
    (link,) = [
        a for a in doc.find_all("a", href="#costs") if a.attrs.get("class") == "self-link"
    ]  # not the contents list's
    assert link.text() == "#この節へのリンク：コストの推移"
    assert (
        doc.find_all("a", href="#costs-budget")[0].text()
        == "#この図へのリンク：事業費：予算額と決算額"
    )
    assert doc.by_id("costs").attrs["aria-labelledby"] == "costs-title"
    assert doc.by_id("costs-title").text() == "コストの推移"  # the heading keeps its own text


def test_project_pages_link_their_downloads(site: Path) -> None:
    doc = page(site, "/projects/092/2022/")
    links = [
        (a.attrs["href"], a.text()) for a in doc.by_id("source").find_all("ul")[0].find_all("a")
    ]
    assert links == [
        ("/data/2022/092.yaml", "データファイル（YAML）"),
        ("/data/2022/092.json", "データファイル（JSON）"),
        ("/data/2022/092-projects.csv", "事業（CSV）"),
        ("/data/2022/092-costs.csv", "コストの推移（CSV）"),
        ("/data/2022/092-indicators.csv", "指標の推移（CSV）"),
        ("/data/2022/092-evaluations.csv", "評価（CSV）"),
        ("/data/2022/092-sdgs.csv", "SDGs（CSV）"),
        ("/data/2022/092-texts.csv", "文章（CSV）"),
        ("/data/2022/092-notes.csv", "データについての注意（CSV）"),
    ]
    size = (site / "data" / "2022" / "092-costs.csv").stat().st_size
    assert f"{size}バイト" in doc.by_id("source").text()


def test_the_data_page_lists_the_downloads_and_keeps_the_terms(site: Path) -> None:
    doc = page(site, "/data/")
    assert doc.find_all("h1")[0].text() == "データの利用について"
    rows = doc.by_id("downloads").find_all("tbody")[0].find_all("tr")
    links = [r.find_all("a")[0].attrs["href"] for r in rows]
    assert links == [
        f"/data/{n}.csv"
        for n in (
            "projects",
            "costs",
            "indicators",
            "evaluations",
            "sdgs",
            "texts",
            "notes",
            "corrections",
        )
    ] + [
        "/data/mieruka-data.json",
        "/data/mieruka-data.sqlite",
        "/data/datapackage.json",
        "/data/mieruka-data.zip",
    ]
    for row, link in zip(rows, links):
        size = (site / link.lstrip("/")).stat().st_size
        assert row.find_all("td")[1].text() in (f"{size}バイト", f"{size / 1024:.1f}KB")
    costs = next(r for r in rows if r.find_all("a")[0].attrs["href"] == "/data/costs.csv")
    assert costs.find_all("td")[2].text() == "40"  # 8 sheets x 5 years
    text = doc.by_id("main").text()
    assert "出典を示していただければ、どなたでも自由に使えます" in text and doc.by_id("licence")
    assert doc.by_id("releases").find_all("td")[0].text() == "2026年11月28日"
    order = [
        e.attrs.get("id") for e in doc.by_id("main").iter() if e.tag in ("h1", "section", "h2")
    ]
    assert order.index("downloads") < order.index("formats") < order.index("licence")


def test_the_quality_page_lists_every_note_of_the_real_sheets(
    site: Path, sheets: dict[str, Sheet]
) -> None:
    doc = page(site, "/data/quality/")
    year = doc.by_id("fy-2022")
    items = {
        li.find_all("a")[0].attrs["href"]: li
        for li in year.find_all("ul")[0].children
        if isinstance(li, Element)
    }
    assert list(items) == [
        f"/projects/{c}/2022/#notes" if sheets[c].notes else f"/projects/{c}/2022/" for c in CODES
    ]
    notes = [(code, note) for code in CODES for note in sheets[code].notes]
    assert [(c, n.check) for c, n in notes] == [
        ("045", "negative_amount"),
        ("092", "indicator_zero_actual"),
        ("093", "negative_amount"),
        ("095", "negative_amount"),
        ("095", "negative_amount"),
    ]
    for code, note in notes:
        assert (
            f"{NOTE_KINDS[note.check]}：{note.message}"
            in items[f"/projects/{code}/2022/#notes"].text()
        )
    for code in CODES:
        link = f"/projects/{code}/2022/" + ("#notes" if sheets[code].notes else "")
        assert (
            "決算が確定していない年度：令和5年度・令和6年度（決算額と指標の実績は空欄）"
            in items[link].text()
        )
        assert page(site, link.split("#")[0]).find_all(id="notes") or not sheets[code].notes
    counts = {
        tr.find_all("th")[0].text(): [td.text() for td in tr.find_all("td")]
        for tr in doc.by_id("summary").find_all("tbody")[0].find_all("tr")
    }
    assert counts["負の金額が記載されている"] == ["4", "3"]
    assert counts["指標の実績が0と記載されている（目標値は0でない）"] == ["1", "1"]
    assert counts["決算が確定していない年度がある"] == ["8", "8"]


def test_every_note_kind_of_the_contract_has_a_label() -> None:
    schema = json.loads(
        (
            Path(__file__).resolve().parents[2] / "builder" / "records" / "sheet.schema.json"
        ).read_text()
    )
    assert sorted(NOTE_KINDS) == sorted(
        schema["properties"]["notes"]["items"]["properties"]["check"]["enum"]
    )


def test_the_corrections_page_without_corrections(site: Path) -> None:
    doc = page(site, "/data/corrections/")
    assert "訂正はまだありません。" in doc.by_id("main").text()
    assert doc.find_all("a", href="/data/corrections.csv")


def test_the_feed(site: Path) -> None:
    feed = ET.parse(site / "feed.xml").getroot()
    assert (
        feed.tag == f"{ATOM}feed"
        and feed.find(f"{ATOM}updated").text == "2026-11-28T00:00:00+09:00"
    )
    assert feed.find(f"{ATOM}id").text == f"{BASE}/feed.xml"
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}id").text == "tag:mieruka.example.jp,2026-11-28:release/2022"
    assert (
        entry.find(f"{ATOM}title").text
        == "令和4年度 (2022年度)の事務事業マネジメントシートを掲載しました（8事業）"
    )
    assert entry.find(f"{ATOM}link").get("href") == f"{BASE}/data/"
    for path in html_files(site):
        if "embed" in path.parts:  # a chart framed in another page: no feed
            continue
        links = parse_html(path.read_text(encoding="utf-8")).find_all("link", rel="alternate")
        department = path.parent.name if path.parent.parent.name == "departments" else None
        own = (
            [("application/atom+xml", f"/departments/{department}/feed.xml")] if department else []
        )
        assert [(link.attrs["type"], link.attrs["href"]) for link in links] == [
            ("application/atom+xml", "/feed.xml")
        ] + own


def _settings(content: Path) -> Settings:
    """The repository's settings with the release dates and corrections of ``content``."""
    return dataclasses.replace(
        read_settings(CONTENT),
        content=content,
        releases=read_releases(content),
        corrections=read_corrections(content),
    )


def test_a_year_without_a_release_date_is_left_out_with_a_warning(tmp_path: Path, capsys) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "releases.yaml").write_text("2021: 2025-06-30\n", encoding="utf-8")
    older = dataclasses.replace(
        data_file_sheets(CONTENT)[2], fiscal_year=2021, fiscal_year_label="令和3年度"
    )
    sheets = [older, *data_file_sheets(CONTENT)]
    publication = load_publication(sheets, _settings(content))
    assert publication.undated == (2022,) and publication.data_date(sheets[1]) is None
    assert publication.data_date(older) == datetime.date(2025, 6, 30)
    assert [e.title for e in build_feed(publication).entries] == [
        "令和3年度 (2021年度)の事務事業マネジメントシートを掲載しました（1事業）"
    ]
    assert (
        "content/releases.yaml: 警告: 2022年度のシートの掲載日がありません"
        in capsys.readouterr().err
    )
    with pytest.raises(ConfigError) as failure:
        load_publication(sheets, _settings(tmp_path))  # no releases.yaml, no corrections
    assert str(failure.value.problems[0].loc) == f"{tmp_path.name}/releases.yaml:1"
    (content / "releases.yaml").write_text("2022: 昨日\n", encoding="utf-8")
    with pytest.raises(ConfigError) as failure:
        read_releases(content)
    assert (
        failure.value.problems[0].message == "期待 2022 は 2024-05-31 の形の掲載日、実際 「昨日」"
    )
