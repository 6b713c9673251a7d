"""Every field of a sheet, declared once: the registry the rest of the builder derives from.

Each :class:`Field` (one value) and :class:`Record` (a group of fields, a record type of
``builder.records.model``) says, in one place:

- its attribute and, at the top level, its Python type: ``builder.records.model.Sheet`` is
  made from :data:`SHEET`, so the data files (``builder.records.datafile``) follow it too;
- its JSON Schema: ``builder/records/sheet.schema.json`` is generated from :data:`SHEET`
  (``python -m builder.records.schema``; a test holds the committed file to it);
- the section and label the sheet prints it under, and how many cells follow the label:
  the parser's label tables (``builder.parse.labels``);
- its name in words (``display``) and the glossary entry explaining it: the page's tables,
  the corrections log and the text comparisons name it so;
- its CSV column (``column``): the open-data tables (``builder.downloads.tables``);
- ``fact``: the line of the project page's 基本情報 that shows it (fields naming the same
  line are joined with spaces, as 予算科目 is code and name).

Adding a plain field of 事業の基本情報 is one :func:`basic_text` line below, in the order
of the data contract.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1

# Sections of a sheet, as printed in its section headings.
BASIC = "事業の基本情報"
OVERVIEW = "事業の概要"
COSTS = "コストの推移"
PARTICIPATION = "市民参加の取組状況"
INDICATORS = "指標の推移"
RESULTS = "事業の成果と課題"
EVALUATION = "評価"
DIRECTION = "方向性"

# JSON Schema of the kinds of value most fields have, by name under ``$defs``.
BASE_DEFS: dict[str, dict[str, Any]] = {
    "year": {"type": "integer", "minimum": 1926, "maximum": 2200},
    "text": {
        "type": "string",
        "minLength": 1,
        "description": "Plain text: what a browser shows for the sheet's cell. Tags of HTML elements, comments and "
        "declarations are removed and character references decoded once, so no markup survives; a < that opens no "
        "tag (国の補助制度<R5年度新設>を活用し) or that the sheet wrote as &lt; is text, and pages escape it like any "
        "other character. No pattern can tell such text from markup, so this rule is the parser's "
        "(builder/parse/text.py, checked by tests/parse/test_fuzz.py).",
    },
    "optional_text": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/text"}]},
    "items": {"type": "array", "items": {"$ref": "#/$defs/text"}},
    "amount": {"type": ["integer", "null"]},
}


@dataclass(frozen=True, eq=False)
class Kind:
    """A kind of value: its Python type (as written in ``builder.records.model``) and schema.
    Each kind is one object (compared and hashed by identity): the parser picks the reader
    of a field by its kind."""

    python: str
    schema: dict[str, Any]


YEAR = Kind("int", {"$ref": "#/$defs/year"})
TEXT = Kind("str", {"$ref": "#/$defs/text"})
OPTIONAL_TEXT = Kind("str | None", {"$ref": "#/$defs/optional_text"})
ITEMS = Kind("tuple[str, ...]", {"$ref": "#/$defs/items"})  # paragraphs or bullet items
AMOUNT = Kind("int | None", {"$ref": "#/$defs/amount"})  # 千円
QUANTITY = Kind("float | None", {"type": ["number", "null"], "minimum": 0})
MEASURE = Kind("float | None", {"type": ["number", "null"]})
YES_NO = Kind("bool | None", {"type": ["boolean", "null"]})


@dataclass(frozen=True)
class Column:
    """A CSV column: its heading (unit included), Frictionless type and meaning."""

    name: str  # the heading, e.g. 決算額（千円）
    type: str  # Frictionless field type: string, integer, number, boolean, date
    description: str  # what the value is
    field: str | None = (
        None  # the data-file path, e.g. costs[].settlement; None for a derived value
    )
    required: bool = False  # never empty

    @property
    def attribute(self) -> str:
        """The attribute it reads in its record: ``budget`` of ``costs[].budget``."""
        return str(self.field).rsplit(".", 1)[-1]


@dataclass(frozen=True)
class Field:
    """One value of a sheet."""

    name: str  # attribute and data-file key
    kind: Kind
    label: str | None = (
        None  # as the sheet prints it; None: read with another field's label, or derived
    )
    cells: int = 1  # value cells the label takes at most; 0: any number
    lines: bool = False  # the label's values go on over the following lines (one or more per line)
    display: str | None = None  # the field in words, where pages and logs name it
    glossary: str | None = None  # anchor on /glossary/ explaining it
    column: Column | None = None  # its CSV column (``field`` is filled in with the path)
    fact: str | None = None  # the line of the project page's 基本情報 showing it
    unit: str | None = None  # of a number, as the pages write it

    @property
    def python(self) -> str:
        """Its Python type, as written in ``builder.records.model``."""
        return self.kind.python


@dataclass(frozen=True)
class Record:
    """A group of fields: a record type of ``builder.records.model`` (or a list of them)."""

    name: str
    python: str  # the attribute's Python type in its parent, e.g. "StrategicPlan | None"
    fields: tuple[Field | Record, ...]
    label: str | None = (
        None  # the label the whole record is printed under (an evaluation criterion)
    )
    cells: int = 1
    display: str | None = None
    many: bool = False  # a list of records: ``name[]`` in paths
    optional: bool = False  # null where the sheet has none
    section: str | None = (
        None  # the section printing it, for a record at the top (else: 事業の基本情報)
    )
    definition: str | None = (
        None  # its schema under this name in ``$defs`` (shared by records alike)
    )
    list_schema: dict[str, Any] = field(
        default_factory=dict
    )  # extra keywords of the list (minItems ...)
    doc: str = ""  # the docstring of its record type

    @property
    def type_name(self) -> str:
        """The name of its record type: ``CostYear`` of ``tuple[CostYear, ...]``."""
        return self.python.removeprefix("tuple[").removesuffix(", ...]").removesuffix(" | None")


def text_column(heading: str, meaning: str, path: str | None = None) -> Column:
    """The CSV column of a text the sheet may leave empty (an empty cell: not on the sheet)."""
    return Column(heading, "string", f"{meaning}。空欄はシートに記載なし", path)


def text(name: str, heading: str, meaning: str, **more: Any) -> Field:
    """An optional text field with its CSV column ``heading``."""
    return Field(name, OPTIONAL_TEXT, column=text_column(heading, meaning), **more)


def basic_text(
    name: str,
    label: str,
    heading: str | None = None,
    meaning: str | None = None,
    glossary: str | None = None,
) -> Field:
    """A plain field of 事業の基本情報: printed under ``label``, shown as a line of 基本情報
    of that name, a CSV column ``heading`` (default: the label) in the projects table."""
    return text(
        name,
        heading or label,
        meaning or label,
        label=label,
        display=label,
        fact=label,
        glossary=glossary,
    )


def amount(name: str, label: str, display: str, heading: str, meaning: str, glossary: str) -> Field:
    """A row of コストの推移 in 千円."""
    return Field(
        name,
        AMOUNT,
        label=label,
        cells=0,
        display=display,
        glossary=glossary,
        unit="千円",
        column=Column(f"{heading}（千円）", "integer", f"{meaning}（千円、シートの表記どおり）"),
    )


def items(name: str, label: str, display: str | None = None) -> Field:
    """Paragraphs or bullet items printed under ``label`` (one row each in the texts table)."""
    return Field(name, ITEMS, label=label, display=display or label)


SCORE = (
    Field(
        "score",
        Kind(
            "int | None",
            {"oneOf": [{"type": "null"}, {"type": "integer", "minimum": 1, "maximum": 5}]},
        ),
    ),
    Field("comment", OPTIONAL_TEXT),
)


def criterion(name: str, label: str) -> Record:
    """An evaluation criterion: a 1-5 score (or -) and a comment, after its label."""
    return Record(
        name,
        "Score",
        SCORE,
        label=label,
        cells=2,
        display=label,
        definition="score",
        doc='One evaluation criterion: a 1-5 score (None where the sheet prints "-") and its comment.',
    )


NOTE_CHECKS = (
    "breakdown_mismatch",
    "negative_amount",
    "future_settlement",
    "indicator_kind_missing",
    "indicator_unnamed",
    "indicator_zero_actual",
    "forbidden_characters",
)

# The table of a sheet's fields, one line (or a few) per field in the data contract's order:
# laid out by hand, the formatter would give each argument a line of its own.
# fmt: off
SHEET: tuple[Field | Record, ...] = (
    Field("schema_version", Kind("int", {"const": SCHEMA_VERSION})),
    Field("fiscal_year", YEAR,
          column=Column("年度", "integer", "シートの年度（西暦、例：令和4年度は2022）", required=True)),
    Field("fiscal_year_label", Kind("str", {"type": "string", "pattern": "^(令和|平成|昭和)(元|[0-9]+)年度$"}),
          column=Column("年度の表記", "string", "シートに印刷された年度（和暦）", required=True)),
    Field("code", Kind("str", {"type": "string", "pattern": "^[0-9]+$"}),
          label="事務事業名", cells=2,  # number and name
          column=Column("事業番号", "string", "事務事業の番号（シートの表記どおりの文字列、先頭の0も含む）",
                        required=True),
          fact="事業番号", glossary="project"),
    Field("name", TEXT, column=Column("事業名", "string", "事務事業名", required=True)),
    Record("budget_item", "BudgetItem", (
        Field("code", Kind("str | None", {"type": ["string", "null"], "pattern": "^[0-9][0-9-]*[0-9]$"}),
              label="予算科目", cells=2, column=text_column("予算科目コード", "予算科目の番号"),
              fact="予算科目", glossary="budget-item"),
        text("name", "予算科目名", "予算科目の名称", fact="予算科目"),
    ), doc="予算科目: the budget line the project is paid from."),
    Field("department", TEXT, label="担当部課", cells=2,  # 部・局 and 課・室, in one cell or two
          column=Column("部局", "string", "担当部課のうち部・局", required=True), fact="担当"),
    text("division", "課・室", "担当部課のうち課・室", fact="担当"),
    text("section", "係", "係名", label="係名", fact="担当"),
    basic_text("mayor_pledge", "市長公約", meaning="市長公約の番号", glossary="pledge-and-plan"),
    Record("strategic_plan", "StrategicPlan | None", (
        Field("code", TEXT, label="戦略プラン", cells=6,  # IV-1, 2, 1, title
              fact="戦略プラン", glossary="pledge-and-plan",
              column=text_column("戦略プランコード", "戦略プランの番号")),
        text("title", "戦略プラン名", "戦略プランの取組名", fact="戦略プラン"),
    ), optional=True, doc="戦略プラン: the place of the project in the city's strategic plan."),
    basic_text("status", "新規・継続", meaning="新規・継続の別", glossary="status"),
    basic_text("category", "事業分類"),
    basic_text("structure", "事業体制"),
    basic_text("plan", "個別計画"),
    basic_text("period", "事業期間"),
    basic_text("legal_basis", "根拠法令等"),
    Field("sdgs", Kind("tuple[int, ...]", {"type": "array", "uniqueItems": True,
                                           "items": {"type": "integer", "minimum": 1, "maximum": 17}}),
          label="SDGs", cells=0, lines=True),  # one goal per line
    Record("overview", "Overview", (
        items("target", "対象"),
        items("purpose", "目的"),
        items("activities", "概要 (取組内容)", "取組内容"),
    ), section=OVERVIEW, doc="事業の概要: who the project serves, why, and what it does (lists of items)."),
    Record("costs", "tuple[CostYear, ...]", (
        Field("fiscal_year", YEAR,
              column=Column("対象年度", "integer", "コストの年度（西暦）。シートの年度より後の年度は計画値",
                            required=True)),
        amount("budget", "予算額", "予算額", "予算額", "予算額", "budget"),
        amount("settlement", "決算額", "決算額", "決算額", "決算額。決算が確定していない年度は空欄", "settlement"),
        amount("general_fund", "一般財源", "一般財源", "一般財源", "決算額の財源のうち一般財源",
               "general-fund"),
        amount("national_prefectural_bonds", "国庫、県支出金、地方債", "国庫・県支出金・地方債",
               "国庫・県支出金・地方債", "決算額の財源のうち国庫、県支出金、地方債", "national-prefectural-bonds"),
        amount("other", "その他", "その他", "その他財源", "決算額の財源のうちその他", "other-sources"),
        amount("personnel", "人件費計", "人件費計", "人件費", "人件費計", "personnel"),
        Field("staff_fte", QUANTITY, label="正職員従事割合", cells=0, display="正職員従事割合",
              glossary="staff-fte", unit="人",
              column=Column("正職員従事割合（人）", "number", "正職員が事業に従事した割合（人）")),
        Field("overtime_hours", QUANTITY, label="正職員時間外勤務", cells=0, display="正職員時間外勤務",
              glossary="overtime", unit="時間",
              column=Column("正職員時間外勤務（時間）", "number", "正職員の時間外勤務（時間）")),
        Field("fiscal_year_staff", YES_NO, label="会計年度任用職員有無", cells=0,
              display="会計年度任用職員の有無", glossary="fiscal-year-staff",
              column=Column("会計年度任用職員の有無", "boolean", "会計年度任用職員の有無（有／無）")),
    ), section=COSTS, many=True, definition="cost_year", list_schema={"minItems": 1},
       doc="One fiscal-year column of コストの推移."),
    Record("participation", "Participation", (
        text("sharing", "市民参加（共有、理解）", "市民参加の取組状況：共有、理解",
             label="共有、理解", display="共有、理解"),
        text("planning", "市民参加（企画・立案、計画）", "市民参加の取組状況：企画・立案、計画",
             label="企画・立案、計画", display="企画・立案、計画"),
        text("implementation", "市民参加（実行）", "市民参加の取組状況：実行", label="実行", display="実行"),
        text("evaluation", "市民参加（評価、検証）", "市民参加の取組状況：評価、検証",
             label="評価、検証", display="評価、検証"),
    ), section=PARTICIPATION,
       doc="市民参加の取組状況: how residents take part, per stage (None when none)."),
    Record("indicators", "tuple[Indicator, ...]", (
        Field("number", Kind("int", {"type": "integer", "minimum": 1, "maximum": 5}),
              column=Column("指標番号", "integer", "シート上の指標の番号（1〜5）", required=True)),
        text("name", "指標名", "指標の名称（単位を除く）", label="指標名", cells=2),  # name (unit), then the kind
        text("unit", "単位", "目標値と実績の単位"),
        Field("kind", Kind("str | None", {"enum": ["活動結果指標", "成果指標", None]}),
              column=text_column("指標の種類", "活動結果指標または成果指標")),
        items("description", "指標の概要"),
        Record("values", "tuple[IndicatorValue, ...]", (
            Field("fiscal_year", YEAR, column=Column("対象年度", "integer", "値の年度（西暦）", required=True)),
            Field("target", MEASURE, label="目標値", cells=0,
                  column=Column("目標値", "number", "目標値（単位は「単位」の列）。空欄は設定なし")),
            Field("actual", MEASURE, label="実績", cells=0,
                  column=Column("実績", "number",
                                "実績（単位は「単位」の列）。空欄は設定なし、または年度が終わっていない")),
        ), many=True, doc="Target and actual of one indicator for one fiscal year."),
    ), section=INDICATORS, many=True, definition="indicator", list_schema={"maxItems": 5},
       doc="One performance indicator (指標) with its yearly values."),
    Record("results", "Results", (
        items("previous_response", "前年度の課題への対応"),
        items("achievements", "成果"),
        items("issues_operations", "業務", "課題（業務）"),  # under 課題
        items("issues_organization", "組織、予算等", "課題（組織、予算等）"),
        items("improvement", "改善目標"),
    ), section=RESULTS, doc="事業の成果と課題 (each a list of items)."),
    Record("evaluation", "Evaluation", (
        criterion("citizen_needs", "市民ニーズ"),
        criterion("progress", "進捗状況"),
        criterion("city_involvement", "市の関与"),
        criterion("priority", "優先度"),
    ), section=EVALUATION, doc="評価: the department's self-evaluation on four criteria."),
    Record("direction", "Direction", (
        text("decision", "今後の方向性", "今後の方向性（継続、拡大・拡充、廃止など）", label="方向性"),
        text("reason", "方向性の理由", "今後の方向性の理由", label="理由"),
    ), section=DIRECTION, doc="方向性: what happens to the project next (継続, 拡大・拡充, 廃止 ...) and why."),
    Record("source", "Source", (
        Field("file", Kind("str", {"type": "string", "minLength": 1}),
              column=Column("出典ファイル", "string", "元のシートのファイル（リポジトリ内のパス）", required=True)),
        Field("line", Kind("int", {"type": "integer", "minimum": 1}),
              column=Column("出典行", "integer", "元のシートが始まる行の番号", required=True)),
    ), doc="Where the sheet came from: the source file (relative to the project) and its title line."),
    Record("notes", "tuple[Note, ...]", (
        Field("check", Kind("str", {"enum": list(NOTE_CHECKS)})),
        Field("message", TEXT),
    ), many=True, doc="A data-quality finding about the sheet, kept next to the data it concerns."),
)
# fmt: on


def walk(
    nodes: tuple[Field | Record, ...] = SHEET, prefix: str = ""
) -> Iterator[tuple[str, Field | Record]]:
    """Every field and record under ``nodes`` with its data-file path (``costs[].budget``), in order."""
    for node in nodes:
        path = prefix + node.name
        yield path, node
        if isinstance(node, Record):
            yield from walk(node.fields, path + ("[]." if node.many else "."))


_BY_PATH: dict[str, Field | Record] = dict(walk())


def at(path: str) -> Field | Record:
    """The field or record at a data-file path."""
    return _BY_PATH[path]


def field_at(path: str) -> Field:
    """The field (one value) at a data-file path (``costs[].budget``)."""
    found = at(path)
    if not isinstance(found, Field):
        raise TypeError(f"{path} is a record, not a field")
    return found


def record(path: str) -> Record:
    """The record at a data-file path (``evaluation``, ``costs``)."""
    found = at(path)
    if not isinstance(found, Record):
        raise TypeError(f"{path} is a field, not a record")
    return found


def values_of(group: str) -> tuple[Field, ...]:
    """The fields (single values, no records) of the record ``group``, in order."""
    return tuple(node for node in record(group).fields if isinstance(node, Field))


def columns(prefix: str = "") -> tuple[Column, ...]:
    """The CSV columns of the fields of one table: those directly under the list ``prefix``
    (``costs[].``), or (no prefix) every single-valued field of a sheet, in data order."""
    found = []
    for path, node in walk():
        rest = path.removeprefix(prefix)
        if (
            isinstance(node, Field)
            and node.column
            and path.startswith(prefix)
            and ("[]" not in rest)
        ):
            found.append(
                Column(
                    node.column.name,
                    node.column.type,
                    node.column.description,
                    path,
                    node.column.required,
                )
            )
    return tuple(found)


def value_at(record: object, path: str) -> object:
    """The value at a dotted path of a record (no lists): None below a record that is None."""
    value = record
    for name in path.split("."):
        value = None if value is None else getattr(value, name)
    return value


def paragraphs(*groups: str) -> tuple[tuple[str, str, str], ...]:
    """(record, field, name in words) of the paragraph fields of ``groups`` (default: 事業の
    概要 and 事業の成果と課題), in sheet order."""
    return tuple(
        (group, node.name, str(node.display))
        for group in groups or ("overview", "results")
        for node in record(group).fields
    )


def named(group: str) -> tuple[tuple[str, str], ...]:
    """(field, name in words) of each field of the record ``group`` (the evaluation criteria,
    the stages of 市民参加)."""
    return tuple((node.name, str(node.display)) for node in record(group).fields)
