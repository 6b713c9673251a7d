"""Session fixtures shared by the pytest-xdist workers: each site the suite reads is built (and
each costly check of them run) once per run, not once per worker."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


def once_per_run(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], Any]
) -> Any:
    """What ``make`` returns (a JSON value) for the folder it is given to work in, made once
    per run.

    Under pytest-xdist every worker has its own temporary folder; the workers share their
    parent, where the first worker to ask makes the value under a lock while the others wait,
    and then all read the same value and folder (the session builds are only read: a test
    that changes one works on a copy). Without xdist the value is made in a folder of the
    session's own."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        return json.loads(json.dumps(make(tmp_path_factory.mktemp(name))))
    shared = tmp_path_factory.getbasetemp().parent
    made = shared / f"{name}.json"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not made.is_file():
            folder = shared / name
            shutil.rmtree(folder, ignore_errors=True)  # what a worker that failed left
            folder.mkdir()
            made.write_text(json.dumps(make(folder)), encoding="utf-8")
    return json.loads(made.read_text(encoding="utf-8"))


def built_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], tuple[Path, Path]]
) -> tuple[Path, Path]:
    """(content, site) that ``build`` makes in the folder it is given, made once per run
    (:func:`once_per_run`)."""
    content, site = once_per_run(
        tmp_path_factory, name, lambda folder: [str(path) for path in build(folder)]
    )
    return Path(content), Path(site)
