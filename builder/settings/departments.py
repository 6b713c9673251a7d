"""``content/departments.yaml``: the URL slugs of departments (部・局) and divisions (課・室)
and how the parser splits a printed 担当部課 (``split:``), read by one reader and checked
against its schema (``builder.settings.schema``): every problem is a ConfigError
``file:line: 期待…、実際…``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from builder.errors import ConfigError, Problem, SourceLoc
from builder.records.model import Sheet
from builder.settings.gate import clean, look_alike, name_problem, normal_name
from builder.settings.schema import Document, read_checked
from builder.util.romaji import reading_slug
from builder.util.routes import MAX_SEGMENT
from builder.util.yamlfile import display_name, present, problem

DEPARTMENTS_FILE = "departments.yaml"


@dataclass(frozen=True)
class Organisation:
    """What ``content/departments.yaml`` says: ASCII slugs of departments (部・局) and their
    divisions (課・室) (after ``for_sheets``, also those made from the reading of the names
    it leaves out), and the ``split:`` of printed 担当部課 names."""

    departments: dict[str, str]  # department name -> slug
    divisions: dict[tuple[str, str], str]  # (department, division) -> slug
    slugs_named: tuple[str, ...] = ()  # the departments under slugs:, with or without a slug
    splits: dict[str, tuple[str, str | None]] = field(
        default_factory=dict
    )  # split: printed 担当部課 -> (部・局, 課・室)
    generated: tuple[
        tuple[str, str | None, str], ...
    ] = ()  # (department, division, slug) made from readings

    def named_departments(self) -> tuple[str, ...]:
        """The 部・局 the file names (under ``slugs:`` or ``split:``), sorted: the parser takes a
        担当部課 starting with one of them as that department and its division."""
        return tuple(
            sorted(set(self.slugs_named) | {department for department, _ in self.splits.values()})
        )

    def department_slug(self, department: str) -> str:
        """The slug of a department (``for_sheets`` gives every department of the sheets one)."""
        return self.departments[department]

    def division_slug(self, department: str, division: str | None) -> str | None:
        """The slug (page anchor) of a division, None for sheets without one."""
        return None if division is None else self.divisions[(department, division)]

    def for_sheets(
        self, sheets: list[Sheet], slug_of: Callable[[str], str] = reading_slug
    ) -> tuple[Organisation, list[Problem]]:
        """This organisation with a slug for every department and division of ``sheets``
        (``slug_of`` makes the missing ones from a name: ``builder.util.romaji``), and one
        error per slug given to two names, naming both."""
        departments, divisions = dict(self.departments), dict(self.divisions)
        generated: list[tuple[str, str | None, str]] = []
        errors: list[Problem] = []
        owners = {slug: name for name, slug in departments.items()}
        division_owners = {(d, slug): name for (d, name), slug in divisions.items()}
        looks: dict[object, str] = {}  # look_alike key -> the first name read so
        for sheet in sheets:
            loc = SourceLoc(sheet.source.file, sheet.source.line)
            errors += _look_alikes(looks, loc, sheet.department, sheet.division)
            if sheet.department not in departments:
                slug = departments[sheet.department] = slug_of(sheet.department)
                generated.append((sheet.department, None, slug))
                errors += _too_long(loc, sheet.department, slug)
                if owners.setdefault(slug, sheet.department) != sheet.department:
                    errors.append(Problem(loc, _collision(owners[slug], sheet.department, slug)))
            if sheet.division is not None and (sheet.department, sheet.division) not in divisions:
                slug = divisions[sheet.department, sheet.division] = slug_of(sheet.division)
                generated.append((sheet.department, sheet.division, slug))
                errors += _too_long(loc, str(sheet.division), slug)
                owner = division_owners.setdefault((sheet.department, slug), sheet.division)
                if owner != sheet.division:
                    errors.append(
                        Problem(
                            loc,
                            _collision(
                                f"{sheet.department} / {owner}",
                                f"{sheet.department} / {sheet.division}",
                                slug,
                            ),
                        )
                    )
        return Organisation(
            departments, divisions, self.slugs_named, self.splits, tuple(generated)
        ), errors


def _look_alikes(
    looks: dict[object, str], loc: SourceLoc, department: str, division: str | None
) -> list[Problem]:
    """A problem for each of ``department`` and ``division`` that reads like another name
    seen before (``builder.settings.gate.look_alike``), naming both; records the names in
    ``looks``."""
    found = []
    named: list[tuple[object, str]] = [(look_alike(department), department)]
    if division:
        named.append(((look_alike(department), look_alike(division)), division))
    for key, name in named:
        first = looks.setdefault(key, name)
        if first != name:
            found.append(
                Problem.of(
                    loc,
                    f"「{first}」と見分けられる名前（同じ部署なら同じ文字で）",
                    f"「{name}」（{_code_points_of_difference(first, name)}）",
                )
            )
    return found


def _code_points_of_difference(first: str, second: str) -> str:
    """Where two look-alike names differ, as code points: ``U+30FC と U+4E00``."""
    pairs = [(a, b) for a, b in zip(first, second) if a != b]
    if len(first) != len(second) or not pairs:
        return f"{len(first)} 文字と {len(second)} 文字"
    a, b = pairs[0]
    return f"U+{ord(a):04X} と U+{ord(b):04X} が違います"


def _too_long(loc: SourceLoc, name: str, slug: str) -> list[Problem]:
    """A problem when the slug made from ``name`` is too long for a URL and a folder name."""
    if len(slug) <= MAX_SEGMENT:
        return []
    return [
        Problem.of(
            loc,
            f"URL用slugが {MAX_SEGMENT} 文字以下になる部署名（長い名前には "
            f"{DEPARTMENTS_FILE} の slugs: で短いslugを書いてください）",
            f"{len(name):,} 文字の名前「{name[:20]}…」（slug {len(slug):,} 文字）",
        )
    ]


def _collision(first: str, second: str, slug: str) -> str:
    return (
        f"「{first}」と「{second}」のURL用slugがどちらも「{slug}」になります。"
        f"content/departments.yaml の slugs: でどちらかに別のslugを書いてください"
    )


def _name(document: Document, line: int, text: str) -> str:
    """A department or division name as the site uses it (``builder.settings.gate``: NFKC);
    ConfigError at its line when it holds an invisible or bidi control character."""
    hidden = name_problem(text)
    if hidden is not None:
        raise problem(
            document.display, line, "見えない文字・向きを変える制御文字のない部署名", hidden
        )
    return normal_name(clean(text, document.display, line))


def _splits(document: Document) -> dict[str, tuple[str, str | None]]:
    """``split:``: each printed 担当部課 -> (部・局, 課・室 or None)."""
    splits = {}
    for printed, entry in (document.value.get("split") or {}).items():
        division = entry.get("division")
        splits[_name(document, document.key_line("split", printed), printed)] = (
            _name(document, document.line("split", printed, "department"), entry["department"]),
            None
            if division is None
            else _name(document, document.line("split", printed, "division"), division),
        )
    return splits


def load_organisation(content: Path, optional: bool = False) -> Organisation:
    """Read ``content/departments.yaml``, the one reader of that file, checked against its
    schema (``schemas/departments.schema.json``): ``slugs:`` (each department's optional
    ``slug:`` and ``divisions:``, whose slugs are optional too) and ``split:`` (how the parser
    splits a 担当部課). ConfigError at the first problem, or listing every department named
    twice or slug given twice; with ``optional``, an empty organisation where the file does
    not exist (the data stage)."""
    if optional and not present(content / DEPARTMENTS_FILE):
        return Organisation({}, {})
    document = read_checked(
        content / DEPARTMENTS_FILE, display_name(content, DEPARTMENTS_FILE), "departments"
    )
    if document.value is None:
        return Organisation({}, {})
    splits = _splits(document)
    departments: dict[str, str] = {}
    divisions: dict[tuple[str, str], str] = {}
    problems: list[Problem] = []
    named = []
    looks: dict[object, str] = {}
    for key, entry in (document.value.get("slugs") or {}).items():
        line = document.key_line("slugs", key)
        name = _name(document, line, key)
        problems += _look_alikes(looks, SourceLoc(document.display, line), name, None)
        named.append(name)
        if (slug := (entry or {}).get("slug")) is not None:
            departments[name] = slug
        own = []
        for division, slug in ((entry or {}).get("divisions") or {}).items():
            if slug is not None:
                where = document.key_line("slugs", key, "divisions", division)
                divisions[(name, _name(document, where, division))] = slug
                own.append(slug)
        if len(set(own)) != len(own):
            problems.append(
                Problem(
                    SourceLoc(document.display, line), f"「{name}」の課・室のslugが重複しています"
                )
            )
    if len(set(departments.values())) != len(departments):
        problems.append(Problem(SourceLoc(document.display, 1), "部・局のslugが重複しています"))
    if problems:
        raise ConfigError(problems)
    return Organisation(departments, divisions, tuple(named), splits)
