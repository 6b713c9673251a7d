"""What a build lets go of before its workers fork: the downloads' bytes once written, and
pykakasi's dictionary once the slugs are made; and what it does not hold at all: every
search record's message to Pagefind at once."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from pykakasi import kanji

import builder.search.pagefind
from bench.search_index import generate_records, read_projects
from builder.pages.opendata import load_open_data
from builder.parse.stage import parse_content
from builder.search.pagefind import BUNDLE_DIR, IN_FLIGHT, IndexRun
from builder.settings.read import read_settings
from builder.util.romaji import KeptReadings, forget_readings, reading_slug
from tests.portal.portalkit import CONTENT, REPO


def test_written_downloads_are_not_held_and_their_sizes_are_those_on_disk(tmp_path: Path) -> None:
    parsed = parse_content(CONTENT)
    open_data = load_open_data(read_settings(CONTENT), parsed.sheets, parsed.texts)
    files = dict(open_data.exports.files)
    lighter, written = open_data.write(tmp_path)
    sizes = written.sizes
    assert lighter.exports.files == {}
    assert lighter.exports.portal == open_data.exports.portal  # the links of /data/ stay
    assert sizes == {relative: len(data) for relative, data in files.items()}
    assert "data/mieruka-data.sqlite" in sizes
    assert all((tmp_path / relative).read_bytes() == data for relative, data in files.items())


def test_the_reading_dictionary_is_let_go_and_loaded_again_when_needed() -> None:
    slug = reading_slug("会計事務局")
    assert kanji.Kanwa._shared_state["_jisyo_table"] is not None
    forget_readings()
    assert kanji.Kanwa._shared_state["_jisyo_table"] is None
    assert kanji.Itaiji._shared_state["_itaijidict"] is None
    assert reading_slug("会計事務局") == slug == "kaikei-jimukyoku"


def test_pagefind_is_sent_a_few_records_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not every record at once (the builder held every message and answer: about 70 MB
    more at 10,000 pages): the fake service passes everything on to the real Pagefind and fails as
    soon as more than IN_FLIGHT messages wait for their answers."""
    records = generate_records(read_projects(CONTENT / "sheets"), 4 * IN_FLIGHT)
    monkeypatch.setattr(
        builder.search.pagefind,
        "PAGEFIND",
        [sys.executable, "-m", "tests.portal.fakepagefind", "bounded"],
    )
    monkeypatch.chdir(REPO)
    with IndexRun(tmp_path, records) as indexing:
        report = indexing.finish()
    assert report.pages == 4 * IN_FLIGHT
    entry = json.loads((tmp_path / BUNDLE_DIR / "pagefind-entry.json").read_text())
    assert entry["languages"]["ja"]["page_count"] == 4 * IN_FLIGHT


def test_a_build_takes_the_slugs_the_last_one_made_without_loading_the_dictionary(
    tmp_path: Path,
) -> None:
    first = KeptReadings(tmp_path)
    assert first.slug("会計事務局") == "kaikei-jimukyoku"
    first.save()
    forget_readings()
    kept = KeptReadings(tmp_path)
    assert kept.slug("会計事務局") == "kaikei-jimukyoku"
    assert kanji.Kanwa._shared_state["_jisyo_table"] is None  # not loaded for a known name
    assert kept.slug("選挙管理委員会") == "senkyokanriiin-kai"  # a new name: read
    kept.save()
    assert KeptReadings(tmp_path).kept == {
        "会計事務局": "kaikei-jimukyoku",
        "選挙管理委員会": "senkyokanriiin-kai",
    }
