"""The whole build: data files, then every page and asset, swapped into place atomically.

The site is rendered into a temporary sibling folder of ``out`` (``.site-XXXXXXXX``),
checked (every file written has the size it was written with, the search bundle is whole,
modes 644/755) and only then exchanged with ``out`` (``builder.publish.swap``, which also holds
the build's lock and removes what killed builds left); a build that fails leaves the
previous site exactly as it was, and nothing after the exchange can fail. Pages whose inputs
hash as in the previous build are hard-linked from the previous site instead of rendered
again (``builder.util.cache``); the result is the same bytes as a clean build.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TextIO

from builder.catalog.catalog import Catalog, Project, build_catalog
from builder.catalog.corrections import check_corrections_file
from builder.catalog.population import load_population
from builder.catalog.publication import release_dates
from builder.errors import OutputError, Problem, SheetError, SourceLoc, ToolError
from builder.pages.card_drawing import write_cards
from builder.pages.cards import sheet_card, with_cards
from builder.pages.changes_page import changes_index, changes_page, latest_changes_link
from builder.pages.context import HOME, Link, PageMeta, SimplePage
from builder.pages.department_feed import department_feed
from builder.pages.embed_page import embed_outputs
from builder.pages.index_pages import (
    department_index,
    department_page,
    home_page,
    sdg_index,
    sdg_page,
)
from builder.pages.opendata import OpenData, load_open_data
from builder.pages.project_list import project_list
from builder.pages.project_page import project_page
from builder.pages.prose import ProsePage, load_prose_pages
from builder.pages.render import Output
from builder.pages.text_changes_page import text_change_outputs
from builder.parse.report import report_file, write_build_report
from builder.parse.stage import parse_content, write_records
from builder.publish.headers import HEADERS_FILE, write_headers
from builder.publish.swap import BuildLock, normalise_modes, publish, remove_leftovers
from builder.records.model import Sheet
from builder.records.sdgs import SDG_GOALS
from builder.search.pagefind import BUNDLE_DIR, IndexRun, SearchReport
from builder.search.segmenter import segment_texts
from builder.settings.contacts import Contacts, load_contacts
from builder.settings.departments import load_organisation
from builder.settings.gate import each_warning_once
from builder.settings.site import SiteConfig, load_site_config
from builder.util.cache import CacheStore, OutputCache, cache_folder
from builder.util.memory import (
    collector_paused,
    freeze_heap,
    frozen_heap,
    release_memory,
    trim_heap,
)
from builder.util.progress import StageClock, terminal_progress
from builder.util.romaji import forget_readings
from builder.util.routes import (
    DEPARTMENTS_URL,
    HOME_URL,
    NOT_FOUND_URL,
    PROJECT_LIST,
    SDGS_URL,
    SEARCH_URL,
    changes_url,
    department_feed_url,
    department_url,
    project_url,
    project_year_url,
    sdg_url,
)
from builder.write import search_records, write_pages

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
            f"  警告: {self.warnings}件　更新したデータファイル: {self.data_files_written}件　"
            f"ページ: {self.pages}件（前回から再利用 {self.pages_reused}件）\n"
            f"  {self.search.summary()}\n"
            f"  段階ごとの時間:\n{stages}\n    {'合計':<12} {total:6.2f} 秒"
        )


@dataclass(frozen=True)
class RenderReport:
    """What rendering wrote."""

    pages: int
    reused: int  # pages taken over from the previous build
    search: SearchReport


def build_site(
    content: Path, out: Path, progress: TextIO | None = None, clean: bool = False
) -> BuildReport:
    """Parse the sheets, write ``content/data``, then build the site into ``out`` atomically.

    ``progress``: where to print stage progress (default: the terminal, if one is watching).
    What the previous build made is reused where its inputs hash the same
    (``builder.util.cache``); ``clean``: empty the cache first.
    """
    with BuildLock(out), each_warning_once():
        remove_leftovers(out)
        try:
            return _build(content, out, progress, clean)
        except OSError as error:
            raise OutputError.of(error) from None


def check_settings(content: Path) -> None:
    """Read and check every settings file of ``content`` (site, departments, contacts, release
    dates, corrections, population) and the prose pages before any sheet is read or any file
    written: a broken one is the build's only message (ConfigError)."""
    load_site_config(content)
    load_organisation(content, optional=True)
    load_contacts(content)
    release_dates(content)
    check_corrections_file(content)
    load_population(content)
    load_prose_pages(content / "pages")


def _build(content: Path, out: Path, progress: TextIO | None, clean: bool) -> BuildReport:
    """The build of :func:`build_site`, holding its lock."""
    clock = StageClock(progress if progress is not None else terminal_progress())
    check_settings(content)
    cache_dir = cache_folder(out)
    store = CacheStore(cache_dir)
    if clean:
        shutil.rmtree(cache_dir, ignore_errors=True)
    store.tidy()
    with clock.stage("parse"), collector_paused():
        parsed = parse_content(content, cache_dir)
    with frozen_heap():
        with clock.stage("data files"):
            written = len(
                write_records(content, parsed.sheets, parsed.texts, report_file(cache_dir)).written
            )
        per_year = Counter(sheet.fiscal_year for sheet in parsed.sheets)
        warnings = sum(len(sheet.notes) for sheet in parsed.sheets)
        staged = make_site(content, out, parsed.sheets, clock, cache_dir, parsed.texts)
        rendered = staged.finish(clock)
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


def site_outputs(
    catalog: Catalog,
    prose: tuple[ProsePage, ...],
    site: SiteConfig,
    open_data: OpenData,
    contacts: Contacts,
) -> list[Output]:
    """Every page of the site (and the feed), in a fixed order."""
    outputs = [
        Output(HOME_URL, "home.html", home_page(catalog, site.description)),
        Output(PROJECT_LIST, "projects.html", project_list(catalog)),
    ]
    for project in catalog.projects:
        pages = [(project_url(project.code), project.latest, True)]
        pages += [
            (project_year_url(project.code, sheet.fiscal_year), sheet, False)
            for sheet in project.sheets
        ]
        outputs += [
            Output(
                url,
                "project.html",
                None,
                make=partial(
                    _project_context, catalog, project, sheet, latest, open_data, contacts
                ),
                card=sheet_card(site, sheet),
            )
            for url, sheet, latest in pages
        ]
    outputs += embed_outputs(catalog, open_data)
    outputs += [
        Output(changes_url(year), "changes.html", changes_page(catalog, year))
        for year in catalog.years[1:]
        if year - 1 in catalog.years
    ]
    index = changes_index(catalog)
    outputs += [Output(index.meta.path, "changes_index.html", index)] if index else []
    outputs += text_change_outputs(catalog, segment_texts)
    outputs.append(Output(DEPARTMENTS_URL, "departments.html", department_index(catalog)))
    outputs += [
        Output(department_url(d.slug), "department.html", department_page(catalog, d))
        for d in catalog.departments
    ]
    outputs += [
        Output(
            department_feed_url(d.slug),
            "feed.xml",
            department_feed(open_data.publication, d),
            in_sitemap=False,
        )
        for d in catalog.departments
    ]
    outputs.append(Output(SDGS_URL, "sdgs.html", sdg_index(catalog)))
    outputs += [Output(sdg_url(n), "sdg.html", sdg_page(catalog, n)) for n in sorted(SDG_GOALS)]
    data_pages = open_data.pages(prose)
    outputs += [
        Output(p.meta.path, "prose.html", p)
        for p in prose
        if p.meta.path not in {o.url for o in data_pages}
    ]
    outputs += data_pages
    home = (Link(HOME, HOME_URL),)
    search = PageMeta(
        SEARCH_URL, "サイト内検索", "事業名や内容、担当部署からシートを探せます。", home
    )
    missing = PageMeta(
        NOT_FOUND_URL, "ページが見つかりません", "お探しのページは見つかりませんでした。", home
    )
    outputs.append(Output(SEARCH_URL, "search.html", SimplePage(search), in_sitemap=False))
    outputs.append(Output(NOT_FOUND_URL, "404.html", SimplePage(missing), in_sitemap=False))
    return with_cards(outputs, site, catalog)


def _project_context(
    catalog: Catalog,
    project: Project,
    sheet: Sheet,
    latest: bool,
    open_data: OpenData,
    contacts: Contacts,
) -> object:
    return project_page(
        catalog,
        project,
        sheet,
        latest,
        open_data.for_sheet(sheet),
        contacts.of(sheet.department, sheet.division),
    )


def _copy_files(root: Path) -> None:
    """Assets and the plotly.js bundle (with its licence)."""
    shutil.copytree(ASSETS, root / "assets", copy_function=shutil.copyfile)
    vendor = root / "assets" / "vendor"
    vendor.mkdir(exist_ok=True)
    for source, target in PLOTLY_FILES.items():
        if not (PLOTLY_DIR / source).is_file():
            raise ToolError(
                "plotly.js", f"{PLOTLY_DIR / source} がありません。`npm ci` を実行してください"
            )
        shutil.copyfile(PLOTLY_DIR / source, vendor / target)


def check_sizes(root: Path, sizes: Mapping[str, int]) -> None:
    """Raise OutputError unless every file of ``sizes`` (relative path -> size) under ``root``
    has the size it was written with."""
    for relative, size in sizes.items():
        try:
            found = (root / relative).stat().st_size
        except OSError:
            found = None
        if found != size:
            raise OutputError(
                f"{root / relative}: 書いたはずの {size} バイトではありません（{found}）。"
                "ディスクの空きを確かめてください"
            )


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


def make_site(
    content: Path,
    out: Path,
    sheets: list[Sheet],
    clock: StageClock,
    cache_dir: Path | None,
    data_texts: dict[tuple[int, str], str] | None,
) -> SiteInProgress:
    """Write every page, asset and download of the site into a staging folder beside ``out``
    and start its search index.

    ``sheets`` and ``data_texts`` (the data-file texts) are emptied once the open data is
    made from them: from then on the records live only as long as the pages need them, and
    their memory is freed before the share cards are drawn and while Pagefind indexes."""
    site, org = load_site_config(content), load_organisation(content)
    if not sheets:
        raise SheetError(
            [
                Problem.of(
                    SourceLoc(str(content / "data"), 1),
                    "シートから作ったデータファイル",
                    "ありません",
                )
            ]
        )
    with clock.stage("open data"):
        open_data = load_open_data(
            content, sheets, site, data_texts, cache_dir
        )  # the corrections apply to every page and download
    freeze_heap()  # (see builder.util.memory.frozen_heap)
    org, collisions = org.for_sheets(list(open_data.sheets))  # corrections may name new departments
    if collisions:
        raise SheetError(collisions)
    write_build_report(cache_folder(out), sheets, org.generated)
    forget_readings()  # every slug is made
    sheets.clear()  # (see the docstring) the open data holds the records now
    if data_texts is not None:
        data_texts.clear()
    out.parent.mkdir(parents=True, exist_ok=True)
    outputs_cache = OutputCache(cache_dir, out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        staging.chmod(0o755)
        with clock.stage("downloads"):  # written first, so their bytes are not held meanwhile
            open_data, download_sizes = open_data.write(staging, previous=out)
            trim_heap()
        with clock.stage("page list"):  # the catalog, the prose pages and every page to write
            catalog = build_catalog(list(open_data.sheets), org, open_data.population)
            prose = load_prose_pages(content / "pages")
            outputs = site_outputs(catalog, prose, site, open_data, load_contacts(content))
        freeze_heap()  # (see builder.util.memory.frozen_heap)
        with clock.stage("render"):
            written = write_pages(
                staging,
                outputs,
                prose,
                site,
                outputs_cache,
                TEMPLATES,
                latest_changes_link(catalog),
            )
        with clock.stage("search words"):
            records = search_records(outputs, written.page_hashes, written.rendered, cache_dir)
            departments = [
                (d.name, department_url(d.slug), tuple(v.name for v in d.divisions if v.name))
                for d in catalog.departments
            ]
            pages, cards_to_draw = (
                sum(1 for o in outputs if o.is_page),
                [o.card for o in outputs if o.card],
            )
            del outputs, catalog, open_data  # the records and page contexts: freed here
            trim_heap()  # so neither Pagefind nor the card workers wait for the memory
            indexing = IndexRun(staging, records, cache_dir, departments)
        freeze_heap()  # the search records: card workers' collections do not copy their pages
        try:  # Pagefind runs meanwhile (stopped if anything here fails)
            with clock.stage("cards"):
                cards = write_cards(staging, cards_to_draw, outputs_cache)
            outputs_cache.record(written.entries | cards.entries)
            written.sizes.update(cards.sizes)
            with clock.stage("assets"):
                _copy_files(staging)
                written.sizes[HEADERS_FILE] = write_headers(
                    staging, folders=(BUNDLE_DIR,)
                )  # Pagefind's, still being written
        except BaseException:
            indexing.stop()
            raise
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    sizes = written.sizes | download_sizes
    return SiteInProgress(
        out,
        staging,
        pages,
        written.reused,
        indexing,
        outputs_cache,
        sizes,
    )
