"""担当部課 split into 部・局 and 課・室 without configuration, and URL slugs made from
their readings."""

from __future__ import annotations

from dataclasses import replace

import pytest

from builder.settings.departments import Organisation
from tests.parse.helpers import changed, parse_one, real_sheets


@pytest.mark.parametrize(
    "printed",
    [
        "保健福祉部 社会福祉課",
        "保健福祉部\u3000社会福祉課",
        "保健福祉部\t社会福祉課",
        " 保健福祉部　 社会福祉課 ",
    ],
    ids=["ascii-space", "full-width-space", "two-cells", "spaces-around"],
)
def test_department_and_division_written_apart(tmp_path, printed):
    sheet = parse_one(tmp_path, changed("政策イノベーション部科学技術振興課", printed))
    assert (sheet.department, sheet.division) == ("保健福祉部", "社会福祉課")


@pytest.mark.parametrize(
    ("printed", "department", "division"),
    [
        ("会計事務局", "会計事務局", None),
        ("選挙管理委員会事務局", "選挙管理委員会事務局", None),
        ("監査委員事務局", "監査委員事務局", None),
        ("農業委員会事務局", "農業委員会事務局", None),
        ("中央図書館", "中央図書館", None),
        ("教育局中央図書館", "教育局", "中央図書館"),
        ("消防本部中消防署", "消防本部", "中消防署"),
        ("議会事務局議事課", "議会事務局", "議事課"),
        ("政策イノベーション部広報室", "政策イノベーション部", "広報室"),
    ],
)
def test_real_units_split_without_config(tmp_path, printed, department, division):
    sheet = parse_one(tmp_path, changed("政策イノベーション部科学技術振興課", printed))
    assert (sheet.department, sheet.division) == (department, division)


def test_two_divisions_with_one_reading_fail_naming_both():
    first, second, *_ = real_sheets()  # 009 and 045
    sheets = [replace(first, division="IT推進課"), replace(second, division="ＩＴ推進課")]
    org, errors = Organisation({"政策イノベーション部": "policy-innovation"}, {}).for_sheets(sheets)
    assert [str(error) for error in errors] == [
        (
            "content/sheets/2022/000_3e14ed9760a955ee.txt:625: 期待 「IT推進課」と見分けられる名前（同じ部署なら同じ文字で）、"
            "実際 「ＩＴ推進課」（U+0049 と U+FF29 が違います）"
        ),  # the same name after NFKC
        (
            "content/sheets/2022/000_3e14ed9760a955ee.txt:625: 「政策イノベーション部 / IT推進課」と「政策イノベーション部 / ＩＴ推進課」"
            "のURL用slugがどちらも「it-suishinka」になります。content/departments.yaml の slugs: でどちらかに別のslugを書いてください"
        ),
    ]
    assert org.generated == (
        ("政策イノベーション部", "IT推進課", "it-suishinka"),
        ("政策イノベーション部", "ＩＴ推進課", "it-suishinka"),
    )
    assert (
        org.department_slug("政策イノベーション部") == "policy-innovation"
    )  # the written slug wins
