"""The open-data pages: ``/data/`` (downloads and terms), ``/data/quality/`` and ``/data/corrections/``.

``/data/`` keeps the prose of ``content/pages/data.md``: its title and first paragraph
come first, then the downloads, then the rest of the text (contents and licence).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from markupsafe import Markup

from builder.catalog.corrections import Correction
from builder.catalog.publication import Publication, Release
from builder.downloads.exports import Download
from builder.pages.cite import japanese_date
from builder.pages.context import HOME, Link, PageMeta
from builder.pages.prose import ProsePage
from builder.records.model import Note, Sheet
from builder.util.formatting import fiscal_year_label
from builder.util.routes import CORRECTIONS_URL, DATA_URL, FEED_URL, QUALITY_URL, project_year_url
from builder.util.wareki import era_label

NOTE_KINDS = {
    "breakdown_mismatch": "財源内訳の合計が決算額と一致しない",
    "negative_amount": "負の金額が記載されている",
    "future_settlement": "決算前の年度に決算額が記載されている",
    "indicator_kind_missing": "指標の種別（活動結果指標／成果指標）が空欄",
    "indicator_unnamed": "指標名が空欄なのに値が記載されている",
    "indicator_zero_actual": "指標の実績が0と記載されている（目標値は0でない）",
    "forbidden_characters": "XMLやHTMLに書けない文字（制御文字など）を取り除いた",
}  # one label per note kind of the data contract (builder/records/sheet.schema.json)
NOT_CLOSED_KIND = "決算が確定していない年度がある"


@dataclass(frozen=True)
class ReleaseRow:
    """A fiscal year on the portal, for the table on /data/."""

    year_label: str
    date: str  # 2026年11月28日, or 記録なし
    count: int


@dataclass(frozen=True)
class DataIndexPage:
    """``/data/``: the prose of data.md around the list of downloads."""

    meta: PageMeta
    intro: Markup  # the title and first paragraph of data.md
    body: Markup  # the rest of data.md
    downloads: tuple[Download, ...]
    releases: tuple[ReleaseRow, ...]
    quality_url: str
    corrections_url: str
    corrections_count: int
    feed_url: str
    fiscal_years: tuple[int, ...]  # the years of the sheets on the portal, oldest first
    published: datetime.date | None  # the first release date
    modified: datetime.date  # the latest release or correction


@dataclass(frozen=True)
class SheetQuality:
    """What a reader should know about one sheet's numbers."""

    link: Link  # the sheet's year page
    notes: tuple[Note, ...]
    not_closed: str  # 令和5年度・令和6年度, or empty when every year is closed

    @property
    def findings(self) -> tuple[tuple[str, str], ...]:
        """Each note as (its kind in words, its message)."""
        return tuple((NOTE_KINDS[n.check], n.message) for n in self.notes)


@dataclass(frozen=True)
class KindCount:
    """How many findings of one kind the sheets have."""

    label: str
    count: int  # findings
    sheets: int  # sheets with at least one


@dataclass(frozen=True)
class QualityYear:
    """The sheets of one fiscal year on the quality page."""

    year_label: str
    anchor: str  # fy-2022
    sheets: tuple[SheetQuality, ...]


@dataclass(frozen=True)
class QualityPage:
    """``/data/quality/``: every parser note and every year not yet closed, per sheet."""

    meta: PageMeta
    kinds: tuple[KindCount, ...]
    years: tuple[QualityYear, ...]


@dataclass(frozen=True)
class CorrectionRow:
    """A correction on /data/corrections/."""

    date: str  # 2026年12月1日
    iso_date: str
    project: Link  # the corrected sheet's year page, at its corrections section
    year_label: str
    correction: Correction


@dataclass(frozen=True)
class CorrectionsPage:
    """``/data/corrections/``: every correction, newest first."""

    meta: PageMeta
    rows: tuple[CorrectionRow, ...]
    csv_url: str


def _data_crumbs() -> tuple[Link, ...]:
    return Link(HOME, "/"), Link("データの利用について", DATA_URL)


def _sheet_link(sheet: Sheet, anchor: str = "") -> Link:
    return Link(
        f"{sheet.code} {sheet.name}", project_year_url(sheet.code, sheet.fiscal_year) + anchor
    )


def not_closed_years(sheet: Sheet) -> tuple[int, ...]:
    """Years of the sheet's tables after its own year: 決算額 and indicator actuals are not known yet."""
    years = {c.fiscal_year for c in sheet.costs} | {
        v.fiscal_year for i in sheet.indicators for v in i.values
    }
    return tuple(sorted(y for y in years if y > sheet.fiscal_year))


def data_index(
    prose: ProsePage, publication: Publication, downloads: tuple[Download, ...]
) -> DataIndexPage:
    """``/data/`` from the prose page of data.md and the whole-portal downloads."""
    split = prose.html.find("<h2")
    intro, body = (prose.html[:split], prose.html[split:]) if split >= 0 else (prose.html, "")
    return DataIndexPage(
        meta=prose.meta,
        intro=Markup(intro),
        body=Markup(body),
        downloads=downloads,
        releases=tuple(_release_row(r) for r in reversed(publication.releases)),
        quality_url=QUALITY_URL,
        corrections_url=CORRECTIONS_URL,
        corrections_count=len(publication.corrections),
        feed_url=FEED_URL,
        fiscal_years=tuple(r.fiscal_year for r in publication.releases),
        published=min((r.date for r in publication.releases if r.date), default=None),
        modified=publication.updated,
    )


def _release_row(release: Release) -> ReleaseRow:
    return ReleaseRow(
        fiscal_year_label(release.fiscal_year),
        japanese_date(release.date) if release.date else "記録なし",
        release.count,
    )


def quality_page(publication: Publication) -> QualityPage:
    """``/data/quality/``: the sheets by fiscal year, newest first, each with its notes and open years."""
    years = []
    for release in reversed(publication.releases):
        sheets = [s for s in publication.sheets if s.fiscal_year == release.fiscal_year]
        years.append(
            QualityYear(
                fiscal_year_label(release.fiscal_year),
                f"fy-{release.fiscal_year}",
                tuple(
                    SheetQuality(
                        _sheet_link(s, "#notes" if s.notes else ""),
                        s.notes,
                        "・".join(era_label(y) for y in not_closed_years(s)),
                    )
                    for s in sheets
                ),
            )
        )
    all_notes = [(s, n) for s in publication.sheets for n in s.notes]
    kinds = [
        KindCount(
            label,
            sum(n.check == check for _, n in all_notes),
            len({(s.fiscal_year, s.code) for s, n in all_notes if n.check == check}),
        )
        for check, label in NOTE_KINDS.items()
    ]
    open_sheets = sum(bool(not_closed_years(s)) for s in publication.sheets)
    kinds.append(KindCount(NOT_CLOSED_KIND, open_sheets, open_sheets))
    description = "シートを読み込んだときに見つかった、数値について注意が必要な点を、シートごとに一覧にしています。"
    return QualityPage(
        PageMeta(QUALITY_URL, "データの品質", description, _data_crumbs()),
        tuple(kinds),
        tuple(years),
    )


def corrections_page(publication: Publication) -> CorrectionsPage:
    """``/data/corrections/``: the corrections log, newest first (same day: later entries first)."""
    by_key = {(s.fiscal_year, s.code): s for s in publication.sheets}
    ordered = sorted(
        enumerate(publication.corrections), key=lambda item: (item[1].date, item[0]), reverse=True
    )
    rows = tuple(
        CorrectionRow(
            japanese_date(c.date),
            c.date.isoformat(),
            _sheet_link(by_key[(c.fiscal_year, c.code)], "#corrections"),
            fiscal_year_label(c.fiscal_year),
            c,
        )
        for _, c in ordered
    )
    description = (
        "公表されたシートの数値や文章を、市が後から訂正したものの一覧です。"
        "訂正前と訂正後の値と理由を示します。"
    )
    meta = PageMeta(CORRECTIONS_URL, "訂正の一覧", description, _data_crumbs())
    return CorrectionsPage(meta, rows, DATA_URL + "corrections.csv")
