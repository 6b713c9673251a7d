"""Embeds: ``/embed/projects/<code>/#<figure id>``, one chart of a project's page (its latest
figures) with its table and the source link, on a page that other sites may frame
(``builder.publish.headers``; every other page refuses to be framed).

Each chart of the latest sheet has one: the three cost charts and each indicator the latest
sheet sets (an indicator a project no longer sets keeps its chart on the project page only).
A project's charts share one page, which shows only the chart its address names (CSS
``:target``; the first one when it names none) and draws only that one, as the site draws
its charts: when the reader first points, touches, scrolls or presses a key (its table shows
at once), so that a framed page does not load plotly.js for a reader who never looks. A city
of 1,000 projects gets 1,000 embed pages, not 5,000. The project page offers the ``<iframe>`` code
under each of these charts.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import partial

from builder.catalog.catalog import Catalog, Project
from builder.catalog.population import Population
from builder.pages.cite import citation
from builder.pages.context import Link, PageMeta
from builder.pages.figures import Figure
from builder.pages.opendata import OpenData
from builder.pages.project_figures import merged_history, page_figures
from builder.pages.render import Output
from builder.settings.site import SiteConfig
from builder.util.formatting import fiscal_year_label
from builder.util.routes import embed_url, project_url

COST_FIGURES = ("costs-budget", "costs-sources", "costs-personnel")


@dataclass(frozen=True)
class EmbedPage:
    """A project's charts to frame, one at a time: the figures, the project and the source line."""

    meta: PageMeta
    figures: tuple[Figure, ...]
    project: Link  # the project's page
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


def embed_page(project: Project, population: Population, site: SiteConfig) -> EmbedPage:
    """The embed page of ``project``'s charts."""
    costs, indicators = page_figures(population, project.latest, merged_history(project))
    wanted = figure_ids(project)
    figures = tuple(f for f in (*costs, *(i.figure for i in indicators)) if f.id in wanted)
    sheet = project.latest
    year = fiscal_year_label(sheet.fiscal_year)
    description = f"{sheet.name}のグラフと表です（{year}までのシートから）。"
    meta = PageMeta(
        embed_url(project.code), f"{sheet.name}のグラフ", description, (), has_charts=True
    )
    cited = citation(sheet, site, None)
    return EmbedPage(
        meta, figures, Link(sheet.name, project_url(project.code)), cited.source, cited.permalink
    )


def embed_outputs(catalog: Catalog, open_data: OpenData) -> list[Output]:
    """The embed page of every project, made on the render workers."""
    return [
        Output(
            embed_url(project.code),
            "embed.html",
            None,
            in_sitemap=False,
            make=partial(embed_page, project, catalog.population, open_data.publication.site),
        )
        for project in catalog.projects
    ]
