"""Share cards: every page type people share has an og:image that is a 1200x630 PNG in the
built site; the card shows the project's name and its 総コスト (checked by drawing the expected
text the way the card is drawn and comparing the pixels); a rebuild redraws only the cards
whose words changed."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

from PIL import Image, ImageDraw

from builder.build import build_site
from builder.pages.card_drawing import _TO_LEVEL, BAND, CHIP, _chips, draw, font, layout
from builder.pages.cards import HEIGHT, WIDTH, ShareCard, sheet_card
from builder.records.datafile import load_sheet
from builder.records.model import Sheet
from builder.settings.site import load_site_config
from builder.util.formatting import readable_yen
from tests.portal.faultkit import copy_built
from tests.portal.portalkit import CONTENT

BASE = "https://mieruka.example.jp"
META = re.compile(r'<meta (?:property|name)="((?:og|twitter):[a-z:_]+)" content="([^"]*)">')
SHARED = (
    "index.html",
    "projects/index.html",
    "projects/092/index.html",
    "projects/092/2022/index.html",
    "departments/policy-innovation/index.html",
    "sdgs/9/index.html",
    "data/index.html",
)


def _meta(page: Path) -> dict[str, str]:
    return dict(META.findall(page.read_text("utf-8")))


def _card_file(site: Path, page: str) -> Path:
    image = _meta(site / page)["og:image"]
    assert image.startswith(BASE + "/cards/") and image.endswith(".png")
    return site / image.removeprefix(BASE + "/")


def test_every_shared_page_has_a_large_card(site: Path) -> None:
    for page in SHARED:
        meta = _meta(site / page)
        assert meta["twitter:card"] == "summary_large_image", page
        assert (meta["og:image:width"], meta["og:image:height"], meta["og:image:type"]) == (
            "1200",
            "630",
            "image/png",
        )
        assert meta["og:image:alt"] and meta["og:description"] == meta["twitter:description"]
        with Image.open(_card_file(site, page)) as image:
            assert image.format == "PNG" and image.size == (WIDTH, HEIGHT), page
    assert _card_file(site, "projects/092/index.html") == _card_file(
        site, "projects/092/2022/index.html"
    )


def _drawn(card_path: Path, text: str, card: ShareCard) -> bool:
    """Whether ``text`` is drawn on the card where the card's layout puts it: the text drawn
    alone on paper, the same way, gives the same pixels within its box."""
    (line,) = [t for t in layout(card) if t.text == text]
    face = font(line.font, line.size)
    canvas = Image.new("L", (WIDTH, HEIGHT), 255)
    ImageDraw.Draw(canvas).text((line.x, line.y), text, font=face, fill=line.level)
    box = ImageDraw.Draw(canvas).textbbox((line.x, line.y), text, font=face)
    expected = canvas.point(_TO_LEVEL).crop(box).tobytes()
    with Image.open(card_path) as image:
        assert image.mode == "P"
        return image.crop(box).tobytes() == expected


def test_a_project_card_shows_the_name_and_the_full_cost(
    site: Path, sheets: dict[str, Sheet]
) -> None:
    """092: 決算額 9,307千円 + 人件費 2,166千円 = 11,473千円, about 1,147万円."""
    sheet = sheets["092"]
    cost = sheet.cost_for(2022)
    amount = readable_yen(cost.settlement + cost.personnel)
    assert amount == "約1,147万円"
    card = sheet_card(load_site_config(CONTENT), sheet)
    path = _card_file(site, "projects/092/index.html")
    assert path.name == f"{card.key}.png"
    assert _drawn(path, sheet.name, card) and _drawn(path, amount, card)
    other = ShareCard(
        card.site, card.eyebrow, card.title, card.figure_label, "約2,147万円", card.facts
    )
    assert not _drawn(path, "約2,147万円", other)  # a different amount is not what the card shows
    meta = _meta(site / "projects/092/index.html")
    assert meta["og:description"] == (
        "総コスト（令和4年度）：約1,147万円。方向性：継続。目標を達成した指標：0/1。"
        "（事業・つくば市・令和4年度）"
    )
    assert meta["og:image:alt"].startswith("国際戦略総合特区推進事業。総コスト")


def test_every_card_of_the_real_sheets(site: Path, sheets: dict[str, Sheet]) -> None:
    config = load_site_config(CONTENT)
    for code, sheet in sheets.items():
        card = sheet_card(config, sheet)
        assert _drawn(_card_file(site, f"projects/{code}/index.html"), card.figure, card), code


def test_a_rebuild_redraws_only_the_cards_whose_words_changed(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    content, out = copy_built(built, tmp_path)  # the session's build, its cards and cache
    before = {p.name: p.stat().st_ino for p in (out / "cards").iterdir()}
    old = _card_file(out, "projects/092/index.html").name
    sheet = content / "sheets" / "2022" / "000_3e14ed9760a955ee.txt"
    sheet.write_text(
        sheet.read_text("utf-8").replace(
            "国際戦略総合特区推進事業", "国際戦略総合特区推進事業（改）", 1
        ),
        "utf-8",
    )
    build_site(content, out)
    after = {p.name: p.stat().st_ino for p in (out / "cards").iterdir()}
    new = _card_file(out, "projects/092/index.html").name
    assert set(after) - set(before) == {new} and set(before) - set(after) == {old}
    assert all(
        after[name] == before[name] for name in after if name != new
    )  # taken over, not drawn again


def test_every_page_of_a_generated_city_has_its_card(generated_city: tuple[Path, Path]) -> None:
    """400 sheets over two years: every page of a kind people share shows a card of its own
    (the year-change page too); a sample of project cards shows each project's name and cost."""
    content, site = generated_city
    config = load_site_config(content)
    kinds = {
        "/": "index.html",
        "/projects/": "projects/index.html",
        "/changes/2022/": "changes/2022/index.html",
    }
    kinds |= {
        f"department {p.parent.name}": p.relative_to(site).as_posix()
        for p in site.glob("departments/*/index.html")
    }
    kinds |= {
        f"sdg {p.parent.name}": p.relative_to(site).as_posix()
        for p in site.glob("sdgs/*/index.html")
    }
    cards = {}
    for kind, page in kinds.items():
        path = _card_file(site, page)
        with Image.open(path) as image:
            assert image.size == (WIDTH, HEIGHT), kind
        cards[kind] = path.name
    assert len(set(cards.values())) == len(cards)  # each page its own card
    sheets = sorted(map(load_sheet, content.glob("data/2022/*.yaml")), key=lambda s: s.code)
    for sheet in sheets[::20]:
        card = sheet_card(config, sheet)
        for page in (f"projects/{sheet.code}/index.html", f"projects/{sheet.code}/2022/index.html"):
            path = _card_file(site, page)
            assert path.name == f"{card.key}.png"
            assert _drawn(path, card.figure, card) and _drawn(
                path, next(t.text for t in layout(card) if t.size == 60), card
            )
    changes = _meta(site / "changes/2022/index.html")
    # the project without a 2023 sheet did not say it ends: it is not counted as ended
    assert changes["og:description"].startswith("新しい事業／終わった事業：1件／0件。")
    assert "シートがなくなった事業：1件" in changes["og:description"]


def _reference(card: ShareCard) -> bytes:
    """The card drawn the plain way, on one canvas: the grey levels the PNG must hold."""
    canvas = Image.new("L", (WIDTH, HEIGHT), 255)
    pen = ImageDraw.Draw(canvas)
    pen.rectangle((0, 0, WIDTH - 1, BAND - 1), fill=0)
    for box, text in _chips(card.facts):
        pen.rounded_rectangle(box, radius=12, fill=CHIP)
        pen.text((text.x, text.y), text.text, font=font(text.font, text.size), fill=text.level)
    for text in layout(card):
        pen.text((text.x, text.y), text.text, font=font(text.font, text.size), fill=text.level)
    return canvas.point(_TO_LEVEL).tobytes()


def test_a_card_drawn_in_strips_is_the_card_drawn_whole(
    site: Path, sheets: dict[str, Sheet]
) -> None:
    """The strips a card is assembled from (shared ones drawn once) give exactly the pixels of
    drawing it whole, whatever the length of its title (one line, two, cut with …)."""
    config = load_site_config(CONTENT)
    cards = [sheet_card(config, sheet) for sheet in sheets.values()]
    cards.append(replace(cards[0], title="長い名前の事業" * 12, facts=("方向性：廃止",)))
    cards.append(replace(cards[0], figure="約9,999億9,999万円", facts=()))
    for card in cards:
        data = draw(card)
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            assert image.mode == "P" and image.size == (WIDTH, HEIGHT)
            assert image.tobytes() == _reference(card), card.title
