"""The whole build: data files, then every page and asset, swapped into place atomically.

The site is rendered into a temporary sibling folder of ``out`` (``.site-XXXXXXXX``),
checked (every file written has the size it was written with, the search bundle is whole,
modes 644/755) and only then exchanged with ``out`` (``builder.publish.swap``, which also holds
the build's lock and removes what killed builds left); a build that fails leaves the
previous site exactly as it was, and nothing after the exchange can fail. Pages whose inputs hash as in the previous build are hard-linked
from the previous site instead of rendered again (``builder.util.cache``); the result is
the same bytes as a clean build.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import hashlib
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TextIO

from builder.util.routes import DEPARTMENTS_URL, HOME_URL, NOT_FOUND_URL, PROJECT_LIST, ROBOTS_URL, SDGS_URL, SEARCH_URL, SITEMAP_URL, changes_url, department_url, project_url, project_year_url, sdg_url
from builder.parse.report import report_file, write_build_report
from builder.util.cache import (CacheStore, OutputCache, RecordHashes, ShardedCache, builder_hash, cache_folder,
                                digest, source_hash)
from builder.catalog.catalog import Catalog, Project, build_catalog
from builder.records.sdgs import SDG_GOALS
from builder.pages.changes_page import changes_page
from builder.settings.departments import load_organisation
from builder.settings.gate import each_warning_once
from builder.settings.site import SiteConfig, load_site_config
from builder.catalog.corrections import check_corrections_file
from builder.parse.stage import parse_content, write_records
from builder.errors import OutputError, Problem, SheetError, SourceLoc, ToolError
from builder.records.model import Sheet
from builder.pages.index_pages import department_index, department_page, home_page, sdg_index, sdg_page
from builder.pages.opendata import OpenData, load_open_data
from builder.catalog.population import load_population
from builder.catalog.publication import release_dates
from builder.pages.context import HOME, Link, PageMeta, SimplePage
from builder.pages.project_list import project_list
from builder.pages.project_page import project_page, project_page_inputs
from builder.pages.prose import ProsePage, load_prose_pages
from builder.util.parallel import fork_map
from builder.pages.render import Output, make_environment, output_file, write_page
from builder.util.progress import StageClock, terminal_progress
from builder.publish.swap import BuildLock, normalise_modes, publish, remove_leftovers
from builder.search.pagefind import IndexRun, SearchReport, scratch_folders
from builder.search.pagecopy import PageCopy, read_page
from builder.pages.text_changes_page import text_change_outputs

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
ASSETS = ROOT / "assets"
PLOTLY_DIR = ROOT / "node_modules" / "plotly.js-basic-dist-min"
PLOTLY_FILES = {"plotly-basic.min.js": "plotly-basic.min.js", "LICENSE": "plotly-LICENSE.txt"}


@dataclass(frozen=True)
class BuildReport:
    """What a build did: sheets read per year, warnings, files written, time per stage."""

    out: Path
    sheets_per_year: tuple[tuple[int, int], ...]  # (fiscal year, sheets)
    warnings: int  # notes on the sheets (each printed as a warning)
    data_files_written: int  # data files created or changed
    pages: int  # HTML pages written
    pages_reused: int  # pages taken over from the previous build (their inputs hash the same)
    stages: tuple[tuple[str, float], ...]  # (stage, seconds), in order
    search: SearchReport

    def summary(self) -> str:
        """The report printed at the end of ``make``."""
        years = "、".join(f"{year}年度 {count}件" for year, count in self.sheets_per_year)
        stages = "\n".join(f"    {name:<12} {seconds:6.2f} 秒" for name, seconds in self.stages)
        total = sum(seconds for _, seconds in self.stages)
        return (
            f"ビルド完了: {self.out}\n"
            f"  読み込んだシート: {years}\n"
            f"  警告: {self.warnings}件　更新したデータファイル: {self.data_files_written}件　ページ: {self.pages}件（前回から再利用 {self.pages_reused}件）\n"
            f"  {self.search.summary()}\n"
            f"  段階ごとの時間:\n{stages}\n    {'合計':<12} {total:6.2f} 秒"
        )


@dataclass(frozen=True)
class RenderReport:
    """What rendering wrote."""

    pages: int
    reused: int  # pages taken over from the previous build
    search: SearchReport


def build_site(content: Path, out: Path, progress: TextIO | None = None, clean: bool = False) -> BuildReport:
    """Parse the sheets, write ``content/data``, then build the site into ``out`` atomically.

    ``progress``: where to print stage progress (default: the terminal, if one is watching).
    What the previous build made is reused where its inputs hash the same
    (``builder.util.cache``); ``clean``: empty the cache first.
    """
    with BuildLock(out), each_warning_once():
        remove_leftovers(out, scratch_folders())
        try:
            return _build(content, out, progress, clean)
        except OSError as error:
            raise OutputError.of(error) from None


def check_settings(content: Path) -> None:
    """Read and check every settings file of ``content`` (site, departments, release dates,
    corrections, population) and the prose pages before any sheet is read or any file
    written: a broken one is the build's only message (ConfigError)."""
    load_site_config(content)
    load_organisation(content, optional=True)
    release_dates(content)
    check_corrections_file(content)
    load_population(content)
    load_prose_pages(content / "pages")


def _build(content: Path, out: Path, progress: TextIO | None, clean: bool) -> BuildReport:
    """The build of :func:`build_site`, holding its lock."""
    clock = StageClock(progress if progress is not None else terminal_progress())
    check_settings(content)
    cache = cache_folder(out)
    store = CacheStore(cache)
    if clean:
        shutil.rmtree(cache, ignore_errors=True)
    store.tidy()
    with clock.stage("parse"), collector_paused():
        parsed = parse_content(content, cache)
    with frozen_heap():
        with clock.stage("data files"):
            written = len(write_records(content, parsed.sheets, parsed.texts, report_file(cache)).written)
        per_year = Counter(sheet.fiscal_year for sheet in parsed.sheets)
        warnings = sum(len(sheet.notes) for sheet in parsed.sheets)
        site = make_site(content, out, parsed.sheets, clock, cache, parsed.texts)
        del parsed  # the records: nothing else holds them now, so finishing gives their memory back
        rendered = site.finish(clock)
    return BuildReport(
        out=out,
        sheets_per_year=tuple(sorted(per_year.items())),
        warnings=warnings,
        data_files_written=written,
        pages=rendered.pages,
        pages_reused=rendered.reused,
        stages=tuple(clock.timings),
        search=rendered.search,
    )


def site_outputs(catalog: Catalog, prose: tuple[ProsePage, ...], site: SiteConfig,
                 open_data: OpenData) -> list[Output]:
    """Every page of the site (and the feed), in a fixed order."""
    outputs = [Output(HOME_URL, "home.html", home_page(catalog, site.description)),
               Output(PROJECT_LIST, "projects.html", project_list(catalog))]
    record_hash = RecordHashes()
    for project in catalog.projects:
        pages = [(project_url(project.code), project.latest, True)]
        pages += [(project_year_url(project.code, sheet.fiscal_year), sheet, False) for sheet in project.sheets]
        outputs += [Output(url, "project.html", None,
                           make=partial(_project_context, catalog, project, sheet, latest, open_data),
                           inputs=partial(_project_inputs, catalog, project, sheet, latest, open_data, record_hash))
                    for url, sheet, latest in pages]
    outputs += [Output(changes_url(year), "changes.html", changes_page(catalog, year))
                for year in catalog.years[1:] if year - 1 in catalog.years]
    outputs += text_change_outputs(catalog)
    outputs.append(Output(DEPARTMENTS_URL, "departments.html", department_index(catalog)))
    outputs += [Output(department_url(d.slug), "department.html", department_page(catalog, d))
                for d in catalog.departments]
    outputs.append(Output(SDGS_URL, "sdgs.html", sdg_index(catalog)))
    outputs += [Output(sdg_url(n), "sdg.html", sdg_page(catalog, n)) for n in sorted(SDG_GOALS)]
    data_pages = open_data.pages(prose)
    outputs += [Output(p.meta.path, "prose.html", p) for p in prose if p.meta.path not in {o.url for o in data_pages}]
    outputs += data_pages
    home = (Link(HOME, HOME_URL),)
    search = PageMeta(SEARCH_URL, "サイト内検索", "事業名や内容、担当部署からシートを探せます。", home)
    missing = PageMeta(NOT_FOUND_URL, "ページが見つかりません", "お探しのページは見つかりませんでした。", home)
    outputs.append(Output(SEARCH_URL, "search.html", SimplePage(search), in_sitemap=False))
    outputs.append(Output(NOT_FOUND_URL, "404.html", SimplePage(missing), in_sitemap=False))
    return outputs


def _project_context(catalog: Catalog, project: Project, sheet: Sheet, latest: bool, open_data: OpenData) -> object:
    return project_page(catalog, project, sheet, latest, open_data.for_sheet(sheet))


def _project_inputs(catalog: Catalog, project: Project, sheet: Sheet, latest: bool, open_data: OpenData,
                    record_hash: RecordHashes) -> object:
    return project_page_inputs(catalog, project, sheet, latest, open_data.for_sheet(sheet), record_hash)


def _copy_files(root: Path) -> None:
    """Assets and the plotly.js bundle (with its licence)."""
    shutil.copytree(ASSETS, root / "assets", copy_function=shutil.copyfile)
    vendor = root / "assets" / "vendor"
    vendor.mkdir(exist_ok=True)
    for source, target in PLOTLY_FILES.items():
        if not (PLOTLY_DIR / source).is_file():
            raise ToolError("plotly.js", f"{PLOTLY_DIR / source} がありません。`npm ci` を実行してください")
        shutil.copyfile(PLOTLY_DIR / source, vendor / target)


@dataclass(frozen=True)
class WrittenPages:
    """What rendering wrote."""

    reused: int  # pages taken over from the previous build
    page_hashes: dict[str, str]  # relative path of each HTML page -> the hash of its bytes
    rendered: dict[str, PageCopy | None]  # the search copy (None: not indexed) of each HTML page rendered
    sizes: dict[str, int]  # relative path of every file written -> its size


def _write_pages(root: Path, outputs: list[Output], prose: tuple[ProsePage, ...], site: SiteConfig,
                 cache: OutputCache) -> WrittenPages:
    """Render every output on every core, taking over unchanged ones."""
    footer = tuple(Link(p.meta.title, p.meta.path) for p in prose)
    env = make_environment(TEMPLATES, site, footer)
    for template in sorted({o.template for o in outputs}):
        env.get_template(template)  # compiled once, before the workers fork
    inputs = digest(builder_hash(), source_hash(TEMPLATES), site, footer)

    def render(output: Output) -> tuple[str, list[str], bool, PageCopy | None, int]:
        relative = output_file(Path(), output.url).as_posix()
        key = digest(inputs, output.url, output.template, output.cache_inputs())
        made = cache.take_over(relative, key, root)
        if made is not None:
            return relative, [key, made], True, None, (root / relative).stat().st_size
        data = write_page(env, root, output.url, output.template, page=output.context())
        copy = read_page(data.decode("utf-8")) if output.is_page else None
        return relative, [key, hashlib.sha256(data).hexdigest()], False, copy, len(data)

    results = fork_map(render, outputs)
    cache.record({relative: entry for relative, entry, _, _, _ in results})
    sizes = {relative: size for relative, _, _, _, size in results}
    for url, template, context in ((SITEMAP_URL, "sitemap.xml", {"urls": [o.url for o in outputs if o.in_sitemap]}),
                                   (ROBOTS_URL, "robots.txt", {})):
        sizes[url[1:]] = len(write_page(env, root, url, template, **context))
    pages = [result for output, result in zip(outputs, results) if output.is_page]
    return WrittenPages(
        reused=sum(1 for _, _, taken_over, _, _ in pages if taken_over),
        page_hashes={relative: entry[1] for relative, entry, _, _, _ in pages},
        rendered={relative: copy for relative, _, taken_over, copy, _ in pages if not taken_over},
        sizes=sizes,
    )


def _search_copies(root: Path, page_hashes: dict[str, str], rendered: dict[str, PageCopy | None],
                   cache: Path | None) -> list[tuple[str, PageCopy]]:
    """The search copy of each indexed page under ``root``: made while rendering, kept by the
    last build for a page of the same bytes, or read from the page."""
    relatives = sorted(page_hashes)
    code = builder_hash()
    keys = [digest(code, page_hashes[relative]) for relative in relatives]

    def copy_of(relative: str) -> PageCopy | None:
        return rendered[relative] if relative in rendered else read_page((root / relative).read_text("utf-8"))

    copies = ShardedCache(cache, "search-copies", PageCopy.plain, PageCopy.from_plain).map(copy_of, relatives, keys)
    return [(relative, copy) for relative, copy in zip(relatives, copies) if copy is not None]


def check_sizes(root: Path, sizes: Mapping[str, int]) -> None:
    """Raise OutputError unless every file of ``sizes`` (relative path -> size) under ``root``
    has the size it was written with."""
    for relative, size in sizes.items():
        try:
            found = (root / relative).stat().st_size
        except OSError:
            found = None
        if found != size:
            raise OutputError(f"{root / relative}: 書いたはずの {size} バイトではありません（{found}）。"
                              "ディスクの空きを確かめてください")


@dataclass
class SiteInProgress:
    """A site whose pages, assets and downloads are written into ``staging`` and whose search
    index Pagefind is building; the records and pages it was made from are no longer held."""

    out: Path
    staging: Path
    pages: int
    reused: int
    indexing: IndexRun
    outputs_cache: OutputCache
    sizes: dict[str, int]  # every file written (relative path -> size), but the search bundle

    def finish(self, clock: StageClock) -> RenderReport:
        """Give the memory of the records back to the system, wait for the search index,
        check the staged site, then put it in the place of ``out``; on any failure remove
        the staging folder. Nothing after the exchange can fail."""
        try:
            with self.indexing:
                release_memory()
                with clock.stage("search index"):
                    search = self.indexing.finish()
            check_sizes(self.staging, self.sizes)
            normalise_modes(self.staging)
            publish(self.staging, self.out)
        except BaseException:
            shutil.rmtree(self.staging, ignore_errors=True)
            raise
        self.outputs_cache.save()  # only warns when it cannot
        return RenderReport(self.pages, self.reused, search)


def make_site(content: Path, out: Path, sheets: list[Sheet], clock: StageClock, cache: Path | None,
              data_texts: Mapping[tuple[int, str], str] | None) -> SiteInProgress:
    """Write every page, asset and download of the site into a staging folder beside ``out``
    and start its search index."""
    site, org = load_site_config(content), load_organisation(content)
    if not sheets:
        raise SheetError([Problem.of(SourceLoc(str(content / "data"), 1), "シートから作ったデータファイル", "ありません")])
    with clock.stage("open data"):
        open_data = load_open_data(content, sheets, site, data_texts, cache)  # the corrections apply to every page and download
    gc.freeze()  # (see frozen_heap)
    org, collisions = org.for_sheets(list(open_data.sheets))  # corrections may name new departments
    if collisions:
        raise SheetError(collisions)
    write_build_report(cache_folder(out), sheets, org.generated)
    out.parent.mkdir(parents=True, exist_ok=True)
    outputs_cache = OutputCache(cache, out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        staging.chmod(0o755)
        with clock.stage("charts"):
            catalog = build_catalog(list(open_data.sheets), org, open_data.population)
            prose = load_prose_pages(content / "pages")
            outputs = site_outputs(catalog, prose, site, open_data)
        gc.freeze()  # (see frozen_heap)
        with clock.stage("render"):
            written = _write_pages(staging, outputs, prose, site, outputs_cache)
        with clock.stage("search copy"):
            indexing = IndexRun(staging, _search_copies(staging, written.page_hashes, written.rendered, cache), cache)
        with clock.stage("assets"):  # Pagefind runs meanwhile
            try:
                _copy_files(staging)
                open_data.write(staging, previous=out)
            except BaseException:
                indexing.stop()
                raise
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    sizes = written.sizes | {relative: len(data) for relative, data in open_data.exports.files.items()}
    return SiteInProgress(out, staging, sum(1 for o in outputs if o.is_page), written.reused, indexing,
                          outputs_cache, sizes)


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection in the block (while the parse stage gathers the records:
    none of them is garbage, and each full collection walked all those gathered so far)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Keep the objects alive now, and those frozen again at the build's later stages, out
    of the cyclic collector's passes (``gc.freeze``) until the block ends or
    :func:`release_memory`. The records, catalog and page contexts live to the end of the
    build; each full collection walked all of them, so a build of 10,000 sheets spent 19 s in
    18 full collections (2 s at 3,000 sheets), and a forked render worker's collections
    wrote to every page it inherited, copying them. Reference counting still frees them."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def release_memory() -> None:
    """Collect unreachable objects and hand the free memory back to the system (glibc's
    ``malloc_trim``; elsewhere only the collection): Pagefind needs it more than the builder."""
    gc.unfreeze()
    gc.collect()
    try:
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
