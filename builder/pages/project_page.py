"""The project page context: one sheet, in reading order, with its figures and links."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from builder.catalog.catalog import Catalog, Project
from builder.catalog.changes import says_it_ends
from builder.catalog.population import Population
from builder.pages.at_a_glance import (
    Amount,
    IndicatorsMet,
    amount,
    contents,
    indicators_met,
    one_line,
)
from builder.pages.cards import sheet_card
from builder.pages.cite import SheetOpenData
from builder.pages.context import HOME, Link, PageMeta, is_abolished
from builder.pages.figures import NOT_GIVEN, Cell, Figure, dash
from builder.pages.opendata import OpenData
from builder.pages.per_resident import PerResidentBox, per_resident_box
from builder.pages.project_figures import IndicatorBlock, page_figures
from builder.pages.render import Output
from builder.pages.text_changes_page import ComparisonLink, comparison_links
from builder.records.fields import Field, named, value_at, walk
from builder.records.model import Sheet, full_cost
from builder.records.sdgs import SDG_GOALS
from builder.settings.contacts import Contact, Contacts
from builder.settings.site import SiteConfig
from builder.util.formatting import DASH, change, fiscal_year_label, short_change, yen_with_readable
from builder.util.routes import (
    DEPARTMENTS_URL,
    HOME_URL,
    department_url,
    project_url,
    project_year_url,
    sdg_url,
)
from builder.util.wareki import era_label

# The sections of the page, field by field, as the registry names them.
OVERVIEW, PARTICIPATION, RESULTS = named("overview"), named("participation"), named("results")
EVALUATION = named("evaluation")
FACT_FIELDS = tuple((path, node) for path, node in walk() if isinstance(node, Field) and node.fact)


@dataclass(frozen=True)
class Headline:
    """The figures a reader wants first, for the sheet's own year (builder.pages.at_a_glance)."""

    settlement: Amount | Cell  # 決算額 (a dash when the sheet gives none)
    personnel: Amount | Cell  # 人件費
    full_cost: Amount | Cell  # 決算額 + 人件費
    previous_year: str  # e.g. 令和3年度
    change: Amount | Cell  # change of the full cost from the previous year
    settlement_value: int | None  # raw 決算額 in 千円 (search metadata)
    what: str | None  # what the project is, in one line of the sheet
    indicators: (
        IndicatorsMet | None
    )  # indicators against their targets in the latest year with results


@dataclass(frozen=True)
class Fact:
    """A labelled line of the sheet's basic information; None when the sheet leaves it empty."""

    label: str
    value: str | None
    glossary: str | None = None  # anchor on /glossary/ explaining the label


@dataclass(frozen=True)
class ItemGroup:
    """A labelled list of items (overview, results and issues); empty when the sheet leaves it blank."""

    label: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class ScoreRow:
    """One evaluation criterion: 1-5 score (or a dash) and its comment."""

    label: str
    score: Cell
    comment: str | None


@dataclass(frozen=True)
class SdgLink:
    """An SDG goal the project is linked to."""

    number: int
    name: str
    url: str


@dataclass(frozen=True)
class YearLink:
    """A fiscal year of the project's sheets, linking to its frozen page."""

    label: str
    url: str
    current: bool


@dataclass(frozen=True)
class ProjectPage:
    """``/projects/<code>/`` (latest sheet) or ``/projects/<code>/<fy>/`` (one year, frozen)."""

    meta: PageMeta
    sheet: Sheet
    year_label: str  # 令和4年度 (2022年度)
    is_latest_page: bool  # the /projects/<code>/ page
    searchable: bool  # carries data-pagefind-body (each sheet is indexed once)
    sections_key: (
        tuple[str, int] | None
    )  # pages with the same key have the same sections (builder.pages.fragments)
    abolished: bool
    headline: Headline
    facts: tuple[Fact, ...]
    cost_figures: tuple[Figure, ...]
    indicators: tuple[IndicatorBlock, ...]
    overview: tuple[ItemGroup, ...]
    participation: tuple[Fact, ...]
    results: tuple[ItemGroup, ...]
    scores: tuple[ScoreRow, ...]
    sdgs: tuple[SdgLink, ...]
    department: Link | None  # None when the department has no page in the latest year
    division: Link | None
    years: tuple[YearLink, ...]
    open_data: SheetOpenData  # the sheet's citation, downloads and corrections
    former_names: tuple[str, ...]  # names the project had before, oldest first
    lifecycle: tuple[str, ...]  # sentences: a new project, the last year of one that ended
    history_span: (
        str | None
    )  # on the project page of a multi-year project: the years the history covers
    per_resident: PerResidentBox  # 決算額 and 総コスト of the sheet's year per resident
    text_comparisons: tuple[
        ComparisonLink, ...
    ]  # the comparisons of the words of the project's sheets
    contents: tuple[Link, ...]  # the page's sections after the summary, for its contents list
    plan_note: bool  # a figure shows plans (said once, above the contents list)
    contact: (
        Contact | None
    )  # whom to ask (content/contacts.yaml): the 課's own, the city's, or none


def _headline(sheet: Sheet) -> Headline:
    cost = sheet.cost_for(sheet.fiscal_year)
    previous = sheet.cost_for(sheet.fiscal_year - 1)

    def money(value: int | None) -> Amount | Cell:
        return dash(NOT_GIVEN) if value is None else amount(value)

    this_full, previous_full = full_cost(cost), full_cost(previous)
    delta: Amount | Cell
    if this_full is None or previous_full is None:
        delta = dash("前年度と比べられる数値がありません")
    else:
        delta = Amount(
            short_change(previous_full, this_full),
            change(previous_full, this_full, with_ratio=False),
        )
    return Headline(
        settlement=money(cost.settlement if cost else None),
        personnel=money(cost.personnel if cost else None),
        full_cost=money(this_full),
        previous_year=era_label(sheet.fiscal_year - 1),
        change=delta,
        settlement_value=cost.settlement if cost else None,
        what=one_line(sheet),
        indicators=indicators_met(sheet),
    )


def _join(*parts: object) -> str | None:
    text = " ".join(str(p) for p in parts if p)
    return text or None


def _facts(sheet: Sheet) -> tuple[Fact, ...]:
    """The lines of 基本情報: each field the registry shows as a fact, the fields of one line
    (予算科目: code and name) joined, in data order."""
    lines: dict[str, list[object]] = {}
    glossary: dict[str, str | None] = {}
    for path, node in FACT_FIELDS:
        lines.setdefault(str(node.fact), []).append(value_at(sheet, path))
        glossary[str(node.fact)] = glossary.get(str(node.fact)) or node.glossary
    return tuple(Fact(label, _join(*values), glossary[label]) for label, values in lines.items())


@dataclass(frozen=True)
class CatalogFacts:
    """What a project page shows of the whole catalog, made once for all of them (a page is
    made from its own arguments only: ``builder.pages.render.Output``)."""

    population: Population  # for the amounts per resident
    first_year: int  # the oldest fiscal year of the catalog
    latest_year: int  # its newest

    @classmethod
    def of(cls, catalog: Catalog) -> CatalogFacts:
        """The facts of ``catalog``."""
        return cls(catalog.population, catalog.years[0], catalog.latest_year)


def organisation_links(catalog: Catalog, sheet: Sheet) -> tuple[Link | None, Link | None]:
    """The links to the department and division pages of ``sheet`` (None: no page)."""
    department = catalog.department_named.get(sheet.department)
    if department is None:
        return None, None
    division = next((v for v in department.divisions if v.name == sheet.division and v.slug), None)
    division_link = (
        Link(division.name or "", department_url(department.slug, division.slug))
        if division
        else None
    )
    return Link(department.name, department_url(department.slug)), division_link


def _lifecycle(catalog: CatalogFacts, project: Project) -> tuple[str, ...]:
    first, last = project.sheets[0], project.latest
    sentences = []
    if first.fiscal_year > catalog.first_year or first.status == "新規":
        sentences.append(f"{fiscal_year_label(first.fiscal_year)}に始まった新しい事業です。")
    if last.fiscal_year < catalog.latest_year:
        ended = f"「{last.direction.decision}」とされ、" if says_it_ends(last) else ""
        sentences.append(
            f"この事業は{ended}{fiscal_year_label(last.fiscal_year)}のシートが最後です。"
            f"{fiscal_year_label(catalog.latest_year)}のシートはありません。"
        )
    return tuple(sentences)


def project_page(
    project: Project,
    sheet: Sheet,
    latest_page: bool,
    catalog: CatalogFacts,
    organisation: tuple[Link | None, Link | None],
    open_data: SheetOpenData,
    contact: Contact | None = None,
) -> ProjectPage:
    """The page of one sheet of a project: the latest page, or the frozen page of its year
    (``organisation``: the links to its department and division, :func:`organisation_links`).

    The latest page of a project with several sheets shows the merged history of all of
    them (builder.catalog.history); a year page shows its sheet exactly as published.
    """
    year = fiscal_year_label(sheet.fiscal_year)
    whole = project.history if latest_page else None  # every year of the project, made once a page
    history = whole if whole is not None and len(project.sheets) > 1 else None  # (merged_history)
    department, division = organisation
    crumbs = [Link(HOME, HOME_URL), Link("部署別の事業", DEPARTMENTS_URL)]
    if department:
        crumbs.append(department)
    if latest_page:
        path, title = project_url(sheet.code), sheet.name
    else:
        path, title = (
            project_year_url(sheet.code, sheet.fiscal_year),
            f"{sheet.name}（{era_label(sheet.fiscal_year)}）",
        )
        crumbs.append(Link(sheet.name, project_url(sheet.code)))
    cost = sheet.cost_for(sheet.fiscal_year)
    costs, indicators = page_figures(catalog.population, sheet, history)
    figures = (*costs, *(i.figure for i in indicators))
    settled = (
        f"決算額{yen_with_readable(cost.settlement)}、"
        if cost and cost.settlement is not None
        else ""
    )
    description = (
        f"{sheet.name}（{_join(sheet.department, sheet.division)}）の{era_label(sheet.fiscal_year)}の"
        f"事務事業マネジメントシート。{settled}今後の方向性：{sheet.direction.decision or DASH}。"
    )
    return ProjectPage(
        meta=PageMeta(path, title, description, tuple(crumbs), has_charts=True, og_type="article"),
        sheet=sheet,
        year_label=year,
        is_latest_page=latest_page,
        searchable=latest_page or sheet is not project.latest,
        sections_key=(sheet.code, sheet.fiscal_year)
        if len(project.sheets) == 1
        else None,  # both its pages
        abolished=is_abolished(sheet),
        headline=_headline(sheet),
        facts=_facts(sheet),
        cost_figures=costs,
        indicators=indicators,
        per_resident=per_resident_box(
            catalog.population,
            sheet.fiscal_year,
            (("決算額", cost.settlement if cost else None), ("総コスト", full_cost(cost))),
        ),
        text_comparisons=comparison_links(project, sheet, latest_page),
        contents=contents(bool(sheet.notes), bool(open_data.corrections)),
        plan_note=any(column.plan for fig in figures for column in fig.columns),
        contact=contact,
        overview=tuple(ItemGroup(label, getattr(sheet.overview, key)) for key, label in OVERVIEW),
        participation=tuple(
            Fact(label, getattr(sheet.participation, key)) for key, label in PARTICIPATION
        ),
        results=tuple(ItemGroup(label, getattr(sheet.results, key)) for key, label in RESULTS),
        scores=tuple(
            ScoreRow(label, dash("評価なし") if s.score is None else Cell(str(s.score)), s.comment)
            for key, label in EVALUATION
            for s in (getattr(sheet.evaluation, key),)
        ),
        sdgs=tuple(SdgLink(n, SDG_GOALS[n], sdg_url(n)) for n in sorted(sheet.sdgs)),
        department=department,
        division=division,
        years=tuple(
            YearLink(
                fiscal_year_label(s.fiscal_year),
                project_year_url(s.code, s.fiscal_year),
                s is sheet,
            )
            for s in project.sheets
        ),
        open_data=open_data,
        former_names=whole.former_names if whole else (),
        lifecycle=_lifecycle(catalog, project),
        history_span=(
            f"{fiscal_year_label(history.costs[0].cost.fiscal_year)}から"
            f"{fiscal_year_label(history.costs[-1].cost.fiscal_year)}まで"
        )
        if history
        else None,
    )


def project_outputs(
    catalog: Catalog, site: SiteConfig, open_data: OpenData, contacts: Contacts
) -> list[Output]:
    """The pages of every project: its latest page, then the page of each year's sheet; each
    made on the render workers (when its arguments changed since the last build), with its
    share card."""
    facts = CatalogFacts.of(catalog)
    outputs = []
    for project in catalog.projects:
        sheets = {sheet: open_data.for_sheet(sheet) for sheet in project.sheets}
        pages = [(project_url(project.code), project.latest, True)]
        pages += [(project_year_url(project.code, s.fiscal_year), s, False) for s in project.sheets]
        outputs += [
            Output(
                url,
                "project.html",
                None,
                make=partial(
                    project_page,
                    project,
                    sheet,
                    latest,
                    facts,
                    organisation_links(catalog, sheet),
                    sheets[sheet],
                    contacts.of(sheet.department, sheet.division),
                ),
                card=sheet_card(site, sheet),
            )
            for url, sheet, latest in pages
        ]
    return outputs
