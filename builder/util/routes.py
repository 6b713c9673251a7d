"""Every URL of the site, spelled once: the Python page contexts and (as ``routes``) the
templates take them from here. URLs are root-relative and stable: a journalist's link to
``/projects/092/`` never breaks.
"""

from __future__ import annotations

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
ASSETS_URL = "/assets/"


def project_url(code: str) -> str:
    """The page of a project's latest sheet."""
    return f"/projects/{code}/"


def project_year_url(code: str, fiscal_year: int) -> str:
    """The frozen page of one year's sheet of a project."""
    return f"/projects/{code}/{fiscal_year}/"


def text_changes_url(code: str, fiscal_year: int) -> str:
    """The comparison of a project's sheet of ``fiscal_year`` with its sheet before."""
    return f"/projects/{code}/changes/{fiscal_year}/"


def department_url(slug: str, division_slug: str | None = None) -> str:
    """The page of a department, or the anchor of one of its divisions."""
    return f"/departments/{slug}/" + (f"#{division_slug}" if division_slug else "")


def changes_url(fiscal_year: int) -> str:
    """The what-changed page of a fiscal year."""
    return f"/changes/{fiscal_year}/"


def sdg_url(goal: int) -> str:
    """The page of an SDG goal."""
    return f"/sdgs/{goal}/"


def prose_url(stem: str) -> str:
    """The page of ``content/pages/<stem>.md``."""
    return f"/{stem}/"


def glossary_url(term: str) -> str:
    """The entry of a term on the glossary page."""
    return f"{GLOSSARY_URL}#{term}"


def data_file_url(name: str) -> str:
    """A download under ``/data/``."""
    return f"{DATA_URL}{name}"


def asset_url(name: str) -> str:
    """A file of ``assets/``."""
    return f"{ASSETS_URL}{name}"


def project_list_url(**filters: str) -> str:
    """The project list (``/projects/``), with filters its script applies (``department``,
    ``direction``, ``sdg``, ``q``; empty ones left out) in the query string."""
    given = {name: value for name, value in filters.items() if value}
    return PROJECT_LIST + (f"?{urlencode(given)}" if given else "")
