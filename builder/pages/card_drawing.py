"""Drawing the share cards (``builder.pages.cards``) as 1200×630 PNG files at build time.

The font is BIZ UDPGothic (SIL Open Font License 1.1), a universal-design Japanese gothic
made for public documents, from the npm package ``@expo-google-fonts/biz-udpgothic``
pinned in ``package.json`` (``npm ci`` installs it, as it does plotly.js).

A card is drawn in two colours, ink and paper, on a greyscale canvas whose grey levels (16
of them) are then read as indexes of a palette running from ink to paper: the anti-aliased
edges of every letter keep their shades, and the PNG holds half a byte per pixel, quick to
encode and about 20 KB.
A card is cut into strips of rows (:func:`bands`): those most cards share (the band with the
site's name, the year's lines, a row of facts, the blank rows) are drawn and compressed once
per process, so a card costs the drawing and compressing of its title and its figure; the PNG
is written here. Cards are
drawn on every core (``builder.util.parallel``); a card the previous site already has (same
words, same drawing code and font) is taken over instead (``builder.util.cache``).
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from builder.pages.cards import FONTS, HEIGHT, WIDTH, ShareCard
from builder.util.cache import OutputCache
from builder.util.parallel import fork_map
from builder.util.routes import CARDS_URL

INK = (16, 42, 84)  # #102a54: 14:1 against the paper
PAPER = (255, 255, 255)
MARGIN = 64
BAND = 96  # the band at the top with the site's name
# grey levels (0 ink .. 255 paper)
ON_INK, MUTED, CHIP = 255, 96, 228
SMALL = 34  # the size of the lines most cards share (site, eyebrow, figure label)


@dataclass(frozen=True)
class Text:
    """One line of a card: what, in which font and size, where (top-left)."""

    text: str
    font: str  # a key of FONTS
    size: int
    x: int
    y: int
    level: int  # grey level: 0 ink .. 255 paper


@functools.cache
def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    """A font of :data:`FONTS` at ``size`` pixels, loaded once per process."""
    return ImageFont.truetype(str(FONTS[name]), size)


def _fit(text: str, face: str, size: int, width: int, lines: int) -> list[str]:
    """``text`` cut into at most ``lines`` lines of at most ``width`` pixels (Japanese has no
    spaces: any character may start a line); the last line ends in … when text is left."""
    measure = font(face, size).getlength
    out: list[str] = []
    rest = text
    while rest and len(out) < lines:
        low, high = 1, len(rest)  # the longest prefix that fits (at least one character)
        if measure(rest) <= width:
            low = high
        while low < high:
            middle = (low + high + 1) // 2
            low, high = (middle, high) if measure(rest[:middle]) <= width else (low, middle - 1)
        end = low
        line, rest = rest[:end], rest[end:]
        if rest and len(out) == lines - 1:
            while len(line) > 1 and measure(line + "…") > width:
                line = line[:-1]
            line += "…"
        out.append(line)
    return out


def layout(card: ShareCard) -> Iterator[Text]:
    """Every line of ``card`` where it is drawn (the tests draw the expected text the same way)."""
    width = WIDTH - 2 * MARGIN
    yield Text(_fit(card.site, "regular", SMALL, width, 1)[0], "regular", SMALL, MARGIN, 29, ON_INK)
    yield Text(
        _fit(card.eyebrow, "regular", SMALL, width, 1)[0],
        "regular",
        SMALL,
        MARGIN,
        BAND + 36,
        MUTED,
    )
    title = _fit(card.title, "bold", 60, width, 2)
    for number, line in enumerate(title):
        yield Text(line, "bold", 60, MARGIN, BAND + 92 + 72 * number, 0)
    top = BAND + 92 + 72 * len(title) + 28
    yield Text(
        _fit(card.figure_label, "regular", SMALL, width, 1)[0], "regular", SMALL, MARGIN, top, MUTED
    )
    yield Text(_fit(card.figure, "bold", 96, width, 1)[0], "bold", 96, MARGIN - 4, top + 46, 0)


CHIPS_TOP = HEIGHT - 96


def _chips(facts: tuple[str, ...]) -> Iterator[tuple[tuple[int, int, int, int], Text]]:
    """The facts as rounded boxes along the bottom edge."""
    x, y = MARGIN, CHIPS_TOP
    for fact in facts:
        text = Text(
            _fit(fact, "bold", 32, WIDTH - 2 * MARGIN - 40, 1)[0], "bold", 32, x + 20, y + 12, 0
        )
        right = x + 40 + int(font("bold", 32).getlength(text.text))
        if right > WIDTH - MARGIN:
            break
        yield (x, y, right, y + 60), text
        x = right + 20


LEVELS = 16  # grey levels kept: 4 bits a pixel, enough for smooth letter edges
_TO_LEVEL = [level * LEVELS // 256 for level in range(256)]
_PALETTE = [
    round(ink + (paper - ink) * index / (LEVELS - 1))
    for index in range(LEVELS)
    for ink, paper in zip(INK, PAPER)
]


@dataclass(frozen=True)
class Band:
    """A strip of rows of a card and what is drawn in it (``y`` from the strip's top)."""

    height: int
    boxes: tuple[tuple[int, int, int, int, int, int], ...]  # x0, y0, x1, y1, corner radius, grey
    texts: tuple[Text, ...]


def bands(card: ShareCard) -> list[Band]:
    """The card cut into strips of rows, each holding whole lines: the site's band, the title,
    the figure's label, the figure, the facts and the blank rows between. The strips most
    cards share (all but the title's and the figure's) are drawn and compressed once."""
    lines = list(layout(card))
    figure = lines[-1]
    cuts = [0, BAND + 88, figure.y - 48, figure.y - 2, figure.y + 114, CHIPS_TOP, CHIPS_TOP + 64]
    cuts.append(HEIGHT)
    boxes = [(0, 0, WIDTH - 1, BAND - 1, 0, 0)]
    chips = list(_chips(card.facts))
    boxes += [(*box, 12, CHIP) for box, _ in chips]
    texts = lines + [text for _, text in chips]
    strips = []
    for top, bottom in itertools.pairwise(cuts):
        strips.append(
            Band(
                bottom - top,
                tuple(
                    (x0, y0 - top, x1, y1 - top, r, g)
                    for x0, y0, x1, y1, r, g in boxes
                    if top <= y0 < bottom
                ),
                tuple(replace(t, y=t.y - top) for t in texts if top <= t.y < bottom),
            )
        )
    return strips


@functools.lru_cache(maxsize=256)
def _encoded(band: Band) -> tuple[bytes, bytes]:
    """A strip's PNG rows (4 bits a pixel, each row after the byte 0 that says "no filter")
    and the same compressed as raw deflate blocks that end on a byte (full flush), so that
    compressed strips can follow each other in one stream. zlib's run-length matching is
    quicker than its fastest level on a card's long runs of one colour, and smaller."""
    canvas = Image.new("L", (WIDTH + 2, band.height), 255)  # laid 2 pixels right: see below
    pen = ImageDraw.Draw(canvas)
    for x0, y0, x1, y1, radius, grey in band.boxes:
        pen.rounded_rectangle((x0 + 2, y0, x1 + 2, y1), radius=radius, fill=grey)
    for text in band.texts:
        pen.text((text.x + 2, text.y), text.text, font=font(text.font, text.size), fill=text.level)
    canvas.paste(0, (0, 0, 2, band.height))  # two pixels of index 0: each packed row starts with 0
    packed = Image.frombytes("P", canvas.size, canvas.point(_TO_LEVEL).tobytes()).tobytes(
        "raw", "P;4"
    )
    stream = zlib.compressobj(6, zlib.DEFLATED, -15, 9, zlib.Z_RLE)
    return packed, stream.compress(packed) + stream.flush(zlib.Z_FULL_FLUSH)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def draw(card: ShareCard) -> bytes:
    """The PNG of a card (4 bits a pixel, a palette from ink to paper), written here."""
    parts = [_encoded(band) for band in bands(card)]
    checksum = 1
    for raw, _ in parts:
        checksum = zlib.adler32(raw, checksum)
    stream = (
        b"\x78\x01" + b"".join(deflated for _, deflated in parts) + b"\x03\x00"
    )  # last: an empty final block
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 4, 3, 0, 0, 0)  # 4 bits a pixel, a palette
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"PLTE", bytes(_PALETTE))
        + _chunk(b"IDAT", stream + struct.pack(">I", checksum))
        + _chunk(b"IEND", b"")
    )


def write_card(root: Path, card: ShareCard) -> tuple[str, str, int]:
    """Draw ``card`` into the site folder ``root``; (relative path, hash of its bytes, size)."""
    data = draw(card)
    relative = card.url.lstrip("/")
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return relative, hashlib.sha256(data).hexdigest(), len(data)


@dataclass(frozen=True)
class WrittenCards:
    """The cards of a build: their cache entries and sizes, by path under the site folder."""

    entries: dict[str, list[str]]  # relative path -> [key, hash of the bytes] (builder.util.cache)
    sizes: dict[str, int]
    drawn: int  # cards drawn by this build (the others were taken over)


def write_cards(root: Path, cards: list[ShareCard], cache: OutputCache) -> WrittenCards:
    """Every card of ``cards`` (each once) in the site folder ``root``: taken over from the
    previous site when it has the same card, else drawn on every core."""
    unique = {card.key: card for card in cards}
    entries: dict[str, list[str]] = {}
    sizes: dict[str, int] = {}
    missing: list[ShareCard] = []
    for key, card in sorted(unique.items()):
        relative = card.url.lstrip("/")
        made = cache.take_over(relative, key, root)
        if made is None:
            missing.append(card)
        else:
            entries[relative], sizes[relative] = [key, made], (root / relative).stat().st_size
    (root / CARDS_URL.strip("/")).mkdir(parents=True, exist_ok=True)
    for relative, made, size in fork_map(
        functools.partial(write_card, root), missing, min_items=64
    ):
        entries[relative], sizes[relative] = (
            [relative.rsplit("/", 1)[-1].removesuffix(".png"), made],
            size,
        )
    return WrittenCards(entries, sizes, len(missing))
