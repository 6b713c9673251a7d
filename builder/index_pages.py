"""The index pages: home, departments and SDG goals, all about the catalog's latest year."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from builder.catalog import SDG_GOALS, Catalog, Department
from builder.bars import stacked_bars
from builder.figures import Column, Figure, Row
from builder.formatting import fiscal_year_label
from builder.pages import (
    HOME,
    Link,
    PageMeta,
    ProjectTable,
    Totals,
    changes_url,
    department_url,
    project_table,
    sdg_url,
    totals,
)

NO_DIVISION = "課・室の記載なし"  # heading for sheets that name no division
NO_DIVISION_ANCHOR = "no-division"


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


@dataclass(frozen=True)
class HomePage:
    """``/``: the latest year's totals, costs by department, directions, every project."""

    meta: PageMeta
    year_label: str
    totals: Totals
    department_figure: Figure
    directions: tuple[tuple[str, int], ...]  # decision, count; most frequent first
    table: ProjectTable
    departments: tuple[Link, ...]
    changes: tuple[Link, ...]  # what-changed pages, newest year first


def _home_crumbs() -> tuple[Link, ...]:
    return (Link(HOME, "/"),)


def department_index(catalog: Catalog) -> DepartmentIndexPage:
    """The department index page."""
    year = fiscal_year_label(catalog.latest_year)
    rows = tuple(
        DepartmentRow(
            Link(d.name, department_url(d)),
            tuple(Link(v.name or NO_DIVISION, department_url(d, v.slug or NO_DIVISION_ANCHOR)) for v in d.divisions),
            totals(d.sheets),
        )
        for d in catalog.departments
    )
    description = f"{year}の事務事業を担当部署ごとにまとめ、費用の大きい順に並べています。"
    meta = PageMeta("/departments/", "部署別の事業", description, _home_crumbs())
    return DepartmentIndexPage(meta, year, rows, totals(catalog.current))


def department_page(catalog: Catalog, department: Department) -> DepartmentPage:
    """One department's page."""
    year = fiscal_year_label(catalog.latest_year)
    blocks = tuple(
        DivisionBlock(name, v.slug or NO_DIVISION_ANCHOR, project_table(f"{name}の事業（{year}、費用の大きい順）", v.sheets))
        for v in department.divisions
        for name in (v.name or NO_DIVISION,)
    )
    meta = PageMeta(
        department_url(department), department.name,
        f"{department.name}が担当する{year}の事務事業{len(department.sheets)}件の費用と今後の方向性。",
        (*_home_crumbs(), Link("部署別の事業", "/departments/")),
    )
    return DepartmentPage(meta, department.name, year, totals(department.sheets), blocks)


def sdg_index(catalog: Catalog) -> SdgIndexPage:
    """The SDG index page: all 17 goals."""
    year = fiscal_year_label(catalog.latest_year)
    goals = tuple(SdgRow(n, name, sdg_url(n), len(catalog.sdg_sheets(n))) for n, name in sorted(SDG_GOALS.items()))
    description = f"{year}の事務事業を、関連するSDGs（持続可能な開発目標）の17の目標ごとにまとめています。"
    meta = PageMeta("/sdgs/", "SDGsの目標別の事業", description, _home_crumbs())
    return SdgIndexPage(meta, year, goals)


def sdg_page(catalog: Catalog, goal: int) -> SdgPage:
    """One SDG goal's page."""
    year = fiscal_year_label(catalog.latest_year)
    name = SDG_GOALS[goal]
    sheets = catalog.sdg_sheets(goal)
    table = project_table(f"目標{goal}に関連する事業（{year}、費用の大きい順）", sheets) if sheets else None
    meta = PageMeta(sdg_url(goal), f"SDGs 目標{goal}：{name}",
                    f"SDGsの目標{goal}「{name}」に関連する{year}の事務事業（{len(sheets)}件）。",
                    (*_home_crumbs(), Link("SDGsの目標別の事業", "/sdgs/")))
    return SdgPage(meta, goal, name, year, table)


def _department_figure(catalog: Catalog) -> Figure:
    """Costs by department as bars drawn at build time: a single stacked bar per department
    needs no chart library on a phone (see builder.bars)."""
    names = tuple(d.name for d in catalog.departments)
    sums = [totals(d.sheets) for d in catalog.departments]
    bars = stacked_bars(names, (("決算額", tuple(t.settlement for t in sums)), ("人件費", tuple(t.personnel for t in sums))),
                        unit="千円")
    columns = (Column("決算額（千円）", None), Column("人件費（千円）", None), Column("総コスト（千円）", None))
    rows = tuple(Row(name, None, None, t.cells) for name, t in zip(names, sums))
    title = f"部署別の総コスト（{fiscal_year_label(catalog.latest_year)}、決算額＋人件費）"
    return Figure("costs-by-department", title, None, columns, rows, None, row_heading="部署", bars=bars)


def home_page(catalog: Catalog, description: str) -> HomePage:
    """The home page."""
    year = fiscal_year_label(catalog.latest_year)
    directions = Counter(s.direction.decision or "記載なし" for s in catalog.current)
    meta = PageMeta("/", HOME, description, ())
    return HomePage(
        meta, year, totals(catalog.current), _department_figure(catalog),
        tuple(sorted(directions.items(), key=lambda item: (-item[1], item[0]))),
        project_table(f"{year}の全事業（事業番号順）", catalog.current),
        tuple(Link(d.name, department_url(d)) for d in catalog.departments),
        tuple(Link(f"{fiscal_year_label(y)}の主な変化", changes_url(y))
              for y in reversed(catalog.years[1:]) if y - 1 in catalog.years),
    )
