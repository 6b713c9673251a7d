"""The Atom feed (``/feed.xml``): each fiscal year of sheets put on the portal, and each correction.

Entries are dated from ``content/releases.yaml`` and ``content/corrections.yaml`` (midnight
Japan time), newest first; the feed is dated by its newest entry. Ids are tag URIs made
from the site's host and the entry's date, so they never change once published.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlsplit

from builder.catalog.corrections import Correction
from builder.catalog.publication import Publication
from builder.settings.site import SiteConfig
from builder.util.formatting import fiscal_year_label
from builder.util.routes import DATA_URL, FEED_URL, project_year_url


@dataclass(frozen=True)
class FeedEntry:
    """One entry: a fiscal year published, or a correction."""

    id: str  # tag URI
    title: str
    url: str  # absolute
    updated: str  # RFC 3339, e.g. 2026-11-28T00:00:00+09:00
    summary: str


@dataclass(frozen=True)
class Feed:
    """The feed's own data and its entries, newest first."""

    title: str
    url: str  # absolute URL of the feed itself
    home: str  # absolute URL of the site
    updated: str
    entries: tuple[FeedEntry, ...]
    subtitle: str = ""  # what the feed announces


def timestamp(date: datetime.date) -> str:
    """Midnight of ``date`` in Japan, as Atom writes a time."""
    return f"{date.isoformat()}T00:00:00+09:00"


def feed_host(site: SiteConfig) -> str:
    """The host of the site, which every entry id names."""
    return urlsplit(site.base_url).hostname or "localhost"


def correction_entry(site: SiteConfig, number: int, correction: Correction, name: str) -> FeedEntry:
    """The entry of correction ``number`` (its place in corrections.yaml) of project ``name``."""
    c = correction
    return FeedEntry(
        f"tag:{feed_host(site)},{c.date.isoformat()}:correction/{number}",
        f"訂正：{name}（{fiscal_year_label(c.fiscal_year)}）の{c.label}",
        site.absolute(project_year_url(c.code, c.fiscal_year) + "#corrections"),
        timestamp(c.date),
        f"{c.label}を {c.old_text} から {c.new_text} に訂正しました。理由：{c.reason}",
    )


def build_feed(publication: Publication) -> Feed:
    """The feed of a publication."""
    site = publication.site
    host = feed_host(site)
    dated: list[tuple[datetime.date, int, FeedEntry]] = []
    for release in publication.releases:
        if release.date:
            label = fiscal_year_label(release.fiscal_year)
            dated.append(
                (
                    release.date,
                    0,
                    FeedEntry(
                        f"tag:{host},{release.date.isoformat()}:release/{release.fiscal_year}",
                        f"{label}の事務事業マネジメントシートを掲載しました（{release.count}事業）",
                        site.absolute(DATA_URL),
                        timestamp(release.date),
                        f"{label}のシート{release.count}件を、事業ごとのページとダウンロード用のデータで公開しました。",
                    ),
                )
            )
    for number, c in enumerate(publication.corrections, 1):
        sheet = next(
            s for s in publication.sheets if (s.fiscal_year, s.code) == (c.fiscal_year, c.code)
        )
        dated.append((c.date, number, correction_entry(site, number, c, sheet.name)))
    dated.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return Feed(
        title=f"{site.title}の更新情報",
        url=site.absolute(FEED_URL),
        home=site.absolute("/"),
        updated=timestamp(publication.updated),
        entries=tuple(entry for _, _, entry in dated),
        subtitle=f"{site.city}の事務事業マネジメントシートの年度ごとの掲載と、公表後の訂正のお知らせです。",
    )
