"""ASCII URL slugs from the reading of Japanese names, for 部・局 and 課 without a slug in
``content/departments.yaml``.

The reading is pykakasi's Hepburn romanisation (its dictionary ships inside the wheel, so
nothing is downloaded at run time); words are joined by hyphens: 会計事務局 -> kaikei-jimukyoku.
The same name always gives the same slug. A reading can be imperfect (kanji have several
readings), which is why the build reports every slug made here: staff pin the ones they
want in ``content/departments.yaml``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache
from typing import Any

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@cache
def _converter() -> Any:  # pykakasi has no annotations: its converter is Any
    import pykakasi  # loads its dictionary: only when a slug is needed

    return pykakasi.kakasi()  # type: ignore[no-untyped-call]  # pykakasi has no annotations


def forget_readings() -> None:
    """Let go of pykakasi's dictionary once a build has made its slugs: about 100 MB of
    Python objects, which its classes hold (Borg singletons) and every forked worker would
    inherit. The next slug loads it again."""
    if not _converter.cache_info().currsize:
        return
    _converter.cache_clear()
    from pykakasi import kanji  # loaded already

    kanji.Kanwa._shared_state["_jisyo_table"] = None
    kanji.Itaiji._shared_state["_itaijidict"] = None


def reading_slug(name: str) -> str:
    """The slug of a name's reading: lower-case ASCII letters and digits joined by hyphens."""
    text = unicodedata.normalize("NFKC", name)
    words = [item["hepburn"] for item in _converter().convert(text)]
    slug = _NOT_SLUG.sub("-", "-".join(words).lower()).strip("-")
    return slug or "unit-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
