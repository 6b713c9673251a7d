"""What the portal publishes: the sheets with the corrections applied, and the dates of the data.

``content/releases.yaml`` records, per fiscal year, the date that year's sheets were put on
the portal; ``content/corrections.yaml`` (``builder.catalog.corrections``) the corrections made
since. The date of a sheet's data is the later of its year's release and its latest
correction. Every date comes from these files, never from the clock, so two builds of the
same content are byte-identical.
"""

from __future__ import annotations

import datetime
import sys
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from builder.catalog.corrections import Correction, apply_corrections
from builder.errors import ConfigError, Problem, SourceLoc
from builder.records.model import Sheet
from builder.settings.read import Settings
from builder.settings.releases import RELEASES_FILE
from builder.settings.site import SiteConfig


@dataclass(frozen=True)
class Release:
    """A fiscal year of sheets on the portal."""

    fiscal_year: int
    date: datetime.date | None  # None when releases.yaml gives no date for the year
    count: int  # sheets of the year


@dataclass(frozen=True)
class Publication:
    """The published records and their history, for the downloads, the citation and the feed."""

    site: SiteConfig
    sheets: tuple[Sheet, ...]  # corrections applied; by fiscal year, then code
    releases: tuple[Release, ...]  # oldest year first
    corrections: tuple[Correction, ...]  # in the order of corrections.yaml

    def corrections_of(self, sheet: Sheet) -> tuple[Correction, ...]:
        """The corrections applied to one sheet, in the order they were applied."""
        return self._corrections_by_sheet.get((sheet.fiscal_year, sheet.code), ())

    @cached_property
    def _corrections_by_sheet(self) -> dict[tuple[int, str], tuple[Correction, ...]]:
        """(fiscal year, code) -> the corrections of that sheet, in order (grouped once)."""
        grouped: dict[tuple[int, str], list[Correction]] = defaultdict(list)
        for c in self.corrections:
            grouped[(c.fiscal_year, c.code)].append(c)
        return {key: tuple(found) for key, found in grouped.items()}

    def release_of(self, fiscal_year: int) -> Release:
        """The release of a fiscal year that has sheets."""
        return next(r for r in self.releases if r.fiscal_year == fiscal_year)

    def data_date(self, sheet: Sheet) -> datetime.date | None:
        """The date of a sheet's data: its year's release or its latest correction, whichever is later."""
        dates = [c.date for c in self.corrections_of(sheet)]
        release = self.release_of(sheet.fiscal_year).date
        return max(dates + [release] if release else dates, default=None)

    @property
    def updated(self) -> datetime.date:
        """The latest date of the data as a whole (a release or a correction)."""
        dates = [r.date for r in self.releases if r.date] + [c.date for c in self.corrections]
        return max(dates)

    @property
    def undated(self) -> tuple[int, ...]:
        """Fiscal years with sheets but no date in releases.yaml."""
        return tuple(r.fiscal_year for r in self.releases if r.date is None)


def load_publication(sheets: list[Sheet], settings: Settings) -> Publication:
    """Apply the corrections of ``settings`` to ``sheets`` and date each fiscal year from its
    release dates; warn about undated years.

    Raises ConfigError when a correction does not fit the data, or when no date at all is known.
    """
    corrected, log = apply_corrections(settings.corrections, sheets)
    dates, content = settings.releases, settings.content
    years = sorted({s.fiscal_year for s in corrected})
    releases = tuple(
        Release(y, dates.get(y), sum(s.fiscal_year == y for s in corrected)) for y in years
    )
    publication = Publication(
        settings.site,
        tuple(sorted(corrected, key=lambda s: (s.fiscal_year, s.code))),
        releases,
        log,
    )
    for year in publication.undated:
        print(
            f"{content.name}/{RELEASES_FILE}: 警告: {year}年度のシートの掲載日がありません"
            "（フィードと引用の日付に使います）",
            file=sys.stderr,
        )
    if not any(r.date for r in releases) and not log:
        raise ConfigError(
            [
                Problem(
                    SourceLoc(f"{content.name}/{RELEASES_FILE}", 1),
                    "掲載日が1つもありません。「2022: 2023-06-30」のように年度の掲載日を書いてください",
                )
            ]
        )
    return publication
