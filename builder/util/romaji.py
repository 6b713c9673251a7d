"""ASCII URL slugs from the reading of Japanese names, for 部・局 and 課 without a slug in
``content/departments.yaml``.

The reading is pykakasi's Hepburn romanisation (its dictionary ships inside the wheel, so
nothing is downloaded at run time); words are joined by hyphens: 会計事務局 -> kaikei-jimukyoku.
The same name always gives the same slug. A reading can be imperfect (kanji have several
readings), which is why the build reports every slug made here: staff pin the ones they
want in ``content/departments.yaml``.

Loading pykakasi's dictionary takes about half a second, so a build keeps the slugs it made
for the next one (:class:`KeptReadings`, under the version of pykakasi that read them): a
rebuild whose names are all known does not load it.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from builder.util.cache import CacheStore

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
READINGS = "readings"  # the name of the kept slugs in the cache (builder.util.cache)


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


class KeptReadings:
    """The slug of each name's reading, taken from those the last build made (in the cache
    folder ``folder``, :class:`builder.util.cache.CacheStore`) when pykakasi's version is
    the same, else made; :meth:`save` keeps the slugs this build used."""

    def __init__(self, folder: Path | None) -> None:
        self.store = CacheStore(folder)
        self.version = importlib.metadata.version("pykakasi")
        loaded = self.store.load(READINGS)
        slugs = loaded.get(self.version) if isinstance(loaded, dict) else None
        self.kept: dict[str, object] = slugs if isinstance(slugs, dict) else {}
        self.used: dict[str, str] = {}

    def slug(self, name: str) -> str:
        """The slug of ``name``'s reading (:func:`reading_slug`)."""
        kept = self.kept.get(name)
        slug = kept if isinstance(kept, str) else reading_slug(name)
        self.used[name] = slug
        return slug

    def save(self) -> None:
        """Keep the slugs this build used, when they are not those kept already."""
        if self.used != self.kept:
            self.store.save(READINGS, {self.version: self.used})
