"""ICU word segmentation through Node's ``Intl.Segmenter``, with a cache kept between builds.

Node runs only on the texts the cache does not hold, and that the process has not cut
before with the same ``node`` (a build after another in one process). The cache is a JSON object
(text -> segments) in the build's cache store (``builder.util.cache``), stored under the
ICU version Node reports, so a Node upgrade that changes the segmenter starts a new cache.
Only the texts of the latest build are kept.

Node is checked, not trusted: a missing ``node``, a failure, output that is not JSON, or
segments that do not join back into their text is one :class:`SegmenterError` naming
what Node did. Long texts are cut into pieces at sentence ends before segmenting
(``segment.mjs``), so the time grows with the text's length, not its square.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
from pathlib import Path
from typing import cast

from builder.errors import ToolError
from builder.util.cache import CacheStore

SEGMENTER = Path(__file__).with_name("segment.mjs")
SHOWN = 80  # characters of a tool's output quoted in an error
KEPT_TEXTS = 20_000  # texts whose segments a process keeps for each node: about 20 MB (1 KB a text)
_SEGMENTED: dict[tuple[str, int, int, int] | None, dict[str, list[str]]] = {}


class SegmenterError(ToolError):
    """Node is missing, failed or gave wrong output; the message says which."""

    def __init__(self, what: str):
        super().__init__("node", what)


def _quoted(output: str) -> str:
    text = " ".join(output.split())
    return (
        f"「{text[:SHOWN]}{'…' if len(text) > SHOWN else ''}」"
        if text
        else "何も出力しませんでした"
    )


def _node(arguments: list[str], stdin: str = "") -> str:
    try:
        done = subprocess.run(
            ["node", *arguments],
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except OSError as missing:
        raise SegmenterError(
            f"Node.js を実行できません（{missing.strerror}）。検索用に日本語を単語に分けるには PATH に node が必要です"
        ) from None
    if done.returncode != 0:
        raise SegmenterError(
            f"終了コード {done.returncode} で失敗しました：{_quoted(done.stderr or done.stdout)}"
        )
    return done.stdout


def _valid(texts: list[str], segmented: object) -> bool:
    """Whether ``segmented`` is, for each text, a list of strings that join into it."""
    return (
        isinstance(segmented, list)
        and len(segmented) == len(texts)
        and all(
            isinstance(parts, list)
            and all(isinstance(part, str) for part in parts)
            and "".join(parts) == text
            for text, parts in zip(texts, segmented)
        )
    )


def segment_texts(texts: list[str]) -> list[list[str]]:
    """Cut each text into ICU word-break segments (``Intl.Segmenter('ja')`` in Node):
    words, punctuation and whitespace runs, in order; joined they give the text back.
    Node is asked only for texts this process has not cut with the same ``node`` before."""
    known = _SEGMENTED.setdefault(_node_file(), {})
    missing = sorted(set(texts) - known.keys())
    if not missing:
        return [list(known[text]) for text in texts]
    output = _node([str(SEGMENTER)], json.dumps(missing, ensure_ascii=False))
    try:
        segmented = json.loads(output)
    except ValueError:
        raise SegmenterError(f"単語に分けた結果がJSONではありません：{_quoted(output)}") from None
    if not _valid(missing, segmented):
        raise SegmenterError(f"単語に分けた結果が元の文章と合いません：{_quoted(output)}")
    new = dict(zip(missing, cast(list[list[str]], segmented)))  # _valid checked it
    result = [list(known[text]) if text in known else new[text] for text in texts]
    if len(known) + len(new) > KEPT_TEXTS:
        known.clear()
    if len(new) <= KEPT_TEXTS:
        known.update((text, list(parts)) for text, parts in new.items())
    return result


def _node_file() -> tuple[str, int, int, int] | None:
    """Which file ``node`` on PATH is (path, inode, size, mtime), None without one."""
    found = shutil.which("node")
    if found is None:
        return None
    status = Path(found).resolve().stat()
    return found, status.st_ino, status.st_size, status.st_mtime_ns


def icu_version() -> str:
    """The ICU version of the ``node`` on PATH (asked once per process for each ``node`` file)."""
    return _asked_icu_version(_node_file())


@functools.cache
def _asked_icu_version(_node_file: tuple[str, int, int, int] | None) -> str:
    """The ICU version Node reports (``_node_file``: which file it is, for the memo)."""
    version = _node(["-p", "process.versions.icu"]).strip()
    if not version.replace(".", "").isalnum():
        raise SegmenterError(
            f"ICU のバージョンが分かりません（node -p process.versions.icu の出力：{_quoted(version)}）"
        )
    return version


class SegmentCache:
    """Segments of texts from the cache store; :meth:`lookup` asks Node for the others."""

    def __init__(self, folder: Path | None) -> None:
        self.store = CacheStore(folder)
        self.name = None if folder is None else f"segments-icu{icu_version()}"
        self.known: dict[str, list[str]] = {}
        loaded = None if self.name is None else self.store.load(self.name)
        if isinstance(loaded, dict):
            texts = list(loaded)
            if _valid(texts, [loaded[text] for text in texts]):
                self.known = loaded
            else:
                self.store.discard(
                    self.store.path_of(str(self.name)), "分けた単語が元の文章と合いません"
                )

    def lookup(self, texts: set[str]) -> dict[str, list[str]]:
        """The segments of each of ``texts``; Node cuts those the cache does not hold."""
        missing = sorted(texts - self.known.keys())
        new = dict(zip(missing, segment_texts(missing)))
        return {text: self.known[text] if text in self.known else new[text] for text in texts}

    def save(self, segments: dict[str, list[str]]) -> None:
        """Keep exactly ``segments`` (the texts of the latest build) for the next build."""
        if self.name is not None:
            self.store.save(self.name, segments)
