"""Where a build's time goes: a clean build profiled with cProfile, and two profiles compared.

    python -m bench.profile build CONTENT OUT DUMP [--top 40]
    python -m bench.profile compare SMALL.prof LARGE.prof RATIO [--top 25]

``build`` runs the whole build in this one process (the forked workers are turned off, so
render and the other stages are in the profile; the profiler makes it several times
slower), prints the stages, the seconds the cyclic garbage collector took per generation
and the functions of largest cumulative time, and writes the profile to DUMP. ``compare``
takes two profiles of cities ``RATIO`` times apart in size and lists the functions whose
call count or cumulative time grew more than the city (what grows faster than the work).
On a loaded machine compare call counts and cumulative seconds, not wall time.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import time
from pathlib import Path

import builder.util.parallel
from builder.build import build_site


class CollectorClock:
    """Seconds and passes of the cyclic garbage collector per generation (``gc.callbacks``)."""

    def __init__(self) -> None:
        self.seconds, self.passes, self._started = [0.0, 0.0, 0.0], [0, 0, 0], 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        """The callback: time from each pass's start to its stop."""
        if phase == "start":
            self._started = time.perf_counter()
            return
        self.seconds[info["generation"]] += time.perf_counter() - self._started
        self.passes[info["generation"]] += 1


def profile_build(content: Path, out: Path, dump: Path, top: int) -> None:
    """Build ``content`` into ``out`` from scratch under cProfile; print and save the profile."""
    builder.util.parallel.cores = lambda: (
        1
    )  # every stage in this process, where the profiler sees it
    clock, profiler = CollectorClock(), cProfile.Profile()
    gc.callbacks.append(clock)
    profiler.enable()
    report = build_site(content, out, clean=True)
    profiler.disable()
    gc.callbacks.remove(clock)
    print(report.summary())
    print(
        "garbage collector, seconds per generation:",
        " ".join(f"{s:.2f}" for s in clock.seconds),
        " passes:",
        " ".join(map(str, clock.passes)),
    )
    profiler.dump_stats(dump)
    pstats.Stats(str(dump)).sort_stats("cumulative").print_stats(top)


def _name(key: tuple[str, int, str]) -> str:
    return f"{key[0].rsplit('/', 1)[-1]}:{key[1]}({key[2]})"


def compare(small: Path, large: Path, ratio: float, top: int) -> None:
    """Print the functions whose calls or cumulative seconds grew more than ``ratio`` (by 20 %)."""
    before, after = pstats.Stats(str(small)).stats, pstats.Stats(str(large)).stats  # type: ignore[attr-defined]
    rows = []
    for key, (_, calls, _, cumulative, _) in after.items():
        if key in before and before[key][1]:
            rows.append(
                (
                    calls / before[key][1],
                    cumulative / max(before[key][3], 1e-6),
                    before[key][1],
                    calls,
                    before[key][3],
                    cumulative,
                    key,
                )
            )
    for title, column in (("calls", 0), ("cumulative seconds (> 0.5 s)", 1)):
        print(f"== grew more than {ratio}x in {title} ==")
        grown = [row for row in rows if row[column] > ratio * 1.2 and (column == 0 or row[5] > 0.5)]
        for row in sorted(grown, key=lambda r: -r[column])[:top]:
            print(
                f"calls {row[2]} -> {row[3]} ({row[0]:.1f}x)  cumulative {row[4]:.2f} -> {row[5]:.2f} s "
                f"({row[1]:.1f}x)  {_name(row[6])}"
            )


def main() -> None:
    """``build`` or ``compare`` (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    one = commands.add_parser("build")
    one.add_argument("content", type=Path)
    one.add_argument("out", type=Path)
    one.add_argument("dump", type=Path)
    one.add_argument("--top", type=int, default=40)
    two = commands.add_parser("compare")
    two.add_argument("small", type=Path)
    two.add_argument("large", type=Path)
    two.add_argument("ratio", type=float)
    two.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    if args.command == "build":
        profile_build(args.content, args.out, args.dump, args.top)
    else:
        compare(args.small, args.large, args.ratio, args.top)


if __name__ == "__main__":
    main()
