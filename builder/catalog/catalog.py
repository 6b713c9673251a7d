"""Every loaded sheet in memory, grouped the ways the portal shows them.

A *project* is one 事務事業 code across fiscal years; its latest sheet is what
``/projects/<code>/`` shows. Department, SDG and home pages describe the latest fiscal
year of the whole catalog. Iteration order is always sorted, so pages come out the same
on every build.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from builder.catalog.history import ProjectHistory, project_history
from builder.catalog.population import Population
from builder.catalog.textdiff import FieldDiff, compare_texts
from builder.records.model import Sheet, full_cost
from builder.settings.departments import Organisation


def sort_key_by_cost(sheet: Sheet) -> tuple[int, str]:
    """Largest full cost of the sheet's own year first, then by code."""
    return (-(full_cost(sheet.cost_for(sheet.fiscal_year)) or 0), sheet.code)


@dataclass(frozen=True)
class Project:
    """One 事務事業 across the fiscal years the portal holds."""

    code: str
    sheets: tuple[Sheet, ...]  # oldest first

    @property
    def latest(self) -> Sheet:
        """The newest sheet of the project."""
        return self.sheets[-1]

    @property
    def history(self) -> ProjectHistory:
        """Costs and indicators over every year its sheets cover (see builder.catalog.history)."""
        return project_history(self.sheets)

    @cached_property
    def comparisons(self) -> tuple[tuple[FieldDiff, ...], ...]:
        """The text fields of each sheet after the first compared with the sheet before it,
        sentence by sentence (``builder.catalog.textdiff``), oldest first: made once a build
        (in each process) for the links of the project's pages and of the changes pages."""
        return tuple(
            compare_texts(before, after) for before, after in zip(self.sheets, self.sheets[1:])
        )


@dataclass(frozen=True)
class Division:
    """A 課・室 and the latest-year sheets it is responsible for, largest cost first."""

    name: str | None  # None when the sheet names no division
    slug: str | None
    sheets: tuple[Sheet, ...]


@dataclass(frozen=True)
class Department:
    """A 部・局 with its divisions, largest cost first."""

    name: str
    slug: str
    divisions: tuple[Division, ...]

    @cached_property
    def sheets(self) -> tuple[Sheet, ...]:
        """All latest-year sheets of the department, largest cost first (sorted once)."""
        return tuple(sorted((s for d in self.divisions for s in d.sheets), key=sort_key_by_cost))


@dataclass(frozen=True)
class Catalog:
    """All projects, plus the latest fiscal year grouped by department and by SDG goal."""

    projects: tuple[Project, ...]  # by code
    latest_year: int
    current: tuple[Sheet, ...]  # the sheets of latest_year, by code
    departments: tuple[Department, ...]  # largest cost first
    years: tuple[int, ...]  # every fiscal year with sheets, oldest first
    population: Population = Population()  # for the amounts per resident

    @cached_property
    def department_named(self) -> dict[str, Department]:
        """Each department by its name (made once, for the link of every project page)."""
        return {d.name: d for d in self.departments}

    def sdg_sheets(self, goal: int) -> tuple[Sheet, ...]:
        """Latest-year sheets linked to an SDG goal, largest cost first."""
        return tuple(sorted((s for s in self.current if goal in s.sdgs), key=sort_key_by_cost))


def _total(sheets: tuple[Sheet, ...]) -> int:
    """Sum of the full costs of sheets (unknown costs count as nothing)."""
    return sum(full_cost(s.cost_for(s.fiscal_year)) or 0 for s in sheets)


def _departments(current: tuple[Sheet, ...], org: Organisation) -> tuple[Department, ...]:
    grouped: dict[str, dict[str | None, list[Sheet]]] = defaultdict(lambda: defaultdict(list))
    for sheet in current:
        grouped[sheet.department][sheet.division].append(sheet)
    departments = []
    for name, by_division in grouped.items():
        divisions = [
            Division(
                division,
                org.division_slug(name, division),
                tuple(sorted(sheets, key=sort_key_by_cost)),
            )
            for division, sheets in by_division.items()
        ]
        divisions.sort(key=lambda d: (-_total(d.sheets), d.slug or ""))
        departments.append(Department(name, org.department_slug(name), tuple(divisions)))
    return tuple(sorted(departments, key=lambda d: (-_total(d.sheets), d.slug)))


def build_catalog(
    sheets: list[Sheet], org: Organisation, population: Population = Population()
) -> Catalog:
    """Group sheets into projects and the latest year's departments; slugs come from ``org``;
    ``population`` (``content/population.yaml``) gives the amounts per resident."""
    by_code: dict[str, list[Sheet]] = defaultdict(list)
    for sheet in sheets:
        by_code[sheet.code].append(sheet)
    projects = tuple(
        Project(code, tuple(sorted(group, key=lambda s: s.fiscal_year)))
        for code, group in sorted(by_code.items())
    )
    latest_year = max(s.fiscal_year for s in sheets)
    current = tuple(
        sorted((s for s in sheets if s.fiscal_year == latest_year), key=lambda s: s.code)
    )
    years = tuple(sorted({s.fiscal_year for s in sheets}))
    return Catalog(projects, latest_year, current, _departments(current, org), years, population)
