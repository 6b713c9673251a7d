"""Run a function over many items on every core; the results come back in the items' order.

Workers are forked, so they inherit the function and the items (closures and large
in-memory contexts need no pickling); only the results travel back. Where forking is not
available, or for a handful of items, the work runs in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 32  # items per worker at least: forking costs about as much as rendering 30 small pages
_task: tuple[Callable[[Any], Any], Sequence[Any]] | None = (
    None  # set in the parent just before forking
)


def _run(bounds: tuple[int, int]) -> list[Any]:
    assert _task is not None
    function, items = _task
    return [function(item) for item in items[bounds[0] : bounds[1]]]


def cores() -> int:
    """CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def fork_map(function: Callable[[T], R], items: Sequence[T], min_items: int = MIN_ITEMS) -> list[R]:
    """``[function(item) for item in items]``, spread over every core in forked workers
    (each worker getting at least ``min_items`` items)."""
    global _task
    workers = min(cores(), len(items) // min_items)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    chunks = min(
        len(items), workers * 4
    )  # small enough chunks that a slow one does not keep the others waiting
    bounds = [(len(items) * i // chunks, len(items) * (i + 1) // chunks) for i in range(chunks)]
    _task = (function, items)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_run, bounds, chunksize=1)
    finally:
        _task = None
    return [result for part in parts for result in part]
