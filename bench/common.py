"""Shared by the benchmark scripts: the machine line, medians, synthetic content, timed builds.

Each build runs in its own Python process (``bench/build_once.py``), so its peak memory is
its own: the builder process and, separately, the largest of its child processes (parse
and render workers, Node, Pagefind).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.cities import (
    synthetic_content as synthetic_content,  # the generated cities of the bench scripts
)

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo (or the platform's processor string)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine() -> str:
    """One line naming the machine and how busy it is right now."""
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"machine: {os.cpu_count()} CPUs ({len(os.sched_getaffinity(0))} usable), {cpu_model()}, load average {load}"


def load_now() -> str:
    """The 1-minute load average, to print next to a figure."""
    return f"load {os.getloadavg()[0]:.2f}"


def city_size(text: str) -> tuple[int, int]:
    """``1000x3`` -> (1000 sheets a year, 3 fiscal years): a generated city's size on a command line."""
    per_year, years = (int(n) for n in text.split("x"))
    return per_year, years


def median(values: list[float]) -> float:
    """The median of the runs."""
    return statistics.median(values)


@dataclass(frozen=True)
class BuildRun:
    """One build in its own process."""

    wall: float  # seconds, from start to the swapped-in site
    stages: dict[str, float]  # stage -> seconds
    peak_builder_mb: float  # peak resident memory of the builder process
    peak_child_mb: float  # peak of the largest child process (workers, Node, Pagefind)
    peak_together_mb: (
        float  # peak of the builder and all its child processes at the same moment (PSS)
    )
    pages: int
    pages_reused: int
    search_pages: int

    @property
    def data_and_pages(self) -> float:
        """Seconds of every stage but the search index (its copy and Pagefind's run)."""
        return sum(
            seconds for name, seconds in self.stages.items() if not name.startswith("search ")
        )

    @property
    def search(self) -> float:
        """Seconds of the search index: writing its copy and waiting for Pagefind."""
        return sum(seconds for name, seconds in self.stages.items() if name.startswith("search "))


def build(content: Path, out: Path, clean: bool = False, templates: Path | None = None) -> BuildRun:
    """Build ``content`` into ``out`` in a new Python process and return its figures
    (``templates``: a template folder to use instead of the repository's)."""
    command = [sys.executable, "-m", "bench.build_once", str(content), str(out)] + (
        ["--clean"] if clean else []
    )
    command += ["--templates", str(templates)] if templates else []
    done = subprocess.run(command, cwd=REPO, check=True, capture_output=True, text=True)
    return BuildRun(**json.loads(done.stdout.splitlines()[-1]))


def mb(kilobytes: float) -> float:
    """ru_maxrss (KiB on Linux) in MB."""
    return kilobytes * 1024 / 1e6


def sheet_arguments(description: str) -> argparse.ArgumentParser:
    """A command line with the options the benchmarks share: --sheets, --runs and --work."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--sheets", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--work", type=Path, help="folder for the generated content (default: a temporary one)"
    )
    return parser
