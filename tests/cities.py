"""Generated cities: content folders of synthetic sheets, for the tests and the benchmarks.

The sheets come from ``python -m bench.synth`` (run as a command, so the test suite imports
nothing of the benchmarks); the repository's site settings and prose pages and a release
date for every fiscal year make a whole content folder.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"
RELEASES = "".join(f"{year}: {year + 1}-06-30\n" for year in range(2015, 2023))


def synthetic_content(folder: Path, sheets: int, years: int = 1) -> Path:
    """A content folder of ``sheets`` synthetic sheets per year (``bench.synth``) with the
    repository's settings and prose pages; made once and kept under ``folder``."""
    content = folder / f"content-{sheets}x{years}"
    if (content / "releases.yaml").is_file():
        return content
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.synth",
            str(content),
            "--sheets",
            str(sheets),
            "--years",
            str(years),
        ],
        cwd=REPO,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    shutil.copyfile(CONTENT / "site.yaml", content / "site.yaml")
    shutil.copytree(CONTENT / "pages", content / "pages")
    (content / "releases.yaml").write_text(RELEASES, encoding="utf-8")
    return content
