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
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from builder.catalog.catalog import build_catalog
from builder.errors import OutputError, Problem, SheetError, SourceLoc, ToolError
from builder.pages.card_drawing import write_cards
from builder.pages.changes_page import latest_changes_link
from builder.pages.opendata import load_open_data
from builder.pages.prose import ProsePage, load_prose_pages
from builder.pages.site_pages import site_outputs
from builder.parse.report import report_file, warning_summary, write_build_report
from builder.parse.stage import parse_content, write_records
from builder.publish.headers import HEADERS_FILE, write_headers
from builder.publish.report import BuildReport
from builder.publish.spare import Staged, remove_unclaimed, stage_into_spare
from builder.publish.swap import BuildLock, normalise_modes, publish, remove_leftovers
from builder.publish.unchanged import (
    ASSETS,
    ROOT,
    TEMPLATES,
    forget,
    inputs_digest,
    remember,
    unchanged,
)
from builder.records.model import Sheet
from builder.search.pagefind import BUNDLE_DIR, IndexRun, SearchReport
from builder.settings.gate import each_warning_once, printed_warnings
from builder.settings.read import Settings, read_settings
from builder.util.cache import CacheStore, OutputCache, cache_folder
from builder.util.memory import (
    collector_paused,
    freeze_heap,
    frozen_heap,
    release_memory,
    trim_heap,
)
from builder.util.progress import StageClock, terminal_progress
from builder.util.romaji import KeptReadings, forget_readings
from builder.util.routes import (
    department_url,
)
from builder.util.segmenter import segment_texts
from builder.write import search_records, write_pages

PLOTLY_DIR = ROOT / "node_modules" / "plotly.js-basic-dist-min"
PLOTLY_FILES = {"plotly-basic.min.js": "plotly-basic.min.js", "LICENSE": "plotly-LICENSE.txt"}


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
        started = time.perf_counter()
        try:
            inputs = inputs_digest(content, TEMPLATES, ASSETS)
            last = None if clean else unchanged(content, out, inputs)
            if last is not None:
                return BuildReport.of_last_build(out, last, time.perf_counter() - started)
            forget(out)
            report, warnings = _build(content, out, progress, clean)
        except OSError as error:
            raise OutputError.of(error) from None
        shown_again = "\n".join([*printed_warnings(), *([warnings] if warnings else [])])
        remember(content, out, inputs, report.last_build(shown_again))
        return report


def check_settings(content: Path) -> tuple[Settings, tuple[ProsePage, ...]]:
    """Read and check every settings file of ``content`` (site, departments, contacts, release
    dates, corrections, population) and the prose pages, each once, before any sheet is read
    or any file written: a broken one is the build's only message (ConfigError)."""
    return read_settings(content), load_prose_pages(content / "pages")


def _build(
    content: Path, out: Path, progress: TextIO | None, clean: bool
) -> tuple[BuildReport, str]:
    """The build of :func:`build_site`, holding its lock; with the summary of the sheets'
    warnings it printed."""
    clock = StageClock(progress if progress is not None else terminal_progress())
    settings, prose = check_settings(content)
    cache_dir = cache_folder(out)
    store = CacheStore(cache_dir)
    if clean:
        shutil.rmtree(cache_dir, ignore_errors=True)
    store.tidy()
    with clock.stage("parse"), collector_paused():
        parsed = parse_content(content, cache_dir, settings.organisation)
    with frozen_heap():
        with clock.stage("data files"):
            written = len(
                write_records(content, parsed.sheets, parsed.texts, report_file(cache_dir)).written
            )
        warning_text = warning_summary(parsed.sheets, report_file(cache_dir))
        per_year = Counter(sheet.fiscal_year for sheet in parsed.sheets)
        warnings = sum(len(sheet.notes) for sheet in parsed.sheets)
        staged = make_site(settings, prose, out, parsed.sheets, clock, cache_dir, parsed.texts)
        rendered = staged.finish(clock)
    report = BuildReport(
        out=out,
        sheets_per_year=tuple(sorted(per_year.items())),
        warnings=warnings,
        data_files_written=written,
        pages=rendered.pages,
        pages_reused=rendered.reused,
        stages=tuple(clock.timings),
        search=rendered.search,
    )
    return report, warning_text


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
    staged: Staged  # the staging folder, and what the spare held besides, being removed
    pages: int
    reused: int
    indexing: IndexRun
    outputs_cache: OutputCache
    sizes: dict[str, int]  # every file written (relative path -> size), but the search bundle's

    def finish(self, clock: StageClock) -> RenderReport:
        """Give the memory of the records back to the system, wait for the search index and
        the removal of what the spare held besides, check the staged site, then put it in
        the place of ``out``; on any failure remove the staging folder. Nothing after the
        exchange can fail."""
        staging = self.staged.folder
        try:
            with self.indexing:
                release_memory()
                with clock.stage("search index"):
                    search = self.indexing.finish()
            sizes = self.sizes | self.indexing.sizes
            remove_unclaimed(self.staged, sizes)
            check_sizes(staging, sizes)
            normalise_modes(staging)
            publish(staging, self.out)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        self.outputs_cache.save(self.indexing.entries)  # only warns when it cannot
        return RenderReport(self.pages, self.reused, search)


def make_site(
    settings: Settings,
    prose: tuple[ProsePage, ...],
    out: Path,
    sheets: list[Sheet],
    clock: StageClock,
    cache_dir: Path | None,
    data_texts: dict[tuple[int, str], str] | None,
) -> SiteInProgress:
    """Write every page, asset and download of the site (with the pages ``prose``) into a
    staging folder beside ``out`` and start its search index.

    ``sheets`` and ``data_texts`` (the data-file texts) are emptied once the open data is
    made from them: from then on the records live only as long as the pages need them, and
    their memory is freed before the share cards are drawn and while Pagefind indexes."""
    site = settings.site
    if not sheets:
        raise SheetError(
            [
                Problem.of(
                    SourceLoc(str(settings.content / "data"), 1),
                    "シートから作ったデータファイル",
                    "ありません",
                )
            ]
        )
    with clock.stage("open data"):
        open_data = load_open_data(
            settings, sheets, data_texts, cache_dir
        )  # the corrections apply to every page and download
    freeze_heap()  # (see builder.util.memory.frozen_heap)
    readings = KeptReadings(cache_dir)
    org, collisions = settings.organisation.for_sheets(
        list(open_data.sheets), readings.slug
    )  # corrections may name new departments
    readings.save()
    if collisions:
        raise SheetError(collisions)
    write_build_report(cache_folder(out), sheets, org.generated)
    forget_readings()  # every slug is made
    sheets.clear()  # (see the docstring) the open data holds the records now
    if data_texts is not None:
        data_texts.clear()
    out.parent.mkdir(parents=True, exist_ok=True)
    outputs_cache = OutputCache(cache_dir, out)
    staged = stage_into_spare(out, outputs_cache.entries.keys() | open_data.exports.files)
    staging = staged.folder
    try:
        staging.chmod(0o755)
        with clock.stage("downloads"):  # written first, so their bytes are not held meanwhile
            open_data, downloads = open_data.write(staging, outputs_cache)
            trim_heap()
        with clock.stage("page list"):  # the catalog and every page to write
            catalog = build_catalog(list(open_data.sheets), org, open_data.population)
            outputs = site_outputs(
                catalog, prose, site, open_data, settings.contacts, segment_texts
            )
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
            records = search_records(outputs, written, cache_dir)
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
            indexing = IndexRun(staging, records, cache_dir, departments, outputs_cache)
        freeze_heap()  # the search records: card workers' collections do not copy their pages
        try:  # Pagefind runs meanwhile (stopped if anything here fails)
            with clock.stage("cards"):
                cards = write_cards(staging, cards_to_draw, outputs_cache)
            outputs_cache.record(written.entries | cards.entries | downloads.entries)
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
    return SiteInProgress(
        out,
        staged,
        pages,
        written.reused,
        indexing,
        outputs_cache,
        written.sizes | downloads.sizes,
    )
