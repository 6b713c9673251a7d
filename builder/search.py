"""Search stage: build a Pagefind index of the site that finds Japanese words.

Japanese has no spaces, so a search engine must cut text into words, and the cut made
when indexing must be the cut the browser makes of the query. Pagefind's browser code
cuts queries with ``Intl.Segmenter`` (ICU), while its "extended" indexer cuts pages with
a different segmenter (charabia: lindera and jieba), so the two disagree: 脱炭素 is one
indexed word but the query becomes 脱|炭素; 推進 is indexed as 推|進. Either way the page
is not found.

So this stage cuts the text itself, with ICU through Node's ``Intl.Segmenter`` (the
segmenter Chromium uses), into a copy of the indexed pages in a temporary folder, and
runs the plain Pagefind indexer, which only splits at whitespace, on that copy. The
index holds exactly the browser's words; results link to the real pages (the copy has
the same paths) and the search bundle is written into ``site/pagefind/``.

In the copy, a word boundary that is not a space in the page is written as
:data:`JOINT` (U+2060 WORD JOINER) followed by a space. Pagefind drops the joint from
the indexed word but keeps it in the stored text, so the search page
(``assets/search.js``) removes every "joint + space" from an excerpt and shows the
page's own text. Elements whose text is a filter or metadata value (and ``h1``, the
default title) are kept as they are and marked ``data-pagefind-ignore="index"``, which
still reads their values; a segmented copy of their text follows them so their words
stay searchable.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

JOINT = "\u2060"
"""Marks a word boundary that is no space in the page text (see the module docstring)."""

BUNDLE_DIR = "pagefind"
SEGMENTER = Path(__file__).with_name("segment.mjs")
VALUE_ATTRIBUTES = ("data-pagefind-filter", "data-pagefind-meta", "data-pagefind-sort")
RAW_TEXT_TAGS = frozenset({"script", "style", "template", "textarea"})
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
# Pagefind writes its own ready-made search UIs too; the site uses assets/search.js.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


class SearchIndexError(RuntimeError):
    """The index could not be built: says why, with the indexer's own output."""


@dataclass(frozen=True)
class SearchReport:
    """What the search stage produced."""

    pages: int
    """Pages in the index (those marking their main content with data-pagefind-body)."""
    words: int
    """Distinct words in the index, as Pagefind counts them."""
    filters: int
    """Filter names (department, fiscal year, ...) found on the pages."""
    index_bytes: int
    """Total size of site/pagefind/ on disk."""
    seconds: float
    """Wall time of the whole stage: copy, segmentation and indexing."""

    def summary(self) -> str:
        """One line for the build log."""
        return (
            f"search: {self.pages} pages, {self.words} words, {self.filters} filters, "
            f"{self.index_bytes / 1024:.0f} KiB index in {self.seconds:.2f} s"
        )


def index_site(site: Path) -> SearchReport:
    """Index every page of ``site`` that has a ``data-pagefind-body`` element.

    Writes the search bundle to ``site/pagefind/`` (replacing an old one) and leaves the
    pages themselves untouched. Raises :class:`SearchIndexError` when no page is marked
    for indexing or when Node or Pagefind fail.
    """
    started = time.perf_counter()
    site = site.resolve()
    bundle = site / BUNDLE_DIR
    if bundle.exists():
        shutil.rmtree(bundle)
    pages = [path for path in sorted(site.rglob("*.html")) if "data-pagefind-body" in path.read_text("utf-8")]
    if not pages:
        raise SearchIndexError(f"{site}: no page marks its main content with data-pagefind-body")
    with tempfile.TemporaryDirectory(prefix="mieruka-search-") as scratch:
        copy = Path(scratch)
        write_segmented_copy(site, pages, copy)
        output = _run_pagefind(copy, bundle)
    for name in UNUSED_BUNDLE_FILES:
        (bundle / name).unlink(missing_ok=True)
    return SearchReport(
        pages=_count(output, "pages"),
        words=_count(output, "words"),
        filters=_count(output, "filters?"),
        index_bytes=sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file()),
        seconds=time.perf_counter() - started,
    )


def write_segmented_copy(site: Path, pages: list[Path], copy: Path) -> None:
    """Write each of ``pages`` (files under ``site``) to the same path under ``copy``,
    with the text of its indexed content cut into ICU words."""
    parsed = []
    for page in pages:
        parser = _PageCopier()
        parser.feed(page.read_text("utf-8"))
        parser.close()
        parsed.append((page, parser))
    segmented = segment_texts([text for _, parser in parsed for text in parser.texts])
    start = 0
    for page, parser in parsed:
        end = start + len(parser.texts)
        target = copy / page.relative_to(site)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(parser.render(segmented[start:end]), "utf-8")
        start = end


def segment_texts(texts: list[str]) -> list[list[str]]:
    """Cut each text into ICU word-break segments (``Intl.Segmenter('ja')`` in Node)."""
    if not texts:
        return []
    try:
        done = subprocess.run(
            ["node", str(SEGMENTER)],
            input=json.dumps(texts, ensure_ascii=False),
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
    except FileNotFoundError as missing:
        raise SearchIndexError("the search stage needs Node.js (`node`) on PATH to segment Japanese") from missing
    if done.returncode != 0:
        raise SearchIndexError(f"segmenting the pages failed:\n{done.stderr}")
    return json.loads(done.stdout)


def join_words(segments: list[str]) -> str:
    """Write ``segments`` with a :data:`JOINT` and a space at each boundary the text had no space at.

    >>> join_words(["脱", "炭素", " ", "Society", " ", "5.0"])
    '脱\u2060 炭素 Society 5.0'
    """
    pieces: list[str] = []
    for before, segment in zip([" ", *segments], segments):
        if not before.isspace() and not segment.isspace():
            pieces.append(JOINT + " ")
        pieces.append(segment)
    return "".join(pieces)


def _run_pagefind(copy: Path, bundle: Path) -> str:
    command = [sys.executable, "-m", "pagefind_bin", "--site", str(copy), "--output-path", str(bundle)]
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False)
    if done.returncode != 0:
        raise SearchIndexError(f"pagefind failed (exit {done.returncode}):\n{done.stdout}{done.stderr}")
    return done.stdout


def _count(output: str, what: str) -> int:
    found = re.search(rf"Indexed (\d+) {what}\b", output)
    return int(found.group(1)) if found else 0


class _PageCopier(HTMLParser):
    """Reads one page; renders it back with the indexed text cut into words.

    Text inside the ``data-pagefind-body`` element is collected in :attr:`texts` for
    segmentation; :meth:`render` then takes the segments, in the same order.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._pieces: list[str | int] = []  # markup, or the index of a text in self.texts
        self._open: list[str] = []  # tags of the open elements
        self._body_depth: int | None = None  # len(_open) at the body element
        self._value_depth: int | None = None  # len(_open) at the element giving a value
        self._value_text: list[str] = []
        self._raw_text = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        markup = self.get_starttag_text() or ""
        names = dict(attrs)
        if tag in VOID_TAGS:
            self._pieces.append(markup)
            return
        self._open.append(tag)
        if self._body_depth is None and "data-pagefind-body" in names:
            self._body_depth = len(self._open)
        elif self._indexing() and _gives_value(tag, names):
            self._value_depth = len(self._open)
            markup = _add_ignore(markup)
        if tag in RAW_TEXT_TAGS:
            self._raw_text += 1
        self._pieces.append(markup)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._pieces.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self._pieces.append(f"</{tag}>")
        if tag not in self._open:
            return
        while self._open:
            closed = self._open.pop()
            if closed in RAW_TEXT_TAGS:
                self._raw_text -= 1
            if self._value_depth is not None and len(self._open) < self._value_depth:
                self._value_depth = None
                self._pieces.extend(["<span>", self._text("".join(self._value_text)), "</span>"])
                self._value_text = []
            if self._body_depth is not None and len(self._open) < self._body_depth:
                self._body_depth = None
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._raw_text or not self._indexing():
            self._pieces.append(data if self._raw_text else html.escape(data, quote=False))
        elif self._value_depth is not None:
            self._value_text.append(data)
            self._pieces.append(html.escape(data, quote=False))
        else:
            self._pieces.append(self._text(data))

    def handle_comment(self, data: str) -> None:
        self._pieces.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self._pieces.append(f"<!{decl}>")

    def render(self, segmented: list[list[str]]) -> str:
        """The page with each collected text replaced by its segments (``segmented[i]`` for ``texts[i]``)."""
        # Each text ends with a space: the words of neighbouring text nodes (a label and
        # the link after it) must not run together into one indexed word.
        return "".join(
            piece if isinstance(piece, str) else html.escape(join_words(segmented[piece]), quote=False) + " "
            for piece in self._pieces
        )

    def _indexing(self) -> bool:
        return self._body_depth is not None

    def _text(self, text: str) -> int:
        self.texts.append(text.replace(JOINT, ""))
        return len(self.texts) - 1


def _gives_value(tag: str, attrs: dict[str, str | None]) -> bool:
    """Whether the element's text is a filter, metadata or sort value (or the default title)."""
    if tag == "h1":
        return True
    for name in VALUE_ATTRIBUTES:
        spec = attrs.get(name)
        if spec is not None and any(":" not in part and "[" not in part for part in spec.split(",")):
            return True
    return False


def _add_ignore(markup: str) -> str:
    if "data-pagefind-ignore" in markup:
        return markup
    end = -2 if markup.endswith("/>") else -1
    return f'{markup[:end]} data-pagefind-ignore="index"{markup[end:]}'
