"""Every URL of the site, spelled once: the Python page contexts and (as ``routes``) the
templates take them from here. URLs are root-relative and stable: a journalist's link to
``/projects/092/`` never breaks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

HOME_URL = "/"
PROJECT_LIST = "/projects/"
DEPARTMENTS_URL = "/departments/"
SDGS_URL = "/sdgs/"
SEARCH_URL = "/search/"
CHANGES_URL = "/changes/"  # the years that have a what-changed page
GLOSSARY_URL = "/glossary/"
HOW_TO_READ_URL = "/how-to-read/"
DATA_URL = "/data/"
QUALITY_URL = "/data/quality/"
CORRECTIONS_URL = "/data/corrections/"
FEED_URL = "/feed.xml"
SITEMAP_URL = "/sitemap.xml"
ROBOTS_URL = "/robots.txt"
ASSETS_URL = "/assets/"  # the files of assets/, e.g. /assets/site.css
NOT_FOUND_URL = "/404.html"

PAGEFIND_URL = "/pagefind/"  # the search bundle Pagefind writes
MAX_SEGMENT = 100  # characters of one name in a URL: far below a file name's 255 bytes
_SEGMENT_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


def segment_problem(name: str, reserved: frozenset[str] = frozenset()) -> str | None:
    """Why ``name`` cannot be one segment of a URL and of a path under the site, or None when
    it can: lower-case ASCII letters, digits and inner hyphens (so no ``..``, no empty or
    dot-only segment, no separator), at most :data:`MAX_SEGMENT` characters, not in ``reserved``."""
    if not name:
        return "空の名前"
    if len(name) > MAX_SEGMENT:
        return f"{len(name):,} 文字の名前（{MAX_SEGMENT} 文字まで）"
    if not set(name) <= _SEGMENT_CHARS or "-" in (name[0], name[-1]) or "--" in name:
        return f"「{name}」（使えるのは英小文字・数字・間のハイフンだけです）"
    if name in reserved:
        return f"「{name}」（サイトが自分で作るページの名前です）"
    return None


def site_path(root: Path, url: str) -> Path:
    """The file under ``root`` of a root-relative URL (``/a/`` -> ``a/index.html``), the one way
    a URL becomes a path; ValueError for a URL with an empty, ``.`` or ``..`` segment, a
    backslash or NUL, or a segment longer than a file name may be."""
    if not url.startswith("/"):
        raise ValueError(f"URL not root-relative: {url!r}")
    parts = url[1:].split("/")
    if url.endswith("/"):
        parts[-1] = "index.html"
    for part in parts:
        if part in ("", ".", "..") or "\\" in part or "\0" in part or len(part.encode()) > 255:
            raise ValueError(f"URL segment {part!r} of {url!r} is no file name")
    return root.joinpath(*parts)


@dataclass(frozen=True)
class PageFamily:
    """Pages of one kind, one per value of their parts: ``sdg_url(9)`` is ``/sdgs/9/``."""

    pattern: str  # with a ``{}`` for each part, in order

    def __call__(self, *parts: object) -> str:
        """The URL of the page named by ``parts``."""
        return self.pattern.format(*parts)


project_url = PageFamily("/projects/{}/")  # a project's latest sheet (its code)
project_year_url = PageFamily(
    "/projects/{}/{}/"
)  # one year's sheet of a project, frozen (code, fiscal year)
text_changes_url = PageFamily(
    "/projects/{}/changes/{}/"
)  # a sheet's words against the year before (code, fiscal year)
changes_url = PageFamily("/changes/{}/")  # what changed in a fiscal year
sdg_url = PageFamily("/sdgs/{}/")  # the projects of an SDG goal
prose_url = PageFamily("/{}/")  # ``content/pages/<stem>.md``
glossary_url = PageFamily(GLOSSARY_URL + "#{}")  # a term's entry on the glossary page
embed_url = PageFamily(
    "/embed/projects/{}/"
)  # a project's charts to frame in an article, one by #<figure id> (code)
EMBED_PREFIX = "/embed/"  # the only pages other sites may frame (builder.publish.headers)
CARDS_URL = "/cards/"  # the share cards (og:image), builder.pages.cards
HEADERS_URL = "/_headers"  # the response headers a static host sends (builder.publish.headers)


# The first segment of every URL the build makes itself (and ``index.html``): a name from the
# content (a prose page's file name) may not take one of these.
RESERVED = frozenset(
    {"index.html"}
    | {
        url.strip("/").split("/")[0]
        for url in (
            PROJECT_LIST,
            DEPARTMENTS_URL,
            SDGS_URL,
            SEARCH_URL,
            DATA_URL,
            FEED_URL,
            SITEMAP_URL,
            ROBOTS_URL,
            ASSETS_URL,
            NOT_FOUND_URL,
            PAGEFIND_URL,
            EMBED_PREFIX,
            CARDS_URL,
            HEADERS_URL,
            project_url.pattern,
            changes_url.pattern,
            sdg_url.pattern,
        )
    }
)


def department_url(slug: str, division_slug: str | None = None) -> str:
    """The page of a department, or the anchor of one of its divisions."""
    return f"/departments/{slug}/" + (f"#{division_slug}" if division_slug else "")


def department_feed_url(slug: str) -> str:
    """The Atom feed of a department (builder.pages.department_feed)."""
    return department_url(slug) + "feed.xml"


def project_list_url(**filters: str) -> str:
    """The project list (``/projects/``), with filters its script applies (``department``,
    ``direction``, ``sdg``, ``q``; empty ones left out) in the query string."""
    given = {name: value for name, value in filters.items() if value}
    return PROJECT_LIST + (f"?{urlencode(given)}" if given else "")
