"""One timed build, run by the benchmarks in a fresh process; prints its figures as one JSON line.

python -m bench.build_once CONTENT OUT [--clean] [--templates DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import resource
import threading
import time
from pathlib import Path

import builder.build
from bench.common import mb
from builder.build import build_site


class TreeMemory:
    """The peak memory of this process and its descendants together, sampled every
    ``INTERVAL`` seconds in a thread: the sum of their proportional set sizes (PSS, so pages
    that forked workers share with the builder count once)."""

    INTERVAL = 0.2

    def __init__(self) -> None:
        self.peak = 0  # bytes
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(self.INTERVAL):
            self.peak = max(self.peak, sum(_pss(pid) for pid in _tree(os.getpid())))


def _tree(root: int) -> list[int]:
    """``root`` and the processes descending from it, from /proc."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    tree, added = {root}, True
    while added:
        children = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= children
        added = bool(children)
    return sorted(tree)


def _pss(pid: int) -> int:
    """The proportional set size of a process in bytes (0 if it has ended)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def main() -> None:
    """Build, then print wall time, stage times, peak memory and page counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--clean", action="store_true")
    parser.add_argument(
        "--templates", type=Path, help="template folder instead of the repository's"
    )
    args = parser.parse_args()
    if args.templates:
        builder.build.TEMPLATES = args.templates
    started = time.perf_counter()
    with contextlib.redirect_stderr(io.StringIO()), TreeMemory() as memory:  # the sheets' warnings
        report = build_site(args.content, args.out, progress=io.StringIO(), clean=args.clean)
    wall = time.perf_counter() - started
    print(
        json.dumps(
            {
                "wall": wall,
                "stages": dict(report.stages),
                "peak_builder_mb": mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
                "peak_child_mb": mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss),
                "peak_together_mb": memory.peak / 1e6,
                "pages": report.pages,
                "pages_reused": report.pages_reused,
                "search_pages": report.search.pages,
            }
        )
    )


if __name__ == "__main__":
    main()
