"""The settings files are checked like sheets: every problem is one line
``file:line: 期待…、実際…``, never a traceback, and the previous site stays."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from builder.cli import main
from builder.settings.departments import load_organisation
from builder.settings.site import load_site_config
from tests.portal.portalkit import copy_content

SITE = (Path(__file__).resolve().parents[2] / "content" / "site.yaml").read_text(encoding="utf-8")
HUGE = SITE + "#" * 1_000_001 + "\n"
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b]\n"

CASES = {
    "site.yaml with a syntax error": (
        "site.yaml",
        SITE.replace("city: つくば市", "city: [つくば市"),
        "content/site.yaml:5: 期待 YAMLとして読める行、実際 expected ',' or ']', but got '?'（3 行目からの while parsing a flow sequence）",
    ),
    "site.yaml a list": (
        "site.yaml",
        "- title\n- city\n",
        "content/site.yaml:1: 期待 サイトの設定（キー: 値 の組）、実際 リスト",
    ),
    "an empty title": (
        "site.yaml",
        SITE.replace("title: つくば市 事務事業見える化ポータル", "title:"),
        "content/site.yaml:2: 期待 title（サイト名）（空でない文字列）、実際 空",
    ),
    "a missing key": (
        "site.yaml",
        SITE.replace("city: つくば市\n", ""),
        "content/site.yaml:2: 期待 キー city、実際 ありません",
    ),
    "an unknown key": (
        "site.yaml",
        SITE + "titel: x\n",
        "content/site.yaml:10: 期待 キー title, city, base_url, description, licence のどれか、実際 「titel」",
    ),
    "an unknown licence": (
        "site.yaml",
        SITE.replace("licence: CC-BY-4.0", "licence: MIT"),
        "content/site.yaml:9: 期待 licence は CC-BY-4.0、PDL-1.0、CC0-1.0 のどれか、実際 「MIT」",
    ),
    "a javascript base_url": (
        "site.yaml",
        SITE.replace("https://mieruka.example.jp", "javascript:alert(1)//"),
        "content/site.yaml:5: 期待 base_url は https:// か http:// で始まるアドレス、実際 「javascript:alert(1)//」",
    ),
    "a duplicate key": (
        "site.yaml",
        SITE + "title: 別の名前\n",
        "content/site.yaml:10: 期待 重複しないキー、実際 キー「title」が2回目です（1回目は 2 行目）",
    ),
    "an alias bomb": (
        "site.yaml",
        BOMB,
        "content/site.yaml:2: 期待 YAMLとして読める行、実際 エイリアス（*a）は使えません。値をそのまま書いてください",
    ),
    "Shift_JIS": (
        "site.yaml",
        SITE,
        "content/site.yaml:2: 期待 UTF-8 の文字、実際 UTF-8 として読めないバイト（Shift_JIS などで保存されていませんか。UTF-8 で保存し直してください）",
    ),
    "a missing site.yaml": (
        "site.yaml",
        None,
        "content/site.yaml:1: 期待 設定ファイル、実際 ファイルがありません",
    ),
    "a huge file": (
        "site.yaml",
        HUGE,
        f"content/site.yaml:1: 期待 1,000,000 バイト以下の設定ファイル、実際 {len(HUGE.encode()):,} バイト",
    ),
    "departments.yaml with a syntax error": (
        "departments.yaml",
        "slugs:\n  部: {slug: a\n",
        "content/departments.yaml:3: 期待 YAMLとして読める行、実際 ",
    ),
    "a list of departments": (
        "departments.yaml",
        "slugs:\n  - 政策イノベーション部\n",
        "content/departments.yaml:2: 期待 slugs（部・局ごとのslug）（キー: 値 の組）、実際 リスト",
    ),
    "split: 42": (
        "departments.yaml",
        "split: 42\n",
        "content/departments.yaml:1: 期待 split（担当部課ごとの分け方）（キー: 値 の組）、実際 int の値 42",
    ),
    "a split without department": (
        "departments.yaml",
        "split:\n  市長公室:\n    division: 秘書課\n",
        "content/departments.yaml:3: 期待 キー department、実際 ありません",
    ),
    "a slug that is not ASCII": (
        "departments.yaml",
        "slugs:\n  政策イノベーション部:\n    slug: 政策\n",
        "content/departments.yaml:3: 期待 slug は 英小文字・数字・ハイフンのslug（100 文字まで、空なら読みから作ります）、実際 「政策」",
    ),
    "two departments that read the same": (
        "departments.yaml",
        "slugs:\n  政策イノベーション部:\n    slug: a\n  政策イノベ一ション部:\n    slug: b\n",
        (
            "content/departments.yaml:4: 期待 「政策イノベーション部」と見分けられる名前（同じ部署なら同じ文字で）、"
            "実際 「政策イノベ一ション部」（U+30FC と U+4E00 が違います）"
        ),
    ),
    "a department with a zero-width space": (
        "departments.yaml",
        'slugs:\n  "政策\\u200bイノベーション部":\n    slug: a\n',
        (
            "content/departments.yaml:2: 期待 見えない文字・向きを変える制御文字のない部署名、"
            "実際 見えない文字か向きを変える制御文字のある名前「政策<U+200B>イノベーション部」"
        ),
    ),
    "an impossible release date": (
        "releases.yaml",
        "2022: 2023-02-30\n",
        "content/releases.yaml:1: 期待 正しい値（日付なら 2024-05-31 の形の、実在する日）、実際 「2023-02-30」（day is out of range for month）",
    ),
    "an impossible correction date": (
        "corrections.yaml",
        '- date: 2026-13-01\n  code: "092"\n  fiscal_year: 2022\n  field: name\n  old: x\n  new: y\n  reason: z\n',
        "content/corrections.yaml:1: 期待 正しい値（日付なら 2024-05-31 の形の、実在する日）、実際 「2026-13-01」（month must be in 1..12）",
    ),
    "a duplicate release year": (
        "releases.yaml",
        "2022: 2023-06-30\n2022: 2023-07-01\n",
        "content/releases.yaml:2: 期待 重複しないキー、実際 キー「2022」が2回目です（1回目は 1 行目）",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_broken_settings_file_is_one_line_and_keeps_the_site(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    name, text, expected = CASES[case]
    content = copy_content(tmp_path / "content")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous", encoding="utf-8")
    if text is None:
        (content / name).unlink()
    else:
        (content / name).write_bytes(text.encode("shift_jis" if case == "Shift_JIS" else "utf-8"))
    started = time.monotonic()
    assert main(["--content", str(content), "build", "--out", str(site)]) == 1
    assert time.monotonic() - started < 30
    errors = [line for line in capsys.readouterr().err.splitlines() if ": 警告: " not in line]
    assert errors[0].startswith(expected), errors
    assert errors[1:] == [
        "1 件の問題があります。何も書き込んでいません。",
        "前に公開したサイトはそのまま残っています。",
    ]
    assert [p.name for p in site.iterdir()] == ["index.html"]


def test_the_repositorys_settings_are_valid() -> None:
    content = Path(__file__).resolve().parents[2] / "content"
    assert load_site_config(content).base_url == "https://mieruka.example.jp"
    assert load_organisation(content).department_slug("政策イノベーション部") == "policy-innovation"


def test_department_and_division_slugs_are_optional(tmp_path: Path) -> None:
    (tmp_path / "departments.yaml").write_text(
        "slugs:\n  政策イノベーション部:\n    divisions:\n      科学技術振興課:\n  市長公室:\n"
        "split:\n  市長公室秘書課:\n    department: 市長公室\n    division: 秘書課\n",
        encoding="utf-8",
    )
    organisation = load_organisation(tmp_path)
    assert organisation.departments == {} and organisation.divisions == {}
