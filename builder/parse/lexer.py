"""Sheet files to numbered lines of tab-separated cells.

Accepts what staff hand over: UTF-8 with or without BOM, Shift_JIS/CP932, CRLF or LF line
endings, trailing tabs or none. Line numbers are those of the file as saved.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from builder.errors import Problem, SourceLoc
from builder.util.inputs import read_input

_ENCODINGS = ("utf-8-sig", "cp932")
# No line (and so no cell) of a sheet comes near this; a longer one is an error at its line,
# so nothing downstream (data files, pages, search) ever holds such a text.
MAX_LINE_CHARS = 100_000
_QUOTED_CHARS = 200  # how much of an overlong line its error quotes


class Line(NamedTuple):  # a tuple: files have tens of thousands of lines, made quickly
    """One line of a sheet file: its 1-based number, its cells (stripped), its non-empty
    cells (tokens) and its raw text."""

    path: str
    number: int
    cells: tuple[str, ...]
    tokens: tuple[str, ...]
    raw: str

    @property
    def loc(self) -> SourceLoc:
        """Where this line is."""
        return SourceLoc(self.path, self.number)

    def error(self, expected: str, found: str) -> Problem:
        """A problem ``期待 expected、実際 found`` pointing at this line and quoting it."""
        return Problem.of(self.loc, expected, found, self.raw)


def decode(data: bytes, path: str) -> str:
    """Decode a sheet file, trying UTF-8 (BOM optional) then CP932."""
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Problem.of(
        SourceLoc(path, 1), "UTF-8 か Shift_JIS (CP932) の文字", "どちらとしても読めないバイト"
    )


def split_lines(text: str, path: str) -> list[Line]:
    """Numbered lines of tab-separated, whitespace-stripped cells; a line longer than
    ``MAX_LINE_CHARS`` is an error."""
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = []
    for number, raw in enumerate(raw_lines, start=1):
        if len(raw) > MAX_LINE_CHARS:
            raise Problem.of(
                SourceLoc(path, number),
                f"{MAX_LINE_CHARS:,} 文字以下の行",
                f"{len(raw):,} 文字",
                raw[:_QUOTED_CHARS] + "…",
            )
        cells = tuple([cell.strip() for cell in raw.split("\t")])
        lines.append(Line(path, number, cells, tuple([c for c in cells if c]), raw))
    return lines


def read_lines(file: Path, display_path: str) -> list[Line]:
    """Read and split one sheet file; ``display_path`` is how errors and sources name it."""
    return split_lines(decode(read_input(file, display_path), display_path), display_path)
