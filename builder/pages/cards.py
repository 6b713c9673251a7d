"""Share cards: what the 1200×630 picture of a shared link shows (``og:image``).

A card is made for every page people share: a project (its latest page and each year's
page), a department, an SDG goal, the home page, ``/projects/`` and ``/changes/<fy>/``; every
other page shows the home page's card. A card says what the page is about in a few words a
thumbnail keeps readable: the name, one amount in 億円・万円, two facts (the direction and
how many indicators met their target, or counts), the city and the fiscal year. The same
words are the page's ``og:description``.

A card's file is named by the hash of what it shows and how it is drawn
(:attr:`ShareCard.key`), so a rebuild draws only the cards whose words changed, and a card
that did not change keeps its address (``builder.pages.card_drawing`` draws them).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from pathlib import Path

from builder.catalog.catalog import Catalog
from builder.errors import ToolError
from builder.pages.at_a_glance import indicators_met
from builder.pages.changes_page import ChangesPage
from builder.pages.index_pages import DepartmentPage, SdgPage
from builder.pages.indicator_summary import attainment_summary
from builder.pages.project_list import ProjectListPage
from builder.pages.render import Output
from builder.records.model import Sheet, full_cost
from builder.settings.site import SiteConfig
from builder.util.formatting import readable_yen
from builder.util.routes import CARDS_URL
from builder.util.wareki import era_label

WIDTH, HEIGHT = 1200, 630
NOT_GIVEN = "記載なし"
FONT_DIR = (
    Path(__file__).resolve().parents[2] / "node_modules" / "@expo-google-fonts" / "biz-udpgothic"
)
FONTS = {
    "regular": FONT_DIR / "400Regular" / "BIZUDPGothic_400Regular.ttf",
    "bold": FONT_DIR / "700Bold" / "BIZUDPGothic_700Bold.ttf",
}
DRAWING = Path(__file__).with_name("card_drawing.py")


@functools.cache
def drawing_hash() -> str:
    """What besides its words decides a card's pixels: the drawing code, the fonts and Pillow."""
    hasher = hashlib.sha256(DRAWING.read_bytes())
    for path in FONTS.values():
        if not path.is_file():
            raise ToolError("フォント", f"{path} がありません。`npm ci` を実行してください")
        hasher.update(path.read_bytes())
    hasher.update(importlib.metadata.version("pillow").encode())
    return hasher.hexdigest()


@dataclass(frozen=True)
class ShareCard:
    """The words of one card, top to bottom."""

    site: str  # the site's name, in the band at the top
    eyebrow: str  # what the page is and its place and year: 事業・つくば市・令和5年度
    title: str  # the project, department or goal
    figure_label: str  # 総コスト（令和5年度）
    figure: str  # 約1億2,346万円
    facts: tuple[str, ...]  # at most three short facts: 方向性：継続, 目標を達成した指標：2/3

    @functools.cached_property
    def key(self) -> str:
        """The hash of what the card shows and how it is drawn: its file name."""
        words = {name: getattr(self, name) for name in _CARD_FIELDS}  # (as asdict, less slowly)
        text = json.dumps(words, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(f"{drawing_hash()}\n{text}".encode()).hexdigest()[:32]

    @property
    def url(self) -> str:
        """The card's root-relative address."""
        return f"{CARDS_URL}{self.key}.png"

    @property
    def description(self) -> str:
        """The card's words as one sentence: the ``og:description``."""
        return (
            f"{self.figure_label}：{self.figure}。"
            + "".join(f"{fact}。" for fact in self.facts)
            + f"（{self.eyebrow}）"
        )

    @property
    def alt(self) -> str:
        """The text alternative of the picture."""
        return f"{self.title}。{self.description}"


_CARD_FIELDS = tuple(field.name for field in fields(ShareCard))


def _place(site: SiteConfig, fiscal_year: int) -> str:
    return f"{site.city}・{era_label(fiscal_year)}"


def _cost(amount: int | None) -> str:
    return NOT_GIVEN if amount is None else readable_yen(amount)


def _met(sheets: Iterable[Sheet], fiscal_year: int) -> str:
    """``目標を達成した指標：2/3``: of the indicators with a settled actual and a target in
    the year, those that reached it."""
    summary = attainment_summary(sheets, fiscal_year)
    if not summary.compared:
        return "目標を達成した指標：実績なし"
    return f"目標を達成した指標：{summary.reached}/{summary.compared}"


def _sheet_met(sheet: Sheet) -> str:
    """The indicators met as the project page's summary counts them (at_a_glance): in the
    latest year up to the sheet's own that has results, named when it is not the sheet's."""
    met = indicators_met(sheet)
    if met is None:
        return "目標を達成した指標：実績なし"
    year = "" if met.year_label == era_label(sheet.fiscal_year) else f"（{met.year_label}）"
    return f"目標を達成した指標{year}：{met.reached}/{met.compared}"


def sheet_card(site: SiteConfig, sheet: Sheet) -> ShareCard:
    """The card of a project's page for one sheet: its 総コスト, direction and indicators met."""
    year = sheet.fiscal_year
    return ShareCard(
        site.title,
        f"事業・{_place(site, year)}",
        sheet.name,
        f"総コスト（{era_label(year)}）",
        _cost(full_cost(sheet.cost_for(year))),
        (f"方向性：{sheet.direction.decision or '—'}", _sheet_met(sheet)),
    )


def _totals_card(
    site: SiteConfig, catalog: Catalog, kind: str, title: str, full: int, count: int, *facts: str
) -> ShareCard:
    year = catalog.latest_year
    return ShareCard(
        site.title,
        f"{kind}・{_place(site, year)}",
        title,
        f"総コスト（{era_label(year)}）",
        _cost(full),
        (f"{count:,}事業", *facts),
    )


def page_card(site: SiteConfig, catalog: Catalog, page: object) -> ShareCard:
    """The card of an index page (home, project list, department, SDG goal, a year's changes);
    the home page's card for any other page."""
    year = catalog.latest_year
    latest = catalog.current
    if isinstance(page, DepartmentPage):
        sheets = [s for s in latest if s.department == page.name]
        return _totals_card(
            site,
            catalog,
            "部署",
            page.name,
            page.totals.full_cost,
            page.totals.count,
            _met(sheets, year),
        )
    if isinstance(page, SdgPage):
        count, full = (
            (page.table.totals.count, page.table.totals.full_cost) if page.table else (0, 0)
        )
        return _totals_card(site, catalog, "SDGs", f"目標{page.number}：{page.name}", full, count)
    if isinstance(page, ChangesPage):
        changed, changed_year = (
            len(page.directions),
            int(page.meta.path.strip("/").rsplit("/", 1)[-1]),
        )
        return ShareCard(
            site.title,
            f"年度の変化・{_place(site, changed_year)}",
            f"{era_label(changed_year)}に変わったこと",
            "新しい事業／終わった事業",
            f"{page.new.totals.count:,}件／{page.ended.totals.count:,}件",
            (f"方向性が変わった事業：{changed:,}件",)
            # no sheet this year, though the last one did not say the project ends (issue 20)
            + (
                (f"シートがなくなった事業：{page.unlisted.totals.count:,}件",)
                if page.unlisted.rows
                else ()
            ),
        )
    total = sum(full_cost(s.cost_for(year)) or 0 for s in latest)
    if isinstance(page, ProjectListPage):
        return _totals_card(
            site, catalog, "事業一覧", "事業一覧", total, len(latest), _met(latest, year)
        )
    return _totals_card(
        site,
        catalog,
        "ホーム",
        f"{site.city}の事務事業",
        total,
        len(latest),
        f"{len(catalog.departments):,}部署",
    )


def with_cards(outputs: list[Output], site: SiteConfig, catalog: Catalog) -> list[Output]:
    """``outputs`` with the card of each page that has none yet (the feed gets none)."""
    home = page_card(site, catalog, None)
    return [
        o
        if o.card or not o.is_page
        else replace(o, card=home if o.page is None else page_card(site, catalog, o.page))
        for o in outputs
    ]
