"""Question 4: page weight: each page type's HTML+CSS gzip size and the JavaScript it loads.

    python -m bench.page_weight [--site DIR]

Builds the repository's content (or measures ``--site``) and prints, for the largest page
of each type, the gzip size of its HTML and of its stylesheets, and each script it loads
(gzip size, and whether it is deferred), and the plotly bundle charts.js fetches once the
reader scrolls or taps. Targets: project page HTML+CSS at most 30 KB gzip; the chart
JavaScript loaded once, deferred, only on pages with a chart, at most 400 KB gzip.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import re
import shutil
import tempfile
from pathlib import Path

from bench.common import CONTENT, machine
from builder.build import build_site

PAGE_TYPES = {  # type -> glob of its pages under the site
    "home": "index.html",
    "project (latest)": "projects/*/index.html",
    "project (one year)": "projects/*/[0-9][0-9][0-9][0-9]/index.html",
    "departments": "departments/index.html",
    "department": "departments/*/index.html",
    "SDGs": "sdgs/index.html",
    "SDG goal": "sdgs/*/index.html",
    "what changed": "changes/*/index.html",
    "prose (glossary)": "glossary/index.html",
    "open data": "data/index.html",
    "search": "search/index.html",
}
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
SCRIPT = re.compile(r"<script\b([^>]*)\bsrc=\"([^\"]+)\"([^>]*)>")
ON_DEMAND = re.compile(r'data-plotly="([^"]+)"')


def gz(data: bytes) -> int:
    """Size in bytes after gzip -9 (mtime fixed)."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def weigh(site: Path, page: Path) -> tuple[int, int, list[tuple[str, int, bool]]]:
    """(HTML gzip, CSS gzip, [(script, gzip, deferred)]) of one page."""
    html = page.read_text(encoding="utf-8")
    css = sum(gz((site / href.lstrip("/")).read_bytes()) for href in STYLESHEET.findall(html))
    scripts = [
        (
            src,
            gz((site / src.lstrip("/")).read_bytes()),
            "defer" in before + after or 'type="module"' in before + after,
        )
        for before, src, after in SCRIPT.findall(html)
    ] + [(src, gz((site / src.lstrip("/")).read_bytes()), True) for src in ON_DEMAND.findall(html)]
    return gz(page.read_bytes()), css, scripts


def main() -> None:
    """Print the weight of the largest page of each type."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--site", type=Path, help="a built site (default: build the repository's content)"
    )
    args = parser.parse_args()
    print("== 4. page weight (gzip -9) ==")
    print(machine())
    with tempfile.TemporaryDirectory(prefix="mieruka-bench-") as scratch:
        site = args.site
        if site is None:
            content = Path(scratch) / "content"
            shutil.copytree(CONTENT, content)
            site = Path(scratch) / "site"
            with contextlib.redirect_stderr(io.StringIO()):  # the sheets' warnings
                build_site(content, site, progress=io.StringIO())
        for kind, pattern in PAGE_TYPES.items():
            pages = sorted(site.glob(pattern))
            if not pages:
                continue
            largest = max(pages, key=lambda p: weigh(site, p)[0])
            html, css, scripts = weigh(site, largest)
            on_demand = set(ON_DEMAND.findall(largest.read_text(encoding="utf-8")))
            loaded = (
                ", ".join(
                    f"{src} {size / 1000:.1f} KB"
                    + (
                        " on first interaction"
                        if src in on_demand
                        else " deferred"
                        if deferred
                        else " BLOCKING"
                    )
                    for src, size, deferred in scripts
                )
                or "no script"
            )
            print(
                f"{kind:<20} {html / 1000:6.1f} KB HTML + {css / 1000:5.1f} KB CSS = {(html + css) / 1000:6.1f} KB"
                f"  ({largest.relative_to(site).parent.as_posix() or '/'}; {len(pages)} pages)  JS: {loaded}"
            )
        bundle = site / "pagefind"
        engine = [bundle / "pagefind.js", *sorted(bundle.glob("wasm.*.pagefind"))]
        print(
            "search, on the first query: "
            + ", ".join(
                f"{path.relative_to(site)} {gz(path.read_bytes()) if path.suffix == '.js' else path.stat().st_size} B"
                for path in engine
            )
            + " (the .pagefind files are gzip already), then index chunks and fragments"
        )


if __name__ == "__main__":
    main()
