"""The build report: every warning of a build, and the URL slugs it made, in a text file
outside the site (``.<out>-cache/build-report.txt``, e.g. ``.site-cache/build-report.txt``).

The terminal shows only a count per kind of warning with its first few examples
(``warning_summary``); each data file keeps its own notes.
"""

from __future__ import annotations

import typing
from collections import defaultdict
from pathlib import Path

import yaml

from builder.records.model import Note, Sheet
from builder.util.cache import warn, write_atomic

REPORT_NAME = "build-report.txt"
EXAMPLES = 3  # examples of each kind of warning shown in the terminal


def report_file(cache: Path) -> Path:
    """Where the build report of the site whose cache folder is ``cache`` goes."""
    return cache / REPORT_NAME


def _line(sheet: Sheet, note: Note) -> str:
    return f"{sheet.source.file}:{sheet.source.line}: {sheet.code}: {note.message}"


def warning_summary(sheets: list[Sheet], report: Path | None) -> str:
    """The warnings for the terminal: a count per kind, the first few of each, where the rest are."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for sheet in sheets:
        for note in sheet.notes:
            by_kind[note.check].append(_line(sheet, note))
    if not by_kind:
        return ""
    total = sum(len(lines) for lines in by_kind.values())
    where = (
        f"全件は {report}"
        if report is not None
        else "全件は python -m builder build の build-report.txt"
    )
    out = [f"警告 {total}件（種類ごとに最初の{EXAMPLES}件。{where} と各データファイルの notes に）"]
    for kind, lines in sorted(by_kind.items(), key=lambda item: (-len(item[1]), item[0])):
        out.append(f"  {kind}: {len(lines)}件")
        out += [f"    {line}" for line in lines[:EXAMPLES]]
        out += [f"    …ほか {len(lines) - EXAMPLES}件"] * (len(lines) > EXAMPLES)
    return "\n".join(out)


def _slug_section(generated: tuple[tuple[str, str | None, str], ...]) -> list[str]:
    """The slugs made from readings, as a ``slugs:`` block staff can paste into departments.yaml."""
    if not generated:
        return ["読みから作ったURL用slug: なし"]
    out = [f"読みから作ったURL用slug {len(generated)}件。固定するには content/departments.yaml に書き写してください",
           "（書いたslugが優先されます。公開後はslugを変えないでください）:"]  # fmt: skip
    entries: dict[str, dict[str, object]] = {}  # department -> its slug: and divisions:
    for department, division, slug in generated:
        entry = entries.setdefault(department, {})
        if division is None:
            entry["slug"] = slug
        else:
            typing.cast(dict[str, str], entry.setdefault("divisions", {}))[division] = slug
    block = yaml.safe_dump(
        {"slugs": entries}, allow_unicode=True, sort_keys=False, width=1_000_000, indent=2
    )
    return out + block.splitlines()  # quoted where a name needs it, so that it pastes as it reads


def write_build_report(
    cache: Path, sheets: list[Sheet], generated: tuple[tuple[str, str | None, str], ...]
) -> Path:
    """Write the build report into the cache folder ``cache`` (a report that cannot be written
    is only warned about, like the cache); return its path."""
    lines = [f"警告 {sum(len(s.notes) for s in sheets)}件"]
    lines += [f"{_line(sheet, note)} [{note.check}]" for sheet in sheets for note in sheet.notes]
    lines += [""] + _slug_section(generated)
    path = report_file(cache)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, ("\n".join(lines) + "\n").encode("utf-8"))
    except OSError as error:
        warn(
            path,
            f"キャッシュを書けませんでした（{error.strerror or error}）。この回のビルドの報告はありません",
        )
    return path
