"""What the share cards cost a clean build (issue 22's budget: at most 15 %).

    python -m bench.cards [--sheets 1000] [--runs 4] [--work DIR]

Clean builds of one generated city, in this process, alternately with the cards drawn and
with none drawn (``write_cards`` given no card: the pages still name their cards); for each,
the wall time, the CPU time of the build and its child processes (Pagefind, the render
workers), which the machine's load disturbs less, and the build's own ``cards`` stage, which
overlaps Pagefind's indexing. The figures are the medians of the runs.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

import builder.build as build_module
from bench.common import load_now, machine, median, synthetic_content
from builder.pages.card_drawing import WrittenCards
from builder.pages.cards import ShareCard
from builder.util.cache import OutputCache

DRAW_CARDS = build_module.write_cards


def _no_cards(root: Path, cards: list[ShareCard], outputs_cache: OutputCache) -> WrittenCards:
    return DRAW_CARDS(root, [], outputs_cache)


def _cpu_seconds() -> float:
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(content: Path, out: Path, cards: bool) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, seconds of the cards stage) of one clean build."""
    shutil.rmtree(out, ignore_errors=True)
    build_module.write_cards = DRAW_CARDS if cards else _no_cards
    try:
        started, cpu = time.perf_counter(), _cpu_seconds()
        report = build_module.build_site(content, out, clean=True)
        return (
            time.perf_counter() - started,
            _cpu_seconds() - cpu,
            dict(report.stages).get("cards", 0.0),
        )
    finally:
        build_module.write_cards = DRAW_CARDS


def main() -> None:
    """Print each run, then the medians with and without cards and the difference."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="mieruka-cards-"))
    content = synthetic_content(work, args.sheets)
    runs: dict[bool, list[tuple[float, float, float]]] = {True: [], False: []}
    for _ in range(args.runs):
        for cards in (True, False):
            runs[cards].append(measure(content, work / "site", cards))
            wall, cpu, stage = runs[cards][-1]
            print(
                f"{'cards' if cards else 'none '}: {wall:.2f} s wall, {cpu:.2f} s CPU, cards stage {stage:.2f} s"
            )
    print(f"{machine()}, {load_now()}")
    for index, what in ((0, "wall"), (1, "CPU")):
        drawn, none = (
            median([r[index] for r in runs[True]]),
            median([r[index] for r in runs[False]]),
        )
        print(
            f"median {what}: {drawn:.2f} s with cards, {none:.2f} s without: {(drawn / none - 1) * 100:+.1f} %"
        )


if __name__ == "__main__":
    main()
