"""The search record of a page: the texts the page shows, as its template marks them while
it renders (``builder.pages.render.ShownTexts``; ``templates/project.html`` marks every text it does not mark
``data-pagefind-ignore``), and its metadata and filter values from its context.

Japanese has no spaces, so :func:`content` writes each text as its ICU words (the cut the
browser's ``Intl.Segmenter`` makes of a query) followed by a space, and a space of the page
as the word :data:`SPACE` (U+2063); the search page drops the plain spaces from an excerpt
and turns each :data:`SPACE` back into one (``assets/search.js``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import cast

from builder.pages.index_pages import DepartmentPage
from builder.pages.project_page import ProjectPage
from builder.search.text import searchable

SPACE = "\u2063"


@dataclass(frozen=True)
class Record:
    """What Pagefind indexes of one page, as plain data (so the build cache keeps it as is)."""

    url: str
    texts: list[str]  # as search compares them (builder.search.text)
    meta: dict[str, str]
    filters: dict[str, list[str]] = field(default_factory=dict)

    def plain(self) -> list[object]:
        """The record as the build cache keeps it."""
        return [self.url, self.texts, self.meta, self.filters]

    @staticmethod
    def from_plain(plain: list[object] | None) -> Record | None:
        """A record from :meth:`plain` (None: a page not indexed)."""
        fields = cast(tuple[str, list[str], dict[str, str], dict[str, list[str]]], plain)
        return None if plain is None else Record(*fields)


def search_record(context: object, texts: Sequence[str]) -> Record | None:
    """The record of a page context with the ``texts`` its template marked
    (``builder.pages.render.ShownTexts``), or None for a page that search does not index: a
    project page (but the latest page of a sheet indexed by its year page) or a department's."""
    if isinstance(context, ProjectPage) and context.searchable:
        s, h = context.sheet, context.headline
        meta = {
            "title": context.meta.title,
            "name": s.name,
            "code": s.code,
            "department": s.department,
            "division": s.division or "",
            "fiscal_year": context.year_label,
            "settlement": "" if h.settlement_value is None else str(h.settlement_value),
        }
        filters = {
            "fiscal_year": [context.year_label],
            "department": [s.department],
            "division": [s.division or ""],
            "sdg": [f"目標{g.number}：{g.name}" for g in context.sdgs],
            "direction": [s.direction.decision or "—"],
            "status": [s.status or "—"],
        }
    elif isinstance(context, DepartmentPage):
        meta = {
            "title": context.meta.title,
            "name": context.name,
            "kind": "department",
            "department": context.name,
            "divisions": "、".join(block.name for block in context.divisions),
            "fiscal_year": context.year_label,
        }
        filters = {}
    else:
        return None
    return Record(
        context.meta.path,
        [searchable(text) for text in texts],
        {key: searchable(value) for key, value in meta.items() if value},
        {key: [searchable(v) for v in values] for key, values in filters.items() if any(values)},
    )


def content(texts: Sequence[str], segments: Mapping[str, Sequence[str]]) -> str:
    """The record's texts as Pagefind indexes them: ICU words, each followed by a space, a
    space of the page (and the edge between two texts) written as :data:`SPACE`."""
    words: list[str] = []
    for text in texts:
        for segment in [" ", *segments[text]]:
            if not segment.isspace():
                words.append(segment)
            elif words and words[-1] != SPACE:
                words.append(SPACE)
    if words and words[-1] == SPACE:
        words.pop()
    return " ".join(words)
