"""Question 2: Pelican and MkDocs building 1,000 Markdown pages with the same text and tables.

    python -m bench.peers --pelican PATH --mkdocs PATH [--sheets 1000] [--runs 3] [--work DIR]

The pages are made from the same synthetic sheets the portal is built from: per sheet its
headings, every text field, and its tables (basic facts, costs by year, indicators by
year, evaluation). Pelican (default theme, feeds off) and MkDocs (default theme, with its
search index) build them; the portal builds the sheets (clean, search index included), in
the same run on the same machine. Medians of the runs, then the ratios.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench.common import build, load_now, machine, median, sheet_arguments, synthetic_content
from builder.parse.stage import parse_content
from builder.records.model import Sheet

PELICAN_CONFIG = """SITENAME = "Mieruka benchmark"
TIMEZONE = "Asia/Tokyo"
DEFAULT_LANG = "ja"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
"""
MKDOCS_CONFIG = "site_name: Mieruka benchmark\ndocs_dir: docs\nsite_dir: site\n"


def _table(header: list[str], rows: list[list[object]]) -> str:
    cells = [
        header,
        ["---"] * len(header),
        *([("" if v is None else str(v)) for v in row] for row in rows),
    ]
    return "\n".join("| " + " | ".join(row) + " |" for row in cells) + "\n"


def _items(title: str, items: tuple[str, ...]) -> str:
    return f"### {title}\n\n" + "".join(f"- {item}\n" for item in items) + "\n" if items else ""


def markdown_page(sheet: Sheet) -> str:
    """One sheet as a Markdown page (MultiMarkdown metadata, which both generators read)."""
    years = [cost.fiscal_year for cost in sheet.costs]
    parts = [
        f"Title: {sheet.name}\nDate: {sheet.fiscal_year}-04-01\nSlug: {sheet.fiscal_year}-{sheet.code}\n\n",
        (
            f"# {sheet.name}\n\n事業番号 {sheet.code}・{sheet.fiscal_year_label}　"
            f"担当：{sheet.department} {sheet.division or ''} {sheet.section or ''}\n\n"
        ),
        "## 事業の概要\n\n",
        _items("対象", sheet.overview.target),
        _items("目的", sheet.overview.purpose),
        _items("取組内容", sheet.overview.activities),
        "## 基本情報\n\n",
        _table(
            ["項目", "内容"],
            [
                ["予算科目", f"{sheet.budget_item.code} {sheet.budget_item.name}"],
                ["新規・継続", sheet.status],
                ["事業分類", sheet.category],
                ["事業体制", sheet.structure],
                ["個別計画", sheet.plan],
                ["事業期間", sheet.period],
                ["根拠法令等", sheet.legal_basis],
                ["市長公約", sheet.mayor_pledge],
            ],
        ),
        "\n## コストの推移（千円）\n\n",
        _table(
            ["項目", *map(str, years)],
            [
                [label, *(getattr(cost, field) for cost in sheet.costs)]
                for label, field in (
                    ("予算額", "budget"),
                    ("決算額", "settlement"),
                    ("一般財源", "general_fund"),
                    ("国庫・県支出金・地方債", "national_prefectural_bonds"),
                    ("その他", "other"),
                    ("人件費計", "personnel"),
                    ("正職員従事割合", "staff_fte"),
                    ("正職員時間外勤務", "overtime_hours"),
                )
            ],
        ),
    ]
    for indicator in sheet.indicators:
        parts += [
            f"\n## 指標{indicator.number}：{indicator.name}（{indicator.unit}）\n\n{indicator.kind}\n\n",
            "".join(f"- {line}\n" for line in indicator.description) + "\n",
            _table(
                ["", *(str(v.fiscal_year) for v in indicator.values)],
                [
                    ["目標値", *(v.target for v in indicator.values)],
                    ["実績", *(v.actual for v in indicator.values)],
                ],
            ),
        ]
    results = sheet.results
    parts += [
        "\n## 事業の成果と課題\n\n",
        _items("前年度の課題への対応", results.previous_response),
        _items("成果", results.achievements),
        _items("課題（業務）", results.issues_operations),
        _items("課題（組織、予算等）", results.issues_organization),
        _items("改善目標", results.improvement),
        "## 評価\n\n",
        _table(
            ["項目", "評価", "説明"],
            [
                [label, score.score, score.comment]
                for label, score in (
                    ("市民ニーズ", sheet.evaluation.citizen_needs),
                    ("進捗状況", sheet.evaluation.progress),
                    ("市の関与", sheet.evaluation.city_involvement),
                    ("優先度", sheet.evaluation.priority),
                )
            ],
        ),
        f"\n## 今後の方向性\n\n{sheet.direction.decision or ''}：{sheet.direction.reason or ''}\n",
    ]
    return "".join(parts)


def write_pages(sheets: list[Sheet], folder: Path) -> None:
    """Write one Markdown file per sheet into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for sheet in sheets:
        (folder / f"{sheet.fiscal_year}-{sheet.code}.md").write_text(
            markdown_page(sheet), encoding="utf-8"
        )


def timed(command: list[str], cwd: Path, output: Path) -> float:
    """Seconds one generator run takes, from an empty output folder."""
    shutil.rmtree(output, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run(
        command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def compare(
    content: Path, work: Path, runs: int, pelican_command: str, mkdocs_command: str
) -> dict[str, list[float]]:
    """Seconds of each run of the portal (clean build of ``content``), Pelican and MkDocs on
    the same pages, interleaved so that a change in the machine's load hits all three."""
    pelican, mkdocs = work / "pelican", work / "mkdocs"
    write_pages(parse_content(content).sheets, pelican / "content")
    (pelican / "pelicanconf.py").write_text(PELICAN_CONFIG, encoding="utf-8")
    shutil.copytree(pelican / "content", mkdocs / "docs")
    (mkdocs / "mkdocs.yml").write_text(MKDOCS_CONFIG, encoding="utf-8")
    times: dict[str, list[float]] = {"portal": [], "Pelican": [], "MkDocs": []}
    for _ in range(runs):
        times["portal"].append(build(content, work / "site", clean=True).wall)
        times["Pelican"].append(
            timed(
                [pelican_command, "content", "-o", "output", "-s", "pelicanconf.py", "-q"],
                pelican,
                pelican / "output",
            )
        )
        times["MkDocs"].append(timed([mkdocs_command, "build", "-q"], mkdocs, mkdocs / "site"))
    return times


def command_path(command: str) -> str:
    """A generator's command, made absolute when given as a path (the runs change folder)."""
    return str(Path(command).absolute()) if "/" in command else command


def report(times: dict[str, list[float]]) -> str:
    """The medians of the runs and the portal's ratio to each generator."""
    ours = median(times["portal"])
    lines = []
    for name, runs in times.items():
        ratio = "" if name == "portal" else f"  portal/{name} = {ours / median(runs):.2f}"
        lines.append(
            f"{name:<8} {median(runs):6.2f} s (median of {len(runs)}: {', '.join(f'{t:.2f}' for t in runs)}){ratio}"
        )
    return "\n".join(lines)


def main() -> None:
    """Time the portal, Pelican and MkDocs on the same sheets and print the ratios."""
    parser = sheet_arguments(__doc__.splitlines()[0])
    parser.add_argument(
        "--pelican", required=True, help="the pelican command (of the bench virtualenv)"
    )
    parser.add_argument(
        "--mkdocs", required=True, help="the mkdocs command (of the bench virtualenv)"
    )
    args = parser.parse_args()
    print(f"== 2. the portal against Pelican and MkDocs, {args.sheets} pages ==")
    print(machine())
    with tempfile.TemporaryDirectory(prefix="mieruka-bench-") as scratch:
        work = Path(scratch)
        content = synthetic_content(args.work or work, args.sheets)
        print(
            report(
                compare(
                    content, work, args.runs, command_path(args.pelican), command_path(args.mkdocs)
                )
            )
        )
        print(f"({load_now()})")


if __name__ == "__main__":
    main()
