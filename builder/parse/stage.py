"""The data stage: every sheet file under ``content/sheets/`` to ``content/data/<fy>/<code>.yaml``.

All sheets are read first and every problem collected; if any, nothing is written and one
SheetError reports them all. Otherwise each data file is written atomically, only when its
bytes change, and data files whose sheet is gone are removed.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from builder.errors import Problem, SheetError, SourceLoc
from builder.parse import parse_file
from builder.parse.org import OrgSplitter, splitter_for
from builder.parse.report import warning_summary
from builder.records.datafile import data_path, dump_sheet, record_from_dict, to_plain
from builder.records.model import Sheet
from builder.records.safetext import without_forbidden
from builder.settings.departments import Organisation, load_organisation
from builder.util.cache import ShardedCache, builder_hash, digest, write_atomic
from builder.util.inputs import folder_entries, input_problem, read_input
from builder.util.parallel import fork_map

SHEET_SUFFIXES = (".txt", ".tsv")
_UNFINISHED = re.compile(r"\..+\.yaml\.[a-z0-9_]{8}")
_YEAR_FOLDER = re.compile(r"[0-9]{4}")


@dataclass(frozen=True)
class DataReport:
    """What the data stage did."""

    sheets: tuple[Sheet, ...]
    written: tuple[Path, ...]  # data files created or changed
    removed: tuple[Path, ...]  # data files whose sheet no longer exists


def sheet_files(content: Path, problems: list[Problem] | None = None) -> Iterator[tuple[int, Path]]:
    """(folder fiscal year, file) for each sheet file under ``content/sheets/<fy>/``, sorted;
    a link, FIFO or device in their place is not opened but added to ``problems``
    (``builder.util.inputs``)."""
    found = [] if problems is None else problems
    sheets = content / "sheets"
    for folder in folder_entries(sheets, _shown(content, sheets), found):
        if not _YEAR_FOLDER.fullmatch(folder.name):
            continue
        for file in folder_entries(folder, _shown(content, folder), found):
            if file.suffix.lower() in SHEET_SUFFIXES:
                problem = input_problem(file, _shown(content, file))
                if problem is None:
                    yield int(folder.name), file
                else:
                    found.append(problem)


def _shown(content: Path, path: Path) -> str:
    """How messages name a path under ``content``: ``content/sheets/2022/a.txt``."""
    return path.relative_to(content.parent).as_posix()


Parsed = tuple[
    list[Sheet], list[Problem], list[str]
]  # a file's sheets, its problems, each sheet's data-file text


def _parse_and_dump(located: tuple[Path, str], splitter: OrgSplitter) -> Parsed:
    """The sheets of one file (and the path it is shown as), its problems, and the data-file text of each sheet."""
    file, display = located
    sheets, problems = parse_file(file, display, splitter)
    sheets = [without_forbidden(sheet) for sheet in sheets]
    return sheets, problems, [dump_sheet(sheet) for sheet in sheets]


def _plain(parsed: Parsed) -> dict[str, object]:
    """A parsed file as plain data, for the cache."""
    sheets, problems, texts = parsed
    return {
        "sheets": [to_plain(sheet) for sheet in sheets],
        "texts": texts,
        "problems": [[p.loc.path, p.loc.line, p.message, p.source_line] for p in problems],
    }


def _from_plain(plain: dict[str, Any]) -> Parsed:
    """A parsed file from its plain data (``_plain``)."""
    sheets = [record_from_dict(Sheet, sheet) for sheet in plain["sheets"]]
    if len(sheets) != len(plain["texts"]) or not all(
        isinstance(text, str) for text in plain["texts"]
    ):
        raise ValueError("texts")
    problems = [
        Problem(SourceLoc(path, line), message, source)
        for path, line, message, source in plain["problems"]
    ]
    return sheets, problems, list(plain["texts"])


def _on_processes(
    function: Callable[[tuple[Path, str]], Parsed], items: Sequence[tuple[Path, str]]
) -> list[Parsed]:
    """``function`` over ``items`` in file order, on every core when there are several
    (the builder's one parallel map, :func:`builder.util.parallel.fork_map`)."""
    return fork_map(function, items, min_items=1)


def _parse_files(
    content: Path, files: list[Path], cache: Path | None, splitter: OrgSplitter
) -> list[Parsed]:
    """Parse files in file order, on every core when there are several files; a file whose
    bytes, path and split settings hash as in the cache is not parsed again."""
    displays = [_shown(content, file) for file in files]
    parsed = ShardedCache(cache, "parse", _plain, _from_plain)
    code = builder_hash() if parsed.folder is not None else ""
    keys = [
        digest(code, display, splitter, _bytes(file, display))
        for file, display in zip(files, displays)
    ]
    return parsed.map(
        partial(_parse_and_dump, splitter=splitter), list(zip(files, displays)), keys, _on_processes
    )


def _bytes(file: Path, display: str) -> bytes:
    """The bytes of a sheet file for its cache key (a file that cannot be read gives none:
    its parse reports why)."""
    try:
        return read_input(file, display)
    except (Problem, OSError):
        return b""


@dataclass(frozen=True)
class ParsedContent:
    """Every sheet of ``content/sheets/`` and the text of its data file."""

    sheets: list[Sheet]  # by fiscal year, then code
    texts: dict[tuple[int, str], str]  # (fiscal year, code) -> data-file text


def parse_content(
    content: Path, cache: Path | None = None, organisation: Organisation | None = None
) -> ParsedContent:
    """Parse every sheet (reusing the parse cache in the folder ``cache``, if given; splitting
    each 担当部課 as ``organisation`` says, else as ``content/departments.yaml``, if any, says);
    raise one SheetError listing every problem found."""
    splitter = splitter_for(
        organisation if organisation is not None else load_organisation(content, optional=True)
    )  # checked before any sheet is read
    errors: list[Problem] = []
    located = list(sheet_files(content, errors))
    sheets: list[Sheet] = []
    texts: dict[tuple[int, str], str] = {}
    seen: dict[tuple[int, str], Sheet] = {}
    results = _parse_files(content, [file for _, file in located], cache, splitter)
    for (folder_year, _), (parsed, problems, dumped) in zip(located, results):
        errors.extend(problems)
        for sheet, text in zip(parsed, dumped):
            loc = SourceLoc(sheet.source.file, sheet.source.line)
            key = (sheet.fiscal_year, sheet.code)
            if sheet.fiscal_year != folder_year:
                errors.append(
                    Problem.of(
                        loc,
                        f"sheets/{folder_year}/ には {folder_year}年度のシート",
                        f"{sheet.fiscal_year_label}（{sheet.fiscal_year}年度）のシート",
                    )
                )
            elif key in seen:
                first = seen[key].source
                errors.append(
                    Problem.of(
                        loc,
                        f"{sheet.fiscal_year}年度に事業番号 {sheet.code} のシートは1枚",
                        f"2枚目です（1枚目は {first.file}:{first.line}）",
                    )
                )
            else:
                seen[key] = sheet
                sheets.append(sheet)
                texts[key] = text
    if errors:
        raise SheetError(errors)
    return ParsedContent(sorted(sheets, key=lambda s: (s.fiscal_year, s.code)), texts)


def _write_atomic(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` through a temporary file; False when the bytes are unchanged."""
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    write_atomic(path, data)
    return True


def write_records(
    content: Path,
    sheets: list[Sheet],
    texts: dict[tuple[int, str], str] | None = None,
    report: Path | None = None,
) -> DataReport:
    """Write the data files of parsed sheets (``texts``: their data-file texts, if already
    made), remove stale ones; print a summary of the warnings (every one of them is in each
    data file's notes, and in the build report ``report`` when a build writes one)."""
    data_dir = content / "data"
    targets = {data_path(data_dir, sheet): sheet for sheet in sheets}
    folders = [data_dir, *sorted({path.parent for path in targets})]  # a link: writes elsewhere
    found = (input_problem(folder, _shown(content, folder), folder=True) for folder in folders)
    refused = [problem for problem in found if problem is not None]
    if refused:
        raise SheetError(refused)
    for unfinished in data_dir.glob(
        "*/.*.yaml.*"
    ):  # what a killed build was writing (``write_atomic``)
        if _UNFINISHED.fullmatch(unfinished.name):
            unfinished.unlink()
    written = tuple(
        path
        for path, sheet in targets.items()
        if _write_atomic(
            path, texts[(sheet.fiscal_year, sheet.code)] if texts else dump_sheet(sheet)
        )
    )
    stale = tuple(p for p in sorted(data_dir.glob("*/*.yaml")) if p not in targets)
    for path in stale:
        path.unlink()
    summary = warning_summary(sheets, report)
    if summary:
        print(summary, file=sys.stderr)
    return DataReport(tuple(sheets), written, stale)


def write_data(content: Path) -> DataReport:
    """Regenerate ``content/data/`` from ``content/sheets/`` (``make data``)."""
    parsed = parse_content(content)
    return write_records(content, parsed.sheets, parsed.texts)
