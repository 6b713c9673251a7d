"""The budget as one picture: a treemap drawn at build time (HTML and CSS, no script).

Each area is a link (a department, a division's section, a project) whose area is its share of
the picture's total 総コスト, labelled with its name, the amount in 億円・万円 and the share.
The layout is squarified (Bruls, Huizing and van Wijk, 2000) in a square, so areas stay
close to squares and a phone can tap them; an item smaller than :data:`MIN_SHARE` of the
whole is not drawn alone but in one area "ほかN件" with their sum, which links to where they
are listed. A picture may be nested once: groups (divisions) laid out first, their items
(projects) inside each group's area.

The picture's table holds every area's exact 千円 and share; the areas add up to the total of
the positive amounts given (a cost of 0 or less has no area; the sheets print none).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from builder.util.formatting import number, short_yen

MIN_SIDE = (
    7.5  # percent of the picture's side: 24.6 px at 328 px, the width of a 360 px phone's page
)
FULL: tuple[float, float, float, float] = (0.0, 0.0, 100.0, 100.0)
MIN_SHARE = Decimal("0.015")  # of the whole: smaller items are drawn together (labels need room)
TONES = 5  # colours of site.css (.tile-0 … .tile-4)


@dataclass(frozen=True)
class Item:
    """Something to draw: its name, 総コスト in 千円 and page."""

    label: str
    value: int
    url: str


@dataclass(frozen=True)
class Group:
    """Items drawn together inside one area (a division and its projects)."""

    label: str
    url: str  # where the items left out of the picture are listed (the "ほか" area's link)
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Tile:
    """One area of the picture, in percent of the picture's width and height."""

    label: str
    value: int  # 千円
    url: str
    share: str  # of the picture's total: 12.3%
    x: float
    y: float
    w: float
    h: float
    tone: int  # colour, 0 .. TONES - 1
    group: str | None = None  # the group's label in a nested picture

    @property
    def amount(self) -> str:
        """The amount in 億円・万円."""
        return short_yen(self.value)

    @property
    def exact(self) -> str:
        """The amount in 千円 with separators, as the tables print it."""
        return number(self.value)

    @property
    def style(self) -> str:
        """Position and size as CSS."""
        return f"left:{self.x:.3f}%;top:{self.y:.3f}%;width:{self.w:.3f}%;height:{self.h:.3f}%"


@dataclass(frozen=True)
class GroupRow:
    """A group's line in the picture's table: its total and share, then its areas."""

    label: str
    url: str
    value: int
    share: str
    tone: int
    tiles: tuple[Tile, ...]

    @property
    def exact(self) -> str:
        """The group's total in 千円."""
        return number(self.value)


@dataclass(frozen=True)
class Treemap:
    """The picture: its caption, total and areas; ``groups`` for a nested picture's table."""

    id: str
    title: str  # caption of the picture and of its table
    total: int  # 千円: the sum of every area
    tiles: tuple[Tile, ...]
    groups: tuple[GroupRow, ...] = ()

    @property
    def total_text(self) -> str:
        """The total in 億円・万円."""
        return short_yen(self.total)

    @property
    def total_exact(self) -> str:
        """The total in 千円."""
        return number(self.total)


Rect = tuple[float, float, float, float]


def _worst(row: Sequence[float], side: float) -> float:
    total = sum(row)
    return max(side * side * max(row) / (total * total), total * total / (side * side * min(row)))


def squarify(values: Sequence[float], rect: Rect) -> list[Rect]:
    """Rectangles for ``values`` (largest first, summing to the area of ``rect``) that fill
    ``rect``, each row of them laid along the shorter side while that keeps them squarer."""
    x, y, w, h = rect
    out: list[Rect] = []
    i = 0
    while i < len(values):
        side = min(w, h)
        row = [values[i]]
        i += 1
        while i < len(values) and _worst([*row, values[i]], side) <= _worst(row, side):
            row.append(values[i])
            i += 1
        across = sum(row) / side  # the row's thickness
        along = y if w >= h else x
        for value in row:
            length = value / across
            out.append((x, along, across, length) if w >= h else (along, y, length, across))
            along += length
        if w >= h:  # a column on the left
            x, w = x + across, w - across
        else:  # a row on top
            y, h = y + across, h - across
    return out


def share(value: int, total: int) -> str:
    """``value`` as a percentage of ``total``, half up to 0.1: ``12.3%``."""
    return (
        f"{(Decimal(value) * 100 / total).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"
        if total
        else "—"
    )


def _split(items: Sequence[Item], whole: int) -> tuple[list[Item], list[Item]]:
    """The positive items, largest first: those of at least :data:`MIN_SHARE` of ``whole``, and the rest."""
    positive = sorted((i for i in items if i.value > 0), key=lambda i: -i.value)
    big = [i for i in positive if Decimal(i.value) >= MIN_SHARE * whole]
    return big, positive[len(big) :]


def _rest(big: list[Item], small: list[Item], url: str, owner: str, unit: str) -> list[Item]:
    """``big`` and one item for ``small`` when it holds two or more ("ほかN件"; in a group "<group>のほかN件", or
    "<group>の事業N件" when it is the whole group), largest first."""
    if len(small) < 2:  # one item is drawn as itself
        return sorted([*big, *small], key=lambda i: -i.value)
    if owner and not big:
        label = f"{owner}の事業{len(small)}{unit}"
    else:
        label = f"{owner}{'の' if owner else ''}ほか{len(small)}{unit}"
    return sorted([*big, Item(label, sum(i.value for i in small), url)], key=lambda i: -i.value)


def _fit(
    items: Sequence[Item], rect: Rect, whole: int, rest_url: str, owner: str = "", unit: str = "件"
) -> list[tuple[Item, Rect]]:
    """The items laid out in ``rect``, the small ones as one; while an area would be thinner
    than :data:`MIN_SIDE` percent of the picture, the smallest item drawn alone joins them."""
    big, small = _split(items, whole)
    while True:
        drawn = _rest(big, small, rest_url, owner, unit)
        area, total = rect[2] * rect[3], sum(i.value for i in drawn)
        rects = squarify([i.value * area / total for i in drawn], rect) if total else []
        if not big or all(min(r[2], r[3]) >= MIN_SIDE for r in rects):
            return list(zip(drawn, rects))
        small.insert(0, big.pop())


def treemap(
    fid: str, title: str, items: Sequence[Item], rest_url: str, unit: str = "件"
) -> Treemap:
    """A picture of ``items``; the small ones are one area ("ほかN<unit>") linking to ``rest_url``."""
    whole = sum(i.value for i in items if i.value > 0)
    tiles = [
        Tile(i.label, i.value, i.url, share(i.value, whole), *r, n % TONES)
        for n, (i, r) in enumerate(_fit(items, FULL, whole, rest_url, unit=unit))
    ]
    return Treemap(fid, title, whole, tuple(tiles))


def nested_treemap(fid: str, title: str, groups: Sequence[Group], rest_url: str) -> Treemap:
    """A picture of groups, each area holding its own items (its small ones as one area);
    groups too small to draw are one area linking to ``rest_url``."""
    by_label = {g.label: g for g in groups}
    sums = [Item(g.label, sum(i.value for i in g.items if i.value > 0), g.url) for g in groups]
    whole = sum(i.value for i in sums if i.value > 0)
    rows = []
    for n, (item, rect) in enumerate(_fit(sums, FULL, whole, rest_url, unit="課・室")):
        group = by_label.get(item.label)
        fitted = _fit(group.items, rect, whole, group.url, group.label) if group else [(item, rect)]
        tiles = tuple(
            Tile(i.label, i.value, i.url, share(i.value, whole), *r, n % TONES, item.label)
            for i, r in fitted
        )
        rows.append(
            GroupRow(item.label, item.url, item.value, share(item.value, whole), n % TONES, tiles)
        )
    return Treemap(fid, title, whole, tuple(t for row in rows for t in row.tiles), tuple(rows))
