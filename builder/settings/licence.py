"""The licence the data and pages are published under, chosen by staff in ``content/site.yaml``
(``licence: CC-BY-4.0``, the default when the key is absent).

Each licence a city may choose is declared once here, with its name, its short name, the page
that gives its text and what a reader should know about it; ``/data/``, ``datapackage.json``,
the citation box, the footer and the structured data (JSON-LD) all name it from here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    """A licence: how pages name it and where its text is."""

    key: str  # what site.yaml says, e.g. CC-BY-4.0 (an SPDX identifier where SPDX has one)
    name: str  # クリエイティブ・コモンズ 表示 4.0 国際 パブリック・ライセンス
    short: str  # CC BY 4.0
    url: str  # the licence's own page (in Japanese where there is one)
    note: str  # a sentence on what it allows and how it relates to the government's terms
    spdx: (
        bool  # whether ``key`` is an SPDX / Open Definition identifier (datapackage.json ``name``)
    )


LICENCES = {
    licence.key: licence
    for licence in (
        Licence(
            "CC-BY-4.0",
            "クリエイティブ・コモンズ 表示 4.0 国際 パブリック・ライセンス",
            "CC BY 4.0",
            "https://creativecommons.org/licenses/by/4.0/deed.ja",
            "出典を示せば、複製・加工・再配布・商用利用を含め自由に利用できます。"
            "公共データ利用規約（第1.0版）・政府標準利用規約（第2.0版）と互換性があります。",
            True,
        ),
        Licence(
            "PDL-1.0",
            "公共データ利用規約（第1.0版）",
            "PDL1.0",
            "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0",
            "出典を示せば、複製・加工・再配布・商用利用を含め自由に利用できます。"
            "クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）と互換性があります。",
            False,
        ),
        Licence(
            "CC0-1.0",
            "クリエイティブ・コモンズ CC0 1.0 全世界 パブリック・ドメイン提供",
            "CC0 1.0",
            "https://creativecommons.org/publicdomain/zero/1.0/deed.ja",
            "権利を放棄しています。出典を示さなくても、どのようにでも利用できます。",
            True,
        ),
    )
}
DEFAULT_LICENCE = "CC-BY-4.0"
