"""The index pages: home, departments and SDG goals, all about the catalog's latest year.

They are built for a whole city (600–1,000 sheets a year): a department or SDG page lists
at most :data:`PAGE_ROWS` projects, the largest by full cost, with the totals of all and a
link to the rest in the project list (``/projects/``, ``builder.pages.project_list``); the home
page summarises and shows only the :data:`HOME_ROWS` largest projects. So each page stays
well within Lighthouse's DOM-size budget (about 1,400 elements) whatever the city's size.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from builder.catalog.catalog import Catalog, Department, sort_key_by_cost
from builder.pages.changes_page import ChangeSummary, change_summary
from builder.pages.context import (
    HOME,
    Link,
    PageMeta,
    ProjectTable,
    Totals,
    largest_table,
    totals,
)
from builder.pages.indicator_summary import AttainmentSummary, attainment_summary
from builder.pages.per_resident import PerResidentBox, per_resident_box
from builder.pages.render import Output
from builder.pages.treemap import Group, Item, Treemap, nested_treemap, share, treemap
from builder.records.model import Sheet, full_cost
from builder.records.sdgs import SDG_GOALS
from builder.util.formatting import fiscal_year_label
from builder.util.routes import (
    DEPARTMENTS_URL,
    HOME_URL,
    SDGS_URL,
    changes_url,
    department_url,
    project_list_url,
    project_url,
    sdg_url,
)

NO_DIVISION = "課・室の記載なし"  # heading for sheets that name no division
NO_DIVISION_ANCHOR = "no-division"
# Project rows on a department or SDG page at most (about 10 elements each; 100 kept
# Lighthouse TBT above 200 ms at 800 sheets).
PAGE_ROWS = 50
HOME_ROWS = 10  # the largest projects on the home page


@dataclass(frozen=True)
class DepartmentRow:
    """A department on the department index."""

    link: Link
    divisions: tuple[Link, ...]
    totals: Totals


@dataclass(frozen=True)
class DepartmentIndexPage:
    """``/departments/``: every department and division, largest cost first."""

    meta: PageMeta
    year_label: str
    rows: tuple[DepartmentRow, ...]
    totals: Totals


@dataclass(frozen=True)
class DivisionBlock:
    """A division section of a department page."""

    name: str
    anchor: str
    table: ProjectTable


@dataclass(frozen=True)
class DepartmentPage:
    """``/departments/<slug>/``: a department's divisions and their projects."""

    meta: PageMeta
    name: str
    year_label: str
    totals: Totals
    divisions: tuple[DivisionBlock, ...]
    indicators: AttainmentSummary  # the latest year's indicators against their targets
    per_resident: PerResidentBox  # the totals per resident
    picture: Treemap  # the divisions and their projects by full cost
    city_share: str  # the department's share of the city's full cost, e.g. 12.3%


@dataclass(frozen=True)
class SdgRow:
    """A goal on the SDG index."""

    number: int
    name: str
    url: str
    count: int


@dataclass(frozen=True)
class SdgIndexPage:
    """``/sdgs/``: the 17 goals with their project counts."""

    meta: PageMeta
    year_label: str
    goals: tuple[SdgRow, ...]


@dataclass(frozen=True)
class SdgPage:
    """``/sdgs/<n>/``: one goal and its projects (None when no project is linked to it)."""

    meta: PageMeta
    number: int
    name: str
    year_label: str
    table: ProjectTable | None
    picture: Treemap | None  # the goal's projects by full cost (None with the table)


@dataclass(frozen=True)
class HomePage:
    """``/``: the latest year's totals, costs by department, directions, the largest projects."""

    meta: PageMeta
    year_label: str
    totals: Totals
    picture: Treemap  # the departments by full cost
    directions: tuple[tuple[str, int], ...]  # decision, count; most frequent first
    largest: ProjectTable  # the HOME_ROWS largest projects; ``more`` links to the project list
    latest_change: (
        ChangeSummary | None
    )  # what changed in the latest year, when the year before has sheets
    departments: tuple[Link, ...]
    changes: tuple[Link, ...]  # what-changed pages, newest year first
    per_resident: PerResidentBox  # the totals per resident


def _home_crumbs() -> tuple[Link, ...]:
    return (Link(HOME, HOME_URL),)


def department_index(catalog: Catalog) -> DepartmentIndexPage:
    """The department index page."""
    year = fiscal_year_label(catalog.latest_year)
    rows = tuple(
        DepartmentRow(
            Link(d.name, department_url(d.slug)),
            tuple(
                Link(v.name or NO_DIVISION, department_url(d.slug, v.slug or NO_DIVISION_ANCHOR))
                for v in d.divisions
            ),
            totals(d.sheets),
        )
        for d in catalog.departments
    )
    description = f"{year}の事務事業を担当部署ごとにまとめ、費用の大きい順に並べています。"
    meta = PageMeta(DEPARTMENTS_URL, "部署別の事業", description, _home_crumbs())
    return DepartmentIndexPage(meta, year, rows, totals(catalog.current))


def _largest_caption(what: str, year: str, shown: int, count: int) -> str:
    order = "費用の大きい順" + ("" if shown == count else f"、上位{shown}件")
    return f"{what}（{year}、{order}）"


def department_page(catalog: Catalog, department: Department) -> DepartmentPage:
    """One department's page: each division's projects among the department's
    :data:`PAGE_ROWS` largest (every project of a department up to that size)."""
    year = fiscal_year_label(catalog.latest_year)
    shown = {id(s) for s in department.sheets[:PAGE_ROWS]}  # a Sheet hashes all it holds
    blocks = []
    for division in department.divisions:
        name = division.name or NO_DIVISION
        rows = sum(1 for s in division.sheets if id(s) in shown)
        caption = _largest_caption(f"{name}の事業", year, rows, len(division.sheets))
        more = Link(
            f"{name}の事業{len(division.sheets)}件すべてを事業一覧で見る",
            project_list_url(department=department.name, q=division.name or ""),
        )
        blocks.append(
            DivisionBlock(
                name,
                division.slug or NO_DIVISION_ANCHOR,
                largest_table(caption, division.sheets, rows, more),
            )
        )
    meta = PageMeta(
        department_url(department.slug),
        department.name,
        f"{department.name}が担当する{year}の事務事業{len(department.sheets)}件の費用と今後の方向性。",
        (*_home_crumbs(), Link("部署別の事業", DEPARTMENTS_URL)),
    )
    sums = totals(department.sheets)
    groups = tuple(
        Group(b.name, department_url(department.slug, b.anchor), _items(d.sheets))
        for b, d in zip(blocks, department.divisions)
    )
    picture = nested_treemap(
        "budget-picture",
        f"{department.name}の課・室と事業の総コスト（{year}）",
        groups,
        department_url(department.slug, "divisions"),
    )
    return DepartmentPage(
        meta,
        department.name,
        year,
        sums,
        tuple(blocks),
        attainment_summary(department.sheets, catalog.latest_year),
        _per_resident(catalog, sums),
        picture,
        share(sums.full_cost, totals(catalog.current).full_cost),
    )


def sdg_index(catalog: Catalog) -> SdgIndexPage:
    """The SDG index page: all 17 goals."""
    year = fiscal_year_label(catalog.latest_year)
    goals = tuple(
        SdgRow(n, name, sdg_url(n), len(catalog.sdg_sheets(n)))
        for n, name in sorted(SDG_GOALS.items())
    )
    description = (
        f"{year}の事務事業を、関連するSDGs（持続可能な開発目標）の17の目標ごとにまとめています。"
    )
    meta = PageMeta(SDGS_URL, "SDGsの目標別の事業", description, _home_crumbs())
    return SdgIndexPage(meta, year, goals)


def sdg_page(catalog: Catalog, goal: int) -> SdgPage:
    """One SDG goal's page."""
    year = fiscal_year_label(catalog.latest_year)
    name = SDG_GOALS[goal]
    sheets = catalog.sdg_sheets(goal)
    caption = _largest_caption(
        f"目標{goal}に関連する事業", year, min(len(sheets), PAGE_ROWS), len(sheets)
    )
    more = Link(
        f"目標{goal}に関連する事業{len(sheets)}件すべてを事業一覧で見る",
        project_list_url(sdg=str(goal)),
    )
    table = largest_table(caption, sheets, PAGE_ROWS, more) if sheets else None
    picture = (
        treemap(
            "budget-picture",
            f"目標{goal}に関連する事業の総コスト（{year}）",
            _items(sheets),
            project_list_url(sdg=str(goal)),
        )
        if sheets
        else None
    )
    meta = PageMeta(
        sdg_url(goal),
        f"SDGs 目標{goal}：{name}",
        f"SDGsの目標{goal}「{name}」に関連する{year}の事務事業（{len(sheets)}件）。",
        (*_home_crumbs(), Link("SDGsの目標別の事業", SDGS_URL)),
    )
    return SdgPage(meta, goal, name, year, table, picture)


def _items(sheets: tuple[Sheet, ...]) -> tuple[Item, ...]:
    """Each sheet's project as an area of a picture: its full cost of the sheet's year."""
    return tuple(
        Item(s.name, full_cost(s.cost_for(s.fiscal_year)) or 0, project_url(s.code)) for s in sheets
    )


def _department_picture(catalog: Catalog) -> Treemap:
    """The departments by full cost, each area linking to its page; the small ones as one
    area linking to the department index."""
    items = tuple(
        Item(d.name, totals(d.sheets).full_cost, department_url(d.slug))
        for d in catalog.departments
    )
    return treemap(
        "budget-picture",
        f"部署別の総コスト（{fiscal_year_label(catalog.latest_year)}）",
        items,
        DEPARTMENTS_URL,
        unit="部署",
    )


def _per_resident(catalog: Catalog, sums: Totals) -> PerResidentBox:
    return per_resident_box(
        catalog.population,
        catalog.latest_year,
        (("決算額の合計", sums.settlement), ("総コストの合計", sums.full_cost)),
    )


def home_page(catalog: Catalog, description: str) -> HomePage:
    """The home page."""
    year = fiscal_year_label(catalog.latest_year)
    directions = Counter(s.direction.decision or "記載なし" for s in catalog.current)
    meta = PageMeta("/", HOME, description, ())
    return HomePage(
        meta,
        year,
        totals(catalog.current),
        _department_picture(catalog),
        tuple(sorted(directions.items(), key=lambda item: (-item[1], item[0]))),
        largest_table(
            f"総コストの大きい事業（{year}、上位{min(HOME_ROWS, len(catalog.current))}件）",
            tuple(sorted(catalog.current, key=sort_key_by_cost)),
            HOME_ROWS,
            Link(
                f"{year}のすべての事業（{len(catalog.current)}件）を一覧で見る", project_list_url()
            ),
        ),
        change_summary(catalog),
        tuple(Link(d.name, department_url(d.slug)) for d in catalog.departments),
        tuple(
            Link(f"{fiscal_year_label(y)}の主な変化", changes_url(y))
            for y in reversed(catalog.years[1:])
            if y - 1 in catalog.years
        ),
        _per_resident(catalog, totals(catalog.current)),
    )


def home_outputs(catalog: Catalog, description: str) -> list[Output]:
    """The home page (``description``: the site's, from its settings)."""
    return [Output(HOME_URL, "home.html", home_page(catalog, description))]


def department_outputs(catalog: Catalog) -> list[Output]:
    """The list of departments, then the page of each."""
    return [
        Output(DEPARTMENTS_URL, "departments.html", department_index(catalog)),
        *(
            Output(department_url(d.slug), "department.html", department_page(catalog, d))
            for d in catalog.departments
        ),
    ]


def sdg_outputs(catalog: Catalog) -> list[Output]:
    """The list of the goals, then the page of each goal."""
    return [
        Output(SDGS_URL, "sdgs.html", sdg_index(catalog)),
        *(Output(sdg_url(n), "sdg.html", sdg_page(catalog, n)) for n in sorted(SDG_GOALS)),
    ]
