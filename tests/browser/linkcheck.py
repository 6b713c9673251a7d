"""Check every reference in a built site: internal links, sources and anchors resolve, and
nothing points at another host (except the site's own canonical base URL, where a
canonical URL belongs)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from builder.settings.licence import LICENCES
from sitekit import html_files, url_path

# Attributes that hold a URL; srcset holds several.
_URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "data",
    "cite",
    "xlink:href",
    "manifest",
}
# Where an absolute URL on the site's own base is expected: <link rel=...> and <meta ...>.
_CANONICAL_RELS = {"canonical", "alternate"}
_CANONICAL_METAS = {"og:url", "og:image", "twitter:url", "twitter:image"}
_HARMLESS_SCHEMES = {"mailto", "tel", "data"}
# The one link to another host: the page of the licence content/site.yaml names, as <a rel="license">.
_LICENCE_URLS = {licence.url for licence in LICENCES.values()}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""")
_REFRESH_URL = re.compile(r"""url\s*=\s*['"]?([^'"]+)""", re.IGNORECASE)
_SITEMAP_LOC = re.compile(r"<loc>\s*(.*?)\s*</loc>")
_ROBOTS_SITEMAP = re.compile(r"^\s*Sitemap:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Ref:
    """One URL found in a file: where it is, and whether a canonical absolute URL is expected there."""

    line: int
    url: str
    canonical: bool = False


@dataclass
class _Page:
    ids: set[str] = field(default_factory=set)
    refs: list[Ref] = field(default_factory=list)


class _Collector(HTMLParser):
    """Collects the ids (anchor targets) and URL references of one HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page()
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        line = self.getpos()[0]
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if values.get(name):
                self.page.ids.add(values[name])
        rels = set(values.get("rel", "").lower().split())
        # An embed is framed on another site: its links name this site's pages in full, opening a new tab.
        canonical = (tag == "link" and bool(rels & _CANONICAL_RELS)) or (
            tag == "a" and values.get("target") == "_blank"
        )
        for name, value in values.items():
            if tag == "a" and name == "href" and "license" in rels and value in _LICENCE_URLS:
                continue
            if name in _URL_ATTRIBUTES and value.strip():
                self.page.refs.append(Ref(line, value.strip(), canonical))
            elif name in ("srcset", "imagesrcset"):
                self.page.refs.extend(
                    Ref(line, c.split()[0]) for c in value.split(",") if c.strip()
                )
            elif name == "style":
                self.page.refs.extend(Ref(line, url) for url in css_urls(value))
        meta = values.get("property") or values.get("name") or ""
        if tag == "meta" and meta.lower() in _CANONICAL_METAS and values.get("content", "").strip():
            self.page.refs.append(Ref(line, values["content"].strip(), canonical=True))
        refresh = (
            _REFRESH_URL.search(values.get("content", ""))
            if values.get("http-equiv", "").lower() == "refresh"
            else None
        )
        if tag == "meta" and refresh:
            self.page.refs.append(Ref(line, refresh.group(1).strip()))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            line = self.getpos()[0]
            self.page.refs.extend(Ref(line, url) for url in css_urls(data))


def css_urls(css: str) -> list[str]:
    """The URLs a piece of CSS refers to, through url(...) and @import."""
    urls = ((match.group(2) or match.group(4) or "").strip() for match in _CSS_URL.finditer(css))
    return [url for url in urls if url]


class LinkChecker:
    """Resolves references against the files of a built site.

    ``base_url`` is the absolute URL the site is published at (from the site's config),
    or None when the site uses no absolute URLs; it is accepted only in canonical places
    (<link rel=canonical|alternate>, og:url/og:image and twitter metas, sitemap.xml,
    robots.txt) and must still resolve to a file of the site there.
    """

    def __init__(self, site: Path, base_url: str | None) -> None:
        self.site = site
        self.base_url = base_url.rstrip("/") + "/" if base_url else None
        self._pages: dict[Path, _Page] = {}

    def _page(self, file: Path) -> _Page:
        if file not in self._pages:
            collector = _Collector()
            collector.feed(file.read_text(encoding="utf-8"))
            collector.close()
            self._pages[file] = collector.page
        return self._pages[file]

    def _target(self, path: str) -> Path | None:
        """The file a site-root-relative URL path is served from, or None."""
        candidate = self.site / unquote(path).lstrip("/")
        if path.endswith("/") or candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def problem(self, page_url: str, ref: Ref, canonical_allowed: bool = False) -> str | None:
        """Why ``ref`` (found on the page at ``page_url``) does not resolve, or None if it does."""
        parts = urlsplit(ref.url)
        if parts.scheme in _HARMLESS_SCHEMES:
            return None
        if parts.scheme not in ("", "http", "https"):
            return f"{parts.scheme}: URL: {ref.url}"
        if parts.scheme or parts.netloc:
            on_base = self.base_url is not None and ref.url.startswith(self.base_url)
            if not (on_base and (ref.canonical or canonical_allowed)):
                return f"refers to another host: {ref.url}"
            resolved = urlsplit("/" + ref.url[len(self.base_url) :])
        else:
            resolved = urlsplit(urljoin("http://site.invalid" + page_url, ref.url))
        target = self._target(resolved.path)
        if target is None:
            return f"broken link: {ref.url} (no file for {resolved.path})"
        fragment = unquote(resolved.fragment)
        if (
            fragment
            and fragment != "top"
            and target.suffix == ".html"
            and fragment not in self._page(target).ids
        ):
            return f"broken anchor: {ref.url} (no id {fragment!r} in {target.relative_to(self.site).as_posix()})"
        return None

    def check(self) -> list[str]:
        """Every problem in the site, as ``file:line: problem``."""
        problems = []
        for file in html_files(self.site):
            page_url = url_path(self.site, file)
            for ref in self._page(file).refs:
                problems.append(self._located(file, ref.line, self.problem(page_url, ref)))
        for file in sorted(self.site.rglob("*.css")):
            page_url = url_path(self.site, file)
            for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
                problems.extend(
                    self._located(file, number, self.problem(page_url, Ref(number, url)))
                    for url in css_urls(line)
                )
        for name, pattern in (("sitemap.xml", _SITEMAP_LOC), ("robots.txt", _ROBOTS_SITEMAP)):
            file = self.site / name
            if file.is_file():
                for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
                    problems.extend(
                        self._located(
                            file,
                            number,
                            self.problem("/", Ref(number, url), canonical_allowed=True),
                        )
                        for url in pattern.findall(line)
                    )
        return [problem for problem in problems if problem]

    def _located(self, file: Path, line: int, problem: str | None) -> str | None:
        return f"{file.relative_to(self.site).as_posix()}:{line}: {problem}" if problem else None
