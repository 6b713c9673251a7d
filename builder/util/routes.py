"""Every URL of the site, spelled once: the Python page contexts and (as ``routes``) the
templates take them from here. URLs are root-relative and stable: a journalist's link to
``/projects/092/`` never breaks.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

HOME_URL = "/"
PROJECT_LIST = "/projects/"
DEPARTMENTS_URL = "/departments/"
SDGS_URL = "/sdgs/"
SEARCH_URL = "/search/"
GLOSSARY_URL = "/glossary/"
HOW_TO_READ_URL = "/how-to-read/"
DATA_URL = "/data/"
QUALITY_URL = "/data/quality/"
CORRECTIONS_URL = "/data/corrections/"
FEED_URL = "/feed.xml"
SITEMAP_URL = "/sitemap.xml"
ROBOTS_URL = "/robots.txt"
ASSETS_URL = "/assets/"  # the files of assets/, e.g. /assets/site.css


@dataclass(frozen=True)
class PageFamily:
    """Pages of one kind, one per value of their parts: ``sdg_url(9)`` is ``/sdgs/9/``."""

    pattern: str  # with a ``{}`` for each part, in order

    def __call__(self, *parts: object) -> str:
        """The URL of the page named by ``parts``."""
        return self.pattern.format(*parts)


project_url = PageFamily("/projects/{}/")  # a project's latest sheet (its code)
project_year_url = PageFamily("/projects/{}/{}/")  # one year's sheet of a project, frozen (code, fiscal year)
text_changes_url = PageFamily("/projects/{}/changes/{}/")  # a sheet's words against the year before (code, fiscal year)
changes_url = PageFamily("/changes/{}/")  # what changed in a fiscal year
sdg_url = PageFamily("/sdgs/{}/")  # the projects of an SDG goal
prose_url = PageFamily("/{}/")  # ``content/pages/<stem>.md``
glossary_url = PageFamily(GLOSSARY_URL + "#{}")  # a term's entry on the glossary page
embed_url = PageFamily("/embed/projects/{}/")  # a project's charts to frame in an article, one by #<figure id> (code)
EMBED_PREFIX = "/embed/"  # the only pages other sites may frame (builder.publish.headers)


def department_url(slug: str, division_slug: str | None = None) -> str:
    """The page of a department, or the anchor of one of its divisions."""
    return f"/departments/{slug}/" + (f"#{division_slug}" if division_slug else "")


def project_list_url(**filters: str) -> str:
    """The project list (``/projects/``), with filters its script applies (``department``,
    ``direction``, ``sdg``, ``q``; empty ones left out) in the query string."""
    given = {name: value for name, value in filters.items() if value}
    return PROJECT_LIST + (f"?{urlencode(given)}" if given else "")
