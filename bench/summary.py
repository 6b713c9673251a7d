"""Every build figure in one table: clean builds at three sizes, Pelican and MkDocs, rebuilds.

    python -m bench.summary --pelican PATH --mkdocs PATH [--sizes 1000x1 3000x1 10000x1] [--runs 3]
                            [--rebuild-runs 3] [--work DIR]

Runs ``bench.full_build`` at each size (the first is the base every ratio is taken to),
``bench.peers`` on the first size and ``bench.rebuild`` on it, prints their own lines as
they come, then one table with the targets of issue 25 and whether each is met, so a
regression shows at once. Wall times are the build's own (``bench.build_once``: from the
call to the swapped-in site, interpreter start and imports not included).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench import full_build, peers, rebuild
from bench.common import BuildRun, build, city_size, load_now, machine, median, synthetic_content

GROWTH_LIMIT = (
    10.5  # the largest size at most this many times the base's wall time (10,000 against 1,000)
)
MEMORY_LIMIT_MB = 1500.0  # peak memory of any size (builder and children at the same moment)
PEER_LIMIT = 0.5  # the base size at most this fraction of Pelican's time on the same pages
REBUILD_LIMITS = {"no change": 0.5, "one sheet changed": 1.0}  # seconds of wall time


def _row(label: str, wall: float, memory: str, ratio: str, target: str, met: bool | None) -> str:
    verdict = "" if met is None else ("ok" if met else "OVER")
    return f"| {label} | {wall:.2f} | {memory} | {ratio} | {target} | {verdict} |"


def table(
    sizes: list[tuple[int, int]],
    builds: list[list[BuildRun]],
    times: dict[str, list[float]],
    rebuilds: dict[str, list[BuildRun]],
) -> str:
    """The summary table (Markdown) of the figures measured."""
    base = median([r.wall for r in builds[0]])
    base_sheets = sizes[0][0] * sizes[0][1]
    lines = ["| what | wall s | peak MB | ratio | target | |", "|---|---|---|---|---|---|"]
    for number, ((per_year, years), runs) in enumerate(zip(sizes, builds)):
        wall, peak = median([r.wall for r in runs]), max(r.peak_together_mb for r in runs)
        growth = wall / base
        largest = number == len(sizes) - 1 and number > 0  # the size the growth limit is for
        target = (f"<= {GROWTH_LIMIT}x, " if largest else "") + f"<= {MEMORY_LIMIT_MB:.0f} MB"
        lines.append(
            _row(
                f"clean build, {per_year * years:,} sheets ({per_year}x{years}, {runs[0].pages:,} pages)",
                wall,
                f"{peak:.0f}",
                f"{growth:.2f}x base for {per_year * years / base_sheets:.1f}x sheets",
                target,
                (growth <= GROWTH_LIMIT or not largest) and peak <= MEMORY_LIMIT_MB,
            )
        )
    ours = median(times["portal"])
    lines.append(_row("clean build, base size, in the peers' run", ours, "", "", "", None))
    for name in ("Pelican", "MkDocs"):
        theirs = median(times[name])
        limit = PEER_LIMIT if name == "Pelican" else None
        lines.append(
            _row(
                f"{name}, the same pages",
                theirs,
                "",
                f"portal/{name} {ours / theirs:.2f}",
                f"portal <= {limit}x" if limit else "",
                ours / theirs <= limit if limit else None,
            )
        )
    for label, runs in rebuilds.items():
        wall, limit = median([r.wall for r in runs]), REBUILD_LIMITS.get(label)
        lines.append(
            _row(
                f"rebuild of the base size, {label} ({runs[0].pages_reused:,} pages taken over)",
                wall,
                f"{max(r.peak_together_mb for r in runs):.0f}",
                "",
                f"<= {limit} s" if limit else "",
                wall <= limit if limit else None,
            )
        )
    return "\n".join(lines)


def stage_table(sizes: list[tuple[int, int]], builds: list[list[BuildRun]]) -> str:
    """Seconds of each stage of the clean builds (medians), a row per size, with its growth
    against the base size (a stage growing faster than the sheets is the one to look at)."""
    names = list(builds[0][0].stages)
    base = {name: median([r.stages[name] for r in builds[0]]) for name in names}
    lines = [
        "| sheets | wall s | peak MB | " + " | ".join(names) + " |",
        "|---" * (len(names) + 3) + "|",
    ]
    for (per_year, years), runs in zip(sizes, builds):
        stages = {name: median([r.stages[name] for r in runs]) for name in names}
        cells = [
            f"{stages[name]:.2f}"
            + (
                f" ({stages[name] / base[name]:.1f}x)"
                if runs is not builds[0] and base[name]
                else ""
            )
            for name in names
        ]
        lines.append(
            f"| {per_year * years:,} | {median([r.wall for r in runs]):.2f} | "
            f"{max(r.peak_together_mb for r in runs):.0f} | " + " | ".join(cells) + " |"
        )
    return "\n".join(lines)


def main() -> None:
    """Measure and print the lines of each benchmark, then the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pelican", required=True, help="the pelican command (of the bench virtualenv)"
    )
    parser.add_argument(
        "--mkdocs", required=True, help="the mkdocs command (of the bench virtualenv)"
    )
    parser.add_argument(
        "--sizes", nargs="+", default=["1000x1", "3000x1", "10000x1"], help="SHEETSxYEARS"
    )
    parser.add_argument("--runs", type=int, default=3, help="clean builds per size and peer runs")
    parser.add_argument("--rebuild-runs", type=int, default=3)
    parser.add_argument(
        "--work", type=Path, help="folder for the generated content (default: a temporary one)"
    )
    args = parser.parse_args()
    print("== build speed, all figures ==")
    print(machine())
    sizes = [city_size(text) for text in args.sizes]
    with tempfile.TemporaryDirectory(prefix="mieruka-bench-") as scratch:
        work = args.work or Path(scratch)
        builds = []
        for per_year, years in sizes:
            content = synthetic_content(work, per_year, years)
            runs = [build(content, Path(scratch) / "site", clean=True) for _ in range(args.runs)]
            print(
                full_build.report(f"{per_year * years} ({per_year}x{years})", runs),
                f"({load_now()})",
                flush=True,
            )
            builds.append(runs)
        base = synthetic_content(work, *sizes[0])
        times = peers.compare(
            base,
            Path(scratch) / "peers",
            args.runs,
            peers.command_path(args.pelican),
            peers.command_path(args.mkdocs),
        )
        print(peers.report(times), f"({load_now()})", flush=True)
        _, rebuilds = rebuild.measure(base, Path(scratch) / "rebuild", args.rebuild_runs)
        for label, runs in rebuilds.items():
            print(rebuild.line(label, runs), flush=True)
    print()
    print(stage_table(sizes, builds))
    print()
    print(table(sizes, builds, times, rebuilds))
    print(machine())


if __name__ == "__main__":
    main()
