"""Stage timing and progress lines for long builds.

Progress goes to the terminal only (stderr is a TTY and ``CI`` is not set); the timings
are always kept for the report printed at the end of the build.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


def terminal_progress() -> TextIO | None:
    """stderr when a person watches the build in a terminal, else None (quiet in CI and tests)."""
    return sys.stderr if sys.stderr.isatty() and not os.environ.get("CI") else None


class StageClock:
    """Times named stages in order; prints a line as each starts and ends when ``out`` is set."""

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out
        self.timings: list[tuple[str, float]] = []

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the enclosed block as stage ``name``."""
        if self.out:
            print(f"  {name} …", file=self.out, flush=True)
        start = time.perf_counter()
        yield
        elapsed = time.perf_counter() - start
        self.timings.append((name, elapsed))
        if self.out:
            print(f"  {name}: {elapsed:.2f} 秒", file=self.out, flush=True)


def stage_lines(stages: tuple[tuple[str, float], ...]) -> str:
    """The stage times of a build's summary, with their total."""
    lines = "\n".join(f"    {name:<12} {seconds:6.2f} 秒" for name, seconds in stages)
    total = sum(seconds for _, seconds in stages)
    return f"  段階ごとの時間:\n{lines}\n    {'合計':<12} {total:6.2f} 秒"
