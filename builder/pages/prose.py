"""Prose pages from ``content/pages/*.md``, rendered with markdown-it-py (raw HTML off).

The first ``# heading`` is the page title, the first paragraph its description. A heading
may end in ``{#anchor}`` to get a stable ASCII ``id`` (``## 一般財源 {#general-fund}``), so
other pages can link to ``/glossary/#general-fund``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markupsafe import Markup

from builder.util.routes import HOME_URL, prose_url
from builder.errors import ConfigError, Problem, SourceLoc
from builder.pages.context import HOME, Link, PageMeta
import itertools

_ANCHOR = re.compile(r"\s*\{#([a-z0-9]+(?:-[a-z0-9]+)*)\}\s*$")


@dataclass(frozen=True)
class ProsePage:
    """A page written in Markdown: ``content/pages/<name>.md`` at ``/<name>/``."""

    meta: PageMeta
    html: Markup  # rendered by markdown-it-py with raw HTML disabled


def _heading_anchors(state: StateCore) -> None:
    tokens = state.tokens
    for opening, inline in itertools.pairwise(tokens):
        if opening.type != "heading_open" or not inline.children:
            continue
        match = _ANCHOR.search(inline.content)
        if match:
            opening.attrSet("id", match.group(1))
            last = inline.children[-1]
            last.content = _ANCHOR.sub("", last.content)


def markdown() -> MarkdownIt:
    """The Markdown renderer: CommonMark plus tables, raw HTML off, heading anchors."""
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.core.ruler.push("heading_anchors", _heading_anchors)
    return md


def _plain(md: MarkdownIt, text: str, kind: str) -> str | None:
    tokens = md.parse(text)
    for opening, inline in itertools.pairwise(tokens):
        if opening.type == kind and (kind != "heading_open" or opening.tag == "h1"):
            return "".join(c.content for c in inline.children or () if c.type in ("text", "code_inline")).strip()
    return None


def load_prose_pages(pages_dir: Path) -> tuple[ProsePage, ...]:
    """Every ``*.md`` page, sorted by file name; each must start with a ``# title``."""
    md = markdown()
    pages, errors = [], []
    for path in sorted(pages_dir.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        title, description = _plain(md, text, "heading_open"), _plain(md, text, "paragraph_open")
        if not title or not description:
            errors.append(Problem(SourceLoc(str(path), 1), "「# 見出し」と最初の段落が必要です"))
            continue
        meta = PageMeta(prose_url(path.stem), title, description, (Link(HOME, HOME_URL),))
        pages.append(ProsePage(meta, Markup(md.render(text))))
    if errors:
        raise ConfigError(errors)
    return tuple(pages)
