"""ICU word segmentation through Node's ``Intl.Segmenter``, with a cache kept between builds.

Node runs only on the texts the cache does not hold. The cache is a JSON object
(text -> segments) in the build's cache folder, stored under the ICU version
Node reports, so a Node upgrade that changes the segmenter starts a new cache. Only the
texts of the latest build are kept.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from builder.buildcache import write_atomic

SEGMENTER = Path(__file__).with_name("segment.mjs")


class SegmenterError(RuntimeError):
    """Node is missing or failed; the message says which."""


def _node(arguments: list[str], stdin: str = "") -> str:
    try:
        done = subprocess.run(["node", *arguments], input=stdin, capture_output=True, text=True,
                              encoding="utf-8", check=False)
    except FileNotFoundError as missing:
        raise SegmenterError("the search stage needs Node.js (`node`) on PATH to segment Japanese") from missing
    if done.returncode != 0:
        raise SegmenterError(f"segmenting the pages failed:\n{done.stderr}")
    return done.stdout


def segment_texts(texts: list[str]) -> list[list[str]]:
    """Cut each text into ICU word-break segments (``Intl.Segmenter('ja')`` in Node):
    words, punctuation and whitespace runs, in order; joined they give the text back."""
    if not texts:
        return []
    return json.loads(_node([str(SEGMENTER)], json.dumps(texts, ensure_ascii=False)))


def icu_version() -> str:
    """The ICU version of the ``node`` on PATH."""
    return _node(["-p", "process.versions.icu"]).strip()


class SegmentCache:
    """Segments of texts from the cache file; :meth:`lookup` asks Node for the others."""

    def __init__(self, folder: Path | None) -> None:
        self.path = None if folder is None else folder / f"segments-icu{icu_version()}.json"
        self.known: dict[str, list[str]] = {}
        if self.path is not None and self.path.is_file():
            self.known = json.loads(self.path.read_text("utf-8"))

    def lookup(self, texts: set[str]) -> dict[str, list[str]]:
        """The segments of each of ``texts``; Node cuts those the cache does not hold."""
        missing = sorted(texts - self.known.keys())
        new = dict(zip(missing, segment_texts(missing)))
        return {text: self.known.get(text) or new[text] for text in texts}

    def save(self, segments: dict[str, list[str]]) -> None:
        """Keep exactly ``segments`` (the texts of the latest build) for the next build."""
        if self.path is None:
            return
        write_atomic(self.path, json.dumps(segments, ensure_ascii=False, sort_keys=True).encode("utf-8"))
