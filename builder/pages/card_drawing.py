"""Drawing the share cards (``builder.pages.cards``) as 1200×630 PNG files at build time.

The font is BIZ UDPGothic (SIL Open Font License 1.1), a universal-design Japanese gothic
made for public documents, from the npm package ``@expo-google-fonts/biz-udpgothic``
pinned in ``package.json`` (``npm ci`` installs it, as it does plotly.js).

A card is drawn in two colours, ink and paper, on a greyscale canvas whose grey levels (16
of them) are then read as indexes of a palette running from ink to paper: the anti-aliased
edges of every letter keep their shades, and the PNG holds half a byte per pixel, quick to
encode and about 20 KB.
What most cards share (the band, the site's name, the year's lines, a row of facts) is drawn
once per process and copied; the PNG is written here with zlib's run-length matching. Cards are
drawn on every core (``builder.util.parallel``); a card the previous site already has (same
words, same drawing code and font) is taken over instead (``builder.util.cache``).
"""

from __future__ import annotations

import functools
import hashlib
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from builder.pages.cards import CARDS_URL, FONTS, HEIGHT, WIDTH, ShareCard
from builder.util.cache import OutputCache
from builder.util.parallel import fork_map

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
    """The facts as rounded boxes along the bottom edge (``y`` from the top of the strip)."""
    x, y = MARGIN, 0
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


def _write(pen: ImageDraw.ImageDraw, text: Text, top: int = 0) -> None:
    pen.text((text.x, text.y - top), text.text, font=font(text.font, text.size), fill=text.level)


@functools.lru_cache(maxsize=64)
def _background(lines: tuple[Text, ...]) -> Image.Image:
    """The band and the small lines, which most cards of a build share, drawn once."""
    canvas = Image.new("L", (WIDTH, HEIGHT), 255)
    pen = ImageDraw.Draw(canvas)
    pen.rectangle((0, 0, WIDTH, BAND - 1), fill=0)
    for text in lines:
        _write(pen, text)
    return canvas


@functools.lru_cache(maxsize=512)
def _chip_strip(facts: tuple[str, ...]) -> Image.Image:
    """The row of facts, drawn once for every card with the same facts."""
    strip = Image.new("L", (WIDTH, 60), 255)
    pen = ImageDraw.Draw(strip)
    for box, text in _chips(facts):
        pen.rounded_rectangle(box, radius=12, fill=CHIP)
        _write(pen, text)
    return strip


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _deflate(data: bytes) -> bytes:
    """zlib with run-length matching only: quicker than its fastest level on a card's long runs
    of one colour, and smaller."""
    stream = zlib.compressobj(6, zlib.DEFLATED, 15, 9, zlib.Z_RLE)
    return stream.compress(data) + stream.flush()


def _png(canvas: Image.Image) -> bytes:
    """A greyscale canvas as a 4-bit palette PNG, written here: zlib's run-length matching on
    rows without filters is several times quicker than Pillow's encoder, for a file as small. The
    canvas is laid two pixels right of a column of index 0, so that each packed row begins
    with the byte 0 that says "no filter"."""
    rows = Image.new("L", (WIDTH + 2, HEIGHT), 0)
    rows.paste(canvas, (2, 0))
    packed = Image.frombytes("P", rows.size, rows.point(_TO_LEVEL).tobytes()).tobytes("raw", "P;4")
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 4, 3, 0, 0, 0)  # 4 bits a pixel, a palette
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"PLTE", bytes(_PALETTE))
        + _chunk(b"IDAT", _deflate(packed))
        + _chunk(b"IEND", b"")
    )


def draw(card: ShareCard) -> bytes:
    """The PNG of a card."""
    lines = list(layout(card))
    canvas = _background(tuple(t for t in lines if t.size == SMALL)).copy()
    canvas.paste(_chip_strip(card.facts), (0, CHIPS_TOP))
    pen = ImageDraw.Draw(canvas)
    for text in lines:
        if text.size != SMALL:
            _write(pen, text)
    return _png(canvas)


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
