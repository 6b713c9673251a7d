"""The open-data stage on its own: making every download, and writing them.

    python -m bench.opendata [--sheets 1000] [--runs 3] [--work DIR]

Parses synthetic content once, then times (median of the runs) ``load_open_data`` from an
empty cache, ``OpenData.write`` into an empty folder, and ``load_open_data`` again after
one sheet changed with the cache of the first run, and the SQLite database on its own.
Printed with the sizes of the zip and the database. The
caches and sites are written under ``--work`` (default: the temporary folder).
"""

from __future__ import annotations

import dataclasses
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import load_now, machine, median, sheet_arguments, synthetic_content
from builder.downloads.exports import ALL_JSON, DATA_DIR, ZIP, database_tables
from builder.downloads.sqlite import SQLITE, database_bytes
from builder.pages.opendata import OpenData, load_open_data
from builder.parse.stage import parse_content
from builder.records.datafile import dump_sheet
from builder.settings.read import read_settings


def timed(action: Callable[[int], object], runs: int) -> tuple[float, object]:
    """The median seconds of ``action(run number)`` over ``runs`` runs, and its last result."""
    seconds, result = [], None
    for number in range(runs):
        start = time.perf_counter()
        result = action(number)
        seconds.append(time.perf_counter() - start)
    return median(seconds), result


def main() -> None:
    """Time the open-data stage clean, its write, and a rebuild after one sheet changed."""
    parser = sheet_arguments(__doc__.splitlines()[0])
    args = parser.parse_args()
    print("== open data ==")
    print(machine())
    with tempfile.TemporaryDirectory(prefix="mieruka-bench-", dir=args.work) as scratch:
        work = Path(scratch)
        content = synthetic_content(args.work or work, args.sheets)
        parsed = parse_content(content)
        settings = read_settings(content)
        sheets, texts = list(parsed.sheets), dict(parsed.texts)

        def clean(number: int) -> OpenData:
            return load_open_data(settings, sheets, texts, cache=work / f"cache-{number}")

        def write(number: int) -> None:
            open_data.write(work / f"site-{number}")

        def one_changed(number: int) -> OpenData:
            changed = dataclasses.replace(sheets[0], name=f"{sheets[0].name}（{number}）")
            texts[(changed.fiscal_year, changed.code)] = dump_sheet(changed)
            return load_open_data(settings, [changed, *sheets[1:]], texts, cache=work / "cache-0")

        took, open_data = timed(clean, args.runs)
        print(f"load_open_data, empty cache: {took:.3f} s ({load_now()})")
        took, _ = timed(write, args.runs)
        print(f"OpenData.write: {took:.3f} s ({load_now()})")
        took, _ = timed(one_changed, args.runs)
        print(f"load_open_data, one sheet changed: {took:.3f} s ({load_now()})")
        files = open_data.exports.files
        zipped, all_json = files[f"{DATA_DIR}/{ZIP}"], files[f"{DATA_DIR}/{ALL_JSON}"]
        print(f"zip: {len(zipped):,} bytes; {ALL_JSON}: {len(all_json):,} bytes")
        publication = open_data.publication
        took, database = timed(
            lambda _: database_bytes(
                database_tables(publication, open_data.population), publication.sheets
            ),
            args.runs,
        )
        print(
            f"{SQLITE} (part of load_open_data): {took:.3f} s, {len(database):,} bytes ({load_now()})"
        )


if __name__ == "__main__":
    main()
