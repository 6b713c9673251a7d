"""Jinja2 rendering: autoescape on, StrictUndefined, every page written as UTF-8 with LF."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import CodeType, FunctionType
from typing import TYPE_CHECKING, Any, TypeVar

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.bccache import Bucket, BytecodeCache
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
    """One page to write: its URL, its template and its context, or what makes it.

    ``make`` is a page function applied to its arguments (``functools.partial``): the page's
    cache key is the function's name and those arguments (:meth:`inputs`), so a page whose
    arguments hash as in the previous build is taken over without making its context. For
    that key to stand for the context, the function must read nothing but its arguments:
    it is a function of a module (not a lambda, a method or a nested function, which could
    read what it closes over), and every argument has canonical bytes
    (``builder.util.cache.canonical``; a catalog or a whole open-data stage passed in would
    be hashed whole, so the page would be made again after any change: pass what the page
    shows of them instead)."""

    url: str
    template: str
    page: object  # the context; None when ``make`` makes it
    in_sitemap: bool = True
    make: partial[Any] | None = None  # makes the context on a render worker (project pages)
    card: ShareCard | None = None  # the picture of a shared link (og:image), builder.pages.cards

    def __post_init__(self) -> None:
        if self.make is not None:
            page_function(self.make)

    def context(self) -> object:
        """The page context."""
        return self.page if self.make is None else self.make()

    def inputs(self) -> object:
        """What the context is made from: the context itself, or the page function's name
        and arguments."""
        if self.make is None:
            return self.page
        return page_function(self.make), self.make.args, self.make.keywords

    @property
    def is_page(self) -> bool:
        """Whether the output is an HTML page (not the feed)."""
        return self.url.endswith(("/", ".html"))


def page_function(make: partial[Any]) -> str:
    """The module and name of the function ``make`` applies; a TypeError unless it is a
    function of a module that closes over nothing (see :class:`Output`)."""
    function = make.func
    if not isinstance(function, FunctionType):
        raise TypeError(f"{make!r}: a page is made by a function of a module, applied with partial")
    name = f"{function.__module__}.{function.__qualname__}"
    if function.__closure__ or "<" in function.__qualname__ or "." in function.__qualname__:
        raise TypeError(f"{name}: a page function reads only its arguments, not a closure")
    return name


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


class CompiledTemplates(BytecodeCache):
    """The code Jinja compiled each template to, kept for the life of the process by the
    template's file and the checksum of its source: every build's environment has the same
    options (:func:`make_environment`), so a build after another in the same process (a
    program that builds several sites, the test suite) compiles only the templates that
    changed."""

    def __init__(self) -> None:
        self.codes: dict[tuple[str, str], CodeType | None] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        """Give ``bucket`` the code compiled earlier from the same file and source, if any."""
        bucket.code = self.codes.get((bucket.key, bucket.checksum))

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the code just compiled."""
        self.codes[bucket.key, bucket.checksum] = bucket.code


COMPILED = CompiledTemplates()


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
        bytecode_cache=COMPILED,
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
