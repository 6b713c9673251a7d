"""Session builds shared by the pytest-xdist workers: each site the suite reads is built once
per run, not once per worker."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest


def built_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], tuple[Path, Path]]
) -> tuple[Path, Path]:
    """(content, site) that ``build`` makes in the folder it is given, made once per run.

    Under pytest-xdist every worker has its own temporary folder; the workers share their
    parent, where the first worker to ask builds under a lock while the others wait, and then
    all read the same folders (the session builds are only read: a test that changes one
    works on a copy)."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        return build(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent
    made = shared / f"{name}.json"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not made.is_file():
            folder = shared / name
            shutil.rmtree(folder, ignore_errors=True)  # what a worker that failed left
            folder.mkdir()
            made.write_text(json.dumps([str(path) for path in build(folder)]), encoding="utf-8")
    content, site = json.loads(made.read_text(encoding="utf-8"))
    return Path(content), Path(site)
