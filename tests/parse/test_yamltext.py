"""The fast data-file writer (builder.records.yamltext) against PyYAML's own output, byte for byte.

Real sheets (the sample file, the golden files, the hostile and multi-year fixtures) and
a real sheet whose text, numbers and lists are replaced by generated values.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.parse import parse_file
from builder.records.datafile import sheet_to_dict
from builder.records.yamltext import dump, reference_dump
from tests.parse.helpers import CONTENT, GOLDEN, NO_CONFIG, REAL_FILE

ROOT = CONTENT.parent
SHEET_FILES = sorted((CONTENT / "sheets" / "2022").glob("*")) + sorted(
    (ROOT / "tests" / "fixtures").glob("*/sheets/*/*.txt")
)


def plain_sheets(path: Path) -> list[dict[str, object]]:
    """The sheets of a sheet file as plain mappings (the file must parse cleanly)."""
    sheets, errors = parse_file(path, path.relative_to(ROOT).as_posix(), NO_CONFIG)
    assert errors == [] and sheets
    return [sheet_to_dict(sheet) for sheet in sheets]


@pytest.mark.parametrize("path", SHEET_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_sheet_of_the_real_and_fixture_files_is_written_as_pyyaml_writes_it(path):
    for plain in plain_sheets(path):
        assert dump(plain) == reference_dump(plain)


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*/*.yaml")), ids=lambda p: p.name)
def test_every_golden_file_is_written_back_byte_for_byte(path):
    text = path.read_text(encoding="utf-8")
    plain = yaml.safe_load(text)
    assert dump(plain) == reference_dump(plain) == text


def test_nested_and_empty_containers_are_laid_out_as_pyyaml_lays_them_out():
    plain = {
        "a": {},
        "b": [],
        "c": [[], {}, [1, [2, "x"]], {"d": [], "e": {"f": None}}, [{"g": True}]],
        "h": {"i": [3.5]},
    }
    assert dump(plain) == reference_dump(plain)


@pytest.mark.parametrize("key", ["yes", "a: b", "", "項" * 43])
def test_a_key_pyyaml_would_quote_or_write_as_a_complex_key_is_refused(key):
    with pytest.raises(ValueError, match="plain YAML strings"):
        dump({key: 1})


# Pieces of text that change how PyYAML writes a string (generated texts are made of them).
TRICKY = [
    "", " ", "  ", "\t", "\n", "\r\n", "\r", "\x85", "\u2028", "\u2029", "\ufeff", "\x00", "\x7f", "\x9f", "\xa0",
    "\U0001f600", "'", '"', "\\", ":", ": ", " #", "#", "-", "- ", "--- ", "---", "...", "?", "? ", ",", "[", "]",
    "{", "}", "&", "*", "!", "|", ">", "%", "@", "`", "~", "=", "<<", "yes", "No", "TRUE", "off", "null", "NULL",
    "0", "092", "-1", "+1", ".5", "1e3", "0x1F", "0o17", "1_000", "1:30", "2022-04-01", ".inf", "-.inf", ".NaN",
    "01-020108-16", "令和4年度", "予算額", "・", "（任意）", "a", "Z",
]  # fmt: skip
# Whole values at the edges of plain, single-quoted and double-quoted style.
EDGE_TEXTS = ["a ", " a", "a: b", "a:b", "a:", "a #b", "a#b", "-a", "- a", "?a", ":a", "'a", "a'b", "a\"b", "x\ny",
              "x\n\ny", " x\ny", "x \ny", "x\n y", "x\n", "\u3000a\u3000", "a\xa0", "null\n", "true ", "~a", "=", "<<",
              ".a", "+a", "---a", "...a", "<a", "<<a", "=a", "a\tb", "092\n", "0\"1", "1\\2", "1\x85", "1 ", "-", "--",
              "@a", "a,b", "[a]", "{a}"]  # fmt: skip
FRAGMENTS = st.sampled_from(TRICKY)
TEXT = st.lists(
    st.one_of(FRAGMENTS, st.text(st.characters(exclude_categories=("Cs",)), max_size=6)), max_size=6
).map("".join)
NUMBER = st.one_of(st.integers(), st.floats(), st.booleans(), st.none())
REAL_SHEET = plain_sheets(REAL_FILE)[0]
# Where generated values go: text at every depth (deeper than the contract puts text) and in
# lists, numbers in mappings and lists.
TEXT_PLACES = [("name",), ("budget_item", "name"), ("overview", "target", 0), ("overview", "activities", 0),
               ("indicators", 0, "name"), ("indicators", 0, "description", 0), ("evaluation", "priority", "comment"),
               ("source", "file"), ("indicators", 0, "values", 0, "actual")]  # fmt: skip
NUMBER_PLACES = [
    ("fiscal_year",),
    ("costs", 0, "overtime_hours"),
    ("indicators", 0, "values", 1, "target"),
    ("sdgs", 0),
]


def copy_plain(value: object) -> object:
    """A deep copy of a plain mapping (dicts and lists)."""
    if isinstance(value, dict):
        return {key: copy_plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [copy_plain(item) for item in value]
    return value


def put(plain: object, place: tuple[str | int, ...], value: object) -> None:
    """Set the value at a path of keys and list indexes."""
    *parents, last = place
    for step in parents:
        plain = plain[step]  # type: ignore[index]
    plain[last] = value  # type: ignore[index]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(TEXT, min_size=len(TEXT_PLACES), max_size=len(TEXT_PLACES)),
       numbers=st.lists(NUMBER, min_size=len(NUMBER_PLACES), max_size=len(NUMBER_PLACES)),
       extra_items=st.lists(TEXT, max_size=3))  # fmt: skip
def test_generated_values_in_a_real_sheet_are_written_as_pyyaml_writes_them(
    texts, numbers, extra_items
):
    plain = copy_plain(REAL_SHEET)
    for place, value in zip(TEXT_PLACES + NUMBER_PLACES, texts + numbers):
        put(plain, place, value)
    plain["notes"] = [{"check": "generated", "message": text} for text in extra_items]  # type: ignore[index]
    assert dump(plain) == reference_dump(plain)


@pytest.mark.parametrize("text", TRICKY + EDGE_TEXTS)
def test_tricky_text_at_every_place_is_written_as_pyyaml_writes_it(text):
    plain = copy_plain(REAL_SHEET)
    for place in TEXT_PLACES:
        put(plain, place, text)
    assert dump(plain) == reference_dump(plain)
