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
import itertools
import unicodedata


@functools.cache
def kept_as_printed(char: str) -> bool:
    """Whether ``char`` keeps its printed form: NFKC changes it into no letter, digit or mark."""
    folded = unicodedata.normalize("NFKC", char)
    return folded != char and not any(unicodedata.category(c)[0] in "LNM" for c in folded)


def searchable(text: str) -> str:
    """``text`` as search compares it: NFKC, but characters that NFKC turns into no letter,
    digit or mark stay as printed (see the module docstring)."""
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text
    runs = ((kept, "".join(chars)) for kept, chars in itertools.groupby(text, kept_as_printed))
    return "".join(run if kept else unicodedata.normalize("NFKC", run) for kept, run in runs)
