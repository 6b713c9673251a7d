"""The field registry (``builder.records.fields``) is the one declaration of a sheet's fields:
the committed schema is generated from it, the record types hold its fields, and a new plain
field of 事業の基本情報 reaches every output from one added line."""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from builder.records import model
from builder.records.fields import SHEET, Record, walk
from builder.records.schema import SCHEMA_FILE, schema_text
from builder.records.sheetclass import MODEL_FILE, model_text, sheet_class_source
from tests.portal.portalkit import page

ROOT = Path(__file__).resolve().parents[2]
NEW_FIELD = '    basic_text("budget_note", "予算の備考", meaning="予算についての備考"),\n'


def test_the_committed_schema_is_the_one_the_registry_generates():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text()


def test_the_committed_sheet_class_is_the_one_the_registry_generates():
    committed = MODEL_FILE.read_text(encoding="utf-8")
    assert committed == model_text(committed)
    assert "    legal_basis: str | None\n    sdgs: tuple[int, ...]\n" in sheet_class_source()


def test_each_record_type_has_the_fields_the_registry_declares():
    checked = []
    for path, node in walk():
        if isinstance(node, Record):
            type_name = re.sub(r"tuple\[(\w+), \.\.\.\]|(\w+) \| None", r"\1\2", node.python)
            record_type = getattr(model, type_name)
            assert [f.name for f in dataclasses.fields(record_type)] == [
                f.name for f in node.fields
            ], path
            checked.append(type_name)
    assert [f.name for f in dataclasses.fields(model.Sheet)] == (
        [n.name for n in SHEET if n.name != "schema_version"] + ["schema_version"]
    )
    assert sorted(set(checked)) == [
        "BudgetItem",
        "CostYear",
        "Direction",
        "Evaluation",
        "Indicator",
        "IndicatorValue",
        "Note",
        "Overview",
        "Participation",
        "Results",
        "Score",
        "Source",
        "StrategicPlan",
    ]


def _builder_with(tmp_path: Path, edits: dict[str, tuple[str, str]]) -> Path:
    """A copy of the builder with ``edits`` (file under builder/ -> (old, new), each old once)
    and nothing else changed, then its schema and record classes generated again."""
    copy = tmp_path / "repo"
    shutil.copytree(
        ROOT / "builder", copy / "builder", ignore=shutil.ignore_patterns("__pycache__")
    )
    for shared in ("templates", "assets", "node_modules"):
        (copy / shared).symlink_to(ROOT / shared)
    for name, (old, new) in edits.items():
        source = copy / "builder" / name
        text = source.read_text(encoding="utf-8")
        assert text.count(old) == 1, (name, old)
        source.write_text(text.replace(old, new), encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "builder.records.schema"],
        cwd=copy,
        env={**os.environ, "PYTHONPATH": str(copy)},
        check=True,
        capture_output=True,
    )
    return copy


def _builder_with_new_field(tmp_path: Path) -> Path:
    """A copy of the builder with one line added to the registry, and the schema and the
    ``Sheet`` class generated again from it."""
    anchor = '    basic_text("legal_basis", "根拠法令等"),\n'
    copy = _builder_with(tmp_path, {"records/fields.py": (anchor, anchor + NEW_FIELD)})
    assert "    budget_note: str | None\n" in (copy / "builder" / "records" / "model.py").read_text(
        encoding="utf-8"
    )
    return copy


def _content_with(tmp_path: Path, old: str, new: str, times: int = 1) -> Path:
    """The real sheets (one file, the first of them 092) without their data files, ``old``
    replaced by ``new`` where it is, ``times`` times."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("data"))
    sheet = content / "sheets" / "2022" / "000_3e14ed9760a955ee.txt"
    text = sheet.read_text(encoding="utf-8")
    assert text.count(old) == times
    sheet.write_text(text.replace(old, new), encoding="utf-8")
    return content


def _build(repo: Path, content: Path, site: Path) -> None:
    """``python -m builder build`` with the builder of ``repo``."""
    run = subprocess.run(
        [sys.executable, "-m", "builder", "--content", str(content), "build", "--out", str(site)],
        cwd=repo,
        env={**os.environ, "PYTHONPATH": str(repo)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr


def _overview_headings(site: Path, path: str) -> dict[str, list[str]]:
    """The item lists of the project page's 事業の概要 (before its 基本情報), by heading."""
    section = page(site, path).by_id("overview")
    headings: dict[str, list[str]] = {}
    for element in section.iter():
        if element.tag == "h3" and element.text() == "基本情報":
            break
        if element.tag == "h3":
            current = headings.setdefault(element.text(), [])
        elif element.tag == "li":
            current.append(element.text())
    return headings


def test_a_label_renamed_in_the_registry_is_read_into_its_field(tmp_path):
    """対象 becomes 対象者 in the registry and in the sheets: 092's 対象 is still read (the
    parser finds the label through the registry), and the page names it so."""
    repo = _builder_with(
        tmp_path, {"records/fields.py": ('items("target", "対象")', 'items("target", "対象者")')}
    )
    content = _content_with(tmp_path, "\n対象\t", "\n対象者\t", times=8)  # the label of every sheet
    _build(repo, content, tmp_path / "site")
    data = yaml.safe_load((content / "data" / "2022" / "092.yaml").read_text(encoding="utf-8"))
    assert data["overview"]["target"] == ["市内の研究機関、企業等"]
    headings = _overview_headings(tmp_path / "site", "/projects/092/")
    assert list(headings) == ["対象者", "目的", "取組内容"]
    assert headings["対象者"] == ["市内の研究機関、企業等"]


def test_a_narrative_item_added_to_the_registry_is_on_the_page(tmp_path):
    """A new item of 事業の概要, 受益者, is one line in the registry (its record type is
    generated again): the sheet's line is parsed into it, written to the data file and
    shown under its heading."""
    anchor = '        items("purpose", "目的"),\n'
    repo = _builder_with(
        tmp_path,
        {"records/fields.py": (anchor, anchor + '        items("beneficiaries", "受益者"),\n')},
    )
    content = _content_with(
        tmp_path,
        "\n概要 (取組内容)\t組織の垣根",
        "\n受益者\t市内の研究者<br>市内の企業\n概要 (取組内容)\t組織の垣根",
    )
    _build(repo, content, tmp_path / "site")
    data = yaml.safe_load((content / "data" / "2022" / "092.yaml").read_text(encoding="utf-8"))
    assert list(data["overview"]) == ["target", "purpose", "beneficiaries", "activities"]
    assert data["overview"]["beneficiaries"] == ["市内の研究者", "市内の企業"]
    assert (
        yaml.safe_load((content / "data" / "2022" / "093.yaml").read_text(encoding="utf-8"))[
            "overview"
        ]["beneficiaries"]
        == []
    )
    headings = _overview_headings(tmp_path / "site", "/projects/092/")
    assert list(headings) == ["対象", "目的", "受益者", "取組内容"]
    assert headings["受益者"] == ["市内の研究者", "市内の企業"]


def _content_with_new_label(tmp_path: Path) -> Path:
    """The real sheets, sheet 092 printing the new label on a line of 事業の基本情報."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("data"))
    sheet = content / "sheets" / "2022" / "000_3e14ed9760a955ee.txt"
    lines = sheet.read_text(encoding="utf-8").split("\n")
    assert lines[13].startswith("根拠法令等")  # line 14, in 092's 事業の基本情報
    lines.insert(14, "予算の備考\t国の特区制度を活用\t\t\t\t\t")
    sheet.write_text("\n".join(lines), encoding="utf-8")
    return content


def test_a_new_basic_field_is_one_line_in_the_registry(tmp_path):
    repo, content = _builder_with_new_field(tmp_path), _content_with_new_label(tmp_path)
    _build(repo, content, tmp_path / "site")

    data = (content / "data" / "2022" / "092.yaml").read_text(encoding="utf-8")
    assert (
        "legal_basis: null\nbudget_note: 国の特区制度を活用\nsdgs:" in data
    )  # in the data file, after 根拠法令等
    assert (
        yaml.safe_load((content / "data" / "2022" / "093.yaml").read_text(encoding="utf-8"))[
            "budget_note"
        ]
        is None
    )

    schema = (repo / "builder" / "records" / "sheet.schema.json").read_text(encoding="utf-8")
    assert '"budget_note": {\n      "$ref": "#/$defs/optional_text"\n    }' in schema

    rows = list(
        csv.DictReader(
            io.StringIO(
                (tmp_path / "site" / "data" / "projects.csv").read_text(encoding="utf-8-sig")
            )
        )
    )
    assert list(rows[0])[17:19] == ["根拠法令等", "予算の備考"]
    assert {row["事業番号"]: row["予算の備考"] for row in rows}["092"] == "国の特区制度を活用"

    facts = {
        dt.text(): dd.text() for dt, dd in _fact_lines(page(tmp_path / "site", "/projects/092/"))
    }
    assert facts["予算の備考"] == "国の特区制度を活用"
    assert list(facts)[-2:] == ["根拠法令等", "予算の備考"]


def _fact_lines(document):
    """(dt, dd) of each line of the project page's 基本情報."""
    (facts,) = [
        dl
        for dl in document.find_all("dl", **{"class": "facts"})
        if any(dt.text() == "事業番号" for dt in dl.find_all("dt"))
    ]
    return [(div.find_all("dt")[0], div.find_all("dd")[0]) for div in facts.find_all("div")]
