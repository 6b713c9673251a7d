"""``content/site.yaml``: the portal's name, city, address and description, checked against
its schema when read (``builder.util.yamlfile``): every problem is a ConfigError
``file:line: 期待…、実際…``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from builder.settings.gate import clean
from builder.settings.licence import DEFAULT_LICENCE, LICENCES, Licence
from builder.util.yamlfile import (
    compose,
    display_name,
    keyed_of,
    line_of,
    problem,
    text_of,
)


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


SITE_KEYS = {
    "title": "サイト名",
    "city": "市の名前",
    "base_url": "公開するアドレス",
    "description": "サイトの説明",
}
OPTIONAL_KEYS = {"licence": "データとページのライセンス"}
_BASE_URL = re.compile(
    r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?"
)


def load_site_config(content: Path) -> SiteConfig:
    """Read and check ``content/site.yaml``: every key of :data:`SITE_KEYS` present, a
    non-empty text, ``base_url`` an ``https://`` or ``http://`` address; ConfigError otherwise."""
    display = display_name(content, "site.yaml")
    root = compose(content / "site.yaml", display)
    pairs = keyed_of(display, root, "サイトの設定", (*SITE_KEYS, *OPTIONAL_KEYS))
    missing = [name for name in SITE_KEYS if name not in pairs]
    if missing:
        raise problem(
            display,
            1 if root is None else line_of(root),
            f"キー {', '.join(missing)}",
            "ありません",
        )
    values = {
        name: clean(
            text_of(display, pairs[name][1], f"{name}（{meaning}）"),
            display,
            line_of(pairs[name][1]),
        ).strip()
        for name, meaning in SITE_KEYS.items()
    }
    if not _BASE_URL.fullmatch(values["base_url"]):
        raise problem(
            display,
            line_of(pairs["base_url"][1]),
            "base_url は https:// か http:// で始まるアドレス",
            f"「{values['base_url']}」",
        )
    return SiteConfig(
        values["title"],
        values["city"],
        values["base_url"].rstrip("/"),
        values["description"],
        _licence(display, pairs),
    )


def _licence(display: str, pairs: dict[str, tuple[yaml.ScalarNode, yaml.Node]]) -> Licence:
    """The licence named by ``licence:`` (the default when absent); ConfigError for an unknown name."""
    if "licence" not in pairs:
        return LICENCES[DEFAULT_LICENCE]
    node = pairs["licence"][1]
    key = text_of(display, node, "licence（データとページのライセンス）").strip()
    if key not in LICENCES:
        raise problem(
            display, line_of(node), f"licence は {'、'.join(LICENCES)} のどれか", f"「{key}」"
        )
    return LICENCES[key]
