"""Jinja2 rendering: autoescape on, StrictUndefined, every page written as UTF-8 with LF."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context

from builder.pages.at_a_glance import Amount, amount
from builder.pages.context import Link
from builder.pages.figures import Cell
from builder.pages.fragments import SHOWN_TEXTS, SharedFragments
from builder.settings.site import SiteConfig
from builder.util import routes

if TYPE_CHECKING:
    from builder.pages.cards import ShareCard

T = TypeVar("T")


@dataclass(frozen=True)
class Output:
    """One page to write: its URL, its template and its context (or what makes it)."""

    url: str
    template: str
    page: object  # the context; None when ``make`` makes it
    in_sitemap: bool = True
    make: Callable[[], object] | None = None  # makes the context on a render worker (project pages)
    card: ShareCard | None = None  # the picture of a shared link (og:image), builder.pages.cards

    def context(self) -> object:
        """The page context."""
        return self.page if self.make is None else self.make()

    @property
    def is_page(self) -> bool:
        """Whether the output is an HTML page (not the feed)."""
        return self.url.endswith(("/", ".html"))


class ShownTexts(list[str]):
    """The texts of the page being rendered that search indexes (``builder.search.records``):
    the template marks each with the ``indexed`` filter (``{{ s.name|indexed }}``), which
    writes the value unchanged and keeps its text; ``joined`` adds it to the text before
    (``"担当："`` then the department)."""

    @pass_context  # (so that Jinja never runs it once on a constant while compiling)
    def add(self, _context: Context, value: T, joined: str | None = None) -> T:
        """Keep the text of ``value`` (an amount as its two forms, a cell with its note)."""
        if isinstance(value, Amount):
            text = value.short + value.exact
        elif isinstance(value, Cell):
            text = f"{value.text}（{value.note}）" if value.note else value.text
        else:
            text = str(value)
        if text and joined is not None and self:
            self[-1] += joined + text
        elif text:
            self.append(text)
        return value

    def take(self) -> tuple[str, ...]:
        """The texts kept since the last call."""
        texts = tuple(self)
        self.clear()
        return texts


def make_environment(
    templates: Path,
    site: SiteConfig,
    footer_links: tuple[Link, ...],
    menu_changes: Link | None = None,
) -> Environment:
    """The template environment; ``site``, ``footer_links``, ``menu_changes`` (the menu's link
    to the latest what-changed page, None for a site of one year) and ``routes`` (every URL of
    the site, ``builder.util.routes``) are available to every template."""
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=[SharedFragments],
        auto_reload=False,  # a build's templates do not change: no stat of each file per page
    )
    # Compact, sorted, readable JSON for the chart specs; |tojson still escapes < > & '.
    env.policies["json.dumps_kwargs"] = {
        "sort_keys": True,
        "ensure_ascii": False,
        "separators": (",", ":"),
    }
    env.globals.update(
        site=site, footer_links=footer_links, menu_changes=menu_changes, routes=routes
    )
    env.filters["amount"] = amount  # 千円 -> 億円・万円, the exact 千円 under it
    # These read the page contexts, which import Output from here.
    from builder.pages.embed_page import iframe_code
    from builder.pages.structured import structured_data

    env.globals.update(structured_data=partial(structured_data, site=site), iframe_code=iframe_code)
    env.globals[SHOWN_TEXTS] = shown = ShownTexts()
    env.filters["indexed"] = shown.add  # the texts search indexes (builder.search.records)
    return env


def output_file(root: Path, url: str) -> Path:
    """Where the page at a root-relative URL is written: ``/a/`` -> ``a/index.html``
    (``builder.util.routes.site_path``: never outside ``root``)."""
    return routes.site_path(root, url)


def write_page(env: Environment, root: Path, url: str, template: str, **context: object) -> bytes:
    """Render ``template`` with ``context``, write it at the file of ``url`` under ``root``; return the bytes."""
    target = output_file(root, url)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = env.get_template(template).render(**context).encode("utf-8")
    target.write_bytes(data)
    return data
