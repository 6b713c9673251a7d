"""Measure the search stage: index size and time for the real sheets and for 1,000 pages.

    .venv/bin/python bench/search_index.py [--pages 1000] [--site site]

Generates simple project-like pages (``<html lang="ja">``, header and footer outside a
``data-pagefind-body`` main element with the same filters and metadata as the portal's
project pages) from the real sheet texts in content/sheets/: one page per real project,
then ``--pages`` pages that each mix one project's lines with lines of the others, so the
vocabulary is the sheets' own. Runs the search stage (:class:`builder.search.pagefind.IndexRun`) on each set and
prints its report. With ``--site``, a copy of that built site is indexed too.
"""

from __future__ import annotations

import argparse
import html
import random
import re
import resource
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from builder.search.pagefind import IndexRun, SearchReport  # noqa: E402
from builder.search.pagecopy import read_page  # noqa: E402

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
            name, department, direction = NAME.search(block), DEPARTMENT.search(block), DIRECTION.search(block)
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


def page_html(code: str, year: int, project: Project, lines: list[str]) -> str:
    """A project-like page: navigation and footer outside the indexed main content."""
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return f"""<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>{html.escape(project.name)}</title></head>
<body><header><nav><a href="/">トップ</a> <a href="/search/">検索</a></nav></header>
<main data-pagefind-body>
<h1 data-pagefind-meta="name">{html.escape(project.name)}</h1>
<dl><dt>事業番号</dt><dd data-pagefind-meta="code">{code}</dd>
<dt>担当</dt><dd data-pagefind-filter="department" data-pagefind-meta="department">{html.escape(project.department)}</dd>
<dt>年度</dt><dd data-pagefind-filter="year">{year}年度</dd>
<dt>方向性</dt><dd data-pagefind-filter="direction">{html.escape(project.direction)}</dd></dl>
{body}
</main><footer>つくば市</footer></body></html>
"""


def generate_site(projects: list[Project], site: Path, count: int) -> None:
    """Write ``count`` pages to ``site/projects/<n>/``; with count == len(projects), one per project."""
    pool = [line for project in projects for line in project.lines]
    for number in range(count):
        project = projects[number % len(projects)]
        lines = list(project.lines)
        if count != len(projects):
            chance = random.Random(number)
            lines = chance.sample(lines, k=len(lines) * 2 // 3) + chance.sample(pool, k=len(lines) // 3)
        code = project.code if count == len(projects) else f"{number:04d}"
        target = site / "projects" / code / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_html(code, 2015 + number % 8, project, lines), "utf-8")


def cpu_seconds() -> float:
    """CPU time used so far by this process and its finished children (Node, Pagefind)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def index_site(site: Path) -> SearchReport:
    """Index every page of ``site`` that has a ``data-pagefind-body`` element, as the build does."""
    pages = [(path.relative_to(site).as_posix(), read_page(path.read_text("utf-8"))) for path in sorted(site.rglob("*.html"))]
    with IndexRun(site, [(relative, copy) for relative, copy in pages if copy is not None]) as indexing:
        return indexing.finish()


def measure(label: str, site: Path) -> None:
    """Index ``site`` and print the report, with the CPU time (steadier than wall time on a busy machine)."""
    before = cpu_seconds()
    report = index_site(site)
    print(
        f"{label:<28} {report.pages:>5} pages  {report.words:>6} words  "
        f"{report.index_bytes / 1024:>8.0f} KiB  {report.seconds:>6.2f} s wall  {cpu_seconds() - before:>6.2f} s CPU"
    )


def main() -> None:
    """Generate the page sets, index each and print the reports."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="size of the generated set (default 1000)")
    parser.add_argument("--site", type=Path, help="also index a copy of this built site")
    args = parser.parse_args()
    projects = read_projects(REPO / "content" / "sheets")
    with tempfile.TemporaryDirectory(prefix="mieruka-bench-") as scratch:
        work = Path(scratch)
        for label, count in ((f"{len(projects)} real sheet projects", len(projects)), (f"{args.pages} generated pages", args.pages)):
            site = work / f"generated-{count}"
            generate_site(projects, site, count)
            measure(label, site)
        if args.site:
            site = work / "built"
            shutil.copytree(args.site, site)
            measure(f"built site {args.site}", site)


if __name__ == "__main__":
    main()
