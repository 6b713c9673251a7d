"""Sheet export files to Sheet records: the parse stage.

``parse_file`` is the public entry point, for the builder and for any other tool of a city::

    from builder.parse import parse_file
    from builder.parse.org import OrgSplitter, splitter_for
    from builder.settings.departments import load_organisation

    splitter = splitter_for(load_organisation(Path("content"), optional=True))  # or OrgSplitter({})
    sheets, problems = parse_file(Path("content/sheets/2022/a.txt"), "content/sheets/2022/a.txt", splitter)

It reads one file holding any number of sheets. A bad sheet does not stop the others: its
problem (``builder.errors.Problem``: file, line, what was expected and found, in Japanese)
is collected and the reading goes on with the next sheet. ``stage`` runs it over every file
of ``content/sheets/`` and writes the data files.
"""

from __future__ import annotations

from pathlib import Path

from builder.errors import Problem, SourceLoc
from builder.parse.basic import parse_basic
from builder.parse.checks import cost_notes
from builder.parse.costs import parse_costs
from builder.parse.indicators import parse_indicators
from builder.parse.lexer import Line, read_lines
from builder.parse.narrative import (
    parse_direction,
    parse_evaluation,
    parse_overview,
    parse_participation,
    parse_results,
)
from builder.parse.org import OrgSplitter
from builder.parse.sections import split_sections, split_sheets
from builder.records.fields import (
    BASIC,
    COSTS,
    DIRECTION,
    EVALUATION,
    INDICATORS,
    OVERVIEW,
    PARTICIPATION,
    RESULTS,
)
from builder.records.model import Sheet, Source
from builder.util.wareki import era_label, parse_fiscal_year


def parse_sheet(title: Line, body: list[Line], splitter: OrgSplitter) -> Sheet:
    """One sheet from its title line and the lines after it."""
    raw = split_sections(title, body)
    year = parse_fiscal_year(raw.year_label)
    if year is None:
        raise title.error("見出しに 令和 4年度 のような年度", f"「{raw.year_label}」")
    sec, head = raw.sections, raw.headers
    basic = parse_basic(sec[BASIC], head[BASIC], splitter)
    costs, future_notes = parse_costs(sec[COSTS], head[COSTS], year)
    indicators, indicator_notes = parse_indicators(sec[INDICATORS], head[INDICATORS], year)
    return Sheet(
        fiscal_year=year,
        fiscal_year_label=era_label(year),
        code=basic.code,
        name=basic.name,
        budget_item=basic.budget_item,
        department=basic.department,
        division=basic.division,
        strategic_plan=basic.strategic_plan,
        **basic.values,  # type: ignore[arg-type]  # the registry's plain texts of 事業の基本情報 (str | None), by name
        sdgs=basic.sdgs,
        overview=parse_overview(sec[OVERVIEW]),
        costs=costs,
        participation=parse_participation(sec[PARTICIPATION]),
        indicators=indicators,
        results=parse_results(sec[RESULTS]),
        evaluation=parse_evaluation(sec[EVALUATION], head[EVALUATION]),
        direction=parse_direction(sec[DIRECTION]),
        source=Source(title.path, title.number),
        notes=future_notes + cost_notes(costs) + indicator_notes,
    )


def parse_file(
    file: Path, display_path: str, splitter: OrgSplitter
) -> tuple[list[Sheet], list[Problem]]:
    """Every sheet of one file (``display_path`` names it in records and problems; ``splitter``
    splits each 担当部課 into department and division), and the problems of the sheets that
    could not be read, each at its line."""
    sheets: list[Sheet] = []
    errors: list[Problem] = []
    try:
        chunks = split_sheets(read_lines(file, display_path))
    except Problem as error:
        return [], [error]
    if not chunks:
        errors.append(
            Problem.of(
                SourceLoc(display_path, 1),
                "「令和 4年度 事務事業マネジメントシート」のようなシートの見出し",
                "ありません",
            )
        )
    for title, body in chunks:
        try:
            sheets.append(parse_sheet(title, body, splitter))
        except Problem as error:
            errors.append(error)
    return sheets, errors
