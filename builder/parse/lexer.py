"""Sheet files to numbered lines of tab-separated cells.

Accepts what staff hand over: UTF-8 with or without BOM, Shift_JIS/CP932, CRLF or LF line
endings, trailing tabs or none. Line numbers are those of the file as saved.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from builder.errors import SheetError, SourceLoc

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

    def error(self, message: str) -> SheetError:
        """A SheetError pointing at this line and quoting it."""
        return SheetError(self.loc, message, self.raw)


def decode(data: bytes, path: str) -> str:
    """Decode a sheet file, trying UTF-8 (BOM optional) then CP932."""
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SheetError(SourceLoc(path, 1), "expected text in UTF-8 or Shift_JIS (CP932), found undecodable bytes")


def split_lines(text: str, path: str) -> list[Line]:
    """Numbered lines of tab-separated, whitespace-stripped cells; a line longer than
    ``MAX_LINE_CHARS`` is an error."""
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = []
    for number, raw in enumerate(raw_lines, start=1):
        if len(raw) > MAX_LINE_CHARS:
            raise SheetError(
                SourceLoc(path, number),
                f"expected a line of at most {MAX_LINE_CHARS:,} characters; found {len(raw):,}",
                raw[:_QUOTED_CHARS] + "…",
            )
        cells = tuple([cell.strip() for cell in raw.split("\t")])
        lines.append(Line(path, number, cells, tuple([c for c in cells if c]), raw))
    return lines


def read_lines(file: Path, display_path: str) -> list[Line]:
    """Read and split one sheet file; ``display_path`` is how errors and sources name it."""
    return split_lines(decode(file.read_bytes(), display_path), display_path)
