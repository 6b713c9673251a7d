"""The open-data stage: corrections, downloads, citations, the data pages and the feed.

``load_open_data`` runs before the catalog is built, so every page is made from the
corrected records; the build then asks it for each project page's box
(:meth:`OpenData.for_sheet`), for its pages and the feed, and to write the downloads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from builder.catalog.population import Population
from builder.catalog.publication import Publication, load_publication
from builder.downloads.exports import Exports, WrittenFiles, build_exports
from builder.pages.cite import SheetOpenData, citation
from builder.pages.data_pages import corrections_page, data_index, quality_page
from builder.pages.feed import build_feed
from builder.pages.prose import ProsePage
from builder.pages.render import Output
from builder.records.model import Sheet
from builder.settings.read import Settings
from builder.util.cache import OutputCache
from builder.util.routes import CORRECTIONS_URL, DATA_URL, FEED_URL, QUALITY_URL


@dataclass(frozen=True)
class OpenData:
    """The published records and every open-data file and page made from them."""

    publication: Publication
    exports: Exports
    population: Population  # content/population.yaml, for the amounts per resident

    @property
    def sheets(self) -> tuple[Sheet, ...]:
        """The records to build the site from: the data files with the corrections applied."""
        return self.publication.sheets

    def for_sheet(self, sheet: Sheet) -> SheetOpenData:
        """The box of one sheet's page."""
        publication = self.publication
        return SheetOpenData(
            citation(sheet, publication.site, publication.data_date(sheet)),
            self.exports.sheet_downloads(sheet),
            publication.corrections_of(sheet),
            publication.release_of(sheet.fiscal_year).date,
        )

    def pages(self, prose: tuple[ProsePage, ...]) -> list[Output]:
        """/data/ (which takes the place of the data.md prose page), /data/quality/,
        /data/corrections/ and the feed."""
        data = next(p for p in prose if p.meta.path == DATA_URL)
        return [
            Output(
                DATA_URL, "data_index.html", data_index(data, self.publication, self.exports.portal)
            ),
            Output(QUALITY_URL, "data_quality.html", quality_page(self.publication)),
            Output(CORRECTIONS_URL, "data_corrections.html", corrections_page(self.publication)),
            Output(FEED_URL, "feed.xml", build_feed(self.publication), in_sitemap=False),
        ]

    def write(
        self, root: Path, previous: OutputCache | None = None
    ) -> tuple[OpenData, WrittenFiles]:
        """Write the download files into the site folder ``root`` (taking over those the
        previous build published with the same bytes, as ``previous`` records them); return
        this open data without their bytes (the links and pages stay; the bytes, tens of
        kilobytes a sheet, need not be held while the pages are rendered) and what was
        written."""
        written = self.exports.write(root, previous)
        return replace(self, exports=replace(self.exports, files={})), written


def load_open_data(
    settings: Settings,
    sheets: list[Sheet],
    data_texts: Mapping[tuple[int, str], str] | None = None,
    cache: Path | None = None,
) -> OpenData:
    """Apply the corrections of ``settings`` to ``sheets``, date them, and make every download
    (``data_texts``: the sheets' data-file texts, if the data stage made them; ``cache``: the
    folder of ``builder.util.cache``, for reusing what unchanged sheets add to the downloads)."""
    publication = load_publication(sheets, settings)
    population = Population(settings.population)
    return OpenData(
        publication, build_exports(publication, data_texts, cache, population), population
    )
