"""Every page of the site, declared in one place: each page module declares its own pages
(an ``*_outputs`` function, or ``OpenData.pages``), and :func:`site_outputs` lists the
modules in the order the site is written (the sitemap's order)."""

from __future__ import annotations

from collections.abc import Callable

from builder.catalog.catalog import Catalog
from builder.pages.cards import with_cards
from builder.pages.changes_page import changes_outputs
from builder.pages.context import HOME, Link, PageMeta, SimplePage
from builder.pages.department_feed import department_feed_outputs
from builder.pages.embed_page import embed_outputs
from builder.pages.index_pages import department_outputs, home_outputs, sdg_outputs
from builder.pages.opendata import OpenData
from builder.pages.project_list import project_list_outputs
from builder.pages.project_page import project_outputs
from builder.pages.prose import ProsePage, prose_outputs
from builder.pages.render import Output
from builder.pages.text_changes_page import text_change_outputs
from builder.settings.contacts import Contacts
from builder.settings.site import SiteConfig
from builder.util.routes import HOME_URL, NOT_FOUND_URL, SEARCH_URL


def site_outputs(
    catalog: Catalog,
    prose: tuple[ProsePage, ...],
    site: SiteConfig,
    open_data: OpenData,
    contacts: Contacts,
    segment: Callable[[list[str]], list[list[str]]],
) -> list[Output]:
    """Every page of the site (and the feeds), in a fixed order, with their share cards
    (``segment``: cuts the comparison pages' sentences into words, see
    ``builder.pages.text_changes_page``)."""
    data_pages = open_data.pages(prose)
    outputs = [
        *home_outputs(catalog, site.description),
        *project_list_outputs(catalog),
        *project_outputs(catalog, site, open_data, contacts),
        *embed_outputs(catalog, open_data),
        *changes_outputs(catalog),
        *text_change_outputs(catalog, segment),
        *department_outputs(catalog),
        *department_feed_outputs(catalog, open_data.publication),
        *sdg_outputs(catalog),
        *prose_outputs(prose, {o.url for o in data_pages}),
        *data_pages,
        *_simple_outputs(),
    ]
    return with_cards(outputs, site, catalog)


def _simple_outputs() -> list[Output]:
    """The search page and the page a server shows for a missing address (not in the sitemap)."""
    home = (Link(HOME, HOME_URL),)
    search = PageMeta(
        SEARCH_URL, "サイト内検索", "事業名や内容、担当部署からシートを探せます。", home
    )
    missing = PageMeta(
        NOT_FOUND_URL, "ページが見つかりません", "お探しのページは見つかりませんでした。", home
    )
    return [
        Output(SEARCH_URL, "search.html", SimplePage(search), in_sitemap=False),
        Output(NOT_FOUND_URL, "404.html", SimplePage(missing), in_sitemap=False),
    ]
