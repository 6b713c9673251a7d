"""Question 1: a clean full build of 100, 1,000 and 3,000 synthetic sheets, by stage, with peak memory.

    python -m bench.full_build [--sizes 100x1 1000x1 1000x3] [--runs 3] [--work DIR]

A size is sheets per year x fiscal years: 3,000 sheets are a city's 1,000 a year over three
years. Each build starts without a cache (``--clean``) in its own process; the figures are
the median of the runs. Targets: 1,000 sheets at most 8 s; 3,000 sheets under 1 GB (the builder and Pagefind together).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench.common import build, city_size, load_now, machine, median, synthetic_content


def report(sheets: str, runs: list) -> str:
    """The lines for one size: median wall time and stages, the peaks over the runs."""
    stages = {name: median([run.stages[name] for run in runs]) for name in runs[0].stages}
    builder, child = max(r.peak_builder_mb for r in runs), max(r.peak_child_mb for r in runs)
    together = max(r.peak_together_mb for r in runs)
    lines = [
        (
            f"{sheets} sheets ({runs[0].pages} pages, {runs[0].search_pages} indexed), median of {len(runs)}: "
            f"{median([r.wall for r in runs]):.2f} s wall, peak memory {together:.0f} MB (builder and its child "
            f"processes at the same moment; alone: builder {builder:.0f} MB, largest child {child:.0f} MB)"
        ),
        "    " + "  ".join(f"{name} {seconds:.2f}" for name, seconds in stages.items()),
    ]
    return "\n".join(lines)


def main() -> None:
    """Build each size ``--runs`` times and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", nargs="+", default=["100x1", "1000x1", "1000x3"], help="SHEETSxYEARS"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--work", type=Path, help="folder for the generated content (default: a temporary one)"
    )
    args = parser.parse_args()
    print("== 1. full build (clean, no cache) ==")
    print(machine())
    with tempfile.TemporaryDirectory(prefix="mieruka-bench-") as scratch:
        work = args.work or Path(scratch)
        for size in args.sizes:
            per_year, years = city_size(size)
            content = synthetic_content(work, per_year, years)
            runs = [
                build(content, Path(scratch) / f"site-{size}", clean=True) for _ in range(args.runs)
            ]
            print(report(f"{per_year * years} ({size})", runs), f"({load_now()})", flush=True)


if __name__ == "__main__":
    main()
