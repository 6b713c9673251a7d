"""The copy of a page that Pagefind indexes: its ``data-pagefind-body`` element, text cut into ICU words.

Pagefind's plain indexer splits words at whitespace only, so the copy writes every ICU
word followed by a space. The copy therefore has spaces where the page has none; a place
where the page *does* have a space (whitespace in the text, or the edge of an element
that is not inline text) is written as the word :data:`SPACE` (U+2063 INVISIBLE
SEPARATOR). Pagefind stores the copy's text for excerpts; the search page
(``assets/search.js``) drops every plain space from an excerpt and turns each
:data:`SPACE` back into one, which gives the page's own text. :data:`SPACE` is not a
letter or digit, so Pagefind indexes no word for it; words themselves stay plain letters
and digits, which Pagefind indexes quickest.

Only the body element goes into the copy (with the page's ``<html lang>`` and
``<title>``), tags unchanged. Elements whose text is a filter or metadata value (and
``h1``, the default title) keep their text as it is and get
``data-pagefind-ignore="index"``, which still reads their values; the words of their text
follow them in a ``<span>``, so they stay searchable.

Pages are read with a small tokenizer, not a full HTML parser: the builder's own pages
are well formed (every attribute quoted, text escaped by Jinja2).
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

SPACE = "\u2063"
"""Stands for a space of the page in the copy's text (see the module docstring)."""

STRIPPED = ("\u2060", SPACE)  # removed from page text: the old and the current mark
VALUE_ATTRIBUTES = ("data-pagefind-filter", "data-pagefind-meta", "data-pagefind-sort")
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
# Elements inside running text: their edges are no space on the page.
INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "rp", "rt",
     "ruby", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"}
)
_TAG_NAME = re.compile(r"</?([A-Za-z][^\s/>]*)")
_PARTS = re.compile(r"(<[^>]*>)")  # text, tag, text, tag, ... (attributes are escaped: no ">" in them)
_DROPPED = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<![^>]*>", re.S | re.I)
_BODY = re.compile(r"<([A-Za-z][^\s/>]*)[^>]*\sdata-pagefind-body[\s=/>][^>]*>?")
_LANG = re.compile(r"<html\b[^>]*?\slang=\"([^\"]*)\"")
_TITLE = re.compile(r"<title>.*?</title>", re.S)


@dataclass(frozen=True)
class PageCopy:
    """One page read for the copy: its texts to cut into words, each with the markup before it."""

    head: str
    texts: tuple[str, ...]
    before: tuple[str, ...]  # markup before each text (and, last, the markup after the last text)
    spaced: tuple[bool, ...]  # whether the page has a space before each text

    def render(self, segments: Callable[[str], list[str]]) -> str:
        """The copy's HTML, each text written as its words (``segments(text)``)."""
        out = [self.head]
        pending = written = False  # a space of the page is to be written; any word was written
        for text, before, spaced in zip(self.texts, self.before, self.spaced):
            out.append(before)
            pending = pending or spaced
            glue: list[str] = []  # punctuation (and spaces) since the last word, written as one word
            for segment in segments(text):
                if segment.isspace():
                    pending = True
                    continue
                if pending and written:
                    glue.append(SPACE)
                pending, written = False, True
                glue.append(html.escape(segment, quote=False))
                if not _punctuation(segment):
                    out.append(" ".join(glue) + " " if len(glue) == 1 else "".join(glue[:-1]) + " " + glue[-1] + " ")
                    glue = []
            if glue:
                out.append("".join(glue) + " ")
        out.append(self.before[-1])
        out.append("</body></html>\n")
        return "".join(out)


@functools.cache
def _punctuation(segment: str) -> bool:
    """Whether a segment is punctuation only: Pagefind indexes no word for it."""
    return all(unicodedata.category(char).startswith("P") for char in segment)


def read_page(page: str) -> PageCopy | None:
    """The parts of a page the copy needs; None when no element has ``data-pagefind-body``."""
    body = _BODY.search(page)
    if body is None:
        return None
    lang = _LANG.search(page)
    title = _TITLE.search(page, 0, body.start())
    head = (f'<!DOCTYPE html>\n<html lang="{lang.group(1) if lang else ""}"><head><meta charset="utf-8">'
            f'{title.group(0) if title else ""}</head><body>\n')
    element = _DROPPED.sub("", page[body.start():_element_end(page, body.group(1), body.end())])
    for mark in STRIPPED:
        element = element.replace(mark, "")
    texts: list[str] = []
    before: list[str] = []
    spaced: list[bool] = []
    markup: list[str] = []  # since the last text
    space = False  # the page has a space since the last text
    value: list = []  # the open value element: [tag name, depth of same-name elements]
    value_text: list[str] = []
    for number, part in enumerate(_PARTS.split(element)):
        if number % 2:  # a tag
            gives_value, inline, name = _kind(part)
            space = space or not inline
            if value:
                markup.append(part)
                value[1] += _depth_change(part, name, value[0])
                if value[1] > 0:
                    continue
                texts.append("".join(value_text))
                before.append("".join(markup) + "<span>")
                spaced.append(space)
                markup, space, value, value_text = ["</span>"], False, [], []
            elif gives_value and number > 1:  # not the body element itself
                markup.append(_add_ignore(part))
                value = [name, 1]
            else:
                markup.append(part)
        elif part.isspace():
            space = True
        elif part:
            text = html.unescape(part)
            if value:
                value_text.append(text)
                markup.append(html.escape(text, quote=False))
            else:
                texts.append(text)
                before.append("".join(markup))
                spaced.append(space)
                markup, space = [], False
    before.append("".join(markup))
    return PageCopy(head, tuple(texts), tuple(before), tuple(spaced))


@functools.cache
def _kind(tag: str) -> tuple[bool, bool, str]:
    """(whether it starts a value element, whether it is inline, lower-case name) of a start or end tag."""
    name = _TAG_NAME.match(tag).group(1).lower()
    starts = not tag.startswith("</") and not tag.endswith("/>") and name not in VOID_TAGS
    return starts and _gives_value(name, tag), name in INLINE_TAGS, name


def _depth_change(tag: str, name: str, value_name: str) -> int:
    """+1 for a start tag, -1 for an end tag of the value element's name; else 0."""
    if name != value_name or tag.endswith("/>"):
        return 0
    return -1 if tag.startswith("</") else 1


def _element_end(page: str, name: str, start: int) -> int:
    """Where the element named ``name`` whose start tag ends at ``start`` ends (after its end tag)."""
    depth = 1
    for tag in re.compile(rf"<(/?){re.escape(name)}[\s/>]", re.I).finditer(page, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return page.index(">", tag.start()) + 1
    return len(page)


def _gives_value(tag: str, markup: str) -> bool:
    """Whether the element's text is a filter, metadata or sort value (or the default title)."""
    if tag == "h1":
        return True
    if "data-pagefind-" not in markup:
        return False
    for name in VALUE_ATTRIBUTES:
        found = re.search(rf'\s{name}(?:="([^"]*)")?', markup)
        if found is not None and any(":" not in part and "[" not in part for part in (found.group(1) or "").split(",")):
            return True
    return False


def _add_ignore(markup: str) -> str:
    if "data-pagefind-ignore" in markup:
        return markup
    return f'{markup[:-1]} data-pagefind-ignore="index">'
