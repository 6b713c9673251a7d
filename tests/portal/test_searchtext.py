"""The search text normalisation: the index (Python) and the queries (JavaScript) write text alike."""

from __future__ import annotations

import json
import subprocess
import unicodedata
from pathlib import Path

import pytest

from builder.search import readings
from builder.search.readings import ReadingRun, word_readings
from builder.search.records import SPACE, content
from builder.search.text import kept_as_printed, searchable
from builder.util import segmenter

ASSETS = Path(__file__).resolve().parents[2] / "assets"
SAMPLES = [
    "ﾛﾎﾞｯﾄの街",
    "ＳＴＥＡＭ教育",
    "ロボット",
    "STEAM",
    "（累計）※H29年度～R2年度",
    "IV-1-①新たな共創",
    "戦略プラン Ⅲ-2",
    "ｶﾞｽ　料金…",
    "㈱つくば",
    "ﾊﾟｿｺﾝ･ｽﾏｰﾄﾌｫﾝ",
    "１２３，４５６千円",
    "Society 5.0",
    "",
]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("ﾛﾎﾞｯﾄ", "ロボット"),
        ("ＳＴＥＡＭ", "STEAM"),
        ("ＴＧＩ", "TGI"),
        ("ﾊﾟｿｺﾝ", "パソコン"),
        ("Ⅲ-2", "III-2"),
        ("IV-1-①", "IV-1-1"),
        ("（累計）", "（累計）"),
        ("4月～3月", "4月～3月"),
        ("令和4年度　予算", "令和4年度　予算"),
    ],
)
def test_width_variants_are_written_alike_and_punctuation_as_printed(text, written):
    assert searchable(text) == written


def test_the_search_page_writes_queries_as_the_index_writes_text():
    script = (
        f"import {{ searchable }} from {json.dumps((ASSETS / 'searchtext.js').as_uri())};"
        f"process.stdout.write(JSON.stringify({json.dumps(SAMPLES, ensure_ascii=False)}.map(searchable)));"
    )
    done = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert json.loads(done.stdout) == [searchable(text) for text in SAMPLES]
    assert all(
        unicodedata.is_normalized(
            "NFKC", "".join(c for c in searchable(t) if not kept_as_printed(c))
        )
        for t in SAMPLES
    )


def test_a_record_is_written_as_its_icu_words_with_the_page_spaces_marked():
    texts = ["ロボットの街", "STEAM 教育", ""]
    segments = {
        "ロボットの街": ["ロボット", "の", "街"],
        "STEAM 教育": ["STEAM", " ", "教育"],
        "": [],
    }
    assert content(texts, segments) == f"ロボット の 街 {SPACE} STEAM {SPACE} 教育"


def test_node_cuts_a_text_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["子育て支援の窓口を案内する", "図書館の開館時間を延長する"]
    first = segmenter.segment_texts(texts)
    assert first[0][:2] == ["子育て", "支援"]

    def no_node(arguments: list[str], stdin: str = "") -> str:
        raise AssertionError(f"node ran again for {stdin}")

    monkeypatch.setattr(segmenter, "_node", no_node)
    assert segmenter.segment_texts(texts[::-1] + texts[:1]) == first[::-1] + first[:1]
    with pytest.raises(AssertionError, match="初めて"):
        segmenter.segment_texts([texts[0], "初めての文"])


def test_readings_of_texts_read_before_start_no_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = ["子育て支援の窓口を案内する", "一般廃棄物の収集を委託する"]
    first = ReadingRun(texts, tmp_path).result()  # a child reads them; the store keeps them
    assert first == word_readings(texts) and first["こそだて"] == ["子育て"]
    assert first["はいきぶつ"] == ["廃棄物"]  # a middle unit of 一般廃棄物

    def no_child(*arguments: object, **options: object) -> None:
        raise AssertionError("a reading child started")

    monkeypatch.setattr(readings, "_UNITS", {})  # as in a new process: only the store knows them
    monkeypatch.setattr(readings.subprocess, "Popen", no_child)
    assert ReadingRun(texts[::-1], tmp_path).result() == first
    with pytest.raises(AssertionError, match="child started"):
        ReadingRun([*texts, "図書館の開館時間を延ばす"], tmp_path)
