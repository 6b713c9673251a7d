"""What changed in the words: every text field of two sheets of a project, sentence by sentence.

Each field (a list of items on the sheet, or one comment) is cut into sentences: each item
on its own, and within an item after every 「。」. ``difflib.SequenceMatcher`` then lines
up the sentences of the older and the newer sheet; a sentence only in the older sheet is
削除, one only in the newer sheet is 追加. A sentence rewritten in place (the n-th of a run
of replaced sentences paired with the n-th of its replacement) is compared word by word,
by the ICU words the search uses (given by the build, ``builder.util.segmenter``): when
at least half of its characters stay, it is one 書き換え line with the removed and added
words marked; otherwise the old one is removed and the new one added. Nothing is judged:
the comparison only shows the text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from builder.records.fields import named, paragraphs
from builder.records.model import Sheet

LineKind = Literal["same", "added", "removed", "changed"]
SAME: LineKind = "same"
ADDED: LineKind = "added"
REMOVED: LineKind = "removed"
CHANGED: LineKind = "changed"
KEPT_AT_LEAST = (
    0.5  # share of a rewritten sentence's characters that must stay for a word-level 書き換え
)
Words = Mapping[str, list[str]]  # a sentence -> its ICU word segments (joined they give it back)


def _items(group: str, key: str) -> Callable[[Sheet], tuple[str, ...]]:
    return lambda sheet: getattr(getattr(sheet, group), key)


def _one(get: Callable[[Sheet], str | None]) -> Callable[[Sheet], tuple[str, ...]]:
    return lambda sheet: tuple(text for text in (get(sheet),) if text)


def _comment(key: str) -> Callable[[Sheet], str | None]:
    return lambda sheet: getattr(sheet.evaluation, key).comment


COMPARED_FIELDS: tuple[tuple[str, Callable[[Sheet], tuple[str, ...]]], ...] = (
    *((label, _items(group, key)) for group, key, label in paragraphs()),
    *((f"評価の説明（{label}）", _one(_comment(key))) for key, label in named("evaluation")),
    ("方向性の理由", _one(lambda sheet: sheet.direction.reason)),
)
"""Every text field the comparison covers, in the order of the sheet: (label, its items)."""


def sentences(items: tuple[str, ...]) -> tuple[str, ...]:
    """The sentences of a field: each item, cut after every 「。」; blank pieces are dropped."""
    found = []
    for item in items:
        for piece in item.replace("。", "。\n").split("\n"):
            if piece.strip():
                found.append(piece.strip())
    return tuple(found)


@dataclass(frozen=True)
class DiffLine:
    """A sentence of the comparison: in both sheets, only in the newer (追加), only in the
    older (削除), or rewritten (書き換え: the newer text, its words in ``parts``)."""

    kind: LineKind
    text: str
    parts: tuple[
        tuple[str, str], ...
    ] = ()  # for "changed": (same / removed / added, words), in reading order


@dataclass(frozen=True)
class FieldDiff:
    """One text field of the two sheets, sentence by sentence."""

    label: str
    lines: tuple[DiffLine, ...]

    @property
    def changed(self) -> bool:
        """Whether a sentence was added or removed."""
        return any(line.kind != SAME for line in self.lines)

    @property
    def counts(self) -> tuple[int, int, int]:
        """(sentences added, sentences removed, sentences rewritten)."""
        kinds = [line.kind for line in self.lines]
        return kinds.count(ADDED), kinds.count(REMOVED), kinds.count(CHANGED)


def word_parts(old: list[str], new: list[str]) -> tuple[tuple[str, str], ...] | None:
    """The words of two versions of a sentence lined up (runs of kept, removed and added
    words), or None when less than :data:`KEPT_AT_LEAST` of the characters stay."""
    parts: list[tuple[str, str]] = []
    kept = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            kept += 2 * len("".join(old[i1:i2]))
            parts.append((SAME, "".join(old[i1:i2])))
            continue
        if i2 > i1:
            parts.append((REMOVED, "".join(old[i1:i2])))
        if j2 > j1:
            parts.append((ADDED, "".join(new[j1:j2])))
    size = len("".join(old)) + len("".join(new))
    return tuple(parts) if size and kept >= KEPT_AT_LEAST * size else None


def _replaced(before: tuple[str, ...], after: tuple[str, ...]) -> list[tuple[str, str]]:
    """(old, new) sentences rewritten in place: the n-th of each run of replaced sentences
    with the n-th of its replacement."""
    pairs = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "replace":
            pairs += list(zip(before[i1:i2], after[j1:j2]))
    return pairs


def diff_sentences(
    before: tuple[str, ...], after: tuple[str, ...], words: Words | None = None
) -> tuple[DiffLine, ...]:
    """The sentences of ``before`` and ``after`` lined up: kept, removed, then added, in
    order; with ``words``, a sentence rewritten in place is one 書き換え line when enough of it stays."""
    lines: list[DiffLine] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            lines += [DiffLine(SAME, text) for text in before[i1:i2]]
            continue
        old, new = before[i1:i2], after[j1:j2]
        for a, b in zip(old, new):
            parts = word_parts(words[a], words[b]) if words and a in words and b in words else None
            lines += (
                [DiffLine(CHANGED, b, parts)]
                if parts
                else [DiffLine(REMOVED, a), DiffLine(ADDED, b)]
            )
        lines += [DiffLine(REMOVED, text) for text in old[len(new) :]]
        lines += [DiffLine(ADDED, text) for text in new[len(old) :]]
    return tuple(lines)


def rewritten_sentences(before: Sheet, after: Sheet) -> set[str]:
    """The sentences of two sheets that :func:`compare_texts` compares word by word: the
    texts whose ICU words it needs."""
    return {
        text
        for _, get in COMPARED_FIELDS
        for pair in _replaced(sentences(get(before)), sentences(get(after)))
        for text in pair
    }


def compare_texts(before: Sheet, after: Sheet, words: Words | None = None) -> tuple[FieldDiff, ...]:
    """Every text field of two sheets of one project, compared sentence by sentence (and,
    with the ICU ``words`` of the rewritten sentences, word by word)."""
    return tuple(
        FieldDiff(label, diff_sentences(sentences(get(before)), sentences(get(after)), words))
        for label, get in COMPARED_FIELDS
    )


def wording_changed(before: Sheet, after: Sheet) -> bool:
    """Whether any text field differs between the two sheets (quicker than comparing them)."""
    return any(sentences(get(before)) != sentences(get(after)) for _, get in COMPARED_FIELDS)
