"""The 8 real sheets against their reviewed golden YAML, and the committed data files."""

from __future__ import annotations

import os

import pytest
import yaml

from builder.parse import parse_file
from builder.parse.stage import write_data
from builder.records.datafile import dump_sheet, load_sheet
from tests.parse.helpers import (
    CONTENT,
    GOLDEN,
    NO_CONFIG,
    REAL_DISPLAY,
    REAL_FILE,
    copy_content,
    validator,
)

CODES = ["009", "045", "092", "093", "094", "095", "096", "097"]


@pytest.fixture(scope="module")
def real_sheets():
    sheets, errors = parse_file(REAL_FILE, REAL_DISPLAY, NO_CONFIG)
    assert errors == []
    return {sheet.code: sheet for sheet in sheets}


def test_the_sample_file_holds_the_eight_sheets_in_file_order(real_sheets):
    assert list(real_sheets) == ["092", "094", "096", "097", "095", "009", "093", "045"]


@pytest.mark.parametrize("code", CODES)
def test_parse_matches_the_reviewed_golden_yaml(real_sheets, code):
    golden = GOLDEN / "2022" / f"{code}.yaml"
    produced = dump_sheet(real_sheets[code])
    if os.environ.get("MIERUKA_REGEN_GOLDEN") == "1":
        golden.write_text(produced, encoding="utf-8")
    assert produced == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("code", CODES)
def test_committed_data_file_is_the_golden_one(code):
    assert (CONTENT / "data" / "2022" / f"{code}.yaml").read_bytes() == (
        GOLDEN / "2022" / f"{code}.yaml"
    ).read_bytes()


@pytest.mark.parametrize("path", sorted((CONTENT / "data").glob("*/*.yaml")), ids=lambda p: p.name)
def test_every_data_file_validates_against_the_schema(path):
    errors = [
        e.message for e in validator().iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))
    ]
    assert errors == []


@pytest.mark.parametrize("code", CODES)
def test_data_file_loads_back_to_the_same_record(real_sheets, code):
    assert load_sheet(GOLDEN / "2022" / f"{code}.yaml") == real_sheets[code]


def test_make_data_reproduces_the_committed_files_byte_for_byte(tmp_path):
    content = copy_content(tmp_path)
    for path in (content / "data").glob("*/*.yaml"):
        path.unlink()
    report = write_data(content)
    assert len(report.sheets) == 8
    for code in CODES:
        assert (content / "data" / "2022" / f"{code}.yaml").read_bytes() == (
            CONTENT / "data" / "2022" / f"{code}.yaml"
        ).read_bytes()


def test_two_runs_write_identical_bytes_and_the_second_rewrites_nothing(tmp_path):
    first = copy_content(tmp_path / "a")
    second = copy_content(tmp_path / "b")
    write_data(first)
    write_data(second)
    files = sorted(p.relative_to(first) for p in (first / "data").rglob("*.yaml"))
    assert files == sorted(p.relative_to(second) for p in (second / "data").rglob("*.yaml"))
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    assert write_data(first).written == ()


def test_data_files_of_removed_sheets_are_removed(tmp_path):
    content = copy_content(tmp_path)
    stale = content / "data" / "2022" / "999.yaml"
    stale.write_text("left over", encoding="utf-8")
    report = write_data(content)
    assert report.removed == (stale,)
    assert not stale.exists()


def test_no_markup_survives_in_any_data_file():
    for path in (CONTENT / "data").glob("*/*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert "<" not in text and ">" not in text, path
