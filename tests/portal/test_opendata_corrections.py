"""The corrections log: an entry in content/corrections.yaml changes the page and every download,
appears in the log, the feed and the citation date; a wrong entry stops the build at its line."""

from __future__ import annotations

import csv
import io
import json
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from builder.catalog.corrections import apply_corrections
from builder.errors import ConfigError
from builder.records.datafile import load_sheet
from builder.settings.corrections import read_corrections
from tests.portal.inputkit import CORRECTION
from tests.portal.portalkit import copy_content, data_file_sheets, page, render_data_files

ATOM = "{http://www.w3.org/2005/Atom}"
ENTRIES = """\
# 訂正の記録（テスト用）
- date: 2026-12-01
  code: "092"
  fiscal_year: 2022
  field: costs[2022].settlement
  old: 9307
  new: 9370
  reason: 決算額の転記誤り
- date: 2026-12-03
  code: "092"
  fiscal_year: 2022
  field: indicators[2].values[2022].actual
  old: 0
  new: 371
  reason: 6月に判明した実績を反映
- date: 2026-12-03
  code: "045"
  fiscal_year: 2022
  field: overview.purpose[1]
  old: 未来技術等を活用した社会実装支援を通じ、市民の暮らしの質を向上させるため
  new: 訂正後の目的
  reason: 誤字の訂正
"""


def write_corrections(content: Path) -> None:
    """Write the three corrections of ENTRIES into ``content`` (045's old value as in its data file)."""
    purpose = load_sheet(content / "data" / "2022" / "045.yaml").overview.purpose[0]
    (content / "corrections.yaml").write_text(
        ENTRIES.replace(
            "未来技術等を活用した社会実装支援を通じ、市民の暮らしの質を向上させるため", purpose
        ),
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(content, site): the real content with three corrections, rendered from the data files."""
    work = tmp_path_factory.mktemp("corrected")
    content = copy_content(work / "content")
    write_corrections(content)
    render_data_files(content, work / "site")
    return content, work / "site"


def test_the_data_files_stay_the_parsers_output(corrected: tuple[Path, Path]) -> None:
    content, site = corrected
    data_file = content / "data" / "2022" / "092.yaml"
    assert load_sheet(data_file).cost_for(2022).settlement == 9307
    published = yaml.safe_load((site / "data" / "2022" / "092.yaml").read_text(encoding="utf-8"))
    assert (
        published["costs"][2]["settlement"] == 9370
        and published["indicators"][1]["values"][3]["actual"] == 371.0
    )
    assert (site / "data" / "2022" / "093.yaml").read_bytes() == (
        content / "data" / "2022" / "093.yaml"
    ).read_bytes()


def test_a_correction_changes_the_page(corrected: tuple[Path, Path]) -> None:
    _, site = corrected
    for url in ("/projects/092/", "/projects/092/2022/"):
        doc = page(site, url)
        summary = doc.by_id("summary").text()
        assert "9,370千円" in summary and "9,307千円" not in summary
        rows = [
            [c.text() for c in tr.find_all() if c.tag in ("th", "td")]
            for tr in doc.by_id("corrections").find_all("tbody")[0].find_all("tr")
        ]
        assert rows == [
            ["2022年度・決算額（千円）", "2026-12-01", "9,307", "9,370", "決算額の転記誤り"],
            ["指標2・2022年度・実績", "2026-12-03", "0", "371", "6月に判明した実績を反映"],
        ]
        cite = doc.by_id("cite").text()
        assert "2026年12月3日" in cite and "決算額9,370千円（937万円）" in cite
    assert not page(site, "/projects/093/").find_all(id="corrections")


def test_a_correction_changes_every_download(corrected: tuple[Path, Path]) -> None:
    _, site = corrected
    costs = (site / "data" / "costs.csv").read_bytes().decode("utf-8-sig")
    assert "2022,092,2022,10285,9370,9307,0,0,2166,0.3,50,無,11536,252202,37.2,45.7\r\n" in costs
    assert (site / "data" / "2022" / "092-costs.csv").read_bytes().decode("utf-8-sig").count(
        "9370"
    ) == 1
    everything = json.loads((site / "data" / "mieruka-data.json").read_text(encoding="utf-8"))
    assert everything["sheets"][2]["costs"][2]["settlement"] == 9370
    assert everything["corrections"][0] == {
        "date": "2026-12-01",
        "code": "092",
        "fiscal_year": 2022,
        "field": "costs[2022].settlement",
        "label": "2022年度・決算額（千円）",
        "old": 9307,
        "new": 9370,
        "reason": "決算額の転記誤り",
    }
    rows = list(
        csv.reader(
            io.StringIO((site / "data" / "corrections.csv").read_bytes().decode("utf-8-sig"))
        )
    )
    assert rows[0] == ["訂正日", "年度", "事業番号", "項目", "項目名", "訂正前", "訂正後", "理由"]
    assert rows[1] == [
        "2026-12-01",
        "2022",
        "092",
        "costs[2022].settlement",
        "2022年度・決算額（千円）",
        "9307",
        "9370",
        "決算額の転記誤り",
    ]
    assert len(rows) == 4


def test_the_log_page_and_the_feed_list_every_correction(corrected: tuple[Path, Path]) -> None:
    _, site = corrected
    log = page(site, "/data/corrections/")
    rows = log.find_all("tbody")[0].find_all("tr")
    assert [r.find_all("time")[0].attrs["datetime"] for r in rows] == [
        "2026-12-03",
        "2026-12-03",
        "2026-12-01",
    ]
    assert [r.find_all("a")[0].attrs["href"] for r in rows] == [
        "/projects/045/2022/#corrections",
        "/projects/092/2022/#corrections",
        "/projects/092/2022/#corrections",
    ]
    assert "訂正後の目的" in rows[0].text()
    assert "訂正後の目的" in page(site, "/projects/045/").by_id("overview").text()
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.find(f"{ATOM}updated").text == "2026-12-03T00:00:00+09:00"
    titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert titles[0].startswith("訂正：市場・市民ニーズ調査事業") and titles[-1].startswith(
        "令和4年度 (2022年度)の"
    )
    assert len(titles) == 4


def _content(tmp_path: Path, entries: str) -> Path:
    content = tmp_path / "content"
    content.mkdir(parents=True)
    (content / "corrections.yaml").write_text(textwrap.dedent(entries), encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def real_sheets() -> list:
    """The repository's data files."""
    return data_file_sheets(Path(__file__).resolve().parents[2] / "content")


@pytest.mark.parametrize(
    ("field", "old", "new", "line", "message"),
    [
        (
            "costs[2022].settlement",
            "9300",
            "9370",
            5,
            "訂正前の値（old）9,300 が、データの値 9,307 と一致しません",
        ),
        (
            "costs[2019].settlement",
            "9307",
            "9370",
            4,
            "costs[2019] がありません（あるのは 2020、2021、2022、2023、2024）",
        ),
        (
            "costs[2022].settlment",
            "9307",
            "9370",
            4,
            (
                "「costs[2022].settlment」は訂正できる項目ではありません（例：costs[2022].settlement、"
                "indicators[2].values[2023].actual、evaluation.progress.score）"
            ),
        ),
        (
            "code",
            '"092"',
            '"093"',
            4,
            (
                "「code」は訂正できる項目ではありません（例：costs[2022].settlement、"
                "indicators[2].values[2023].actual、evaluation.progress.score）"
            ),
        ),
        (
            "costs[2022].settlement",
            "9307",
            "多い",
            6,
            "この項目の値は整数です（'多い' は使えません）",
        ),
        ("name", "国際戦略総合特区推進事業", "null", 6, "この項目は空欄（null）にできません"),
        (
            "indicators[2].values[2022].actual",
            "0",
            "0.0",
            6,
            "訂正前（old）と訂正後（new）が同じです",
        ),
        ("overview.purpose[3]", "x", "y", 4, "purpose には 3 番目がありません（1 個です）"),
    ],
)
def test_a_wrong_entry_stops_the_build_at_its_line(
    tmp_path: Path, real_sheets: list, field: str, old: str, new: str, line: int, message: str
) -> None:
    content = _content(tmp_path, CORRECTION.format(field=field, old=old, new=new))
    with pytest.raises(ConfigError) as failure:
        apply_corrections(read_corrections(content), real_sheets)
    (error,) = failure.value.problems
    assert (str(error.loc), error.message) == (f"content/corrections.yaml:{line}", message)
    assert error.report().splitlines()[1].startswith("    | ")


@pytest.mark.parametrize(
    ("entries", "line", "message"),
    [
        (
            "- date: 2026-12-01\n  code: 92\n  fiscal_year: 2022\n  field: name\n  old: a\n  new: b\n  reason: r\n",
            2,
            '期待 code は "092" のように引用符で囲んだ事業番号（先頭の0が消えないように）、実際 int の値 92',
        ),
        (
            '- date: 2026-12-01\n  code: "999"\n  fiscal_year: 2022\n  field: name\n  old: a\n  new: b\n  reason: r\n',
            2,
            "2022年度の事業番号 999 のシートがありません",
        ),
        (
            '- date: 2026-12-01\n  code: "092"\n  fiscal_year: 2022\n  field: name\n  old: a\n',
            1,
            "期待 キー new, reason、実際 ありません",
        ),
        (
            "- date: [2026\n",
            2,
            "期待 YAMLとして読める行、実際 expected ',' or ']', but got '<stream end>'（1 行目からの while parsing a flow sequence）",
        ),
    ],
)
def test_malformed_entries_are_reported(
    tmp_path: Path, real_sheets: list, entries: str, line: int, message: str
) -> None:
    content = _content(tmp_path, entries)
    with pytest.raises(ConfigError) as failure:
        apply_corrections(read_corrections(content), real_sheets)
    (error,) = failure.value.problems
    assert (str(error.loc), error.message) == (f"content/corrections.yaml:{line}", message)


def test_entries_apply_in_order_and_every_bad_entry_is_reported(
    tmp_path: Path, real_sheets: list
) -> None:
    two = CORRECTION.format(field="costs[2022].settlement", old=9307, new=9370) + CORRECTION.format(
        field="costs[2022].settlement", old=9370, new=9400
    )
    sheets, log = apply_corrections(read_corrections(_content(tmp_path / "a", two)), real_sheets)
    assert next(s for s in sheets if s.code == "092").cost_for(2022).settlement == 9400
    assert [(c.old, c.new, c.line) for c in log] == [(9307, 9370, 1), (9370, 9400, 8)]
    assert (
        next(s for s in real_sheets if s.code == "092").cost_for(2022).settlement == 9307
    )  # records are not changed
    bad = CORRECTION.format(field="costs[2022].settlement", old=1, new=2) + CORRECTION.format(
        field="sdgs", old="[8]", new="[9]"
    )
    with pytest.raises(ConfigError) as failure:
        apply_corrections(read_corrections(_content(tmp_path / "b", bad)), real_sheets)
    assert [str(e.loc) for e in failure.value.problems] == [
        "content/corrections.yaml:5",
        "content/corrections.yaml:12",
    ]
