"""Lighthouse 12 (mobile preset) on every page type, for the real sheets and a generated city.

    python -m bench.lighthouse [--sheets 800] [--site DIR ...] [--work DIR] [--runs 3] [--page-type TYPE ...]

Builds the repository's content and a synthetic city of ``--sheets`` sheets (``bench.synth``,
18 部・局), or measures the built ``--site`` folders given; serves each with
``builder.publish.serve`` (text gzipped, as a real host sends it) and runs the pinned Lighthouse
(npm devDependency, ``node_modules/.bin/lighthouse``) on Debian's Chromium (``CHROME_PATH``,
default /usr/bin/chromium), mobile preset with its simulated throttling (slow 4G, 4x CPU).
Prints per page type the performance, accessibility, best-practices and SEO scores, total
blocking time and cumulative layout shift (the median of ``--runs`` runs), and each audit
that keeps a score below 100. Targets: performance >= 90, the others 100, TBT <= 200 ms,
CLS <= 0.02. A page type the site does not have (``/projects/`` before it exists) is
skipped with a note.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import statistics
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from bench.common import CONTENT, REPO, load_now, machine, synthetic_content
from builder.build import build_site
from builder.publish.serve import serving

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SEARCH_QUERY = (
    "こそだて"  # typed in kana, as on a phone before converting: read through the site's readings
)

# Page type -> the glob of its pages in a built site; the largest file (the richest page) is measured.
PAGE_TYPES = {
    "home": "index.html",
    "project": "projects/*/index.html",
    "year page": "projects/*/[0-9][0-9][0-9][0-9]/index.html",
    "department": "departments/*/index.html",
    "SDG": "sdgs/*/index.html",
    "/projects/": "projects/index.html",
    "search": "search/index.html",
    "embed": "embed/projects/*/index.html",
}


@dataclass(frozen=True)
class Result:
    """One page's Lighthouse figures."""

    scores: dict[str, int]  # category -> 0..100
    tbt_ms: float
    cls: float
    below_100: tuple[str, ...]  # "category: audit title" of each audit that lost points
    benchmark_index: (
        float  # Lighthouse's measure of this machine's CPU speed during the run (higher: faster)
    )


def page_urls(
    site: Path, kinds: tuple[str, ...] = tuple(PAGE_TYPES)
) -> Iterator[tuple[str, str | None]]:
    """(page type, URL path) for each of ``kinds``; the path is None when the site has no such page."""
    for kind in kinds:
        pattern = PAGE_TYPES[kind]
        pages = list(site.glob(pattern))
        if not pages:
            yield kind, None
            continue
        folder = (
            max(pages, key=lambda p: (p.stat().st_size, p.as_posix()))
            .relative_to(site)
            .parent.as_posix()
        )
        path = "/" if folder == "." else f"/{folder}/"
        yield kind, path + ("?q=" + quote(SEARCH_QUERY) if kind == "search" else "")


def lighthouse(url: str) -> Result:
    """Run Lighthouse once on ``url`` (mobile preset) and read its report."""
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        for _attempt in range(2):  # on a busy machine Chromium's start may time out once
            done = subprocess.run(
                [
                    str(LIGHTHOUSE),
                    url,
                    "--quiet",
                    "--output=json",
                    f"--output-path={report.name}",
                    f"--only-categories={','.join(CATEGORIES)}",
                    f"--chrome-flags={CHROME_FLAGS}",
                    "--max-wait-for-load=90000",
                ],
                env={**os.environ, "CHROME_PATH": CHROME},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            if not done.returncode:
                break
        else:
            raise SystemExit(f"lighthouse failed twice on {url}:\n{done.stderr[-3000:]}")
        data = json.loads(Path(report.name).read_text(encoding="utf-8"))
    audits = data["audits"]
    below = tuple(
        f"{name}: {audits[ref['id']]['title']}"
        for name, category in data["categories"].items()
        if name != "performance"
        for ref in category["auditRefs"]
        if ref["weight"] > 0 and audits[ref["id"]].get("score") not in (None, 1)
    )
    return Result(
        {
            name: round(100 * (category["score"] or 0))
            for name, category in data["categories"].items()
        },
        audits["total-blocking-time"]["numericValue"],
        audits["cumulative-layout-shift"]["numericValue"],
        below,
        data["environment"]["benchmarkIndex"],
    )


def median_result(results: list[Result]) -> Result:
    """The median of each figure over the runs; the audits below 100 of any run."""
    return Result(
        {name: round(statistics.median(r.scores[name] for r in results)) for name in CATEGORIES},
        statistics.median(r.tbt_ms for r in results),
        statistics.median(r.cls for r in results),
        tuple(sorted({audit for r in results for audit in r.below_100})),
        statistics.median(r.benchmark_index for r in results),
    )


def report(label: str, site: Path, runs: int, kinds: tuple[str, ...]) -> None:
    """Measure and print the page types ``kinds`` of one built site."""
    print(f"-- {label} ({site}) --")
    print(
        f"{'page type':<11} {'perf':>4} {'a11y':>4} {'b.p.':>4} {'SEO':>4} {'TBT ms':>7} {'CLS':>6} {'CPU':>5}  page"
    )
    with (
        contextlib.redirect_stderr(io.StringIO()),
        serving(site) as base,
    ):  # not the server's request log
        for kind, path in page_urls(site, kinds):
            if path is None:
                print(f"{kind:<11} (the site has no such page: skipped)")
                continue
            result = median_result([lighthouse(base + path) for _ in range(runs)])
            s = result.scores
            print(
                f"{kind:<11} {s['performance']:>4} {s['accessibility']:>4} {s['best-practices']:>4} {s['seo']:>4}"
                f" {result.tbt_ms:>7.0f} {result.cls:>6.3f} {result.benchmark_index:>5.0f}  {path}  ({load_now()})",
                flush=True,
            )
            for audit in result.below_100:
                print(f"{'':<11} below 100: {audit}")


def _built(content: Path, out: Path) -> Path:
    with contextlib.redirect_stderr(io.StringIO()):  # the sheets' warnings
        build_site(content, out, progress=io.StringIO())
    return out


def main() -> None:
    """Build (or take) the sites and print their Lighthouse figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--site", type=Path, action="append", help="a built site to measure (repeatable)"
    )
    parser.add_argument(
        "--sheets", type=int, default=800, help="sheets of the generated city (default 800)"
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="Lighthouse runs per page; the median is printed (default 3: single runs vary by 100 ms and more)",
    )
    parser.add_argument(
        "--work", type=Path, help="folder for the generated content (default: a temporary one)"
    )
    parser.add_argument(
        "--page-type",
        action="append",
        choices=tuple(PAGE_TYPES),
        dest="kinds",
        help="measure only this page type (repeatable; default: every type)",
    )
    args = parser.parse_args()
    kinds = tuple(args.kinds or PAGE_TYPES)
    if not LIGHTHOUSE.is_file():
        parser.error(f"{LIGHTHOUSE} is missing: run `npm ci`")
    print("== Lighthouse 12, mobile preset (simulated slow 4G, 4x CPU slowdown) ==")
    print(machine())
    print(
        f"Chromium: {subprocess.run([CHROME, '--version'], capture_output=True, text=True).stdout.strip()}"
    )
    print(
        "targets: performance >= 90, accessibility / best practices / SEO 100, TBT <= 200 ms, CLS <= 0.02"
    )
    print(
        "CPU: Lighthouse's benchmark index of this machine during the run; its 4x slowdown assumes a desktop"
        " of about 1,000 or more, so a busy or slower machine inflates TBT and lowers performance"
    )
    with tempfile.TemporaryDirectory(prefix="mieruka-lighthouse-") as scratch:
        if args.site:
            for site in args.site:
                report(site.name, site, args.runs, kinds)
            return
        work = args.work or Path(scratch)
        real = Path(scratch) / "real"
        shutil.copytree(CONTENT, real / "content")
        report("the 8 real sheets", _built(real / "content", real / "site"), args.runs, kinds)
        city = synthetic_content(work, args.sheets)
        report(
            f"a generated city of {args.sheets} sheets",
            _built(city, Path(scratch) / "city-site"),
            args.runs,
            kinds,
        )


if __name__ == "__main__":
    main()
