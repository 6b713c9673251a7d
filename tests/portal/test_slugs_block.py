"""The build report's ``slugs:`` block pastes into ``content/departments.yaml`` as it reads
(issue 23, item 8), whatever the names: YAML's own characters are quoted."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.parse.report import REPORT_NAME, _slug_section
from builder.settings.departments import DEPARTMENTS_FILE, load_organisation
from tests.portal.inputkit import DEPARTMENT_CELL, SHEET, build_changed, edit

NAMES = [
    "yes",
    "123",
    "- a部",
    "'a'",
    '"a"',
    "[x]",
    "{x}",
    "! tag",
    "% a",
    "@a",
    "`a",
    "a: b",
    "a #b",
    "?a",
    "|",
    ">",
    "*a",
    "&a",
    "null",
    "~",
    "a\\b",
    " a"[1:],
    "政策:#イノベーション部",
]


def _pasted(report_lines: list[str], folder: Path) -> Path:
    start = report_lines.index("slugs:")
    (folder / DEPARTMENTS_FILE).write_text("\n".join(report_lines[start:]) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", NAMES)
def test_a_name_yaml_would_misread_pastes_as_it_reads(tmp_path: Path, name: str) -> None:
    generated = ((name, None, "a"), (name, f"{name}課", "b"), ("普通の部", None, "c"))
    organisation = load_organisation(_pasted(_slug_section(generated), tmp_path))
    assert organisation.departments == {name: "a", "普通の部": "c"}
    assert organisation.divisions == {(name, f"{name}課"): "b"}


@pytest.mark.slow  # two whole builds through the command line (what the conftest's rules cannot see)
def test_the_block_of_a_real_build_pastes_and_keeps_every_address(tmp_path: Path) -> None:
    def change(content: Path) -> None:
        (content / DEPARTMENTS_FILE).write_text("slugs: {}\n", encoding="utf-8")
        edit(SHEET, DEPARTMENT_CELL, "未来:#計画部 &科学*技術振興課")(content)

    first = build_changed(tmp_path / "first", change)
    assert first.status == 0, first.errors
    report = (tmp_path / "first" / ".site-cache" / REPORT_NAME).read_text("utf-8").splitlines()
    assert (
        "      '&科学*技術振興課': kagaku-gijutsu-shinkou-ka" in report
    )  # & would start an anchor
    pages = sorted(p.name for p in (tmp_path / "first" / "site" / "departments").iterdir())

    def pasted(content: Path) -> None:
        change(content)
        _pasted(report, content)

    second = build_changed(tmp_path / "second", pasted)
    assert second.status == 0, second.errors
    assert sorted(p.name for p in (tmp_path / "second" / "site" / "departments").iterdir()) == pages
    again = (tmp_path / "second" / ".site-cache" / REPORT_NAME).read_text("utf-8").splitlines()
    assert again[-1] == "読みから作ったURL用slug: なし"
