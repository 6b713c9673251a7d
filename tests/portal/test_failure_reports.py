"""Every kind of failure is reported one way by ``python -m builder``: what went wrong (a
sheet's or a settings file's problems as ``path:line: 期待 …、実際 …`` with their count, or a
tool as ``tool: …``), then the same closing line; exit status 1, no traceback, the site kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from builder.errors import SITE_KEPT, ConfigError, InputError, SheetError
from builder.parse.stage import parse_content
from builder.settings.site import load_site_config
from tests.portal.portalkit import REPO, copy_content

SHEET = "sheets/2022/000_3e14ed9760a955ee.txt"
SITE = "site.yaml"


def _break(content: Path, name: str, old: str, new: str) -> int:
    """Replace the first ``old`` in ``content/name`` by ``new``; return the 1-based line it is on."""
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def _a_bad_sheet(content: Path) -> tuple[dict[str, str], list[str]]:
    line = _break(content, SHEET, "9,697", "9,6O7")
    quoted = (
        (content / SHEET).read_text(encoding="utf-8").split("\n")[line - 1].replace("\t", " ⇥ ")
    )
    return {}, [
        f"content/{SHEET}:{line}: 期待 「予算額」 令和2年度に千円単位の金額（例 9,697）、実際 「9,6O7」",
        f"    | {quoted}",
        "1 件の問題があります。何も書き込んでいません。",
    ]


def _a_bad_settings_file(content: Path) -> tuple[dict[str, str], list[str]]:
    line = _break(content, SITE, "https://mieruka.example.jp", "javascript:alert(1)//")
    quoted = (content / SITE).read_text(encoding="utf-8").split("\n")[line - 1]
    assert quoted.startswith("base_url:")
    return {}, [
        f"content/{SITE}:{line}: 期待 base_url は https:// か http:// で始まるアドレス、実際 「javascript:alert(1)//」",
        "1 件の問題があります。何も書き込んでいません。",
    ]


def _a_missing_tool(content: Path) -> tuple[dict[str, str], list[str]]:
    return {"PATH": "/nonexistent"}, [
        (
            "node: Node.js を実行できません（No such file or directory）。"
            "検索用に日本語を単語に分けるには PATH に node が必要です"
        )
    ]


CASES = {
    "a bad sheet": _a_bad_sheet,
    "a bad settings file": _a_bad_settings_file,
    "a missing tool": _a_missing_tool,
}


@pytest.mark.parametrize("case", CASES)
def test_every_kind_of_failure_is_reported_the_same_way(tmp_path: Path, case: str) -> None:
    content = copy_content(tmp_path / "content")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous", encoding="utf-8")
    env, expected = CASES[case](content)

    done = subprocess.run(
        [sys.executable, "-m", "builder", "--content", "content", "build", "--out", "site"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    lines = done.stderr.splitlines()
    assert done.returncode == 1, done.stderr
    assert lines[-len(expected) - 1 :] == [*expected, SITE_KEPT], done.stderr
    before = lines[: -len(expected) - 1]  # only the sheets' warning summary may come first
    assert all(line.startswith(("警告 ", "  ")) for line in before), done.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "previous"


def test_a_sheets_problem_and_a_settings_files_problem_are_told_apart(tmp_path: Path) -> None:
    content = copy_content(tmp_path / "content")
    _a_bad_sheet(content)
    with pytest.raises(InputError) as sheets:
        parse_content(content)
    _a_bad_settings_file(content)
    with pytest.raises(InputError) as settings:
        load_site_config(content)
    assert type(sheets.value) is SheetError and not isinstance(sheets.value, ConfigError)
    assert type(settings.value) is ConfigError and not isinstance(settings.value, SheetError)
    assert [str(p.loc) for p in sheets.value.problems + settings.value.problems] == [
        f"content/{SHEET}:25",
        f"content/{SITE}:5",
    ]
