"""Search stage: a Pagefind index of the site's records that finds Japanese words.

Japanese has no spaces, so the index and the browser must cut text into the same words.
Pagefind's browser code cuts queries with ``Intl.Segmenter`` (ICU), so this stage cuts each
record's texts with ICU too (through Node, ``builder.util.segmenter``) and hands the
records (``builder.search.records``, made from the page contexts) to Pagefind's own Python
API (the ``pagefind`` package, which drives the pinned ``pagefind_bin`` as a service). The
bundle it hands back (``get_files``, so Pagefind itself writes nothing) is put in a fixed
order (``builder.search.bundle``) and written into ``site/pagefind/``; the readings of the
site's words go beside the search page (``builder.search.readings``).

A rebuild whose records are those of the previous build (in their order, with the same
texts, the same Pagefind and the same builder: :func:`bundle_key`) takes the previous
bundle over, file by file as the pages are (``builder.util.cache.OutputCache``), and
Pagefind does not run: a template that changes no indexed text costs no index.

It runs in a thread while the build writes assets and downloads. Pagefind is checked, not
trusted: the bundle is checked whole (``builder.search.bundle.settled``) before it is
written, and any failure is one :class:`SearchIndexError` naming what Pagefind did.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import json
import shutil
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from pagefind.service import PagefindService

from builder.search.bundle import ENTRY, SearchIndexError, settled
from builder.search.readings import Department, ReadingRun, write_readings
from builder.search.records import Record, content
from builder.util.cache import OutputCache, builder_hash, digest
from builder.util.locks import held_locks
from builder.util.segmenter import SegmentCache

BUNDLE_DIR = "pagefind"
# Records sent to Pagefind before its answers are waited for: enough to keep it busy; sent all
# at once, every message and answer was held in the builder (its peak while indexing 10,180
# records: 257 MB all at once, 189 MB 16 at a time).
IN_FLIGHT = 16
# The binary the pinned pagefind_bin package ships, run directly (``python -m pagefind_bin``
# would cost an interpreter start on every build); a missing one is an OSError at launch.
PAGEFIND = [str(resources.files("pagefind_bin").joinpath("pagefind"))]
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


@dataclass(frozen=True)
class SearchReport:
    """What the search stage produced."""

    pages: int  # records in the index
    words: int  # distinct readings the search page can turn into the site's words
    index_bytes: int  # total size of site/pagefind/ on disk
    seconds: float  # time spent on the index alone: segmentation, readings, waiting for Pagefind

    def summary(self) -> str:
        """One line for the build log."""
        return (
            f"検索: {self.pages}ページ、読み {self.words}語、"
            f"索引 {self.index_bytes / 1024:.0f} KiB（{self.seconds:.2f} 秒）"
        )


class _Service(PagefindService):
    """Pagefind's service client, with our command, taking each answer as it comes (the
    package's own loop sleeps 0.1 s before reading each one: 300 s for 3,000 records)."""

    def __init__(self) -> None:  # pylint: disable=super-init-not-called (it looks for its own executable)
        self._loop, self._responses = asyncio.get_running_loop(), {}

    async def launch(self) -> _Service:
        self._backend = await asyncio.create_subprocess_exec(
            *PAGEFIND,
            "--service",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            limit=2**30,  # get_files() answers with the whole bundle on one line
            pass_fds=held_locks(),
        )  # a build killed meanwhile is not taken for finished
        self._poll_task = self._loop.create_task(self._wait_for_responses())
        return self

    async def _wait_for_responses(self) -> None:
        assert self._backend.stdout is not None and self._backend.stderr is not None
        try:
            while True:
                line = await self._backend.stdout.readuntil(b",")
                answer = json.loads(base64.b64decode(line[:-1]))
                waiting = self._responses.pop(answer.get("message_id"), None)  # answered
                if waiting is None or waiting.done():
                    continue
                if answer["payload"]["type"] == "Error":
                    message = str(answer["payload"].get("message"))[:200]
                    waiting.set_exception(SearchIndexError(message))
                else:
                    waiting.set_result(answer["payload"])
        except asyncio.IncompleteReadError:  # Pagefind ended
            said = " ".join((await self._backend.stderr.read()).decode("utf-8", "replace").split())
            said = said[:200] or "何も出力しませんでした"
            self._fail(f"終了コード {await self._backend.wait()} で終わりました：{said}")
        except (asyncio.LimitOverrunError, ValueError, KeyError) as failure:
            self._fail(f"Pagefind の応答が読めません（{type(failure).__name__}）")

    def _fail(self, what: str) -> None:
        for future in self._responses.values():
            if not future.done():
                future.set_exception(SearchIndexError(what))


def _index(records: Sequence[tuple[Record, str]]) -> dict[str, bytes]:
    """The bundle Pagefind makes of ``records`` (record, its content), in this thread."""
    try:
        return asyncio.run(_indexed(records))
    except SearchIndexError:
        raise
    except Exception as error:
        raise SearchIndexError(f"{type(error).__name__}: {error}"[:200]) from None


async def _indexed(records: Sequence[tuple[Record, str]]) -> dict[str, bytes]:
    service = _Service()
    try:
        await service.launch()
    except OSError as error:
        raise SearchIndexError(
            f"Pagefind を実行できません（{error.strerror}: {PAGEFIND[0]}）"
        ) from None
    try:
        index = await service.create_index()
        waiting = iter(records)

        async def feed() -> None:  # the next record as soon as one is indexed, in their order
            for record, text in waiting:
                await index.add_custom_record(
                    url=record.url,
                    content=text,
                    language="ja",
                    meta=record.meta,
                    filters=record.filters,
                )

        await asyncio.gather(*(feed() for _ in range(IN_FLIGHT)))
        return {file["path"]: file["content"] for file in await index.get_files()}
    finally:
        with contextlib.suppress(ProcessLookupError):
            await service.close()


def bundle_key(indexed: Sequence[tuple[Record, str]]) -> str:
    """What a bundle is made from: the records in their order, each with the text Pagefind
    is given, the Pagefind that indexes them and the builder that settles its bundle."""
    return digest(
        PAGEFIND,
        metadata.version("pagefind_bin"),
        builder_hash(),
        [(r.url, text, r.meta, r.filters) for r, text in indexed],
    )


def _made_from(entry: object, key: str) -> bool:
    """Whether a cache entry (read from a file: any value) is a file's made from ``key``."""
    return isinstance(entry, list) and entry[:1] == [key]


def _taken_over(outputs: OutputCache, key: str, site: Path) -> dict[str, list[str]]:
    """The previous build's bundle linked into ``site`` (relative path -> [key, hash of its
    bytes]) if it was made from ``key`` and every file of it is intact; else ``{}`` and no
    bundle there."""
    bundle = site.resolve() / BUNDLE_DIR
    previous = sorted(
        relative
        for relative, entry in outputs.entries.items()
        if relative.startswith(f"{BUNDLE_DIR}/") and _made_from(entry, key)
    )
    taken: dict[str, list[str]] = {}
    if f"{BUNDLE_DIR}/{ENTRY}" in previous:
        for relative in previous:
            made = outputs.take_over(relative, key, site)
            if made is None:
                break
            taken[relative] = [key, made]
        else:
            return taken
    shutil.rmtree(bundle, ignore_errors=True)
    return {}


class IndexRun:
    """The Pagefind index of a site's records, made in a thread while the build goes on;
    :meth:`finish` waits for it. Used as a context manager, it waits for Pagefind (without
    writing the bundle) if the build fails before that."""

    def __init__(
        self,
        site: Path,
        records: Sequence[Record],
        cache: Path | None = None,
        departments: Sequence[Department] = (),
        outputs: OutputCache | None = None,
    ) -> None:
        """Index ``records`` into ``site/pagefind/`` and write the readings of their words under
        ``site/search/``; ``cache``: a folder to keep segmented texts in between builds;
        ``outputs``: the previous build's files, whose bundle is taken over when it was made
        from the same records (then Pagefind does not run)."""
        started = time.perf_counter()
        if not records:
            raise SearchIndexError(f"{site}: 索引するページがありません")
        self.bundle, self.pages = site.resolve() / BUNDLE_DIR, len(records)
        segments = SegmentCache(cache)
        used = segments.lookup({text for record in records for text in record.texts})
        segments.save(used)
        ordered = sorted(records, key=lambda record: record.url)  # Pagefind numbers pages so
        indexed = [(r, content(r.texts, used)) for r in ordered]
        self.key = bundle_key(indexed)
        self.entries = {} if outputs is None else _taken_over(outputs, self.key, site)
        self._pool = ThreadPoolExecutor(1)
        self._files = None if self.entries else self._pool.submit(_index, indexed)
        self._readings, self._site, self._departments = (
            ReadingRun(sorted(used), cache),
            site,
            departments,
        )
        self._seconds = time.perf_counter() - started

    def finish(self) -> SearchReport:
        """Wait for Pagefind; settle the bundle (fixed order, checked whole), write it and say
        what it holds. Afterwards :attr:`entries` and :attr:`sizes` name every file of the
        bundle (relative path -> [key, hash of its bytes], -> size)."""
        waited = time.perf_counter()
        words = write_readings(self._site, self._readings.result(), self._departments)
        if self._files is not None:
            for name, data in sorted(settled(self._files.result(), self.pages).items()):
                if name not in UNUSED_BUNDLE_FILES:
                    (self.bundle / name).parent.mkdir(parents=True, exist_ok=True)
                    (self.bundle / name).write_bytes(data)
                    self.entries[f"{BUNDLE_DIR}/{name}"] = [
                        self.key,
                        hashlib.sha256(data).hexdigest(),
                    ]
        self.sizes = {relative: (self._site / relative).stat().st_size for relative in self.entries}
        return SearchReport(
            self.pages,
            words,
            sum(self.sizes.values()),
            self._seconds + time.perf_counter() - waited,
        )

    def __enter__(self) -> IndexRun:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Wait for Pagefind (which writes nothing itself) and drop its bundle."""
        self._readings.stop()
        self._pool.shutdown()
