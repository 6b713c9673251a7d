"""The one gate for what staff write outside the sheets (settings, corrections, population,
release dates, page files), with the sheets' rules:

- text: characters XML 1.0 forbids (``builder.records.safetext.FORBIDDEN``) are taken out
  and noted with a warning at their line (:func:`clean`);
- numbers: exact, as the parser reads a sheet's figures: finite, at most
  :data:`MAX_DIGITS` digits, within the field's range (:func:`number`);
- dates: real days a zip file and a feed can carry (:data:`FIRST_DATE` to :data:`LAST_DATE`);
- names (departments, divisions): NFKC, and an invisible or bidi control character refused
  at its line (:func:`name_problem`); two names that read the same after folding the
  look-alikes (``一`` for ``ー``, a dash for ``ー``) are one key (:func:`look_alike`), so the
  build can name both instead of showing two departments that look one.
"""

from __future__ import annotations

import datetime
import math
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal

from builder.errors import ConfigError, Problem, SourceLoc
from builder.records.safetext import FORBIDDEN

MAX_DIGITS = 15  # of every figure, in a sheet (builder.parse.numbers) or not: held exactly
FIRST_DATE = datetime.date(1980, 1, 1)  # a zip file cannot date a file before 1980
LAST_DATE = datetime.date(2099, 12, 31)
# Characters that show nothing (or reorder what follows): a name holding one looks like
# another name.
_INVISIBLE_CATEGORIES = {"Cf", "Cc", "Zl", "Zp", "Co", "Cs", "Cn"}
_INVISIBLE = {"\u034f", "\u115f", "\u1160", "\u17b4", "\u17b5", "\u3164", "\uffa0"}
_PRINTED: ContextVar[dict[str, None] | None] = ContextVar("printed_warnings", default=None)
# Look-alikes of the long vowel mark ー in names: kanji 一, dashes, minus, box drawing.
_LONG_VOWEL_LOOKALIKES = str.maketrans(dict.fromkeys("一‐‑‒–—―−─━ｰ-", "ー"))


def _code_points(text: str) -> str:
    return " ".join(f"U+{ord(c):04X}" for c in text)


@contextmanager
def each_warning_once() -> Iterator[None]:
    """Within the block (a build), print each warning once."""
    token = _PRINTED.set({})
    try:
        yield
    finally:
        _PRINTED.reset(token)


def printed_warnings() -> tuple[str, ...]:
    """The warnings printed so far in the :func:`each_warning_once` block, in their order
    (a rebuild with nothing to do prints them again: ``builder.publish.unchanged``)."""
    return tuple(_PRINTED.get() or ())


def _warn(text: str) -> None:
    printed = _PRINTED.get()
    if printed is None or text not in printed:
        print(text, file=sys.stderr)
    if printed is not None:
        printed[text] = None


def clean(text: str, display: str, line: int) -> str:
    """``text`` without the characters XML forbids; a warning at ``display:line`` names
    those removed."""
    cleaned, count = FORBIDDEN.subn("", text)
    if count:
        removed = "".join(dict.fromkeys(FORBIDDEN.findall(text)))
        _warn(
            f"{display}:{line}: 警告: XMLやHTMLに書けない文字（{_code_points(removed)}）を"
            f"{count}文字取り除きました"
        )
    return cleaned


def cleaned(value: object, display: str, line: int) -> object:
    """A YAML value with every text in it (in lists and mappings too) :func:`clean`."""
    if isinstance(value, str):
        return clean(value, display, line)
    if isinstance(value, list):
        return [cleaned(item, display, line) for item in value]
    if isinstance(value, dict):
        return {key: cleaned(item, display, line) for key, item in value.items()}
    return value


def number_problem(
    value: object, low: float | None = None, high: float | None = None
) -> str | None:
    """Why ``value`` is no exact number within ``[low, high]``, or None when it is one."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"数でない値 {value!r}"
    if isinstance(value, float) and not math.isfinite(value):
        return f"有限でない数 {value!r}"
    text = format(Decimal(repr(value)), "f") if isinstance(value, float) else str(value)
    digits = sum(char.isdigit() for char in text)  # as a sheet prints it: 0.00000000000001: 15
    if digits > MAX_DIGITS:
        return f"{digits} 桁の数（{MAX_DIGITS} 桁まで）"
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = f"{'' if low is None else low}〜{'' if high is None else high}"
        return f"範囲 {bounds} の外の数 {value}"
    return None


def number(
    value: object,
    display: str,
    line: int,
    what: str,
    low: float | None = None,
    high: float | None = None,
) -> float | int:
    """``value`` when it is an exact number within ``[low, high]``; ConfigError at
    ``display:line`` otherwise."""
    found = number_problem(value, low, high)
    if found is not None:
        expected = f"{what}（{MAX_DIGITS} 桁までの有限の数）"
        raise ConfigError([Problem.of(SourceLoc(display, line), expected, found)])
    assert isinstance(value, (int, float))  # number_problem found none: an exact number
    return value


def date_problem(value: object) -> str | None:
    """Why ``value`` is no date the site can publish, or None when it is one."""
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        return f"日付でない値 {value!r}"
    if not FIRST_DATE <= value <= LAST_DATE:
        return f"範囲外の日付 {value}（{FIRST_DATE}〜{LAST_DATE}）"
    return None


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a department or division: it holds a character that shows
    nothing or turns the text's direction (zero-width space and joiner, bidi controls, fillers)."""
    if not any(_hidden(c) for c in name):
        return None
    shown = "".join(f"<U+{ord(c):04X}>" if _hidden(c) else c for c in name)
    return f"見えない文字か向きを変える制御文字のある名前「{shown}」"


def _hidden(char: str) -> bool:
    return unicodedata.category(char) in _INVISIBLE_CATEGORIES or char in _INVISIBLE


def normal_name(name: str) -> str:
    """A name as the site uses it: NFKC, spaces at either end removed."""
    return unicodedata.normalize("NFKC", name).strip()


def look_alike(name: str) -> str:
    """The key two names share when they read the same to a person: NFKC and the look-alikes
    of ``ー`` folded (``政策イノベ一ション部`` with the kanji 一 is ``政策イノベーション部``)."""
    return normal_name(name).translate(_LONG_VOWEL_LOOKALIKES)
