"""A feed per department (``/departments/<slug>/feed.xml``): what a reporter following one
部・局 wants to hear of, and nothing of the others.

Its entries: each fiscal year of the department's sheets put on the portal, the projects
that are new in a year (no sheet the year before), the projects of the year before that have
no sheet in the year (ended where their last sheet's direction says so: 廃止, 完了, 統合 or
終了, as on ``/changes/``; otherwise the year simply has no sheet for them), and each
correction of one of its sheets. Entries of a year are dated by its release
(``content/releases.yaml``), corrections by their own date; a year without a release date
is left out, as in the site's feed (``builder.pages.feed``).
"""

from __future__ import annotations

import datetime

from builder.catalog.catalog import Catalog, Department
from builder.catalog.changes import says_it_ends
from builder.catalog.publication import Publication
from builder.pages.context import is_abolished
from builder.pages.feed import Feed, FeedEntry, correction_entry, feed_host, timestamp
from builder.pages.render import Output
from builder.records.model import Sheet
from builder.util.formatting import fiscal_year_label
from builder.util.routes import department_feed_url, department_url, project_url


def _year_entries(
    publication: Publication,
    department: Department,
    host: str,
    by_year: dict[int, dict[str, Sheet]],
) -> list[tuple[datetime.date, int, FeedEntry]]:
    site = publication.site
    page = site.absolute(department_url(department.slug))
    dated = []
    portal_years = {release.fiscal_year for release in publication.releases}
    for release in publication.releases:
        year, label = release.fiscal_year, fiscal_year_label(release.fiscal_year)
        sheets, before = (
            by_year.get(year, {}),
            by_year.get(year - 1, {}) if year - 1 in portal_years else None,
        )
        if not release.date or not sheets:
            continue
        tag, when = (
            f"tag:{host},{release.date.isoformat()}:{department.slug}",
            timestamp(release.date),
        )
        dated.append(
            (
                release.date,
                0,
                FeedEntry(
                    f"{tag}/release/{year}",
                    f"{label}の{department.name}のシートを掲載しました（{len(sheets)}事業）",
                    page,
                    when,
                    f"{department.name}が担当する{len(sheets)}事業の{label}のシートを公開しました。",
                ),
            )
        )
        if before is None:
            continue
        for code in sorted(set(sheets) - set(before)):
            dated.append(
                (
                    release.date,
                    1,
                    FeedEntry(
                        f"{tag}/new/{year}/{code}",
                        f"新しい事業：{sheets[code].name}（{label}）",
                        site.absolute(project_url(code)),
                        when,
                        f"{label}に{department.name}の新しい事業として載りました。",
                    ),
                )
            )
        for code in sorted(set(before) - set(sheets)):
            last = before[code]
            ended = says_it_ends(last)  # as /changes/ and the project page tell ended projects
            title = (
                f"{'廃止された事業' if is_abolished(last) else '終わった事業'}：{last.name}"
                if ended
                else f"{label}のシートがない事業：{last.name}"
            )
            previous = fiscal_year_label(year - 1)
            summary = (
                f"{previous}のシートで今後の方向性が「{last.direction.decision}」とされ、"
                if ended
                else f"{previous}まではシートがありましたが、"
            ) + f"{label}のシートはありません。"
            dated.append(
                (
                    release.date,
                    2,
                    FeedEntry(
                        f"{tag}/ended/{year}/{code}",
                        title,
                        site.absolute(project_url(code)),
                        when,
                        summary,
                    ),
                )
            )
    return dated


def department_feed(publication: Publication, department: Department) -> Feed:
    """The feed of one department, newest entry first."""
    site = publication.site
    host = feed_host(site)
    by_year: dict[int, dict[str, Sheet]] = {}
    for sheet in publication.sheets:
        if sheet.department == department.name:
            by_year.setdefault(sheet.fiscal_year, {})[sheet.code] = sheet
    dated = _year_entries(publication, department, host, by_year)
    for number, c in enumerate(publication.corrections, 1):
        corrected = by_year.get(c.fiscal_year, {}).get(c.code)
        if corrected is None:
            continue
        dated.append((c.date, 3, correction_entry(site, number, c, corrected.name)))
    dated.sort(key=lambda item: (item[0], -item[1], item[2].id), reverse=True)
    newest = max((date for date, _, _ in dated), default=publication.updated)
    return Feed(
        title=f"{department.name}の更新情報（{site.title}）",
        url=site.absolute(department_feed_url(department.slug)),
        home=site.absolute(department_url(department.slug)),
        updated=timestamp(newest),
        entries=tuple(entry for _, _, entry in dated),
        subtitle=f"{site.city}の{department.name}が担当する事業の、年度ごとの掲載、新しい事業と終わった事業、訂正のお知らせです。",
    )


def department_feed_outputs(catalog: Catalog, publication: Publication) -> list[Output]:
    """The feed of every department (feeds are not in the sitemap)."""
    return [
        Output(
            department_feed_url(d.slug),
            "feed.xml",
            department_feed(publication, d),
            in_sitemap=False,
        )
        for d in catalog.departments
    ]
