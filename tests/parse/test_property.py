"""Property: a mutated real sheet file either yields valid records or documented errors, never a crash.

Documented errors are SheetErrors naming the file and a line that exists in it; records
must validate against the data-file JSON Schema and survive a YAML round trip.
"""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.errors import Problem
from builder.records.datafile import dump_sheet
from tests.parse.helpers import parse_bytes, real_lines, validator

LINES = real_lines()
CELL_TEXT = st.one_of(
    st.sampled_from(["", "0", "-1", "9,6O7", "—", "()", "(0)", "R01年度", "令和元年度", "指標名", "実績", "目標値",
                     "<p>業務</p>", "<ul><li>・項目</li>", "&amp;", "・", "。 ", "有", "無", "99", "成果指標", "予算額"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
)  # fmt: skip


@st.composite
def mutated_file(draw: st.DrawFn) -> list[str]:
    """The real file with a few random edits: lines dropped, repeated, swapped or cut, cells replaced."""
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(["drop", "repeat", "swap", "cell", "insert", "truncate"]))
        if edit == "drop":
            del lines[index]
        elif edit == "repeat":
            lines.insert(index, lines[index])
        elif edit == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif edit == "cell":
            cells = lines[index].split("\t")
            cells[draw(st.integers(0, len(cells) - 1))] = draw(CELL_TEXT)
            lines[index] = "\t".join(cells)
        elif edit == "insert":
            lines.insert(index, "\t".join(draw(st.lists(CELL_TEXT, min_size=1, max_size=4))))
        else:
            del lines[index + 1 :]
        if not lines:
            lines = [""]
    return lines


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=mutated_file())
def test_mutated_sheets_give_valid_records_or_located_errors(tmp_path, lines):
    text = "\n".join(lines)
    sheets, errors = parse_bytes(tmp_path, text.encode("utf-8"))
    line_count = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for error in errors:
        assert isinstance(error, Problem)
        assert error.loc.path == "sheet.txt" and 1 <= error.loc.line <= line_count
        assert error.report().startswith(f"sheet.txt:{error.loc.line}: ")
    for sheet in sheets:
        plain = yaml.safe_load(dump_sheet(sheet))
        assert [e.message for e in validator().iter_errors(plain)] == []
