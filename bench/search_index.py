"""Measure the search stage: index size and time for the real sheets and for 1,000 pages.

    .venv/bin/python bench/search_index.py [--pages 1000]

Makes project-like search records (``builder.search.records.Record``: name, code,
department as metadata, department, year and direction as filters) from the real sheet
texts in content/sheets/: one per real project, then ``--pages`` records that each mix one
project's lines with lines of the others, so the vocabulary is the sheets' own. Runs the
search stage (:class:`builder.search.pagefind.IndexRun`) on each set and prints its report.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from builder.search.pagefind import IndexRun, SearchReport  # noqa: E402
from builder.search.records import Record  # noqa: E402
from builder.search.text import searchable  # noqa: E402

SHEET_HEADER = re.compile(r"^\S*\s*\d+年度 事務事業マネジメントシート$", re.MULTILINE)
NAME = re.compile(r"事務事業名\t(\d{3}) ([^\t]+)")
DEPARTMENT = re.compile(r"担当部課\t+([^\t\n]+)")
DIRECTION = re.compile(r"^方向性\t(\S+)", re.MULTILINE)
TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Project:
    """One project cut from a sheet file: what a generated page shows."""

    code: str
    name: str
    department: str
    direction: str
    lines: tuple[str, ...]


def read_projects(sheets: Path) -> list[Project]:
    """Every project of every sheet text under ``sheets``, in file order."""
    projects = []
    for path in sorted(sheets.rglob("*.txt")):
        for block in SHEET_HEADER.split(path.read_text("utf-8"))[1:]:
            name, department, direction = (
                NAME.search(block),
                DEPARTMENT.search(block),
                DIRECTION.search(block),
            )
            lines = tuple(TAG.sub(" ", line).strip() for line in block.splitlines() if line.strip())
            projects.append(
                Project(
                    code=name.group(1),
                    name=name.group(2).strip(),
                    department=department.group(1).strip(),
                    direction=direction.group(1) if direction else "継続",
                    lines=lines,
                )
            )
    return projects


def generate_records(projects: list[Project], count: int) -> list[Record]:
    """``count`` project-like records; with count == len(projects), one per project."""
    pool = [line for project in projects for line in project.lines]
    records = []
    for number in range(count):
        project = projects[number % len(projects)]
        lines = list(project.lines)
        if count != len(projects):
            chance = random.Random(number)
            lines = chance.sample(lines, k=len(lines) * 2 // 3) + chance.sample(
                pool, k=len(lines) // 3
            )
        code = project.code if count == len(projects) else f"{number:04d}"
        meta = {
            "title": project.name,
            "name": project.name,
            "code": code,
            "department": project.department,
        }
        filters = {
            "department": [project.department],
            "year": [f"{2015 + number % 8}年度"],
            "direction": [project.direction],
        }
        records.append(
            Record(
                f"/projects/{code}/", [searchable(t) for t in [project.name, *lines]], meta, filters
            )
        )
    return records


def cpu_seconds() -> float:
    """CPU time used so far by this process and its finished children (Node, Pagefind)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def index_records(site: Path, records: list[Record]) -> SearchReport:
    """Index ``records`` into ``site/pagefind/``, as the build does."""
    with IndexRun(site, records) as indexing:
        return indexing.finish()


def measure(label: str, site: Path, records: list[Record]) -> None:
    """Index ``records`` and print the report, with the CPU time (steadier than wall time on a busy machine)."""
    before = cpu_seconds()
    report = index_records(site, records)
    print(
        f"{label:<28} {report.pages:>5} pages  {report.words:>6} readings  "
        f"{report.index_bytes / 1024:>8.0f} KiB  {report.seconds:>6.2f} s wall  {cpu_seconds() - before:>6.2f} s CPU"
    )


def main() -> None:
    """Generate the page sets, index each and print the reports."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pages", type=int, default=1000, help="size of the generated set (default 1000)"
    )
    args = parser.parse_args()
    projects = read_projects(REPO / "content" / "sheets")
    with tempfile.TemporaryDirectory(prefix="mieruka-bench-") as scratch:
        work = Path(scratch)
        for label, count in (
            (f"{len(projects)} real sheet projects", len(projects)),
            (f"{args.pages} generated pages", args.pages),
        ):
            measure(label, work / f"generated-{count}", generate_records(projects, count))


if __name__ == "__main__":
    main()
