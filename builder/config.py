"""Portal settings: ``content/site.yaml`` and the URL slugs of ``content/departments.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from builder.errors import BuildError, SheetError, SourceLoc
from builder.model import Sheet
from builder.romaji import reading_slug

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class SiteConfig:
    """Site-wide settings from ``content/site.yaml``."""

    title: str  # full site name, shown in the header and in every <title>
    short_title: str  # used where space is short (og:site_name stays the full title)
    city: str  # e.g. つくば市
    base_url: str  # absolute address of the published site, no trailing slash
    description: str  # default page description

    def absolute(self, path: str) -> str:
        """The absolute URL of a root-relative path, for canonical links, OGP and the sitemap."""
        return self.base_url + path


@dataclass(frozen=True)
class Organisation:
    """ASCII slugs of departments (部・局) and their divisions (課・室): those of
    ``content/departments.yaml``, and (after ``for_sheets``) those made from the reading of
    the names it leaves out."""

    departments: dict[str, str]  # department name -> slug
    divisions: dict[tuple[str, str], str]  # (department, division) -> slug
    generated: tuple[tuple[str, str | None, str], ...] = ()  # (department, division, slug) made from readings

    def department_slug(self, department: str) -> str:
        """The slug of a department (``for_sheets`` gives every department of the sheets one)."""
        return self.departments[department]

    def division_slug(self, department: str, division: str | None) -> str | None:
        """The slug (page anchor) of a division, None for sheets without one."""
        return None if division is None else self.divisions[(department, division)]

    def for_sheets(self, sheets: list[Sheet]) -> tuple[Organisation, list[SheetError]]:
        """This organisation with a slug for every department and division of ``sheets``
        (``builder.romaji`` makes the missing ones), and one error per slug given to two
        names, naming both."""
        departments, divisions = dict(self.departments), dict(self.divisions)
        generated: list[tuple[str, str | None, str]] = []
        errors: list[SheetError] = []
        owners = {slug: name for name, slug in departments.items()}
        division_owners = {(d, slug): name for (d, name), slug in divisions.items()}
        for sheet in sheets:
            loc = SourceLoc(sheet.source.file, sheet.source.line)
            if sheet.department not in departments:
                slug = departments[sheet.department] = reading_slug(sheet.department)
                generated.append((sheet.department, None, slug))
                if owners.setdefault(slug, sheet.department) != sheet.department:
                    errors.append(SheetError(loc, _collision(owners[slug], sheet.department, slug)))
            key = (sheet.department, sheet.division)
            if sheet.division is not None and key not in divisions:
                slug = divisions[key] = reading_slug(sheet.division)  # type: ignore[index]
                generated.append((sheet.department, sheet.division, slug))
                owner = division_owners.setdefault((sheet.department, slug), sheet.division)
                if owner != sheet.division:
                    errors.append(SheetError(loc, _collision(f"{sheet.department} / {owner}", f"{sheet.department} / {sheet.division}", slug)))
        return Organisation(departments, divisions, tuple(generated)), errors  # type: ignore[arg-type]


def _collision(first: str, second: str, slug: str) -> str:
    return (f"「{first}」と「{second}」のURL用slugがどちらも「{slug}」になります。"
            f"content/departments.yaml の slugs: でどちらかに別のslugを書いてください")


def _read(path: Path) -> dict[str, object]:
    with path.open(encoding="utf-8") as handle:
        loaded = yaml.safe_load(handle)
    if not isinstance(loaded, dict):
        raise BuildError([SheetError(SourceLoc(str(path), 1), "YAMLの対応表（mapping）ではありません")])
    return loaded


def load_site_config(content: Path) -> SiteConfig:
    """Read ``content/site.yaml``."""
    path = content / "site.yaml"
    data = _read(path)
    try:
        config = SiteConfig(
            title=str(data["title"]),
            short_title=str(data["short_title"]),
            city=str(data["city"]),
            base_url=str(data["base_url"]).rstrip("/"),
            description=str(data["description"]),
        )
    except KeyError as missing:
        raise BuildError([SheetError(SourceLoc(str(path), 1), f"キー {missing} がありません")]) from None
    return config


def load_organisation(content: Path) -> Organisation:
    """Read the ``slugs:`` mapping of ``content/departments.yaml`` and check every slug
    (``slug:`` is optional: ``Organisation.for_sheets`` makes the missing ones)."""
    path = content / "departments.yaml"
    entries = _read(path).get("slugs") or {}
    departments: dict[str, str] = {}
    divisions: dict[tuple[str, str], str] = {}
    problems = []
    for name, entry in dict(entries).items():
        entry = entry or {}
        if entry.get("slug") is not None:  # optional: without it the slug comes from the reading
            departments[name] = str(entry["slug"])
        for division, slug in dict(entry.get("divisions") or {}).items():
            if slug is not None:
                divisions[(name, division)] = str(slug)
        division_slugs = [s for (d, _), s in divisions.items() if d == name]
        slugs = division_slugs + ([departments[name]] if name in departments else [])
        problems += [f"「{name}」のslug「{s}」は英小文字・数字・ハイフンのみにしてください" for s in slugs if not _SLUG.fullmatch(s)]
        if len(set(division_slugs)) != len(division_slugs):
            problems.append(f"「{name}」の課・室のslugが重複しています")
    if len(set(departments.values())) != len(departments):
        problems.append("部・局のslugが重複しています")
    if problems:
        raise BuildError([SheetError(SourceLoc(str(path), 1), problem) for problem in problems])
    return Organisation(departments, divisions)
