"""The seconds each test file took in a whole run, kept in ``tests/durations.json``, so that
pytest-xdist hands the files out longest first.

``--dist loadfile`` sends a worker a whole file at a time, in the order of the collection
when told so (:func:`keep_collection_order`: by default the files with the most tests go
first, and a file of one long test, such as a fuzz test, starts last and ends the run
alone). Ordering the collection by these seconds lets the short files fill in at the end.
A file not in the record goes last; a stale record only costs balance, never a test.
Record it again after a large change with ``pytest -n 2 --store-durations`` (a run of some
files updates theirs).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

RECORD = Path(__file__).resolve().parent / "durations.json"
STORE_OPTION = "--store-durations"


def file_of(nodeid: str) -> str:
    """The file part of a test's node id: ``tests/parse/test_fuzz.py``."""
    return nodeid.split("::", 1)[0]


def longest_first(items: list[pytest.Item]) -> None:
    """Sort ``items`` in place by the recorded seconds of their file, longest first (a stable
    sort: each file's tests stay together and in their order)."""
    seconds = json.loads(RECORD.read_text(encoding="utf-8")) if RECORD.is_file() else {}
    items.sort(key=lambda item: -seconds.get(file_of(item.nodeid), 0.0))


def keep_collection_order(config: pytest.Config) -> None:
    """Have pytest-xdist's file scheduler keep the collection's order (what its
    ``--no-loadscope-reorder`` says; set here, so that a run without xdist needs no option)."""
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False


class DurationRecorder:
    """Adds up the setup, call and teardown seconds of each test file's reports (where the
    results arrive: in pytest-xdist's controller) and writes them at the end of the session."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Count one phase of one test."""
        self.seconds[file_of(report.nodeid)] += report.duration

    def pytest_sessionfinish(self) -> None:
        """Write the record, files in name order: the files run replace their old seconds, the
        others keep theirs."""
        record = json.loads(RECORD.read_text(encoding="utf-8")) if RECORD.is_file() else {}
        record |= {name: round(seconds, 1) for name, seconds in self.seconds.items()}
        RECORD.write_text(
            json.dumps(dict(sorted(record.items())), indent=1) + "\n", encoding="utf-8"
        )
