"""Question 3: rebuilding after one sheet changes, and after only a template changes.

    python -m bench.rebuild [--sheets 1000] [--runs 3] [--work DIR]

After a full build (which fills the cache), each run changes one sheet (its project name,
alternately with and without a mark) or only a template (a comment in base.html,
alternately), and rebuilds incrementally. Printed: data and pages (every stage but the
search index), the search index (rebuilt whole), wall time and pages taken over.
Target: one changed sheet, data and pages in under 1 s.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench.common import (
    REPO,
    BuildRun,
    build,
    load_now,
    machine,
    median,
    sheet_arguments,
    synthetic_content,
)


def line(label: str, runs: list[BuildRun]) -> str:
    """Medians of the runs of one kind of change."""
    return (
        f"{label}, median of {len(runs)}: data and pages {median([r.data_and_pages for r in runs]):.2f} s, "
        f"search index {median([r.search for r in runs]):.2f} s, "
        f"wall {median([r.wall for r in runs]):.2f} s, pages taken over {runs[0].pages_reused} of {runs[0].pages} "
        f"({load_now()})"
    )


def runs_after(
    change: Callable[[int], None], rebuild: Callable[[], BuildRun], count: int
) -> list[BuildRun]:
    """Apply ``change(run number)`` then rebuild, ``count`` times."""
    results = []
    for number in range(count):
        change(number)
        results.append(rebuild())
    return results


def measure(content: Path, work: Path, runs: int) -> tuple[BuildRun, dict[str, list[BuildRun]]]:
    """A full build of a copy of ``content`` under ``work``, then ``runs`` rebuilds of each
    kind: nothing changed, one sheet changed, only a template changed."""
    copy = work / "content"
    shutil.copytree(content, copy)
    templates = {False: REPO / "templates", True: work / "templates"}
    shutil.copytree(templates[False], templates[True])
    base = templates[True] / "base.html"
    base.write_text(
        base.read_text(encoding="utf-8") + "{# changed #}<!-- changed -->\n", encoding="utf-8"
    )
    out = work / "site"
    current = {"templates": templates[False]}
    full = build(copy, out, clean=True, templates=current["templates"])
    sheet = sorted((copy / "sheets").rglob("*.txt"))[0]
    original = sheet.read_text(encoding="utf-8")
    name = original.split("事務事業名\t", 1)[1].split("\t", 1)[0]

    def change_sheet(number: int) -> None:
        sheet.write_text(
            original.replace(name, name + "（改）" if number % 2 == 0 else name, 1),
            encoding="utf-8",
        )

    def change_template(number: int) -> None:
        current["templates"] = templates[number % 2 == 0]

    def rebuild() -> BuildRun:
        return build(copy, out, templates=current["templates"])

    return full, {
        "no change": [rebuild() for _ in range(runs)],
        "one sheet changed": runs_after(change_sheet, rebuild, runs),
        "only a template changed": runs_after(change_template, rebuild, runs),
    }


def main() -> None:
    """Build once, then time rebuilds after a sheet change and after a template change."""
    parser = sheet_arguments(__doc__.splitlines()[0])
    args = parser.parse_args()
    print("== 3. incremental rebuilds ==")
    print(machine())
    with tempfile.TemporaryDirectory(prefix="mieruka-bench-") as scratch:
        work = Path(scratch)
        full, rebuilds = measure(synthetic_content(args.work or work, args.sheets), work, args.runs)
        print(f"full build of {args.sheets} sheets: {full.wall:.2f} s ({load_now()})")
        for label, runs in rebuilds.items():
            print(line(label, runs))


if __name__ == "__main__":
    main()
