"""Links gate: every internal href, src and #anchor of the built site resolves, and nothing
refers to another host except the configured base URL in canonical places."""

from __future__ import annotations

import yaml

from linkcheck import LinkChecker
from sitekit import CONTENT

HOST = "https://mieruka.example.jp"


def _base_url() -> str | None:
    """The absolute address the site is published at, from content/site.yaml."""
    config = yaml.safe_load((CONTENT / "site.yaml").read_text(encoding="utf-8"))
    return config.get("base_url") or None


def test_every_link_resolves_and_stays_on_the_site(built_site):
    problems = LinkChecker(built_site, _base_url()).check()
    assert not problems, f"{len(problems)} link problem(s):\n" + "\n".join(problems)


def test_the_checker_reports_each_kind_of_problem(tmp_path):
    """The gate can fail: each bad reference in a small hand-made site is reported."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        f"""<!DOCTYPE html><html><head><link rel="canonical" href="{HOST}/a/">
<link rel="stylesheet" href="/style.css"><meta property="og:url" content="{HOST}/gone/"></head>
<body><main id="main"><a href="#main">ok</a> <a href="../a/#main">ok</a> <a href="/a#nowhere">anchor</a>
<a href="/b/">page</a> <img src="https://cdn.example/x.png" alt=""> <a href="{HOST}/a/">not canonical</a>
<a href="javascript:void(0)">js</a> <a href="mailto:info@example.jp">mail</a></main></body></html>""",
        encoding="utf-8",
    )
    (tmp_path / "style.css").write_text(
        "main { background: url(img/missing.png) }", encoding="utf-8"
    )
    (tmp_path / "sitemap.xml").write_text(
        f"<urlset><url><loc>{HOST}/a/</loc></url></urlset>", encoding="utf-8"
    )
    problems = LinkChecker(tmp_path, HOST).check()
    expected = [
        "a/index.html:2: broken link: https://mieruka.example.jp/gone/",
        "a/index.html:3: broken anchor: /a#nowhere",
        "a/index.html:4: broken link: /b/",
        "a/index.html:4: refers to another host: https://cdn.example/x.png",
        "a/index.html:4: refers to another host: https://mieruka.example.jp/a/",
        "a/index.html:5: javascript: URL",
        "style.css:1: broken link: img/missing.png",
    ]
    assert len(problems) == len(expected) and all(
        p.startswith(e) for p, e in zip(problems, expected)
    ), problems
