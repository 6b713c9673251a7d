"""One timed build, run by the benchmarks in a fresh process; prints its figures as one JSON line.

    python -m bench.build_once CONTENT OUT [--clean] [--templates DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import resource
import time
from pathlib import Path

import builder.build
from bench.common import mb
from builder.build import build_site


def main() -> None:
    """Build, then print wall time, stage times, peak memory and page counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--clean", action="store_true")
    parser.add_argument("--templates", type=Path, help="template folder instead of the repository's")
    args = parser.parse_args()
    if args.templates:
        builder.build.TEMPLATES = args.templates
    started = time.perf_counter()
    with contextlib.redirect_stderr(io.StringIO()):  # the sheets' warnings
        report = build_site(args.content, args.out, progress=io.StringIO(), clean=args.clean)
    wall = time.perf_counter() - started
    print(json.dumps({
        "wall": wall,
        "stages": dict(report.stages),
        "peak_builder_mb": mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
        "peak_child_mb": mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss),
        "pages": report.pages,
        "pages_reused": report.pages_reused,
        "search_pages": report.search.pages,
    }))


if __name__ == "__main__":
    main()
