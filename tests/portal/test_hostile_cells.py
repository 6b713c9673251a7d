"""Cells no output can hold as they are: control characters and noncharacters are removed
(and noted), a formula is shown as text in the CSV downloads only."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from builder.build import build_site
from builder.records.datafile import load_sheet
from tests.portal.inputkit import CORRECTION
from tests.portal.portalkit import copy_content
from tests.portal.test_incremental import OLD_NAME, SHEET

FORMULA = '=HYPERLINK("http://evil.example","x")'
HOSTILE_NAME = f"{FORMULA}\x0b国際戦略\x00総合特区\ufffe推進\x1f事業\u0085"  # VT (Word's line break), NUL, U+FFFE, US, NEL
# (the parser strips the NEL at the end as white space: 4 characters are removed)
CLEAN_NAME = f"{FORMULA}{OLD_NAME}"
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(content, site): the real sheets with 092's name made hostile, and a correction of 092 (so the
    name is in the feed)."""
    work = tmp_path_factory.mktemp("hostile-cells")
    content = copy_content(work / "content")
    sheet = content / "sheets" / "2022" / SHEET
    sheet.write_text(
        sheet.read_text(encoding="utf-8").replace(OLD_NAME, HOSTILE_NAME, 1), encoding="utf-8"
    )
    (content / "corrections.yaml").write_text(
        CORRECTION.format(field="costs[2022].settlement", old=9307, new=9370), encoding="utf-8"
    )
    build_site(content, work / "site")
    return content, work / "site"


def test_no_output_holds_a_forbidden_character(hostile: tuple[Path, Path]) -> None:
    _content, site = hostile
    texts = {
        p: p.read_text("utf-8")
        for p in site.rglob("*")
        if p.suffix in (".html", ".xml", ".csv", ".json", ".yaml", ".txt")
    }
    assert len(texts) > 100
    assert [p for p, text in texts.items() if FORBIDDEN.search(text)] == []
    assert (
        sum(OLD_NAME in text for text in texts.values()) >= 5
    )  # joined again: the pages, the feed, the downloads
    feed = ElementTree.parse(site / "feed.xml").getroot()  # a real XML parser reads them
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert any(CLEAN_NAME in (title or "") for title in titles)
    assert len(ElementTree.parse(site / "sitemap.xml").getroot()) > 40


def test_the_removal_is_noted_in_the_data_and_on_the_quality_page(
    hostile: tuple[Path, Path],
) -> None:
    content, site = hostile
    sheet = load_sheet(content / "data" / "2022" / "092.yaml")
    assert sheet.name == CLEAN_NAME
    assert [(n.check, n.message) for n in sheet.notes if n.check == "forbidden_characters"] == [
        (
            "forbidden_characters",
            "XMLやHTMLに書けない文字（制御文字など）が4文字あったため、取り除きました。",
        )
    ]
    quality = (site / "data" / "quality" / "index.html").read_text("utf-8")
    assert (
        "XMLやHTMLに書けない文字（制御文字など）を取り除いた" in quality
        and "4文字あったため" in quality
    )


def test_a_formula_is_text_in_the_csv_downloads_only(hostile: tuple[Path, Path]) -> None:
    _, site = hostile
    for data in (
        (site / "data" / "projects.csv").read_bytes(),
        (site / "data" / "2022" / "092-projects.csv").read_bytes(),
        zipfile.ZipFile(site / "data" / "mieruka-data.zip").read("projects.csv"),
    ):
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        names = [row[rows[0].index("事業名")] for row in rows[1:]]
        assert f"'{CLEAN_NAME}" in names and not any(
            name.startswith(("=", "+", "-", "@")) for name in names
        )
    assert (
        json.loads((site / "data" / "2022" / "092.json").read_text("utf-8"))["name"] == CLEAN_NAME
    )
    assert f"name: {CLEAN_NAME}" in (site / "data" / "2022" / "092.yaml").read_text("utf-8")
    everything = json.loads((site / "data" / "mieruka-data.json").read_text("utf-8"))
    assert CLEAN_NAME in [sheet["name"] for sheet in everything["sheets"]]
