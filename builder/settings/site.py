"""``content/site.yaml``: the portal's name, city, address, description and licence, checked
against its schema when read (``builder.settings.schema``): every problem is a ConfigError
``file:line: 期待…、実際…``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.settings.gate import clean
from builder.settings.licence import DEFAULT_LICENCE, LICENCES, Licence
from builder.settings.schema import read_checked
from builder.util.yamlfile import display_name


@dataclass(frozen=True)
class SiteConfig:
    """Site-wide settings from ``content/site.yaml``."""

    title: str  # full site name, shown in the header and in every <title>
    city: str  # e.g. つくば市
    base_url: str  # absolute address of the published site, no trailing slash
    description: str  # default page description
    licence: Licence = LICENCES[
        DEFAULT_LICENCE
    ]  # of the data and the pages (``licence:``, optional)

    def absolute(self, path: str) -> str:
        """The absolute URL of a root-relative path, for canonical links, OGP and the sitemap."""
        return self.base_url + path


SITE_FILE = "site.yaml"
_TEXTS = ("title", "city", "base_url", "description")


def load_site_config(content: Path) -> SiteConfig:
    """Read ``content/site.yaml``, checked against its schema (``schemas/site.schema.json``):
    its texts cleaned (``builder.settings.gate.clean``) and trimmed, ``base_url`` without a
    trailing slash, the licence it names (the default when absent); ConfigError otherwise."""
    document = read_checked(content / SITE_FILE, display_name(content, SITE_FILE), "site")
    values = {
        name: clean(document.value[name], document.display, document.line(name)).strip()
        for name in _TEXTS
    }
    return SiteConfig(
        values["title"],
        values["city"],
        values["base_url"].rstrip("/"),
        values["description"],
        LICENCES[document.value.get("licence", DEFAULT_LICENCE)],
    )
