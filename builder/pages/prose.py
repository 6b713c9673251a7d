"""Prose pages from ``content/pages/*.md``, rendered with markdown-it-py (raw HTML off).

The first ``# heading`` is the page title, the first paragraph its description. A heading
may end in ``{#anchor}`` to get a stable ASCII ``id`` (``## 一般財源 {#general-fund}``), so
other pages can link to ``/glossary/#general-fund``.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup

from builder.errors import ConfigError, Problem, SourceLoc
from builder.pages.context import HOME, Link, PageMeta
from builder.pages.render import Output
from builder.settings.gate import clean
from builder.util.inputs import folder_entries, read_input
from builder.util.routes import DATA_URL, HOME_URL, RESERVED, prose_url, segment_problem

_ANCHOR_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class ProsePage:
    """A page written in Markdown: ``content/pages/<name>.md`` at ``/<name>/``."""

    meta: PageMeta
    html: Markup  # rendered by markdown-it-py with raw HTML disabled


def _anchor(text: str) -> tuple[str, str] | None:
    """(the id, the text before it) of a text ending in ``{#id}`` (and white space), or None;
    string searches, in linear time however long a run of spaces."""
    stripped = text.rstrip()
    start = stripped.rfind("{#")
    if not stripped.endswith("}") or start < 0:
        return None
    if not _ANCHOR_ID.fullmatch(stripped, start + 2, len(stripped) - 1):
        return None
    return stripped[start + 2 : -1], stripped[:start].rstrip()


def _heading_anchors(state: StateCore) -> None:
    tokens = state.tokens
    for opening, inline in itertools.pairwise(tokens):
        if opening.type != "heading_open" or not inline.children:
            continue
        found = _anchor(inline.content)
        if found:
            opening.attrSet("id", found[0])
            last = inline.children[-1]
            at = _anchor(last.content)
            if at is not None:
                last.content = at[1]


def markdown() -> MarkdownIt:
    """The Markdown renderer: CommonMark plus tables, raw HTML off, heading anchors."""
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.core.ruler.push("heading_anchors", _heading_anchors)
    return md


def _plain(tokens: list[Token], kind: str) -> str | None:
    for opening, inline in itertools.pairwise(tokens):
        if opening.type == kind and (kind != "heading_open" or opening.tag == "h1"):
            return "".join(
                c.content for c in inline.children or () if c.type in ("text", "code_inline")
            ).strip()
    return None


@functools.lru_cache(maxsize=64)
def _rendered(text: str) -> tuple[str | None, str | None, str]:
    """The title (``# …``), the first paragraph and the HTML of a page's Markdown ``text``,
    parsed once (and kept for the process: a build after another in the same process, as in
    the test suite, parses only the pages that changed)."""
    md = markdown()
    tokens = md.parse(text)
    return (
        _plain(tokens, "heading_open"),
        _plain(tokens, "paragraph_open"),
        md.renderer.render(tokens, md.options, {}),
    )


def load_prose_pages(pages_dir: Path) -> tuple[ProsePage, ...]:
    """Every ``*.md`` page, sorted by file name; each a regular file (``builder.util.inputs``)
    in UTF-8 (BOM allowed), named as a URL segment none of the site's own pages has
    (``builder.util.routes.segment_problem``), starting with a ``# title`` and a paragraph;
    ``data.md`` (the text of /data/) must be there. ConfigError listing every problem."""
    pages: list[ProsePage] = []
    errors: list[Problem] = []
    shown = f"{pages_dir.parent.name}/{pages_dir.name}"
    for path in folder_entries(pages_dir, shown, errors):
        if not path.name.endswith(".md"):
            continue
        display = f"{shown}/{path.name}"
        try:
            text = _page_text(path, display)
        except Problem as problem:
            errors.append(problem)
            continue
        stem = path.name[: -len(".md")]
        why = segment_problem(stem, RESERVED - {DATA_URL.strip("/")})
        if why is not None:
            errors.append(
                Problem.of(
                    SourceLoc(display, 1),
                    "ページのファイル名は英小文字・数字・ハイフンの名前.md"
                    f"（例 how-to-read.md。{'、'.join(sorted(RESERVED))} 以外）",
                    why,
                )
            )
            continue
        title, description, html = _rendered(text)
        if not title or not description:
            errors.append(Problem(SourceLoc(display, 1), "「# 見出し」と最初の段落が必要です"))
            continue
        meta = PageMeta(prose_url(stem), title, description, (Link(HOME, HOME_URL),))
        pages.append(ProsePage(meta, Markup(html)))
    if not errors and not any(page.meta.path == DATA_URL for page in pages):
        errors.append(
            Problem.of(
                SourceLoc(f"{shown}/data.md", 1),
                f"{DATA_URL} の本文のページ（# 見出し と段落）",
                "ファイルがありません",
            )
        )
    if errors:
        raise ConfigError(errors)
    return tuple(pages)


def _page_text(path: Path, display: str) -> str:
    """The text of a page file: UTF-8 (a BOM is dropped), characters XML forbids removed with
    a warning (``builder.settings.gate.clean``); Problem for another encoding."""
    data = read_input(path, display)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Problem.of(
            SourceLoc(display, data.count(b"\n", 0, error.start) + 1),
            "UTF-8 の文字",
            "UTF-8 として読めないバイト（Shift_JIS などで保存されていませんか。UTF-8 で保存し直してください）",
        ) from None
    lines = text.split("\n")
    return "\n".join(clean(line, display, number) for number, line in enumerate(lines, start=1))


def prose_outputs(pages: tuple[ProsePage, ...], taken: set[str]) -> list[Output]:
    """The prose pages, but those whose address another page takes (``data.md`` is the text
    of /data/, which the open-data stage makes)."""
    return [Output(p.meta.path, "prose.html", p) for p in pages if p.meta.path not in taken]
