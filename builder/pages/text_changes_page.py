"""The comparison of the words of two sheets of a project: ``/projects/<code>/changes/<fy>/``.

Each sheet of a project after its first is compared with the project's sheet before it
(``builder.catalog.textdiff``); the page of the comparison is named by the newer sheet's year. The
project pages link to their comparisons, and ``/changes/<fy>/`` lists the projects whose
wording changed since the year before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from builder.catalog.catalog import Catalog, Project
from builder.catalog.textdiff import (
    FieldDiff,
    Words,
    compare_texts,
    rewritten_sentences,
    wording_changed,
)
from builder.pages.context import HOME, Link, PageMeta
from builder.pages.render import Output
from builder.records.model import Sheet
from builder.util.formatting import fiscal_year_label
from builder.util.routes import (
    DEPARTMENTS_URL,
    HOME_URL,
    project_url,
    project_year_url,
    text_changes_url,
)

TEMPLATE = "text_changes.html"


def sheet_pairs(project: Project) -> Iterator[tuple[Sheet, Sheet]]:
    """(older, newer) for each sheet of the project after its first, oldest first."""
    return zip(project.sheets, project.sheets[1:])


@dataclass(frozen=True)
class ComparisonLink:
    """A link to a comparison, with the fields whose wording changed."""

    label: str  # 令和4年度 (2022年度)と令和5年度 (2023年度)
    url: str
    changed: tuple[str, ...]  # labels of the changed fields; empty when the wording is the same


@dataclass(frozen=True)
class TextChangesPage:
    """Every text field of two sheets of a project, sentence by sentence."""

    meta: PageMeta
    code: str
    name: str
    before: Link  # the older sheet's year page
    after: Link
    fields: tuple[FieldDiff, ...]

    @property
    def changed(self) -> tuple[tuple[str, str], ...]:
        """(section anchor, label) of the fields whose wording changed; the section of the
        n-th field is ``text-<n>``."""
        return tuple((f"text-{n}", f.label) for n, f in enumerate(self.fields, 1) if f.changed)

    @property
    def unchanged(self) -> tuple[str, ...]:
        """The labels of the fields written alike in both sheets (said in one line)."""
        return tuple(f.label for f in self.fields if f.lines and not f.changed)

    @property
    def blank(self) -> tuple[str, ...]:
        """The labels of the fields neither sheet fills."""
        return tuple(f.label for f in self.fields if not f.lines)


def comparison_link(project: Project, pair: int) -> ComparisonLink:
    """The link to the comparison of the project's sheet ``pair + 1`` with the sheet before it."""
    before, after = project.sheets[pair], project.sheets[pair + 1]
    return ComparisonLink(
        f"{fiscal_year_label(before.fiscal_year)}と{fiscal_year_label(after.fiscal_year)}",
        text_changes_url(after.code, after.fiscal_year),
        tuple(f.label for f in project.comparisons[pair] if f.changed),
    )


def comparison_links(
    project: Project, sheet: Sheet, latest_page: bool
) -> tuple[ComparisonLink, ...]:
    """The comparisons a project page offers: all of them on the project page, those its
    sheet is part of on a year page."""
    return tuple(
        comparison_link(project, pair)
        for pair, (before, after) in enumerate(sheet_pairs(project))
        if latest_page or sheet is before or sheet is after
    )


def text_changes_page(
    project: Project, before: Sheet, after: Sheet, words: Words | None = None
) -> TextChangesPage:
    """The comparison page of two consecutive sheets of a project (word by word where
    ``words`` gives the ICU words of its rewritten sentences)."""
    older, newer = fiscal_year_label(before.fiscal_year), fiscal_year_label(after.fiscal_year)
    return TextChangesPage(
        meta=PageMeta(
            text_changes_url(after.code, after.fiscal_year),
            f"{after.name}：{newer}のシートの文章の変化",
            f"{after.name}の{older}と{newer}のシートの文章（概要、成果と課題、評価の説明、方向性の理由）を文ごとに比べたもの。",
            (
                Link(HOME, HOME_URL),
                Link("部署別の事業", DEPARTMENTS_URL),
                Link(after.name, project_url(after.code)),
            ),
        ),
        code=after.code,
        name=after.name,
        before=Link(older, project_year_url(before.code, before.fiscal_year)),
        after=Link(newer, project_year_url(after.code, after.fiscal_year)),
        fields=compare_texts(before, after, words),
    )


def text_change_outputs(
    catalog: Catalog, segment: Callable[[list[str]], list[list[str]]]
) -> list[Output]:
    """Every comparison page, by project code then year; ``segment`` cuts the rewritten
    sentences of all of them into ICU words at once (``builder.util.segmenter.segment_texts``)."""
    pairs = [
        (project, before, after)
        for project in catalog.projects
        for before, after in sheet_pairs(project)
    ]
    texts = sorted(set().union(*(rewritten_sentences(before, after) for _, before, after in pairs)))
    words = dict(zip(texts, segment(texts))) if texts else {}
    return [
        Output(
            text_changes_url(after.code, after.fiscal_year),
            TEMPLATE,
            text_changes_page(project, before, after, words),
        )
        for project, before, after in pairs
    ]


def reworded(catalog: Catalog, fiscal_year: int) -> tuple[ComparisonLink, ...]:
    """The projects whose wording changed from ``fiscal_year - 1`` to ``fiscal_year``, by code,
    each as its comparison link (labelled with the project)."""
    found = []
    for project in catalog.projects:
        for pair, (before, after) in enumerate(sheet_pairs(project)):
            if (before.fiscal_year, after.fiscal_year) == (
                fiscal_year - 1,
                fiscal_year,
            ) and wording_changed(before, after):
                link = comparison_link(project, pair)
                found.append(ComparisonLink(f"{after.code} {after.name}", link.url, link.changed))
    return tuple(found)
