"""``content/contacts.yaml``: whom a resident asks about a project. Each project page names its
担当課 and the contact this file gives for that 課 (``divisions:``, by 部・局 then 課・室), or,
for a 課 it does not name, the city's general contact (``general:``). Nothing is made up: a
project whose 課 has no entry and a city with no ``general:`` show only the 担当課.

Each contact has a ``name`` and any of ``phone``, ``url`` (an ``https://`` page) and
``address``. The file is checked like every settings file: a problem is one ConfigError
``file:line: 期待…、実際…``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from builder.util.yamlfile import (
    compose,
    display_name,
    keyed_of,
    line_of,
    mapping_of,
    problem,
    text_of,
)

CONTACTS_FILE = "contacts.yaml"
_FIELDS = ("name", "phone", "url", "address")
_PHONE = re.compile(r"[0-9]{2,5}-[0-9]{1,4}-[0-9]{3,4}")
_URL = re.compile(r"https://[A-Za-z0-9.-]+(?:/[A-Za-z0-9._~!$&'()*+,;=:@%/?#-]*)?")


@dataclass(frozen=True)
class Contact:
    """How to reach a 課 (or the city)."""

    name: str  # e.g. 科学技術振興課, つくば市役所
    phone: str | None = None  # 029-000-0000
    url: str | None = None  # https://...
    address: str | None = None
    general: bool = False  # the city's general contact, given for a 課 the file does not name

    @property
    def tel(self) -> str | None:
        """The phone number as a ``tel:`` address."""
        return f"tel:{self.phone.replace('-', '')}" if self.phone else None


@dataclass(frozen=True)
class Contacts:
    """The contacts of ``content/contacts.yaml``."""

    general: Contact | None = None
    divisions: dict[tuple[str, str], Contact] = field(
        default_factory=dict
    )  # (部・局, 課・室) -> contact

    def of(self, department: str, division: str | None) -> Contact | None:
        """The contact for a project of this 部・局 and 課・室: its own, else the city's general one."""
        return self.divisions.get((department, division or "")) or self.general


def _contact(display: str, node: yaml.Node, what: str, general: bool = False) -> Contact:
    values: dict[str, str] = {}
    for key, value in mapping_of(display, node, f"{what}の name、phone、url、address"):
        name = str(key.value)
        if name not in _FIELDS:
            raise problem(
                display, line_of(key), "キー " + "、".join(_FIELDS) + " のどれか", f"「{name}」"
            )
        values[name] = text_of(display, value, f"{what}の{name}").strip()
        if name == "phone" and not _PHONE.fullmatch(values[name]):
            raise problem(
                display, line_of(value), "電話番号（例 029-000-0000）", f"「{values[name]}」"
            )
        if name == "url" and not _URL.fullmatch(values[name]):
            raise problem(
                display, line_of(value), "https:// で始まるページのアドレス", f"「{values[name]}」"
            )
    if not values.get("name"):
        raise problem(display, line_of(node), f"{what}の name:（窓口の名前）", "ありません")
    return Contact(
        values["name"], values.get("phone"), values.get("url"), values.get("address"), general
    )


def load_contacts(content: Path) -> Contacts:
    """Read and check ``content/contacts.yaml`` (no file: no contacts)."""
    if not (content / CONTACTS_FILE).is_file():
        return Contacts()
    display = display_name(content, CONTACTS_FILE)
    root = compose(content / CONTACTS_FILE, display)
    sections = keyed_of(display, root, "general: と divisions:", ("general", "divisions"))
    general = (
        _contact(display, sections["general"][1], "general", general=True)
        if "general" in sections
        else None
    )
    divisions = {}
    for department, entries in mapping_of(
        display, sections.get("divisions", (None, None))[1], "divisions:（部・局ごと）"
    ):
        for division, node in mapping_of(display, entries, f"「{department.value}」の課・室"):
            divisions[(str(department.value), str(division.value))] = _contact(
                display, node, f"「{division.value}」"
            )
    return Contacts(general, divisions)
