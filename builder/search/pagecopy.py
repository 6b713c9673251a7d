"""The copy of a page that Pagefind indexes: its ``data-pagefind-body`` element, text cut into ICU words.

Pagefind's plain indexer splits words at whitespace only, so the copy writes every ICU
word followed by a space. The copy therefore has spaces where the page has none; a place
where the page *does* have a space (whitespace in the text, or the edge of an element
that is not inline text) is written as the word :data:`SPACE` (U+2063 INVISIBLE
SEPARATOR). Pagefind stores the copy's text for excerpts; the search page
(``assets/search.js``) drops every plain space from an excerpt and turns each
:data:`SPACE` back into one, which gives the page's own text. :data:`SPACE` is not a
letter or digit, so Pagefind indexes no word for it; words themselves stay plain letters
and digits, which Pagefind indexes quickest. The texts are written as search compares
them (``builder.search.text``: NFKC, as the search page writes each query).

Only the body element goes into the copy (with the page's ``<html lang>`` and
``<title>``), tags unchanged. Elements whose text is a filter or metadata value (and
``h1``, the default title) keep their text as it is and get
``data-pagefind-ignore="index"``, which still reads their values; the words of their text
follow them in a ``<span>``, so they stay searchable.

Pages are read with regular expressions, not a full HTML parser: the builder's own pages
are well formed (every attribute quoted, text escaped by Jinja2). A page is cut into texts
and the runs of tags and whitespace between them; the same runs and texts recur on every
page, so what a run means and how a text is written are worked out once per build.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from dataclasses import dataclass, field
from typing import Any, cast

from builder.search.text import searchable

SPACE = "\u2063"
"""Stands for a space of the page in the copy's text (see the module docstring)."""

STRIPPED = ("\u2060", SPACE)  # removed from page text: the old and the current mark
IGNORE_ATTRIBUTE = "data-pagefind-ignore"
VALUE_ATTRIBUTES = ("data-pagefind-filter", "data-pagefind-meta", "data-pagefind-sort")
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
# Elements inside running text: their edges are no space on the page.
INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "rp", "rt",
     "ruby", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"}
)
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)[^>]*>")
_RUNS = re.compile(r"((?:<[^>]*>|\s)+)")  # text, run, text, run, ... (attributes are escaped: no ">" in them)
_DROPPED = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<![^>]*>", re.S | re.I)
_VALUE_ATTRIBUTE = re.compile("|".join(VALUE_ATTRIBUTES))
_BODY = re.compile(r"\sdata-pagefind-body[\s=/>]")
_LANG = re.compile(r"<html\b[^>]*?\slang=\"([^\"]*)\"")
_TITLE = re.compile(r"<title>.*?</title>", re.S)


@dataclass(frozen=True)
class Words:
    """A text as the copy writes it: its words, each followed by a space."""

    html: str  # the words (escaped), a SPACE word where the text has inner whitespace
    empty: bool  # the text has no word
    spaced_before: bool  # the text starts with whitespace
    spaced_after: bool  # the text ends with whitespace

    @classmethod
    def of(cls, segments: list[str]) -> Words:
        """The words of a text from its ICU segments."""
        words: list[str] = []
        for segment in segments:
            if not segment.isspace():
                words.append(html.escape(segment, quote=False))
            elif words and words[-1] != SPACE:
                words.append(SPACE)
        if words and words[-1] == SPACE:
            words.pop()
        return cls("".join(word + " " for word in words), not words,
                   bool(segments) and segments[0].isspace(), bool(segments) and segments[-1].isspace())


@dataclass(frozen=True)
class PageCopy:
    """One page read for the copy: its texts to cut into words, each with the markup before it."""

    head: str
    texts: tuple[str, ...]  # the texts Pagefind indexes (none inside an ignored element)
    before: tuple[str, ...]  # the markup Pagefind needs before each text (and, last, after the last text)
    spaced: tuple[bool, ...]  # whether the page has a space before each text

    @staticmethod
    def plain(copy: PageCopy | None) -> list[object] | None:
        """A copy (or None: a page not indexed) as plain data, for the cache."""
        return None if copy is None else [copy.head, list(copy.texts), list(copy.before), list(copy.spaced)]

    @staticmethod
    def from_plain(plain: list[Any] | None) -> PageCopy | None:
        """A copy from its plain data (:meth:`plain`)."""
        if plain is None:
            return None
        head, texts, before, spaced = plain
        if not (isinstance(head, str) and len(before) == len(texts) + 1 and len(spaced) == len(texts)
                and all(isinstance(part, str) for part in [*texts, *before])
                and all(isinstance(flag, bool) for flag in spaced)):
            raise ValueError("page copy")
        return PageCopy(head, tuple(texts), tuple(before), tuple(spaced))

    def render(self, words: dict[str, Words]) -> str:
        """The copy's HTML, each text written as its words (``words[text]``)."""
        out = [self.head]
        pending = written = False  # a space of the page is still to be written; a word was written
        for text, before, spaced in zip(self.texts, self.before, self.spaced):
            out.append(before)
            text_words = words[text]
            if text_words.empty:
                pending = pending or spaced or text_words.spaced_before
                continue
            if written and (pending or spaced or text_words.spaced_before):
                out.append(SPACE + " ")
            out.append(text_words.html)
            pending, written = text_words.spaced_after, True
        out.append(self.before[-1])
        out.append("</body></html>\n")
        return "".join(out)


def read_page(page: str) -> PageCopy | None:
    """The parts of a page the copy needs; None when no element has ``data-pagefind-body``."""
    attribute = _BODY.search(page) if "data-pagefind-body" in page else None
    if attribute is None:
        return None
    body = _TAG.match(page, page.rfind("<", 0, attribute.start()))
    assert body is not None, "the attribute is inside a start tag"
    lang = _LANG.search(page)
    title = _TITLE.search(page, 0, body.start())
    head = (f'<!DOCTYPE html>\n<html lang="{lang.group(1) if lang else ""}"><head><meta charset="utf-8">'
            f'{title.group(0) if title else ""}</head><body>\n')
    inside = _empty_ignored(_DROPPED.sub("", page[body.end():_element_end(page, body.group(2), body.end())]))
    for mark in STRIPPED:
        inside = inside.replace(mark, "")
    reader = _Reader(body.group(0))
    parts = _RUNS.split(inside)
    reader.text(parts[0])
    for number in range(1, len(parts), 2):
        reader.run(parts[number])
        reader.text(parts[number + 1])
    reader.before.append(reader.markup)
    return PageCopy(head, *_indexed(reader.texts, reader.before, reader.spaced))


def _indexed(texts: list[str], before: list[str], spaced: list[bool]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[bool, ...]]:
    """The texts Pagefind indexes, each with the part of the markup before it that Pagefind
    needs (:func:`_reduce`), and whether the page has a space before it."""
    kept_texts: list[str] = []
    kept_before: list[str] = []
    kept_spaced: list[bool] = []
    markup, open_elements = "", cast(tuple[int, ...], ())
    for text, raw, space in zip(texts, before, spaced):
        reduced, open_elements = _reduce(raw, open_elements)
        markup += reduced
        if _IGNORED_ELEMENT not in open_elements:  # Pagefind leaves out the text of an ignored element
            kept_texts.append(text)
            kept_before.append(markup)
            kept_spaced.append(space)
            markup = ""
    kept_before.append(markup + _reduce(before[-1], open_elements)[0])
    return tuple(kept_texts), tuple(kept_before), tuple(kept_spaced)


class _Reader:
    """Collects a body element's texts and the markup before each (see :class:`PageCopy`)."""

    def __init__(self, start_tag: str) -> None:
        self.texts: list[str] = []
        self.before: list[str] = []
        self.spaced: list[bool] = []
        self.markup = start_tag  # since the last text
        self.space = True  # the page has a space since the last text
        self.value: _Value | None = None  # the open filter, metadata or title element

    def text(self, raw: str) -> None:
        """A text between runs of tags and whitespace (as in the page: escaped)."""
        if not raw:
            return
        if self.value is not None:
            self.value.text.append(html.unescape(raw))
            self.markup += raw
        else:
            self._add(html.unescape(raw), self.markup, self.space)
            self.markup, self.space = "", False

    def run(self, run: str) -> None:
        """A run of tags and whitespace."""
        while run:
            if self.value is not None:
                end = self.value.end_in(run)
                self.value.text.append(_spaces(run[:end]))
                if end is None:
                    self.markup += run
                    return
                self._add("".join(self.value.text), self.markup + run[:end] + "<span>", self.value.spaced)
                self.markup, self.space, self.value, run = "</span>", False, None, run[end:]
                continue
            start = _value_start(run)
            if start is None:
                self.space = self.space or _breaks(run)
                self.markup += run
                return
            self.space = self.space or _breaks(run[:start.start()])
            self.markup += run[:start.start()] + _add_ignore(start.group(0))
            self.value = _Value(start.group(2).lower(), self.space)
            run = run[start.end():]

    def _add(self, text: str, before: str, spaced: bool) -> None:
        self.texts.append(searchable(text))
        self.before.append(before)
        self.spaced.append(spaced)


_DROPPED_ELEMENT, _KEPT_ELEMENT, _VALUE_ELEMENT, _IGNORED_ELEMENT = 0, 1, 2, 3


@functools.cache
def _reduce(markup: str, open_elements: tuple[int, ...]) -> tuple[str, tuple[int, ...]]:
    """The part of a page's markup that Pagefind needs, and the elements open after it.

    Kept: elements with a ``data-pagefind-*`` attribute (the body, ignored parts, filter and
    metadata values, with their text) and ``h1`` (the default title); every other tag and
    the whitespace between tags are left out, since the copy's text carries its own spaces.
    ``open_elements``: for each element open before ``markup``, whether it was dropped, kept,
    ignored (the copy leaves out the words inside) or is a value whose text is kept.
    """
    kept: list[str] = []
    stack = list(open_elements)
    position = 0
    for tag in _TAG.finditer(markup):
        if stack and stack[-1] == _VALUE_ELEMENT:
            kept.append(markup[position:tag.start()])
        position = tag.end()
        closing, name, text = tag.group(1), tag.group(2).lower(), tag.group(0)
        if closing:
            if stack and stack.pop() != _DROPPED_ELEMENT:
                kept.append(text)
        elif name in VOID_TAGS or text.endswith("/>"):
            if "data-pagefind-" in text:
                kept.append(text)
        else:
            stack.append(_kind(name, text))
            if stack[-1] != _DROPPED_ELEMENT:
                kept.append(text)
    if stack and stack[-1] == _VALUE_ELEMENT:
        kept.append(markup[position:])
    return "".join(kept), tuple(stack)


def _kind(name: str, start_tag: str) -> int:
    """What the copy does with an element (see :func:`_reduce`)."""
    if name == "h1" or any(attribute in start_tag for attribute in VALUE_ATTRIBUTES):
        return _VALUE_ELEMENT
    if IGNORE_ATTRIBUTE in start_tag:
        return _IGNORED_ELEMENT
    return _KEPT_ELEMENT if "data-pagefind-" in start_tag else _DROPPED_ELEMENT


@functools.cache
def _spaces(run: str) -> str:
    """The whitespace of a run, its tags left out."""
    return _TAG.sub("", run)


@functools.cache
def _breaks(run: str) -> bool:
    """Whether the page has a space at a run of tags and whitespace: whitespace, or a tag
    that is not inline text."""
    return any(char.isspace() for char in _TAG.sub("", run)) or any(
        tag.group(2).lower() not in INLINE_TAGS for tag in _TAG.finditer(run)
    )


@functools.cache
def _value_start(run: str) -> re.Match[str] | None:
    """The first start tag in ``run`` of an element whose text is a filter, metadata or sort
    value (or ``h1``, the default title)."""
    for tag in _TAG.finditer(run):
        name, markup = tag.group(2).lower(), tag.group(0)
        if tag.group(1) or markup.endswith("/>") or name in VOID_TAGS:
            continue
        if name == "h1":
            return tag
        for attribute in VALUE_ATTRIBUTES:
            found = re.search(rf'\s{attribute}(?:="([^"]*)")?', markup)
            if found and any(":" not in part and "[" not in part for part in (found.group(1) or "").split(",")):
                return tag
    return None


@dataclass
class _Value:
    """An open value element: its tag name, the depth of same-name elements inside it, its text."""

    name: str
    spaced: bool  # the page has a space before the element
    depth: int = 0
    text: list[str] = field(default_factory=list)

    def end_in(self, run: str) -> int | None:
        """Where in ``run`` the element's end tag ends, or None if it does not end there."""
        for tag in _TAG.finditer(run):
            if tag.group(2).lower() == self.name and not tag.group(0).endswith("/>"):
                self.depth += -1 if tag.group(1) else 1
                if self.depth < 0:
                    return tag.end()
        return None


@functools.cache
def _same_name_tag(name: str) -> re.Pattern[str]:
    """Start and end tags of elements named ``name``."""
    return re.compile(rf"<(/?){re.escape(name)}[\s/>]", re.I)


def _element_end(page: str, name: str, start: int) -> int:
    """Where the element named ``name`` whose start tag ends at ``start`` ends (after its end tag)."""
    depth = 1
    for tag in _same_name_tag(name).finditer(page, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return page.index(">", tag.start()) + 1
    return len(page)


def _empty_ignored(markup: str) -> str:
    """``markup`` with the content of each ``data-pagefind-ignore`` element left out (its
    tags stay, so the spaces they make are kept), unless a filter or metadata value is inside."""
    values = sorted(found.start() for found in _VALUE_ATTRIBUTE.finditer(markup))
    kept: list[str] = []
    position = 0
    found = markup.find(IGNORE_ATTRIBUTE)
    while found >= 0:
        resume = found + len(IGNORE_ATTRIBUTE)
        tag = _TAG.match(markup, markup.rfind("<", 0, found))
        if tag and tag.end() > found and _kind(tag.group(2).lower(), tag.group(0)) == _IGNORED_ELEMENT:
            end_tag = markup.rfind("<", tag.end(), _element_end(markup, tag.group(2), tag.end()))
            value_inside = bisect.bisect_left(values, tag.end()) < bisect.bisect_left(values, end_tag)
            if end_tag >= 0 and not value_inside:
                kept.append(markup[position:tag.end()])
                position = resume = end_tag
        found = markup.find(IGNORE_ATTRIBUTE, resume)
    kept.append(markup[position:])
    return "".join(kept)


def _add_ignore(markup: str) -> str:
    if "data-pagefind-ignore" in markup:
        return markup
    return f'{markup[:-1]} data-pagefind-ignore="index">'
