"""Cell text to clean values: markup fragments, bullets and 。-separated items become lists.

Text is kept verbatim (no NFKC, no width folding); only markup is removed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# What the sheets print for "nothing here".
EMPTY_MARKERS = frozenset({"", "—", "―", "–", "-", "－", "‐", "()", "（）"})

# Tags that end a paragraph or list item.
_BLOCK_TAGS = frozenset({"p", "li", "ul", "ol", "div", "br", "tr", "td", "th"})
# A bullet ・ at the start of the text or after white space; a ・ inside a name
# (フィンランド・タンペレ市) has no space before it and is kept.
_BULLET = re.compile(r"(?:^|\s+)・\s*")
# Items separated only by "。 ": split after the 。, keeping it.
_SENTENCE_BREAK = re.compile(r"(?<=。)\s+")
# A tag or a character reference: the cell is an HTML fragment.
_MARKUP = re.compile(r"<[A-Za-z/!?]|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);")


class _Paragraphs(HTMLParser):
    """Collects the text of an HTML fragment, split at block boundaries."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = [""]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("")

    def handle_data(self, data: str) -> None:
        self.parts[-1] += data


def is_empty(text: str) -> bool:
    """Whether a cell says "nothing here" (blank, a dash, empty parentheses)."""
    return text.strip() in EMPTY_MARKERS


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a cell: markup removed, split at <p>, <li>, <br> and list boundaries."""
    if not _MARKUP.search(text):
        return [text.strip()] if text.strip() else []
    parser = _Paragraphs()
    parser.feed(text)
    parser.close()
    return [part.strip() for part in parser.parts if part.strip()]


def split_items(paragraph: str) -> list[str]:
    """Split one paragraph into items at ・ bullets and at 。 followed by a space."""
    items: list[str] = []
    for piece in _BULLET.split(paragraph):
        items.extend(s.strip() for s in _SENTENCE_BREAK.split(piece))
    return [item for item in items if not is_empty(item)]


def items(cells: list[str]) -> tuple[str, ...]:
    """A list of clean text items from one or more cells."""
    return tuple(item for cell in cells for para in paragraphs(cell) for item in split_items(para))


def plain(cells: list[str]) -> str | None:
    """One clean string from one or more cells (markup removed), or None when empty."""
    text = " ".join(para for cell in cells for para in paragraphs(cell))
    return None if is_empty(text) else text

