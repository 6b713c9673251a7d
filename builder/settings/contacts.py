"""``content/contacts.yaml``: whom a resident asks about a project. Each project page names its
担当課 and the contact this file gives for that 課 (``divisions:``, by 部・局 then 課・室), or,
for a 課 it does not name, the city's general contact (``general:``). Nothing is made up: a
project whose 課 has no entry and a city with no ``general:`` show only the 担当課.

Each contact has a ``name`` and any of ``phone``, ``url`` (an ``https://`` page) and
``address``. The file is checked against its schema (``schemas/contacts.schema.json``) like
every settings file: a problem is one ConfigError ``file:line: 期待…、実際…``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from builder.settings.schema import read_checked
from builder.util.yamlfile import display_name

CONTACTS_FILE = "contacts.yaml"


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


def _contact(values: dict[str, str], general: bool = False) -> Contact:
    texts = {name: text.strip() for name, text in values.items()}
    return Contact(
        texts["name"], texts.get("phone"), texts.get("url"), texts.get("address"), general
    )


def load_contacts(content: Path) -> Contacts:
    """Read ``content/contacts.yaml`` (no file: no contacts), checked against its schema
    (``schemas/contacts.schema.json``)."""
    if not (content / CONTACTS_FILE).is_file():
        return Contacts()
    document = read_checked(
        content / CONTACTS_FILE, display_name(content, CONTACTS_FILE), "contacts"
    )
    value = document.value or {}
    general = _contact(value["general"], general=True) if "general" in value else None
    divisions = {
        (department, division): _contact(contact)
        for department, entries in (value.get("divisions") or {}).items()
        for division, contact in (entries or {}).items()
    }
    return Contacts(general, divisions)
