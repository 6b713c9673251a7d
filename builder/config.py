"""Portal settings: ``content/site.yaml`` and the URL slugs of ``content/departments.yaml``,
each checked against its schema when read (``builder.yamlfile``): every problem is a
ConfigError ``file:line: 期待…、実際…``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from builder.errors import ConfigError, Problem, SourceLoc
from builder.model import Sheet
from builder.parse.org import ORG_CONFIG
from builder.romaji import reading_slug
from builder.yamlfile import compose, line_of, mapping_of, problem, text_of, value_of

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

    def for_sheets(self, sheets: list[Sheet]) -> tuple[Organisation, list[Problem]]:
        """This organisation with a slug for every department and division of ``sheets``
        (``builder.romaji`` makes the missing ones), and one error per slug given to two
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
            key = (sheet.department, sheet.division)
            if sheet.division is not None and key not in divisions:
                slug = divisions[key] = reading_slug(sheet.division)  # type: ignore[index]
                generated.append((sheet.department, sheet.division, slug))
                owner = division_owners.setdefault((sheet.department, slug), sheet.division)
                if owner != sheet.division:
                    errors.append(Problem(loc, _collision(f"{sheet.department} / {owner}", f"{sheet.department} / {sheet.division}", slug)))
        return Organisation(departments, divisions, tuple(generated)), errors  # type: ignore[arg-type]


def _collision(first: str, second: str, slug: str) -> str:
    return (f"「{first}」と「{second}」のURL用slugがどちらも「{slug}」になります。"
            f"content/departments.yaml の slugs: でどちらかに別のslugを書いてください")


SITE_KEYS = {"title": "サイト名", "short_title": "短いサイト名", "city": "市の名前", "base_url": "公開するアドレス",
             "description": "サイトの説明"}
_BASE_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?")


def _display(content: Path, name: str) -> str:
    return f"{content.name}/{name}"


def load_site_config(content: Path) -> SiteConfig:
    """Read and check ``content/site.yaml``: every key of :data:`SITE_KEYS` present, a
    non-empty text, ``base_url`` an ``https://`` or ``http://`` address; ConfigError otherwise."""
    display = _display(content, "site.yaml")
    root = compose(content / "site.yaml", display)
    pairs = {str(key.value): (key, value) for key, value in mapping_of(display, root, "サイトの設定")}
    for name, (key, _) in pairs.items():
        if name not in SITE_KEYS:
            raise problem(display, line_of(key), f"キー {', '.join(SITE_KEYS)} のどれか", f"「{name}」")
    missing = [name for name in SITE_KEYS if name not in pairs]
    if missing:
        raise problem(display, 1 if root is None else line_of(root), f"キー {', '.join(missing)}", "ありません")
    values = {name: text_of(display, pairs[name][1], f"{name}（{meaning}）").strip()
              for name, meaning in SITE_KEYS.items()}
    if not _BASE_URL.fullmatch(values["base_url"]):
        raise problem(display, line_of(pairs["base_url"][1]), "base_url は https:// か http:// で始まるアドレス",
                      f"「{values['base_url']}」")
    return SiteConfig(values["title"], values["short_title"], values["city"], values["base_url"].rstrip("/"),
                      values["description"])


def _slug(display: str, node: yaml.Node, what: str) -> str | None:
    """An optional slug (None: to be made by the builder); ConfigError when it is not one."""
    value = value_of(node, display)
    if value is None:
        return None
    if not isinstance(value, str) or not _SLUG.fullmatch(value):
        raise problem(display, line_of(node), f"{what}のslug（英小文字・数字・ハイフン）", f"「{value}」")
    return value


def _split_entry(display: str, node: yaml.Node) -> None:
    """Check one entry of ``split:``: ``department`` (required) and ``division`` (optional) texts."""
    fields = {str(key.value): (key, value) for key, value in mapping_of(display, node, "department: と division:")}
    for name, (key, value) in fields.items():
        if name not in ("department", "division"):
            raise problem(display, line_of(key), "キー department か division", f"「{name}」")
        if name == "division" and value_of(value, display) is None:
            continue
        text_of(display, value, name)
    if "department" not in fields:
        raise problem(display, line_of(node), "department:（部・局の名前）", "ありません")


def load_organisation(content: Path) -> Organisation:
    """Read and check ``content/departments.yaml``: ``slugs:`` (each department's optional
    ``slug:`` and ``divisions:``, whose slugs are optional too) and ``split:`` (read by the
    sheet parser; checked here, before the sheets are read). ConfigError at the first problem."""
    display = _display(content, ORG_CONFIG)
    sections = {str(key.value): (key, value)
                for key, value in mapping_of(display, compose(content / ORG_CONFIG, display), "slugs: と split:")}
    for name, (key, _) in sections.items():
        if name not in ("slugs", "split"):
            raise problem(display, line_of(key), "キー slugs か split", f"「{name}」")
    for _, entry in mapping_of(display, sections.get("split", (None, None))[1], "split:（担当部課ごとの分け方）"):
        _split_entry(display, entry)
    departments: dict[str, str] = {}
    divisions: dict[tuple[str, str], str] = {}
    problems = []
    for key, entry in mapping_of(display, sections.get("slugs", (None, None))[1], "slugs:（部・局ごとのslug）"):
        name = str(key.value)
        fields = {str(k.value): (k, v) for k, v in mapping_of(display, entry, "slug: と divisions:")}
        for field, (field_key, _) in fields.items():
            if field not in ("slug", "divisions"):
                raise problem(display, line_of(field_key), "キー slug か divisions", f"「{field}」")
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
    return Organisation(departments, divisions)
