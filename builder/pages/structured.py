"""Structured data (JSON-LD, schema.org) for search engines and data catalogues.

``/data/`` is a ``Dataset`` of every sheet, each whole-portal download a ``DataDownload``;
a project page (the latest and each year's) is a ``Dataset`` of its sheet's figures with its
own downloads. Both name the licence of ``content/site.yaml``, the city as publisher, the
fiscal years they cover (a Japanese fiscal year runs from April to March) and their dates.
The properties used are checked against schema.org's vocabulary by
``tests/portal/test_structured_data.py``.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable

from markupsafe import Markup

from builder.downloads.exports import Download
from builder.pages.data_pages import DataIndexPage
from builder.pages.project_page import ProjectPage
from builder.settings.site import SiteConfig
from builder.util.routes import DATA_URL

MEDIA_TYPES = {
    "YAML": "application/yaml",
    "JSON": "application/json",
    "CSV": "text/csv",
    "ZIP": "application/zip",
    "SQLite": "application/vnd.sqlite3",
}
SHEET_KEYWORDS = ("事務事業マネジメントシート", "行政評価", "事務事業評価")


def _coverage(years: Iterable[int]) -> str | None:
    """Fiscal years as an ISO 8601 interval: 2021-2023 -> ``2021-04-01/2024-03-31``."""
    ordered = sorted(years)
    return f"{ordered[0]}-04-01/{ordered[-1] + 1}-03-31" if ordered else None


def _downloads(site: SiteConfig, downloads: Iterable[Download]) -> list[dict[str, object]]:
    return [
        {
            "@type": "DataDownload",
            "name": f"{d.label}（{d.format}）",
            "contentUrl": site.absolute(d.url),
            "encodingFormat": MEDIA_TYPES.get(d.format, d.format),
        }
        for d in downloads
    ]


def _common(
    site: SiteConfig, url: str, published: datetime.date | None, modified: datetime.date | None
) -> dict[str, object]:
    """What every dataset of the portal says: licence, publisher, place, language, dates."""
    city = {"@type": "GovernmentOrganization", "name": site.city}
    common: dict[str, object] = {
        "url": url,
        "inLanguage": "ja",
        "isAccessibleForFree": True,
        "license": site.licence.url,
        "publisher": city,
        "creator": city,
        "spatialCoverage": {"@type": "Place", "name": site.city},
    }
    if published:
        common["datePublished"] = published.isoformat()
    if modified:
        common["dateModified"] = modified.isoformat()
    return common


def project_dataset(page: ProjectPage, site: SiteConfig) -> dict[str, object]:
    """A project page as a schema.org ``Dataset`` of its sheet's figures."""
    sheet, url = page.sheet, site.absolute(page.meta.path)
    years = (int(c.sublabel) for f in page.cost_figures[:1] for c in f.columns if c.sublabel)
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": url + "#dataset",
        "name": page.meta.title,
        "description": page.meta.description,
        "identifier": sheet.code,
        "keywords": [
            *SHEET_KEYWORDS,
            *(part for part in (sheet.department, sheet.division) if part),
        ],
        **_common(site, url, page.open_data.published, page.open_data.citation.date),
        "isPartOf": {"@id": site.absolute(DATA_URL) + "#dataset"},
        "variableMeasured": [
            "予算額",
            "決算額",
            "人件費",
            "総コスト",
            *(f"指標{i.number}：{i.name}" for i in page.indicators if i.name),
        ],
        "distribution": _downloads(site, page.open_data.downloads),
    }
    coverage = _coverage(years)
    if coverage:
        data["temporalCoverage"] = coverage
    return data


def portal_dataset(page: DataIndexPage, site: SiteConfig) -> dict[str, object]:
    """``/data/`` as a schema.org ``Dataset`` of every sheet, with each download."""
    url = site.absolute(page.meta.path)
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": url + "#dataset",
        "name": f"{site.title}のデータ",
        "description": page.meta.description,
        "keywords": list(SHEET_KEYWORDS),
        **_common(site, url, page.published, page.modified),
        "distribution": _downloads(site, page.downloads),
    }
    coverage = _coverage(page.fiscal_years)
    if coverage:
        data["temporalCoverage"] = coverage
    return data


def structured_data(page: object, site: SiteConfig) -> Markup:
    """The ``<script type="application/ld+json">`` of a page ('' for a page without one).
    The JSON escapes ``<``, ``>`` and ``&`` so no text of a sheet can end the script."""
    if isinstance(page, ProjectPage):
        data = project_dataset(page, site)
    elif isinstance(page, DataIndexPage):
        data = portal_dataset(page, site)
    else:
        return Markup("")
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{text}</script>\n')
