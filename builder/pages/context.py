"""Typed page contexts shared by every page: URLs, links, page metadata, project lists.

URLs are root-relative and stable (``/projects/092/``, ``/departments/<slug>/``,
``/sdgs/9/``). Each template receives one context as ``page``: the project page is built
in ``builder.pages.project_page``, the home, department and SDG pages in ``builder.pages.index_pages``.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.pages.figures import NOT_CLOSED, Cell, amount_cell
from builder.records.model import Sheet, full_cost
from builder.util.formatting import number, short_yen, thousand_yen
from builder.util.routes import project_url

HOME = "ホーム"


def is_abolished(sheet: Sheet) -> bool:
    """Whether the sheet's direction is 廃止 (the project ends)."""
    return "廃止" in (sheet.direction.decision or "")


@dataclass(frozen=True)
class Link:
    """A labelled root-relative link."""

    label: str
    url: str


@dataclass(frozen=True)
class PageMeta:
    """What every page has: its URL, title, description and breadcrumbs."""

    path: str  # root-relative URL of the page, e.g. /projects/092/
    title: str  # without the site name
    description: str
    breadcrumbs: tuple[Link, ...]  # ancestors, home first; the page itself is not included
    has_charts: bool = False
    og_type: str = "website"


@dataclass(frozen=True)
class Totals:
    """Summed 決算額, 人件費 and full cost of a set of sheets, in 千円 (table form and prose form)."""

    count: int
    settlement: int
    personnel: int
    full_cost: int

    @property
    def cells(self) -> tuple[Cell, Cell, Cell]:
        """The three amounts as table cells."""
        return (
            Cell(number(self.settlement)),
            Cell(number(self.personnel)),
            Cell(number(self.full_cost)),
        )

    @property
    def full_cost_text(self) -> str:
        """The full cost for prose: ``約1,147万円（11,473千円）``."""
        return f"{short_yen(self.full_cost)}（{thousand_yen(self.full_cost)}）"


@dataclass(frozen=True)
class ProjectRow:
    """One project in a list table."""

    code: str
    name: str
    url: str
    department: str  # 部・局
    division: str  # 課・室 ("" when the sheet names none)
    settlement: Cell
    personnel: Cell
    full_cost: Cell
    direction: str
    abolished: bool  # the direction is 廃止
    sdgs: tuple[int, ...]  # the SDG goals the sheet names


@dataclass(frozen=True)
class ProjectTable:
    """Projects with their costs and direction, largest full cost first, with totals.

    ``totals`` always counts every project of the list; when the page shows only the largest
    of them (:func:`largest_table`), ``rows`` are those and ``more`` links to all of them.
    """

    caption: str
    rows: tuple[ProjectRow, ...]
    totals: Totals
    more: Link | None = None  # where the projects left out of ``rows`` are listed

    @property
    def left_out(self) -> int:
        """How many projects of the totals have no row here."""
        return self.totals.count - len(self.rows)


def totals(sheets: tuple[Sheet, ...]) -> Totals:
    """The summed costs of the sheets' own years (unknown values count as nothing)."""
    costs = [s.cost_for(s.fiscal_year) for s in sheets]
    return Totals(
        count=len(sheets),
        settlement=sum(c.settlement or 0 for c in costs if c),
        personnel=sum(c.personnel or 0 for c in costs if c),
        full_cost=sum(full_cost(c) or 0 for c in costs),
    )


def project_row(sheet: Sheet) -> ProjectRow:
    """A sheet as a row of a project list."""
    cost = sheet.cost_for(sheet.fiscal_year)
    return ProjectRow(
        code=sheet.code,
        name=sheet.name,
        url=project_url(sheet.code),
        department=sheet.department,
        division=sheet.division or "",
        settlement=amount_cell(cost.settlement if cost else None, NOT_CLOSED),
        personnel=amount_cell(cost.personnel if cost else None, NOT_CLOSED),
        full_cost=amount_cell(full_cost(cost), NOT_CLOSED),
        direction=sheet.direction.decision or "—",
        abolished=is_abolished(sheet),
        sdgs=tuple(sorted(sheet.sdgs)),
    )


def project_table(caption: str, sheets: tuple[Sheet, ...]) -> ProjectTable:
    """A list table of sheets, in the order given."""
    return ProjectTable(caption, tuple(project_row(s) for s in sheets), totals(sheets))


def largest_table(caption: str, sheets: tuple[Sheet, ...], limit: int, more: Link) -> ProjectTable:
    """A list table of the first ``limit`` sheets (give them largest cost first), with the
    totals of all of them and, when some are left out, ``more`` (where all are listed)."""
    shown = sheets[:limit]
    return ProjectTable(
        caption,
        tuple(project_row(s) for s in shown),
        totals(sheets),
        more if len(shown) < len(sheets) else None,
    )


@dataclass(frozen=True)
class SimplePage:
    """A page with only a title and description (search, 404): the template holds the rest."""

    meta: PageMeta
