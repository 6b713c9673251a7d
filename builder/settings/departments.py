"""``content/departments.yaml``: the URL slugs of departments (部・局) and divisions (課・室)
and how the parser splits a printed 担当部課 (``split:``), read by one reader and checked
against its schema (``builder.util.yamlfile``): every problem is a ConfigError
``file:line: 期待…、実際…``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from builder.errors import ConfigError, Problem, SourceLoc
from builder.records.model import Sheet
from builder.util.romaji import reading_slug
from builder.util.yamlfile import compose, display_name, line_of, mapping_of, problem, text_of, value_of

DEPARTMENTS_FILE = "departments.yaml"
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Organisation:
    """What ``content/departments.yaml`` says: ASCII slugs of departments (部・局) and their
    divisions (課・室) (after ``for_sheets``, also those made from the reading of the names
    it leaves out), and the ``split:`` of printed 担当部課 names."""

    departments: dict[str, str]  # department name -> slug
    divisions: dict[tuple[str, str], str]  # (department, division) -> slug
    slugs_named: tuple[str, ...] = ()  # the departments under slugs:, with or without a slug
    splits: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # split: printed 担当部課 -> (部・局, 課・室)
    generated: tuple[tuple[str, str | None, str], ...] = ()  # (department, division, slug) made from readings

    def named_departments(self) -> tuple[str, ...]:
        """The 部・局 the file names (under ``slugs:`` or ``split:``), sorted: the parser takes a
        担当部課 starting with one of them as that department and its division."""
        return tuple(sorted(set(self.slugs_named) | {department for department, _ in self.splits.values()}))

    def department_slug(self, department: str) -> str:
        """The slug of a department (``for_sheets`` gives every department of the sheets one)."""
        return self.departments[department]

    def division_slug(self, department: str, division: str | None) -> str | None:
        """The slug (page anchor) of a division, None for sheets without one."""
        return None if division is None else self.divisions[(department, division)]

    def for_sheets(self, sheets: list[Sheet]) -> tuple[Organisation, list[Problem]]:
        """This organisation with a slug for every department and division of ``sheets``
        (``builder.util.romaji`` makes the missing ones), and one error per slug given to two
        names, naming both."""
        departments, divisions = dict(self.departments), dict(self.divisions)
        generated: list[tuple[str, str | None, str]] = []
        errors: list[Problem] = []
        owners = {slug: name for name, slug in departments.items()}
        division_owners = {(d, slug): name for (d, name), slug in divisions.items()}
        for sheet in sheets:
            loc = SourceLoc(sheet.source.file, sheet.source.line)
            if sheet.department not in departments:
                slug = departments[sheet.department] = reading_slug(sheet.department)
                generated.append((sheet.department, None, slug))
                if owners.setdefault(slug, sheet.department) != sheet.department:
                    errors.append(Problem(loc, _collision(owners[slug], sheet.department, slug)))
            if sheet.division is not None and (sheet.department, sheet.division) not in divisions:
                slug = divisions[sheet.department, sheet.division] = reading_slug(sheet.division)
                generated.append((sheet.department, sheet.division, slug))
                owner = division_owners.setdefault((sheet.department, slug), sheet.division)
                if owner != sheet.division:
                    errors.append(Problem(loc, _collision(f"{sheet.department} / {owner}", f"{sheet.department} / {sheet.division}", slug)))
        return Organisation(departments, divisions, self.slugs_named, self.splits, tuple(generated)), errors


def _collision(first: str, second: str, slug: str) -> str:
    return (f"「{first}」と「{second}」のURL用slugがどちらも「{slug}」になります。"
            f"content/departments.yaml の slugs: でどちらかに別のslugを書いてください")


def _slug(display: str, node: yaml.Node, what: str) -> str | None:
    """An optional slug (None: to be made by the builder); ConfigError when it is not one."""
    value = value_of(node, display)
    if value is None:
        return None
    if not isinstance(value, str) or not _SLUG.fullmatch(value):
        raise problem(display, line_of(node), f"{what}のslug（英小文字・数字・ハイフン）", f"「{value}」")
    return value


def _split_entry(display: str, node: yaml.Node) -> tuple[str, str | None]:
    """One entry of ``split:``: ``department`` (required) and ``division`` (optional) texts."""
    fields = {str(key.value): (key, value) for key, value in mapping_of(display, node, "department: と division:")}
    for name, (key, _) in fields.items():
        if name not in ("department", "division"):
            raise problem(display, line_of(key), "キー department か division", f"「{name}」")
    if "department" not in fields:
        raise problem(display, line_of(node), "department:（部・局の名前）", "ありません")
    division = fields.get("division", (None, None))[1]
    return (text_of(display, fields["department"][1], "department"),
            None if division is None or value_of(division, display) is None else text_of(display, division, "division"))


def load_organisation(content: Path, optional: bool = False) -> Organisation:
    """Read and check ``content/departments.yaml``, the one reader of that file: ``slugs:``
    (each department's optional ``slug:`` and ``divisions:``, whose slugs are optional too)
    and ``split:`` (how the parser splits a 担当部課). ConfigError at the first problem; with
    ``optional``, an empty organisation where the file does not exist (the data stage)."""
    if optional and not (content / DEPARTMENTS_FILE).exists():
        return Organisation({}, {})
    display = display_name(content, DEPARTMENTS_FILE)
    sections = {str(key.value): (key, value)
                for key, value in mapping_of(display, compose(content / DEPARTMENTS_FILE, display), "slugs: と split:")}
    for name, (key, _) in sections.items():
        if name not in ("slugs", "split"):
            raise problem(display, line_of(key), "キー slugs か split", f"「{name}」")
    splits = {str(key.value): _split_entry(display, entry)
              for key, entry in mapping_of(display, sections.get("split", (None, None))[1], "split:（担当部課ごとの分け方）")}
    departments: dict[str, str] = {}
    divisions: dict[tuple[str, str], str] = {}
    problems = []
    named = []
    for key, entry in mapping_of(display, sections.get("slugs", (None, None))[1], "slugs:（部・局ごとのslug）"):
        name = str(key.value)
        named.append(name)
        fields = {str(k.value): (k, v) for k, v in mapping_of(display, entry, "slug: と divisions:")}
        for key_name, (field_key, _) in fields.items():
            if key_name not in ("slug", "divisions"):
                raise problem(display, line_of(field_key), "キー slug か divisions", f"「{key_name}」")
        if "slug" in fields and (slug := _slug(display, fields["slug"][1], f"「{name}」")) is not None:
            departments[name] = slug
        own = []
        for division_key, value in mapping_of(display, fields.get("divisions", (None, None))[1], "divisions:（課・室ごとのslug）"):
            if (slug := _slug(display, value, f"「{name} / {division_key.value}」")) is not None:
                divisions[(name, str(division_key.value))] = slug
                own.append(slug)
        if len(set(own)) != len(own):
            problems.append(Problem(SourceLoc(display, line_of(key)), f"「{name}」の課・室のslugが重複しています"))
    if len(set(departments.values())) != len(departments):
        problems.append(Problem(SourceLoc(display, 1), "部・局のslugが重複しています"))
    if problems:
        raise ConfigError(problems)
    return Organisation(departments, divisions, tuple(named), splits)
