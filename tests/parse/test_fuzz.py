"""Seeded fuzzing of the parser: thousands of mutations of the real sheets and the fixtures.

Each case takes a real sheet (or the whole real file, or a fixture sheet), applies a few
seeded edits (lines and cells deleted, duplicated, swapped or cut; odd characters; huge and
malformed numbers; impossible year labels; full-width and Arabic-Indic digits; markup
fragments; other encodings and line endings; truncation) and parses it. For every case:

- only located problems (``builder.errors.Problem``) come out, at a line inside the file, quoting that line;
- every accepted sheet validates against the data-file JSON Schema (after a YAML round trip);
- every number in the record is printed in the input;
- no markup (a tag of an HTML element, a comment, a declaration) survives in any text;
- every text value comes from one cell of the input (nothing moved into a neighbour field).

The counts (cases, cases ending in clean errors, accepted sheets) are printed; ``-s`` shows them.
"""

from __future__ import annotations

import random
import re
import time
import traceback
import unicodedata
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from builder.errors import Problem
from builder.parse import parse_file
from builder.parse.text import MARKUP, paragraphs
from builder.records.datafile import dump_sheet, sheet_to_dict
from tests.parse.helpers import NO_CONFIG, ROOT, real_lines, real_text, validator

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SEED = 13
CASES = 3000
FIXTURES = sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))
ODD_CELLS = [
    "9" * 4301, "-" + "9" * 400, "1" * 309 + ".0", "-9,223,372,036,854,775,809", "9" * 16, "1e5", "NaN", "inf",
    "1,2,3", "1.2.3", "--1", "٣٤", "１２", "12", "6", "0", "-", "—", "()", "(0)", "有", "無", "９，６９７", "－１",
    "9999年度", "0000年度", "令和99年度", "R0年度", "R05年度", "H31年度", "昭和1年度", "令和 4年度", "2022年度",
    "<![日本語の説明", "<!", "<?xml version", "</", "</p", "<![CDATA[内容]]>", '<a href="', '<ul style="list', "<p>段落",
    "<R5年度新設>", "国の補助制度<R5年度新設>を活用し", "<br>", "<script>x</script>", "<!-- 注 -->", "<3", "a<b>c",
    "\x00", "\x0b", "\x1f", "\x7f", "\u200b", "\ufeff", "\u3000", "𠮷", "\ud7ff", "指標名", "目標値", "実績", "予算額",
    "事業期間", "SDGs", "課題", "総合計画の施策 3-2 安心して暮らせるまち", "成果指標", "1 目標値", "12 目標値",
    "01１２３-16", "１", "0" * 252, "保健福祉部 社会福祉課", "・", "。 ",
]  # fmt: skip
ODD_CHARS = [
    "\x00",
    "\x01",
    "\x0c",
    "\u3000",
    "\u00a0",
    "<",
    ">",
    "&",
    "&amp;",
    "\t",
    "'",
    '"',
    "\\",
    "・",
    "。",
    "９",
    "٣",
]


def _bases() -> list[str]:
    """The texts mutated: each real sheet, the whole real file, and each fixture sheet."""
    texts = []
    for lines in [real_lines()] + [
        path.read_text(encoding="utf-8").split("\n") for path in FIXTURES
    ]:
        starts = [
            i for i, line in enumerate(lines) if line.strip().endswith("事務事業マネジメントシート")
        ]
        texts += ["\n".join(lines[a:b]) for a, b in zip(starts, starts[1:] + [len(lines)])]
    return texts + [real_text()]


def _shuffle(rng: random.Random, items: list[str], index: int, how: int) -> None:
    """Delete (how 0), duplicate (1) or swap with another (2) the item at ``index``."""
    if how == 0 and len(items) > 1:
        del items[index]
    elif how == 1:
        items.insert(index, items[index])
    elif how == 2:
        other = rng.randrange(len(items))
        items[index], items[other] = items[other], items[index]


def _cell_edit(rng: random.Random, lines: list[str]) -> None:
    """Delete, duplicate, swap, replace or decorate one cell of a random line."""
    index = rng.randrange(len(lines))
    cells = lines[index].split("\t")
    at, how = rng.randrange(len(cells)), rng.randrange(5)
    if how == 3:
        cells[at] = rng.choice(ODD_CELLS)
    elif how == 4:
        cut = rng.randrange(len(cells[at]) + 1)
        cells[at] = cells[at][:cut] + rng.choice(ODD_CHARS + ODD_CELLS) + cells[at][cut:]
    else:
        _shuffle(rng, cells, at, how)
    lines[index] = "\t".join(cells)


def _line_edit(rng: random.Random, lines: list[str]) -> None:
    """Delete, duplicate, swap or cut a random line, or insert one of odd cells."""
    index, how = rng.randrange(len(lines)), rng.randrange(5)
    if how == 3:
        lines[index] = lines[index][: rng.randrange(len(lines[index]) + 1)]
    elif how == 4:
        lines.insert(
            index, "\t".join(rng.choice(ODD_CELLS + [""]) for _ in range(rng.randrange(1, 5)))
        )
    else:
        _shuffle(rng, lines, index, how)


def _encode(rng: random.Random, text: str) -> bytes:
    """The text as a file: UTF-8 (with or without BOM) or CP932, LF, CRLF or CR, maybe cut short."""
    newline = rng.choice(["\n", "\n", "\r\n", "\r"])
    text = text.replace("\n", newline)
    encoding = rng.choice(["utf-8", "utf-8", "utf-8-sig", "cp932"])
    data = text.encode(encoding, errors="replace" if encoding == "cp932" else "surrogatepass")
    if rng.random() < 0.08:
        data = data[: rng.randrange(len(data) + 1)]  # truncated, maybe inside a character
    if rng.random() < 0.03:
        at = rng.randrange(len(data) + 1)
        data = data[:at] + bytes([rng.randrange(256)]) + data[at:]
    return data


def cases(seed: int = SEED, count: int = CASES) -> Iterator[tuple[int, bytes]]:
    """``count`` seeded mutated sheet files: (case number, bytes)."""
    rng = random.Random(seed)
    bases = _bases()
    for number in range(count):
        base = bases[-1] if rng.random() < 0.04 else rng.choice(bases[:-1])
        lines = base.split("\n")
        edits: list[Callable[[random.Random, list[str]], None]] = [_cell_edit, _line_edit]
        for _ in range(rng.randrange(1, 4)):
            rng.choice(edits)(rng, lines)
        if rng.random() < 0.01:
            lines.insert(rng.randrange(len(lines)), "長" * 100_001)
        yield number, _encode(rng, "\n".join(lines))


def _decoded(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return ""


_NUMBER = re.compile(r"-?[0-9][0-9,]*(?:\.[0-9]+)?")


def _printed_numbers(text: str) -> set[Decimal]:
    """Every number printed in the text (full-width digits read as ASCII)."""
    found = set()
    for match in _NUMBER.findall(unicodedata.normalize("NFKC", text)):
        digits = match.replace(",", "")
        if digits.lstrip("-") and len(digits) < 30:
            found.add(Decimal(digits))
    return found


def _numbers(sheet: dict) -> Iterator[tuple[str, object]]:
    """(path, value) of each number in a record that the sheet prints as a figure."""
    for cost in sheet["costs"]:
        for key in ("budget", "settlement", "general_fund", "national_prefectural_bonds", "other", "personnel",
                    "staff_fte", "overtime_hours"):  # fmt: skip
            yield f"costs[{cost['fiscal_year']}].{key}", cost[key]
    for indicator in sheet["indicators"]:
        for value in indicator["values"]:
            yield (
                f"indicators[{indicator['number']}].{value['fiscal_year']}.target",
                value["target"],
            )
            yield (
                f"indicators[{indicator['number']}].{value['fiscal_year']}.actual",
                value["actual"],
            )
    for key, score in sheet["evaluation"].items():
        yield f"evaluation.{key}", score["score"]
    for goal in sheet["sdgs"]:
        yield "sdgs", goal


# Text values made by joining several cells (their labels take two or more) or normalised.
_JOINED = {"code", "fiscal_year_label", "budget_item.code", "budget_item.name", "strategic_plan.code",
           "strategic_plan.title", "source.file"}  # fmt: skip


def _texts(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """(path, text) of each string in a record, notes left out (they are the parser's words)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "notes":
                yield from _texts(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item, path)


def _cell_texts(text: str) -> str:
    """What each cell of the input shows, and the same after a leading label and space, one
    per line (no text value holds a line break, so a value found in it is in one cell)."""
    shown = []
    for cell in re.split(r"[\t\r\n]", text):
        visible = " ".join(paragraphs(cell.strip()))
        shown += [visible, visible.partition(" ")[2]]
    return "\n".join(shown)


# The two problems that concern a whole file and so quote no line: bytes that are no text, a file without a sheet.
_UNQUOTED = (
    "期待 UTF-8 か Shift_JIS (CP932) の文字、",
    "期待 「令和 4年度 事務事業マネジメントシート」のようなシートの見出し、実際 ありません",
)

_SCHEMA_PROBLEMS: dict[
    str, list[str]
] = {}  # data-file text -> its schema problems (many cases repeat a sheet)


def _schema_problems(dumped: str) -> list[str]:
    """The schema's complaints about a data file, after a YAML round trip."""
    if dumped not in _SCHEMA_PROBLEMS:
        plain = yaml.load(dumped, Loader=_Loader)
        _SCHEMA_PROBLEMS[dumped] = [e.message[:200] for e in validator().iter_errors(plain)]
    return _SCHEMA_PROBLEMS[dumped]


def check_case(path: Path, data: bytes) -> tuple[list[str], int, int]:
    """The broken invariants of one case, its number of errors and of accepted sheets."""
    path.write_bytes(data)
    try:
        sheets, errors = parse_file(path, "sheet.txt", NO_CONFIG)
    except Exception:
        return [traceback.format_exc(limit=-3)], 0, 0
    text = _decoded(data)
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    problems = []
    for error in errors:
        if (
            not isinstance(error, Problem)
            or error.loc.path != "sheet.txt"
            or not 1 <= error.loc.line <= len(raw_lines)
        ):
            problems.append(f"error outside the file: {error!r}")
        elif error.source_line is not None and error.source_line not in (
            raw_lines[error.loc.line - 1],
            raw_lines[error.loc.line - 1][:200] + "…",
        ):
            problems.append(f"error does not quote its line: {error.report()[:300]}")
        elif error.source_line is None and not error.message.startswith(_UNQUOTED):
            problems.append(f"error quotes no line: {error.report()[:300]}")
    printed = _printed_numbers(text)
    entities = "&lt;" in text or "&#" in text or "&gt;" in text
    cells = _cell_texts(text) if sheets else ""
    for sheet in sheets:
        problems += [
            f"{sheet.code}: schema: {message}" for message in _schema_problems(dump_sheet(sheet))
        ]
        record = sheet_to_dict(sheet)
        problems += [f"{sheet.code}: {where} = {value!r} is not printed in the input"
                     for where, value in _numbers(record)
                     if value is not None and Decimal(repr(value)) not in printed]  # fmt: skip
        for where, value in _texts(record):
            if not entities and MARKUP.search(value):
                problems.append(f"{sheet.code}: markup survives in {where}: {value[:120]!r}")
            if where not in _JOINED and value not in cells:
                problems.append(
                    f"{sheet.code}: {where} = {value[:120]!r} is in no single cell of the input"
                )
    return problems, len(errors), len(sheets)


@pytest.mark.slow  # thousands of seeded mutations: what the conftest's rules cannot see
def test_seeded_mutations_keep_every_invariant(tmp_path):
    started = time.perf_counter()
    failures, clean_errors, accepted = [], 0, 0
    for number, data in cases():
        problems, errors, sheets = check_case(tmp_path / "sheet.txt", data)
        failures += [f"case {number}: {problem}" for problem in problems]
        clean_errors += bool(errors) and not problems
        accepted += sheets
    elapsed = time.perf_counter() - started
    print(
        f"\nfuzz: {CASES} cases, {clean_errors} ending in clean errors, {accepted} sheets accepted, {elapsed:.1f} s"
    )
    assert failures == [], "\n".join(failures[:40]) + f"\n{len(failures)} problem(s)"
