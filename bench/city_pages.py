"""Issue 12: the index pages at city scale: DOM size and phone height of a full build.

    python -m bench.city_pages [--sheets 1000] [--work DIR] [--site DIR]

Builds a synthetic city (``bench.synth``: 18 部・局) and opens its home page, project list
(``/projects/``), every department page and every SDG page in Debian's headless Chromium
at 360x740 (as a phone). Prints, per page type, the number of DOM elements after load
(the largest page of the type; Lighthouse warns above 800 and fails above 1,400) and the
page's height in 740px screens. Target: home at most 10 screens; department and SDG pages
under 1,400 elements.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from bench.common import REPO, build, load_now, machine, sheet_arguments, synthetic_content

PHONE = {"width": 360, "height": 740}
MEASURE = """() => ({elements: document.getElementsByTagName("*").length,
  height: document.documentElement.scrollHeight, width: document.documentElement.scrollWidth})"""


def measure(site: Path) -> dict[str, list[tuple[str, dict]]]:
    """For each page type, (URL, {elements, height, width}) of each page, opened at 360x740."""
    sys.path.insert(0, str(REPO / "tests" / "browser"))
    from playwright.sync_api import sync_playwright

    from sitekit import launch_chromium, serve

    kinds = {
        "home": ["/"],
        "project list": ["/projects/"],
        "department": [
            f"/departments/{p.parent.name}/" for p in sorted(site.glob("departments/*/index.html"))
        ],
        "SDG goal": [f"/sdgs/{p.parent.name}/" for p in sorted(site.glob("sdgs/*/index.html"))],
    }
    found: dict[str, list[tuple[str, dict]]] = {}
    with serve(site) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_context(
            viewport=PHONE, is_mobile=True, has_touch=True, locale="ja-JP"
        ).new_page()
        for kind, urls in kinds.items():
            for url in urls:
                page.goto(base + url, wait_until="load")
                found.setdefault(kind, []).append((url, page.evaluate(MEASURE)))
        browser.close()
    return found


def city_site(sheets: int, work: Path) -> Path:
    """A clean full build of ``sheets`` synthetic sheets under ``work``; prints its time."""
    site = work / "site"
    run = build(synthetic_content(work, sheets), site, clean=True)
    print(f"built {sheets} sheets: {run.pages} pages in {run.wall:.1f} s ({load_now()})")
    return site


def main() -> None:
    """Build the city (or take ``--site``) and print the figures."""
    parser = sheet_arguments(__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site to measure")
    args = parser.parse_args()
    print("== issue 12: index pages at city scale (360x740, Chromium) ==")
    print(machine())
    with tempfile.TemporaryDirectory(prefix="mieruka-city-") as scratch:
        pages = measure(args.site or city_site(args.sheets, args.work or Path(scratch)))
    for kind, measured in pages.items():
        url, largest = max(measured, key=lambda item: item[1]["elements"])
        tallest = max(figures["height"] for _, figures in measured)
        wide = [u for u, figures in measured if figures["width"] > PHONE["width"]]
        print(
            f"{kind:<13} {len(measured):3d} pages  most elements {largest['elements']:5d} ({url})  "
            f"tallest {tallest:6d} px = {tallest / PHONE['height']:5.1f} screens"
            f"  wider than 360px: {len(wide)}"
        )


if __name__ == "__main__":
    main()
