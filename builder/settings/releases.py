"""``content/releases.yaml``: the date each fiscal year's sheets were put on the portal, which
dates the feed's entries and the data of a page's citation (``builder.catalog.publication``)."""

from __future__ import annotations

import datetime
from pathlib import Path

from builder.settings.gate import FIRST_DATE, LAST_DATE, date_problem
from builder.settings.schema import as_date, read_checked
from builder.util.yamlfile import present, problem

RELEASES_FILE = "releases.yaml"


def read_releases(content: Path) -> dict[int, datetime.date]:
    """The ``<fiscal year>: <date>`` lines of releases.yaml, checked against its schema
    (``schemas/releases.schema.json``) and the gate's dates (none when the
    file is absent)."""
    path = content / RELEASES_FILE
    if not present(path):
        return {}
    document = read_checked(path, f"{content.name}/{RELEASES_FILE}", "releases")
    dates = {}
    for key, text in (document.value or {}).items():
        year, date = int(key), as_date(text)
        if not 1926 <= year <= 2200 or date_problem(date) is not None:
            raise problem(
                document.display,
                document.key_line(key),
                f"1926〜2200 年度の、{FIRST_DATE}〜{LAST_DATE} の掲載日",
                f"{year}: {date}",
            )
        dates[year] = date
    return dates
