"""The one normalisation of text that search compares: the index text and every query.

Residents type ﾛﾎﾞｯﾄ or ＳＴＥＡＭ as often as ロボット or STEAM, and sheets print both, so
the search records (``builder.search.records``) and the search page (``assets/searchtext.js``,
the same rule in JavaScript, used for queries and the project list's text filter) both
write text in Unicode NFKC: half-width katakana become full-width, full-width Latin
letters and digits become ASCII, ① becomes 1.

One exception keeps excerpts reading as the page: a character whose NFKC form holds no
letter, digit or combining mark (（ ） ～ ： … the ideographic space) stays as printed.
Search ignores such characters (Pagefind indexes only letters and digits, and the ICU
segmenter breaks words at them either way), so this changes nothing that is found.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Where Unicode has compatibility forms that are neither letters nor digits (checked
# against a scan of every code point in tests/portal/test_searchtext.py).
_COMPATIBILITY_RANGES = ((0xA0, 0x3400), (0xF900, 0x10000), (0x1D400, 0x1D800), (0x1EE00, 0x1F300))


def kept_as_printed(char: str) -> bool:
    """Whether ``char`` keeps its printed form: NFKC changes it into no letter, digit or mark."""
    folded = unicodedata.normalize("NFKC", char)
    return folded != char and not any(unicodedata.category(c)[0] in "LNM" for c in folded)


@functools.cache
def kept_characters() -> frozenset[str]:
    """Every character that keeps its printed form (:func:`kept_as_printed`)."""
    return frozenset(
        chr(code)
        for start, end in _COMPATIBILITY_RANGES
        for code in range(start, end)
        if kept_as_printed(chr(code))
    )


@functools.cache
def _kept_pattern() -> re.Pattern[str]:
    return re.compile("([" + "".join(re.escape(char) for char in sorted(kept_characters())) + "])")


def searchable(text: str) -> str:
    """``text`` as search compares it: NFKC, but characters that NFKC turns into no letter,
    digit or mark stay as printed (see the module docstring)."""
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text
    parts = _kept_pattern().split(text)  # text, kept character, text, ...
    parts[::2] = [unicodedata.normalize("NFKC", part) for part in parts[::2]]
    return "".join(parts)
