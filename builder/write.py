"""Every page of the site written into the staging folder: rendered on every core, or taken
over from the previous build when its key (:func:`page_key`, the hash of what it is
rendered from: its context, or the function and arguments that make it) is the one the
previous build recorded, without making its context; and the search record of each
indexed page, made from the texts its template marks while it renders
(``builder.pages.render.ShownTexts``) and its context. ``builder.build`` runs it between
the page list and the assets.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from builder.pages.context import Link
from builder.pages.fragments import SHOWN_TEXTS
from builder.pages.prose import ProsePage
from builder.pages.render import Output, ShownTexts, make_environment, output_file, write_page
from builder.search.records import Record, search_record
from builder.settings.site import SiteConfig
from builder.util.cache import OutputCache, ShardedCache, builder_hash, digest, source_hash
from builder.util.parallel import fork_map
from builder.util.routes import ROBOTS_URL, SITEMAP_URL


class RenderedPage(NamedTuple):
    """One output of :func:`write_pages`, rendered or taken over from the previous build."""

    relative: str  # its path in the site folder
    key: str  # the hash of what it is made from (:func:`page_key`)
    sha256: str  # the hash of its bytes
    taken_over: bool  # linked from the previous build, not rendered
    record: (
        Record | None
    )  # the search record of a page rendered now (None: not indexed, or taken over)
    size: int  # bytes


@dataclass(frozen=True)
class WrittenPages:
    """What rendering wrote."""

    entries: dict[
        str, list[str]
    ]  # relative path of each output -> its cache entry (builder.util.cache)
    reused: int  # pages taken over from the previous build
    page_hashes: dict[str, str]  # relative path of each HTML page -> the hash of its bytes
    rendered: dict[
        str, Record | None
    ]  # the search record (None: not indexed) of each HTML page rendered
    sizes: dict[str, int]  # relative path of every file written -> its size
    record_of: Callable[[Output], Record | None]  # renders a page again for its search record


def page_key(common: str, output: Output) -> str:
    """The cache key of a page: the hash of what it is rendered from, its context whole or
    the page function and arguments that make it (:meth:`Output.inputs`; a sheet in them by
    the hash of its content), its URL, template and share card, and ``common`` (the hash of
    the builder, the templates, the site settings and the footer)."""
    return digest(common, output.url, output.template, output.inputs(), output.card)


def write_pages(
    root: Path,
    outputs: list[Output],
    prose: tuple[ProsePage, ...],
    site: SiteConfig,
    outputs_cache: OutputCache,
    templates: Path,
    menu_changes: Link | None,
) -> WrittenPages:
    """Render every output into ``root`` on every core with the templates of ``templates``,
    taking over the unchanged ones from the previous build (``outputs_cache``; the caller
    records the new entries, with the share cards'); ``menu_changes`` is the menu's link to
    the latest year-change page."""
    footer = tuple(Link(p.meta.title, p.meta.path) for p in prose)
    env = make_environment(templates, site, footer, menu_changes)
    for template in sorted({o.template for o in outputs}):
        env.get_template(template)  # compiled once, before the workers fork
    inputs = digest(builder_hash(), source_hash(templates), site, footer, menu_changes)
    shown = env.globals[SHOWN_TEXTS]
    assert isinstance(shown, ShownTexts)

    def record_of(output: Output) -> Record | None:
        context = output.context()
        env.get_template(output.template).render(page=context, card=output.card)
        return search_record(context, shown.take())

    def render(output: Output) -> RenderedPage:
        relative = output_file(Path(), output.url).as_posix()
        key = page_key(inputs, output)
        made = outputs_cache.take_over(relative, key, root)
        if made is not None:
            return RenderedPage(relative, key, made, True, None, (root / relative).stat().st_size)
        context = output.context()
        data = write_page(env, root, output.url, output.template, page=context, card=output.card)
        texts = shown.take()  # (an output that is not a page marks none)
        record = search_record(context, texts) if output.is_page else None
        return RenderedPage(
            relative, key, hashlib.sha256(data).hexdigest(), False, record, len(data)
        )

    results = fork_map(render, outputs)
    sizes = {page.relative: page.size for page in results}
    for url, template, context in (
        (SITEMAP_URL, "sitemap.xml", {"urls": [o.url for o in outputs if o.in_sitemap]}),
        (ROBOTS_URL, "robots.txt", {}),
    ):
        sizes[url[1:]] = len(write_page(env, root, url, template, **context))
    pages = [result for output, result in zip(outputs, results) if output.is_page]
    return WrittenPages(
        entries={page.relative: [page.key, page.sha256] for page in results},
        reused=sum(1 for page in pages if page.taken_over),
        page_hashes={page.relative: page.sha256 for page in pages},
        rendered={page.relative: page.record for page in pages if not page.taken_over},
        sizes=sizes,
        record_of=record_of,
    )


def search_records(
    outputs: list[Output], written: WrittenPages, cache_dir: Path | None
) -> list[Record]:
    """The search record of each indexed page: made while rendering, kept by the last build
    for a page of the same bytes, or made by rendering the page again."""
    relatives = sorted(written.page_hashes)
    code = builder_hash()
    keys = [digest(code, written.page_hashes[relative]) for relative in relatives]

    @functools.cache  # only when a page taken over has no record kept
    def pages_by_file() -> dict[str, Output]:
        return {output_file(Path(), o.url).as_posix(): o for o in outputs if o.is_page}

    def record_of(relative: str) -> Record | None:
        if relative in written.rendered:
            return written.rendered[relative]
        return written.record_of(pages_by_file()[relative])

    records = ShardedCache(
        cache_dir, "search-records", lambda r: r and r.plain(), Record.from_plain
    ).map(record_of, relatives, keys)
    return [record for record in records if record is not None]
