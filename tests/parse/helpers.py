"""Shared helpers for the parser tests: the real sample sheets, cut and re-encoded."""

from __future__ import annotations

import json
import shutil
from functools import cache
from pathlib import Path

import jsonschema

from builder.errors import Problem
from builder.parse import parse_file
from builder.parse.org import OrgSplitter
from builder.records.datafile import sheet_to_dict
from builder.records.model import Sheet

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
REAL_FILE = CONTENT / "sheets" / "2022" / "000_3e14ed9760a955ee.txt"
REAL_DISPLAY = "content/sheets/2022/000_3e14ed9760a955ee.txt"
SCHEMA = ROOT / "builder" / "records" / "sheet.schema.json"
GOLDEN = ROOT / "tests" / "golden"
NO_CONFIG = OrgSplitter({})


def real_text() -> str:
    """The real sample file (8 sheets of 令和4年度) as text."""
    return REAL_FILE.read_text(encoding="utf-8")


def real_lines() -> list[str]:
    """The real sample file's lines, without line endings."""
    return real_text().split("\n")


def sheet_text(code: str) -> str:
    """The text of one real sheet (title line to the line before the next title)."""
    lines = real_lines()
    starts = [i for i, line in enumerate(lines) if line.endswith("事務事業マネジメントシート")]
    for begin, end in zip(starts, starts[1:] + [len(lines)]):
        if any(line.startswith(f"事務事業名\t{code} ") for line in lines[begin:end]):
            return "\n".join(lines[begin:end]) + "\n"
    raise KeyError(code)


def parse_bytes(
    tmp_path: Path, data: bytes, name: str = "sheet.txt"
) -> tuple[list[Sheet], list[Problem]]:
    """Parse bytes saved as a sheet file; sources and errors name the file ``name``."""
    file = tmp_path / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(data)
    return parse_file(file, name, NO_CONFIG)


def parse_text(tmp_path: Path, text: str, name: str = "sheet.txt") -> list[Sheet]:
    """Parse UTF-8 text that must be free of errors."""
    sheets, errors = parse_bytes(tmp_path, text.encode("utf-8"), name)
    assert not errors, "\n".join(e.report() for e in errors)
    return sheets


def parse_one(tmp_path: Path, text: str) -> Sheet:
    """Parse text holding exactly one sheet."""
    (sheet,) = parse_text(tmp_path, text)
    return sheet


def only_error(tmp_path: Path, text: str) -> Problem:
    """Parse text that must fail with exactly one error."""
    _sheets, errors = parse_bytes(tmp_path, text.encode("utf-8"))
    assert len(errors) == 1, [e.report() for e in errors]
    return errors[0]


@cache
def validator() -> jsonschema.Draft202012Validator:
    """The data-file JSON Schema validator."""
    return jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def copy_content(tmp_path: Path) -> Path:
    """A copy of the project's content/ folder (tests never write the real one)."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def without_source(sheet: Sheet) -> dict[str, object]:
    """The sheet's data without its source position (which moves when lines are added)."""
    plain = sheet_to_dict(sheet)
    plain.pop("source")
    return plain


def changed(old: str, new: str, code: str = "092") -> str:
    """The text of the real sheet ``code`` with its first ``old`` replaced by ``new``."""
    text = sheet_text(code)
    assert old in text
    return text.replace(old, new, 1)


def error_at(tmp_path: Path, old: str, new: str, code: str = "092") -> tuple[int, str]:
    """(line, message) of the only error of the changed sheet; the error quotes that line."""
    text = changed(old, new, code)
    error = only_error(tmp_path, text)
    assert error.source_line == text.split("\n")[error.loc.line - 1]
    return error.loc.line, error.message


def assert_valid(sheet: Sheet) -> None:
    """The sheet's data file holds to the JSON Schema."""
    assert [e.message for e in validator().iter_errors(sheet_to_dict(sheet))] == []


def real_sheets() -> list[Sheet]:
    """The real sheets, by code."""
    sheets, _ = parse_file(REAL_FILE, REAL_DISPLAY, NO_CONFIG)
    return sorted(sheets, key=lambda sheet: sheet.code)
