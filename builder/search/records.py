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
from dataclasses import dataclass
from typing import cast

from builder.pages.index_pages import DepartmentPage
from builder.pages.project_page import ProjectPage
from builder.search.text import searchable

SPACE = "\u2063"


@dataclass(frozen=True)
class Record:
    """What Pagefind indexes of one page."""

    url: str
    texts: tuple[str, ...]  # as search compares them (builder.search.text)
    meta: tuple[tuple[str, str], ...]
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def plain(self) -> list[object]:
        """The record as plain data, for the build cache."""
        return [
            self.url,
            list(self.texts),
            [list(m) for m in self.meta],
            [[k, list(v)] for k, v in self.filters],
        ]

    @staticmethod
    def from_plain(plain: list[object] | None) -> Record | None:
        """A record from :meth:`plain` (None: a page not indexed)."""
        if plain is None:
            return None
        url, texts, meta, filters = cast(
            tuple[str, list[str], list[list[str]], list[tuple[str, list[str]]]], plain
        )
        return Record(
            str(url),
            tuple(map(str, texts)),
            tuple((str(k), str(v)) for k, v in meta),
            tuple((str(k), tuple(map(str, v))) for k, v in filters),
        )


def project_record(page: ProjectPage, texts: tuple[str, ...]) -> Record | None:
    """The record of a project page with the ``texts`` it shows (None for the latest page of
    a sheet indexed by its year page)."""
    if not page.searchable:
        return None
    s, h = page.sheet, page.headline
    meta = {
        "title": page.meta.title,
        "name": s.name,
        "code": s.code,
        "department": s.department,
        "division": s.division or "",
        "fiscal_year": page.year_label,
        "settlement": "" if h.settlement_value is None else str(h.settlement_value),
    }
    filters = {
        "fiscal_year": [page.year_label],
        "department": [s.department],
        "division": [s.division or ""],
        "sdg": [f"目標{g.number}：{g.name}" for g in page.sdgs],
        "direction": [s.direction.decision or "—"],
        "status": [s.status or "—"],
    }
    return Record(
        page.meta.path,
        texts,
        _pairs(meta),
        tuple((k, tuple(map(searchable, v))) for k, v in filters.items() if any(v)),
    )


def department_record(page: DepartmentPage, texts: tuple[str, ...]) -> Record:
    """The record of a department page with the ``texts`` it marks: its name, its divisions
    and the projects it lists."""
    meta = {
        "title": page.meta.title,
        "name": page.name,
        "kind": "department",
        "department": page.name,
        "divisions": "、".join(block.name for block in page.divisions),
        "fiscal_year": page.year_label,
    }
    return Record(page.meta.path, texts, _pairs(meta))


def search_record(context: object, texts: tuple[str, ...]) -> Record | None:
    """The record of a page context with the ``texts`` its template marked
    (``builder.pages.render.ShownTexts``), or None for a page that search does not index."""
    texts = tuple(map(searchable, texts))
    if isinstance(context, ProjectPage):
        return project_record(context, texts)
    return department_record(context, texts) if isinstance(context, DepartmentPage) else None


def _pairs(meta: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple((key, searchable(value)) for key, value in meta.items() if value)


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
