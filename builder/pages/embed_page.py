"""Embeds: ``/embed/projects/<code>/<figure id>/``, one chart of a project's page (its latest
figures) with its table and the source link, on a page of its own that other sites may frame
(``builder.publish.headers``; every other page refuses to be framed).

Each chart of the latest sheet has one: the three cost charts and each indicator the latest
sheet sets (an indicator a project no longer sets keeps its chart on the project page only).
The project page offers the ``<iframe>`` code under each of these charts.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import partial

from builder.catalog.catalog import Catalog, Project
from builder.pages.cite import citation
from builder.pages.context import Link, PageMeta
from builder.pages.figures import Figure
from builder.pages.opendata import OpenData
from builder.pages.project_page import page_figures, project_page_inputs
from builder.pages.render import Output
from builder.util.cache import RecordHashes
from builder.util.formatting import fiscal_year_label
from builder.util.routes import embed_url, project_url

COST_FIGURES = ("costs-budget", "costs-sources", "costs-personnel")


@dataclass(frozen=True)
class EmbedPage:
    """One chart to frame: the figure, the project it belongs to and its source line."""

    meta: PageMeta
    figure: Figure
    project: Link  # the chart on the project's page
    source: str  # the source line of the project's citation box
    permalink: str  # the frozen page of the sheet the figures come from


def iframe_code(src: str, title: str, height: int) -> str:
    """The ``<iframe>`` code a journalist pastes into an article: its title (from the sheet)
    escaped for an attribute, so the code stays one well-formed element whatever the title."""
    return (
        f'<iframe src="{html.escape(src)}" title="{html.escape(title)}" width="100%"'
        f' height="{height}" style="border:0" loading="lazy"></iframe>'
    )


def figure_ids(project: Project) -> tuple[str, ...]:
    """The charts of a project that have an embed."""
    return COST_FIGURES + tuple(f"indicator-{i.number}-figure" for i in project.latest.indicators)


_LATEST: dict[str, tuple[Figure, ...]] = {}  # the last project's figures, in this process


def _latest_figures(catalog: Catalog, project: Project) -> tuple[Figure, ...]:
    """The figures of ``project``'s latest page, made once for its embeds (which are made one
    after the other)."""
    if project.code not in _LATEST:
        _LATEST.clear()
        costs, indicators = page_figures(catalog, project, project.latest, True)
        _LATEST[project.code] = (*costs, *(i.figure for i in indicators))
    return _LATEST[project.code]


def embed_page(
    catalog: Catalog, project: Project, figure_id: str, open_data: OpenData
) -> EmbedPage:
    """The embed of one chart of ``project``."""
    figure = next(f for f in _latest_figures(catalog, project) if f.id == figure_id)
    sheet = project.latest
    description = (
        f"{sheet.name}の「{figure.title}」のグラフと表です"
        f"（{fiscal_year_label(sheet.fiscal_year)}までのシートから）。"
    )
    meta = PageMeta(
        embed_url(project.code, figure_id),
        f"{figure.title}（{sheet.name}）",
        description,
        (),
        has_charts=True,
    )
    cited = citation(sheet, open_data.publication.site, None)
    return EmbedPage(
        meta,
        figure,
        Link(sheet.name, project_url(project.code) + f"#{figure_id}"),
        cited.source,
        cited.permalink,
    )


def _inputs(
    catalog: Catalog,
    project: Project,
    figure_id: str,
    open_data: OpenData,
    record_hash: RecordHashes,
) -> object:
    return figure_id, project_page_inputs(
        catalog, project, project.latest, True, open_data.for_sheet(project.latest), record_hash
    )


def embed_outputs(catalog: Catalog, open_data: OpenData, record_hash: RecordHashes) -> list[Output]:
    """The embed page of every chart of every project, made on the render workers."""
    return [
        Output(
            embed_url(project.code, figure_id),
            "embed.html",
            None,
            in_sitemap=False,
            make=partial(embed_page, catalog, project, figure_id, open_data),
            inputs=partial(_inputs, catalog, project, figure_id, open_data, record_hash),
        )
        for project in catalog.projects
        for figure_id in figure_ids(project)
    ]
