"""What changed in the words: every text field of two sheets of a project, sentence by sentence.

Each field (a list of items on the sheet, or one comment) is cut into sentences: each item
on its own, and within an item after every 「。」. ``difflib.SequenceMatcher`` then lines
up the sentences of the older and the newer sheet; a sentence only in the older sheet is
削除, one only in the newer sheet is 追加, and a sentence that changed at all is both (the
old one removed, the new one added). Nothing is judged: the comparison only shows the text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from builder.records.model import Sheet
from builder.records.fields import named, paragraphs

LineKind = Literal["same", "added", "removed"]
SAME: LineKind = "same"
ADDED: LineKind = "added"
REMOVED: LineKind = "removed"


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
    """A sentence of the comparison: in both sheets, only in the newer (追加) or only in the older (削除)."""

    kind: LineKind
    text: str


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
    def counts(self) -> tuple[int, int]:
        """(sentences added, sentences removed)."""
        return (sum(line.kind == ADDED for line in self.lines), sum(line.kind == REMOVED for line in self.lines))


def diff_sentences(before: tuple[str, ...], after: tuple[str, ...]) -> tuple[DiffLine, ...]:
    """The sentences of ``before`` and ``after`` lined up: kept, removed, then added, in order."""
    lines: list[DiffLine] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            lines += [DiffLine(SAME, text) for text in before[i1:i2]]
            continue
        lines += [DiffLine(REMOVED, text) for text in before[i1:i2]]
        lines += [DiffLine(ADDED, text) for text in after[j1:j2]]
    return tuple(lines)


def compare_texts(before: Sheet, after: Sheet) -> tuple[FieldDiff, ...]:
    """Every text field of two sheets of one project, compared sentence by sentence."""
    return tuple(FieldDiff(label, diff_sentences(sentences(get(before)), sentences(get(after))))
                 for label, get in COMPARED_FIELDS)


def wording_changed(before: Sheet, after: Sheet) -> bool:
    """Whether any text field differs between the two sheets (quicker than comparing them)."""
    return any(sentences(get(before)) != sentences(get(after)) for _, get in COMPARED_FIELDS)
