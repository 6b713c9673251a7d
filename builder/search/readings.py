"""The readings of the site's own words, so that a query typed in kana finds them.

The build reads every indexed text with SudachiPy and its core dictionary (long units, and
the middle units inside them: 一般廃棄物 and 廃棄物) and keeps, for each reading in hiragana,
the words of the site that read so, most frequent first: nouns (not numbers) and adjectival
nouns with a kanji or a katakana letter, and common or proper nouns of two hiragana or more
(ごみ, つくば) but for the formal ones (こと, もの ...). Particles and endings never become
words. The browser loads no dictionary: ``search/readings/<code point>.json`` holds the
readings that start with one kana (every kana has its file; a kana query loads those of its
letters), and ``search/words.json`` all of them with the departments (loaded only to help after a
search that found nothing; ``assets/search.js``).
"""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path
from typing import cast

import jaconv
from sudachipy.sudachipy import (  # where the package keeps its stubs
    Dictionary,
    SplitMode,
    Tokenizer,
)

from builder.search.bundle import SearchIndexError
from builder.util.cache import CacheStore

Department = tuple[str, str, tuple[str, ...]]  # name, URL, division names
KANA = re.compile(r"[\u3041-\u3096\u30fc]+")
WORD = re.compile(r"[\u3005\u4e00-\u9fff\u30a1-\u30fa]|^[\u3041-\u3096\u30fc]{2,}$")
KEPT = ("名詞", "形状詞")
FORMAL = frozenset({"こと", "もの", "ところ", "とき", "ため", "ほう", "よう", "うち", "ほか"})
PIECE = 4000  # characters analysed at once (Sudachi takes at most 49,149 bytes)
SURFACES = 4  # words kept per reading
KEPT_TEXTS = 20_000  # texts whose units a process keeps (as builder.util.segmenter does)
_UNITS: dict[str, list[list[str]]] = {}  # text -> its word_units, read earlier in this process


@functools.cache
def _tokenizer() -> Tokenizer:
    return Dictionary(dict="core").tokenizer(mode=SplitMode.C)


def _kept(part_of_speech: Sequence[str], surface: str) -> bool:
    """Whether a unit is a word a resident searches for (see the module docstring)."""
    if part_of_speech[0] not in KEPT or part_of_speech[1] == "数詞" or not WORD.search(surface):
        return False
    return not KANA.fullmatch(surface) or (
        part_of_speech[2] != "副詞可能" and surface not in FORMAL
    )


def word_units(texts: Iterable[str]) -> list[list[list[str]]]:
    """For each of ``texts``, the [reading (hiragana), surface] of every unit of it that is a
    word a resident searches for, in order."""
    found = []
    for text in texts:
        units = []
        for start in range(0, len(text), PIECE):
            for long_unit in _tokenizer().tokenize(text[start : start + PIECE]):
                middle = long_unit.split(SplitMode.B)
                for unit in [long_unit, *(middle if len(middle) > 1 else ())]:
                    reading, surface = jaconv.kata2hira(unit.reading_form()), unit.surface()
                    if _kept(unit.part_of_speech(), surface) and KANA.fullmatch(reading):
                        units.append([reading, surface])
        found.append(units)
    return found


def readings_of(units: Iterable[list[list[str]]]) -> dict[str, list[str]]:
    """Reading -> the words that read so, most frequent first, from the :func:`word_units`
    of some texts."""
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for text_units in units:
        for reading, surface in text_units:
            counts[reading][surface] += 1
    return {
        reading: [
            w for w, _ in sorted(words.items(), key=lambda item: (-item[1], item[0]))[:SURFACES]
        ]
        for reading, words in sorted(counts.items())
    }


def word_readings(texts: Iterable[str]) -> dict[str, list[str]]:
    """Reading (hiragana) -> the words of ``texts`` that read so, most frequent first."""
    return readings_of(word_units(texts))


def _valid_units(value: object) -> bool:
    """Whether ``value`` (read from the cache store) is text -> its :func:`word_units`."""
    return isinstance(value, dict) and all(
        isinstance(text, str)
        and isinstance(units, list)
        and all(
            isinstance(unit, list) and len(unit) == 2 and all(isinstance(x, str) for x in unit)
            for unit in units
        )
        for text, units in value.items()
    )


class ReadingRun:
    """The readings of a build's texts (:func:`readings_of`). The units of a text read by an
    earlier build (the cache store ``cache``) or earlier in this process are taken as they
    are; the others are read by :func:`word_units` in a child process, while the build goes
    on, so that Sudachi's 200 MB dictionary never adds to the builder's memory (and no child
    starts when every text is known)."""

    def __init__(self, texts: Sequence[str], cache: Path | None = None) -> None:
        self._texts = texts
        self._store = CacheStore(cache)
        self._name = f"readings-sudachi{metadata.version('SudachiDict-core')}"
        known = _UNITS.copy()
        loaded = None if cache is None else self._store.load(self._name)
        if _valid_units(loaded):
            known.update(cast(dict[str, list[list[str]]], loaded))  # _valid_units checked it
        elif loaded is not None:
            self._store.discard(self._store.path_of(self._name), "読みの形が想定と違います")
        self._known = {text: known[text] for text in texts if text in known}
        self._missing = [text for text in texts if text not in self._known]
        self._child: subprocess.Popen[bytes] | None = None
        if self._missing:
            code = (
                "import json,sys;from builder.search.readings import word_units as w;"
                "print(json.dumps(w(json.load(sys.stdin))))"
            )
            self._child = subprocess.Popen(
                [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE
            )
            assert self._child.stdin is not None
            with self._child.stdin:
                self._child.stdin.write(json.dumps(self._missing).encode())

    def stop(self) -> None:
        """End the child if its result was not taken."""
        if self._child is not None and self._child.returncode is None:
            self._child.kill()
            self._child.wait()
            assert self._child.stdout is not None
            self._child.stdout.close()

    def result(self) -> dict[str, list[str]]:
        """The readings (raises SearchIndexError when the child failed), the units of this
        build's texts kept for the next build."""
        units = self._known | dict(zip(self._missing, self._read()))
        if len(_UNITS) + len(self._missing) > KEPT_TEXTS:
            _UNITS.clear()
        if len(self._missing) <= KEPT_TEXTS:
            _UNITS.update((text, units[text]) for text in self._missing)
        self._store.save(self._name, units)
        return readings_of(units[text] for text in self._texts)

    def _read(self) -> list[list[list[str]]]:
        """The child's units of the texts that were not known."""
        if self._child is None:
            return []
        assert self._child.stdout is not None
        with self._child.stdout:
            output = self._child.stdout.read()
        if self._child.wait() != 0:
            raise SearchIndexError(
                f"読みを調べる子プロセスが終了コード {self._child.returncode} で終わりました"
            )
        try:
            read = json.loads(output)
        except ValueError:
            read = None
        whole = isinstance(read, list) and len(read) == len(self._missing)
        if not whole or not _valid_units(dict(zip(self._missing, read))):
            raise SearchIndexError("読みを調べる子プロセスの出力が想定と違います")
        return cast(list[list[list[str]]], read)  # _valid_units checked it


def write_readings(
    site: Path, readings: dict[str, list[str]], departments: Sequence[Department]
) -> int:
    """Write ``readings`` (:func:`word_readings`) under ``site/search/``; return how many there are."""
    folder = site / "search" / "readings"
    folder.mkdir(parents=True, exist_ok=True)
    shards: defaultdict[str, dict[str, list[str]]] = defaultdict(dict)
    for reading, words in readings.items():
        shards[reading[0]][reading] = words
    # one file for every kana, so that a query never meets a 404
    for first in [*map(chr, range(0x3041, 0x3097)), "ー"]:
        (folder / f"{ord(first):x}.json").write_text(_json(shards.get(first, {})), "utf-8")
    (site / "search" / "words.json").write_text(
        _json({"readings": readings, "departments": [list(d) for d in departments]}), "utf-8"
    )
    return len(readings)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
