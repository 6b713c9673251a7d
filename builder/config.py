"""Portal settings: ``content/site.yaml`` and the URL slugs of ``content/departments.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from builder.errors import BuildError, SheetError, SourceLoc
from builder.model import Sheet

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
    """ASCII slugs of departments (部・局) and their divisions (課・室)."""

    departments: dict[str, str]  # department name -> slug
    divisions: dict[tuple[str, str], str]  # (department, division) -> slug

    def department_slug(self, department: str) -> str:
        """The slug of a department; call ``missing`` first to report absent ones."""
        return self.departments[department]

    def division_slug(self, department: str, division: str | None) -> str | None:
        """The slug (page anchor) of a division, None for sheets without one."""
        return None if division is None else self.divisions[(department, division)]

    def missing(self, sheets: list[Sheet]) -> list[SheetError]:
        """One error per department or division without a slug, at the first sheet naming it."""
        errors, seen = [], set()
        for sheet in sheets:
            names = [] if sheet.department in self.departments else [sheet.department]
            if sheet.division is not None and (sheet.department, sheet.division) not in self.divisions:
                names.append(f"{sheet.department} / {sheet.division}")
            for name in names:
                if name not in seen:
                    seen.add(name)
                    errors.append(SheetError(
                        SourceLoc(sheet.source.file, sheet.source.line),
                        f"「{name}」のURL用slugが content/departments.yaml の slugs: にありません",
                    ))
        return errors


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
    """Read the ``slugs:`` mapping of ``content/departments.yaml`` and check every slug."""
    path = content / "departments.yaml"
    entries = _read(path).get("slugs") or {}
    departments: dict[str, str] = {}
    divisions: dict[tuple[str, str], str] = {}
    problems = []
    for name, entry in dict(entries).items():
        departments[name] = str(entry["slug"])
        for division, slug in dict(entry.get("divisions") or {}).items():
            divisions[(name, division)] = str(slug)
        slugs = [departments[name], *(s for (d, _), s in divisions.items() if d == name)]
        problems += [f"「{name}」のslug「{s}」は英小文字・数字・ハイフンのみにしてください" for s in slugs if not _SLUG.fullmatch(s)]
        if len(set(slugs[1:])) != len(slugs[1:]):
            problems.append(f"「{name}」の課・室のslugが重複しています")
    if len(set(departments.values())) != len(departments):
        problems.append("部・局のslugが重複しています")
    if problems:
        raise BuildError([SheetError(SourceLoc(str(path), 1), problem) for problem in problems])
    return Organisation(departments, divisions)
