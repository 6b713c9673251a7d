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
from pathlib import Path

import jaconv
from sudachipy.sudachipy import (  # where the package keeps its stubs
    Dictionary,
    SplitMode,
    Tokenizer,
)

from builder.search.bundle import SearchIndexError

Department = tuple[str, str, tuple[str, ...]]  # name, URL, division names
KANA = re.compile(r"[\u3041-\u3096\u30fc]+")
WORD = re.compile(r"[\u3005\u4e00-\u9fff\u30a1-\u30fa]|^[\u3041-\u3096\u30fc]{2,}$")
KEPT = ("名詞", "形状詞")
FORMAL = frozenset({"こと", "もの", "ところ", "とき", "ため", "ほう", "よう", "うち", "ほか"})
PIECE = 4000  # characters analysed at once (Sudachi takes at most 49,149 bytes)
SURFACES = 4  # words kept per reading


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


def word_readings(texts: Iterable[str]) -> dict[str, list[str]]:
    """Reading (hiragana) -> the words of ``texts`` that read so, most frequent first."""
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        for start in range(0, len(text), PIECE):
            for long_unit in _tokenizer().tokenize(text[start : start + PIECE]):
                middle = long_unit.split(SplitMode.B)
                for unit in [long_unit, *(middle if len(middle) > 1 else ())]:
                    reading, surface = jaconv.kata2hira(unit.reading_form()), unit.surface()
                    if _kept(unit.part_of_speech(), surface) and KANA.fullmatch(reading):
                        counts[reading][surface] += 1
    return {
        reading: [
            w for w, _ in sorted(words.items(), key=lambda item: (-item[1], item[0]))[:SURFACES]
        ]
        for reading, words in sorted(counts.items())
    }


class ReadingRun:
    """:func:`word_readings` in a child process, while the build goes on: Sudachi's 200 MB
    dictionary never adds to the builder's memory."""

    def __init__(self, texts: Sequence[str]) -> None:
        code = (
            "import json,sys;from builder.search.readings import word_readings as w;"
            "print(json.dumps(w(json.load(sys.stdin))))"
        )
        self._child = subprocess.Popen(
            [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        assert self._child.stdin is not None and self._child.stdout is not None
        self._output = self._child.stdout
        with self._child.stdin:
            self._child.stdin.write(json.dumps(list(texts)).encode())

    def stop(self) -> None:
        """End the child if its result was not taken."""
        if self._child.returncode is None:
            self._child.kill()
            self._child.wait()
            self._output.close()

    def result(self) -> dict[str, list[str]]:
        """The readings (raises SearchIndexError when the child failed)."""
        with self._output:
            output = self._output.read()
        if self._child.wait() != 0:
            raise SearchIndexError(
                f"読みを調べる子プロセスが終了コード {self._child.returncode} で終わりました"
            )
        return dict(json.loads(output))


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
