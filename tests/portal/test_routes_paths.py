"""Names become paths only through ``builder.util.routes`` (issue 23, item 2): every route of a
built site is a file inside it, and a name or URL that could leave it is refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder.util.routes import (
    FEED_URL,
    NOT_FOUND_URL,
    RESERVED,
    SEARCH_URL,
    segment_problem,
    site_path,
)

HOSTILE_NAMES = [
    "",
    ".",
    "..",
    "...",
    "a/b",
    "a\\b",
    "a\0b",
    "x" * 101,
    "Projects",
    "ａ",
    "-a",
    "a-",
    "a--b",
    "feed.xml",
    "404.html",
    *sorted(RESERVED),
]
HOSTILE_URLS = [
    "/../",
    "/./",
    "//",
    "/a/../b/",
    "/a\0/",
    "/a\\b/",
    "/" + "x" * 256 + "/",
    "relative/",
]


def test_every_route_of_a_built_site_is_a_file_inside_it(multiyear: tuple[Path, Path]) -> None:
    _, site = multiyear
    root = site.resolve()
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    urls = [
        re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)
    ]
    urls += [NOT_FOUND_URL, SEARCH_URL, FEED_URL]
    assert len(urls) > 60
    for url in urls:
        path = site_path(site, url)
        assert path.resolve().is_relative_to(root) and path.is_file(), url
    assert not [p for p in site.rglob("*") if p.is_symlink()]
    assert all(p.resolve().is_relative_to(root) for p in site.rglob("*"))
    prose = {p.name[:-3] for p in (site.parent / "content" / "pages").iterdir()} - {"data"}
    made = {p.name for p in site.iterdir()} - {"index.html"}
    assert made - prose <= RESERVED, (
        made - prose - RESERVED
    )  # every name the build takes is in the one list
    assert not prose & RESERVED


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_name_that_is_no_segment_is_refused(name: str) -> None:
    assert segment_problem(name, RESERVED) is not None


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_a_url_that_could_leave_the_site_is_no_path(tmp_path: Path, url: str) -> None:
    with pytest.raises(ValueError, match="URL"):
        site_path(tmp_path, url)


def test_the_names_the_content_gives_are_segments(multiyear: tuple[Path, Path]) -> None:
    content, _ = multiyear
    stems = [p.name[:-3] for p in (content / "pages").iterdir()]
    assert stems and all(segment_problem(stem, RESERVED - {"data"}) is None for stem in stems)
    slugs = re.findall(r"slug: ([^\s]+)", (content / "departments.yaml").read_text("utf-8"))
    assert slugs and all(segment_problem(slug) is None for slug in slugs)
