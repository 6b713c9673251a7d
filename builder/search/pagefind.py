"""Search stage: build a Pagefind index of the site that finds Japanese words.

Japanese has no spaces, so a search engine must cut text into words, and the cut made
when indexing must be the cut the browser makes of the query. Pagefind's browser code
cuts queries with ``Intl.Segmenter`` (ICU), while its "extended" indexer cuts pages with
a different segmenter (charabia: lindera and jieba), so the two disagree: 脱炭素 is one
indexed word but the query becomes 脱|炭素; 推進 is indexed as 推|進. Either way the page
is not found.

So this stage cuts the text itself, with ICU through Node's ``Intl.Segmenter`` (the
segmenter Chromium uses; ``builder.search.segmenter``), into a copy of the indexed pages in a
temporary folder (``builder.search.pagecopy`` describes the copy; the build reads each page for
it as the page is rendered or taken over), and runs the plain Pagefind
indexer, which only splits at whitespace, on that copy. The index holds exactly the
browser's words; results link to the real pages (the copy has the same paths) and the
search bundle is written into ``site/pagefind/``, the same bytes on every build of the
same pages (``builder.search.bundle``).

Pagefind is checked, not trusted: it exits 0 on a full disk, so the bundle it wrote is
checked (:func:`check_bundle`) before the site is published; a missing Pagefind, a failure
or an incomplete bundle is one :class:`SearchIndexError` naming what Pagefind did. The
copy is written into a folder named ``mieruka-index-*`` that the build holds locked
(``builder.publish.swap``), so that a later build can tell the copy of a killed build from
that of a running one.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.errors import ToolError
from builder.util.locks import held_locks, make_locked_folder, release, remove_stale_copies
from builder.search.bundle import ENTRY, SIGNATURE, decode, make_deterministic
from builder.search.pagecopy import PageCopy, Words
from builder.search.segmenter import SegmentCache, segment_texts

__all__ = ["IndexRun", "SearchIndexError", "SearchReport", "segment_texts"]

BUNDLE_DIR = "pagefind"
PAGEFIND = [sys.executable, "-m", "pagefind_bin"]  # the pinned Pagefind of the pagefind[bin] package
BUNDLE_SCRIPTS = ("pagefind.js", "pagefind-worker.js")
RAM_FOLDERS = ("/dev/shm",)  # Linux
RAM_HEADROOM = 4  # a RAM folder is used when its free space is this many times the copy (file system blocks)
# Pagefind writes its own ready-made search UIs too; the site uses assets/search.js.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


class SearchIndexError(ToolError):
    """Pagefind is missing, failed or wrote an incomplete bundle: says which, in one line."""

    def __init__(self, what: str):
        super().__init__("pagefind", what)


@dataclass(frozen=True)
class SearchReport:
    """What the search stage produced."""

    pages: int
    """Pages in the index (those marking their main content with data-pagefind-body)."""
    words: int
    """Distinct words in the index, as Pagefind counts them."""
    filters: int
    """Filter names (department, fiscal year, ...) found on the pages."""
    index_bytes: int
    """Total size of site/pagefind/ on disk."""
    seconds: float
    """Time spent on the index alone: copy, segmentation, and waiting for Pagefind."""

    def summary(self) -> str:
        """One line for the build log."""
        return (
            f"検索: {self.pages}ページ、{self.words}語、絞り込み {self.filters}種類、"
            f"索引 {self.index_bytes / 1024:.0f} KiB（{self.seconds:.2f} 秒）"
        )


class IndexRun:
    """The Pagefind indexer running in the background on the segmented copy of a site.

    Starting it writes the copy and launches Pagefind; the build goes on with other work
    (assets, downloads: Pagefind reads only the copy and writes only ``site/pagefind/``)
    and then calls :meth:`finish`. Used as a context manager, it stops Pagefind and removes
    the copy if the build fails before that.
    """

    def __init__(self, site: Path, pages: Sequence[tuple[str, PageCopy]], cache: Path | None = None) -> None:
        """Index ``pages`` (the path under ``site`` and the copy of each page that has a
        ``data-pagefind-body`` element, see :func:`builder.search.pagecopy.read_page`) into
        ``site/pagefind/``, replacing an old bundle; ``cache``: a folder to keep segmented
        texts in between builds. Raises :class:`SearchIndexError` when no page is marked for
        indexing or when Node fails."""
        started = time.perf_counter()
        if not pages:
            raise SearchIndexError(f"{site}: 索引するページがありません（data-pagefind-body のある要素がありません）")
        self.bundle = site.resolve() / BUNDLE_DIR
        self.pages = len(pages)
        if self.bundle.exists():
            shutil.rmtree(self.bundle)
        self._copy, copy_lock = write_copy(pages, cache)
        self._copy_lock: int | None = copy_lock
        try:
            command = [*PAGEFIND, "--site", str(self._copy), "--output-path", str(self.bundle)]
            # Pagefind holds the build's locks too: a build killed meanwhile is not taken for finished.
            self._pagefind = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                              encoding="utf-8", errors="replace", pass_fds=held_locks())
        except OSError as error:
            self._remove_copy()
            raise SearchIndexError(f"Pagefind を実行できません（{error.strerror}: {PAGEFIND[0]}）") from None
        except BaseException:
            self._remove_copy()
            raise
        self._seconds = time.perf_counter() - started

    def _remove_copy(self) -> None:
        if self._copy_lock is not None:
            shutil.rmtree(self._copy, ignore_errors=True)
            release(self._copy_lock)
            self._copy_lock = None

    def finish(self) -> SearchReport:
        """Wait for Pagefind, make the bundle deterministic and say what it holds.
        Raises :class:`SearchIndexError` with Pagefind's output when it failed."""
        waited = time.perf_counter()
        output, errors = self._pagefind.communicate()
        self._remove_copy()
        said = " ".join((errors.strip() or output.strip()).splitlines()[-1:])[:200]
        if self._pagefind.returncode != 0:
            raise SearchIndexError(f"終了コード {self._pagefind.returncode} で失敗しました：{said or '何も出力しませんでした'}")
        if "No space left on device" in output + errors:
            raise SearchIndexError("ディスクがいっぱいで索引を書き切れませんでした（終了コードは 0）")
        check_bundle(self.bundle, self.pages)
        for name in UNUSED_BUNDLE_FILES:
            (self.bundle / name).unlink(missing_ok=True)
        make_deterministic(self.bundle)
        check_bundle(self.bundle, self.pages)
        return SearchReport(
            pages=_count(output, "pages"),
            words=_count(output, "words"),
            filters=_count(output, "filters?"),
            index_bytes=sum(f.stat().st_size for f in self.bundle.rglob("*") if f.is_file()),
            seconds=self._seconds + time.perf_counter() - waited,
        )

    def __enter__(self) -> IndexRun:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop Pagefind if it still runs and remove the copy (nothing is left behind)."""
        if self._pagefind.poll() is None:
            self._pagefind.kill()
            self._pagefind.communicate()
        self._remove_copy()


def write_copy(pages: Sequence[tuple[str, PageCopy]], cache: Path | None = None) -> tuple[Path, int]:
    """Write the copy of ``pages`` (:func:`segmented_copies`) into a new temporary folder
    (in RAM where there is room); return the folder and the descriptor holding its lock."""
    copies = segmented_copies(pages, cache)
    size = sum(len(text.encode("utf-8")) for _, text in copies)
    folder, lock = make_locked_folder(_scratch_folder(size))
    try:
        for relative, text in copies:  # in path order: Pagefind numbers the pages in the order it lists them
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            (folder / relative).write_text(text, "utf-8")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        release(lock)
        raise
    return folder, lock


def scratch_folders() -> list[str]:
    """Every folder a search copy may be written to."""
    return [*RAM_FOLDERS, tempfile.gettempdir()]


def remove_stale_search_copies() -> None:
    """Remove the search copies of builds that were killed (see ``builder.publish.swap``)."""
    remove_stale_copies(scratch_folders())


def check_bundle(bundle: Path, pages: int) -> None:
    """Raise :class:`SearchIndexError` unless the bundle in ``bundle`` is whole: its entry
    file readable, ``pages`` pages in it, and every file its metadata lists (fragments,
    index chunks, filters) present and readable, with Pagefind's scripts."""
    try:
        entry = json.loads((bundle / ENTRY).read_text("utf-8"))
        languages = entry["languages"]
        counted = sum(language["page_count"] for language in languages.values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise SearchIndexError(f"索引の {ENTRY} がないか読めません（{type(error).__name__}）") from None
    if counted != pages:
        raise SearchIndexError(f"索引のページ数が {counted} です（{pages} ページを渡しました）")
    listed = [bundle / name for name in BUNDLE_SCRIPTS]
    for language in languages.values():
        meta = bundle / f"pagefind.{language['hash']}.pf_meta"
        try:
            _, fragments, chunks, filters, *_ = _read_bundle_file(meta)
            listed += [bundle / "fragment" / f"{name}.pf_fragment" for name, _ in fragments]
            listed += [bundle / "index" / f"{chunk[-1]}.pf_index" for chunk in chunks]
            listed += [bundle / "filter" / f"{name}.pf_filter" for _, name in filters]
        except (ValueError, TypeError, IndexError):
            raise SearchIndexError(f"索引のファイル {meta.name} の中身が想定と違います") from None
    for path in listed:
        if path.suffix.startswith(".pf_"):
            _read_bundle_file(path)
        elif not path.is_file() or path.stat().st_size == 0:
            raise SearchIndexError(f"索引のファイル {path.relative_to(bundle)} がないか空です")


def _read_bundle_file(path: Path) -> list[Any]:
    """The CBOR value of one of Pagefind's gzip files (a list), or SearchIndexError."""
    try:
        data = gzip.decompress(path.read_bytes())
        if not data.startswith(SIGNATURE):
            raise ValueError("signature")
        value = decode(data, len(SIGNATURE))[0] if path.suffix == ".pf_meta" else []
    except (OSError, EOFError, ValueError, IndexError) as error:
        raise SearchIndexError(f"索引のファイル {path.parent.name}/{path.name} がないか壊れています（{type(error).__name__}）") from None
    return value if isinstance(value, list) else []


def segmented_copies(pages: Sequence[tuple[str, PageCopy]], cache: Path | None = None) -> list[tuple[str, str]]:
    """The copy (``builder.search.pagecopy``) of each page, by path, in path order.

    Node segments the texts the cache lacks, all in one run. The copies are written one by
    one in this order, so that a file system that lists a folder in the order it was filled
    (tmpfs) lists it the same way on every build.
    """
    segments = SegmentCache(cache)
    used = segments.lookup({text for _, page in pages for text in page.texts})
    words = {text: Words.of(segmented) for text, segmented in used.items()}
    copies = [(relative, page.render(words)) for relative, page in sorted(pages, key=lambda item: item[0])]
    segments.save(used)
    return copies


def _scratch_folder(size: int) -> str | None:
    """Where a copy of ``size`` bytes goes: a RAM file system when the system has one with
    room to spare (a thousand small files and folders are made there quicker than on a
    disk), else the temporary folder."""
    for folder in RAM_FOLDERS:
        if os.path.isdir(folder) and os.access(folder, os.W_OK):
            free = os.statvfs(folder)
            if free.f_bavail * free.f_frsize > RAM_HEADROOM * size:
                return folder
    return None


def _count(output: str, what: str) -> int:
    found = re.search(rf"Indexed (\d+) {what}\b", output)
    return int(found.group(1)) if found else 0
