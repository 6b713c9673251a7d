"""The "cite this page" box of a project page: what a journalist needs to quote a sheet.

The permalink is the frozen page of the sheet's year (``/projects/<code>/<fy>/``), which
keeps showing that sheet after newer years arrive; the figures are those of the sheet's
own year, written as the pages write them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from builder.catalog.corrections import Correction
from builder.downloads.exports import Download
from builder.records.model import Sheet, full_cost
from builder.settings.site import SiteConfig
from builder.util.formatting import fiscal_year_label, yen_with_readable
from builder.util.routes import project_year_url
from builder.util.wareki import era_label

NO_VALUE = "記載なし"


@dataclass(frozen=True)
class KeyFigure:
    """A key figure: its label and its value as text."""

    label: str
    value: str


@dataclass(frozen=True)
class Citation:
    """Title, year, permalink, date of the data and key figures of one sheet."""

    title: str  # the project name
    year_label: str  # 令和4年度 (2022年度)
    permalink: str  # absolute URL of the year page
    permalink_path: str  # the same, root-relative (for the link itself)
    date: datetime.date | None  # date of the data; None when the year has no release date
    figures: tuple[KeyFigure, ...]  # of the sheet's own year
    quote: str  # the figures as one sentence, ready to quote
    source: str  # the source to put under a quote, followed by the permalink and the date

    @property
    def quotation(self) -> str:
        """The quotation as the copy button copies it: the sentence, then the source line."""
        dated = f"（データの日付：{self.date_text}）" if self.date else ""
        return f"{self.quote}\n{self.source} {self.permalink}{dated}"

    @property
    def date_text(self) -> str:
        """The date of the data in words: ``2026年11月28日``."""
        return japanese_date(self.date) if self.date else "記録なし"


def japanese_date(date: datetime.date) -> str:
    """``2026-11-28`` -> ``2026年11月28日``."""
    return f"{date.year}年{date.month}月{date.day}日"


def _amount(value: int | None) -> str:
    return NO_VALUE if value is None else yen_with_readable(value)


def citation(sheet: Sheet, site: SiteConfig, date: datetime.date | None) -> Citation:
    """The citation of a sheet whose data is dated ``date``."""
    cost = sheet.cost_for(sheet.fiscal_year)
    year = era_label(sheet.fiscal_year)
    figures = (
        KeyFigure("予算額", _amount(cost.budget if cost else None)),
        KeyFigure("決算額", _amount(cost.settlement if cost else None)),
        KeyFigure("人件費", _amount(cost.personnel if cost else None)),
        KeyFigure("総コスト（決算額＋人件費）", _amount(full_cost(cost))),
        KeyFigure("今後の方向性", sheet.direction.decision or NO_VALUE),
    )
    path = project_year_url(sheet.code, sheet.fiscal_year)
    label = fiscal_year_label(sheet.fiscal_year)
    quote = (
        f"{site.city}の事務事業「{sheet.name}」（事業番号{sheet.code}）は、{label}の事務事業マネジメントシートで、"
        + "、".join(f"{f.label}{'は' if f.value == NO_VALUE else ''}{f.value}" for f in figures[:4])
        + f"、{figures[4].label}は「{figures[4].value}」とされています。"
    )
    source = f"出典：{site.city}「事務事業マネジメントシート（{year}）」{sheet.name}、{site.title}"
    return Citation(sheet.name, label, site.absolute(path), path, date, figures, quote, source)


@dataclass(frozen=True)
class SheetOpenData:
    """What a project page shows about its sheet's data: citation, downloads, corrections."""

    citation: Citation
    downloads: tuple[Download, ...]
    corrections: tuple[Correction, ...]
    published: datetime.date | None = None  # the release date of the sheet's fiscal year
