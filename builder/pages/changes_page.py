"""The "what changed" page of a fiscal year: ``/changes/<fy>/``."""

from __future__ import annotations

from dataclasses import dataclass

from builder.catalog.catalog import Catalog
from builder.catalog.changes import AmountChange, YearChanges, year_changes
from builder.pages.context import HOME, Link, PageMeta, ProjectTable, project_table
from builder.pages.figures import Cell
from builder.pages.indicator_summary import AttainmentSummary, attainment_summary
from builder.pages.render import Output
from builder.pages.text_changes_page import ComparisonLink, reworded
from builder.records.model import Sheet
from builder.util.formatting import change, fiscal_year_label, number
from builder.util.routes import CHANGES_URL, changes_url, project_url


@dataclass(frozen=True)
class AmountRow:
    """A project whose amount changed: both years' amounts and the change in words."""

    code: str
    name: str
    url: str
    before: Cell
    after: Cell
    change: str


@dataclass(frozen=True)
class DirectionRow:
    """A project whose 方向性 changed."""

    code: str
    name: str
    url: str
    before: str
    after: str


@dataclass(frozen=True)
class ChangesPage:
    """New and ended projects, the largest cost changes and the changed directions of one year."""

    meta: PageMeta
    year_label: str
    previous_label: str
    new: ProjectTable
    ended: ProjectTable  # the last sheet said the project ends
    unlisted: ProjectTable  # no sheet this year, though the last one did not say the project ends
    settlement: tuple[AmountRow, ...]
    personnel: tuple[AmountRow, ...]
    directions: tuple[DirectionRow, ...]
    indicators: AttainmentSummary  # the year's indicators against their targets
    reworded: tuple[ComparisonLink, ...]  # projects whose wording changed, with their comparison


def _amount_rows(changes: tuple[AmountChange, ...]) -> tuple[AmountRow, ...]:
    return tuple(
        AmountRow(
            c.sheet.code,
            c.sheet.name,
            project_url(c.sheet.code),
            Cell(number(c.before)),
            Cell(number(c.after)),
            change(c.before, c.after),
        )
        for c in changes
    )


def _sheets_by_code(catalog: Catalog, fiscal_year: int) -> dict[str, Sheet]:
    return {s.code: s for p in catalog.projects for s in p.sheets if s.fiscal_year == fiscal_year}


def _changes(catalog: Catalog, fiscal_year: int) -> YearChanges:
    return year_changes(
        _sheets_by_code(catalog, fiscal_year - 1),
        _sheets_by_code(catalog, fiscal_year),
        fiscal_year,
    )


@dataclass(frozen=True)
class ChangeSummary:
    """How many projects a year's what-changed page lists, for the home page."""

    link: Link  # the what-changed page
    new: int
    ended: int  # projects of the year before with no sheet this year (ended or not)
    directions: int  # projects whose 方向性 changed


def _change_years(catalog: Catalog) -> list[int]:
    """The years with a what-changed page (the year before has sheets), oldest first."""
    return [y for y in catalog.years[1:] if y - 1 in catalog.years]


def latest_changes_link(catalog: Catalog) -> Link | None:
    """The site menu's link to the newest what-changed page; None when no year has one."""
    years = _change_years(catalog)
    return Link("主な変化", changes_url(years[-1])) if years else None


def _summary(catalog: Catalog, year: int) -> ChangeSummary:
    found = _changes(catalog, year)
    link = Link(f"{fiscal_year_label(year)}の主な変化", changes_url(year))
    return ChangeSummary(
        link, len(found.new), len(found.ended) + len(found.unlisted), len(found.directions)
    )


def change_summary(catalog: Catalog) -> ChangeSummary | None:
    """The counts of the latest year's changes; None when the year before has no sheets."""
    return (
        _summary(catalog, catalog.latest_year) if catalog.latest_year - 1 in catalog.years else None
    )


@dataclass(frozen=True)
class ChangesIndexPage:
    """``/changes/``: every year with a what-changed page, newest first, with its counts."""

    meta: PageMeta
    years: tuple[ChangeSummary, ...]


def changes_index(catalog: Catalog) -> ChangesIndexPage | None:
    """The index of the what-changed pages; None when no year has one."""
    years = _change_years(catalog)
    if not years:
        return None
    meta = PageMeta(
        CHANGES_URL,
        "年度ごとの主な変化",
        "前の年度と比べた、各年度の事務事業の主な変化（新しい事業、終わった事業、費用と方向性の変化）の一覧。",
        (Link(HOME, "/"),),
    )
    return ChangesIndexPage(meta, tuple(_summary(catalog, y) for y in reversed(years)))


def changes_page(catalog: Catalog, fiscal_year: int) -> ChangesPage:
    """The page comparing ``fiscal_year`` with the year before (which must have sheets)."""
    found = _changes(catalog, fiscal_year)
    year, previous = fiscal_year_label(fiscal_year), fiscal_year_label(fiscal_year - 1)
    return ChangesPage(
        meta=PageMeta(
            changes_url(fiscal_year),
            f"{year}の主な変化",
            f"{previous}と比べた{year}の事務事業の変化：新しい事業、終わった事業、決算額と人件費の大きな増減、方向性の変更。",
            (Link(HOME, "/"), Link("年度ごとの主な変化", CHANGES_URL)),
        ),
        year_label=year,
        previous_label=previous,
        new=project_table(f"{year}に新しくシートが作られた事業", found.new),
        ended=project_table(
            f"{previous}のシートで廃止・完了・統合などとされ、{year}のシートがない事業（金額は{previous}）",
            found.ended,
        ),
        unlisted=project_table(
            f"{previous}のシートがあり、{year}のシートがない事業（{previous}の方向性は終了ではない。金額は{previous}）",
            found.unlisted,
        ),
        settlement=_amount_rows(found.settlement),
        personnel=_amount_rows(found.personnel),
        directions=tuple(
            DirectionRow(
                d.sheet.code,
                d.sheet.name,
                project_url(d.sheet.code),
                d.before or "—",
                d.after or "—",
            )
            for d in found.directions
        ),
        indicators=attainment_summary(_sheets_by_code(catalog, fiscal_year).values(), fiscal_year),
        reworded=reworded(catalog, fiscal_year),
    )


def changes_outputs(catalog: Catalog) -> list[Output]:
    """The pages of this module: the changes of every year that follows a year with sheets,
    then their index (when there is one)."""
    outputs = [
        Output(changes_url(year), "changes.html", changes_page(catalog, year))
        for year in catalog.years[1:]
        if year - 1 in catalog.years
    ]
    index = changes_index(catalog)
    return outputs + ([Output(index.meta.path, "changes_index.html", index)] if index else [])
