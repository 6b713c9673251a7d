"""``/projects/``: every project of the catalog's latest year in one table.

The table is plain HTML, in 事業番号 order, and complete without JavaScript; with it,
``assets/projects.js`` sorts it by any column and filters it by department, direction,
SDG goal and text (the filters also come from the URL: ``/projects/?department=…``, which
the department and SDG pages link to for the projects they leave out).

The rows come in groups of :data:`ROWS_PER_GROUP`, one ``<tbody>`` each: on a phone a group
away from the screen is neither styled nor laid out (``content-visibility: auto``), so a
city's 1,000 rows cost the first screen about as much as 10 to 20 do.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import ClassVar

from builder.catalog.catalog import Catalog
from builder.pages.context import HOME, Link, PageMeta, ProjectRow, ProjectTable, project_table
from builder.pages.render import Output
from builder.records.sdgs import SDG_GOALS
from builder.util.formatting import fiscal_year_label
from builder.util.routes import PROJECT_LIST

ROWS_PER_GROUP = 10  # rows per <tbody>; assets/projects.js keeps the groups this size when it sorts


@dataclass(frozen=True)
class ProjectListPage:
    """The project list and the choices of its filters."""

    meta: PageMeta
    year_label: str
    table: ProjectTable  # every latest-year project, by code
    departments: tuple[str, ...]  # largest cost first, as on /departments/
    directions: tuple[str, ...]  # most frequent first
    goals: tuple[tuple[int, str], ...]  # the SDG goals some project names: number, name

    group_size: ClassVar[int] = ROWS_PER_GROUP

    @property
    def row_groups(self) -> tuple[tuple[ProjectRow, ...], ...]:
        """The table's rows in groups of :data:`ROWS_PER_GROUP` (the last one may be shorter)."""
        rows = self.table.rows
        return tuple(
            rows[start : start + ROWS_PER_GROUP] for start in range(0, len(rows), ROWS_PER_GROUP)
        )


def project_list(catalog: Catalog) -> ProjectListPage:
    """The project list page of the catalog's latest year."""
    year = fiscal_year_label(catalog.latest_year)
    table = project_table(f"{year}の事業（{len(catalog.current)}件、事業番号順）", catalog.current)
    directions = Counter(row.direction for row in table.rows)
    named_goals = {goal for row in table.rows for goal in row.sdgs}
    meta = PageMeta(
        PROJECT_LIST,
        "事業一覧",
        f"{year}の事務事業{len(catalog.current)}件の一覧。担当部署・方向性・SDGsの目標・言葉で絞り込み、列ごとに並べ替えられます。",
        (Link(HOME, "/"),),
    )
    return ProjectListPage(
        meta,
        year,
        table,
        tuple(d.name for d in catalog.departments),
        tuple(name for name, _ in sorted(directions.items(), key=lambda item: (-item[1], item[0]))),
        tuple((goal, SDG_GOALS[goal]) for goal in sorted(named_goals) if goal in SDG_GOALS),
    )


def project_list_outputs(catalog: Catalog) -> list[Output]:
    """The list of every project."""
    return [Output(PROJECT_LIST, "projects.html", project_list(catalog))]
