"""Hostile input gate: markup, script and template code in a sheet's text cells reaches the
pages as inert, literal text; and a Content-Security-Policy allows only the site's own
scripts, as a second line of defence."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from sitekit import CONTENT, REPO, build_site_from, html_files, open_page, serve, url_path

HOSTILE_SHEETS = REPO / "tests" / "fixtures" / "hostile" / "sheets"
MARKER = "__pwned"
SEARCHES = ("特区", "pwned")  # search results that show the hostile project (its name, an excerpt)
_HOSTILE = re.compile(r"[<>]|\{\{|\{%|\$\{|javascript:")

# Elements the payloads would create if they were not escaped: any event-handler
# attribute, a javascript: URL, the test image, or an executable inline script holding the
# payload (a JSON script that lets a "</script>" break out, say).
_INJECTED = """marker => [...document.querySelectorAll("*")].filter(e =>
    [...e.attributes].some(a => /^on/i.test(a.name)
      || (/^(href|src|action|formaction|data|xlink:href)$/i.test(a.name) && /^\\s*javascript:/i.test(a.value)))
    || (e.tagName === "IMG" && e.getAttribute("src") === "x")
    || (e.tagName === "SCRIPT" && !e.src && !/json/.test(e.type) && e.textContent.includes(marker))
  ).map(e => e.outerHTML.slice(0, 160))"""

# The page's text as a reader gets it, hidden parts included, without scripts and styles.
_TEXT = """() => { const body = document.body.cloneNode(true);
  body.querySelectorAll("script, style, template").forEach(e => e.remove());
  return body.textContent.replace(/\\s+/g, " "); }"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The hostile fixture sheet built into a site of its own, with the repository's pages and config."""
    return build_site_from(CONTENT, tmp_path_factory.mktemp("hostile"), sheets=HOSTILE_SHEETS)


def _strings(value: object) -> list[str]:
    """Every string inside a data file's nested mappings and lists."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _hostile_texts(site: Path) -> list[str]:
    """The text values of the built data that carry markup or template syntax."""
    data = site.parent / "content" / "data"
    texts = {
        s
        for file in sorted(data.rglob("*.yaml"))
        for s in _strings(yaml.safe_load(file.read_text(encoding="utf-8")))
    }
    return sorted(t for t in texts if _HOSTILE.search(t) and not t.startswith("content/"))


def _check_page(page, url: str, texts: list[str]) -> list[str]:
    """What got through on the open page: a payload that ran, an injected element, or a
    hostile text (from ``texts``) that is not shown literally."""
    problems = []
    if page.evaluate(f"() => window.{MARKER} ?? null") is not None:
        problems.append(
            f"{url}: a payload ran (window.{MARKER} = {page.evaluate(f'() => window.{MARKER}')!r})"
        )
    problems.extend(f"{url}: injected element: {html}" for html in page.evaluate(_INJECTED, MARKER))
    shown = page.evaluate(_TEXT)
    problems.extend(
        f"{url}: not shown literally: {text}"
        for text in texts
        if re.sub(r"\s+", " ", text) not in shown
    )
    return problems


def test_hostile_text_is_shown_literally_and_runs_nothing(new_page, hostile_site):
    texts = _hostile_texts(hostile_site)
    assert len(texts) >= 8, f"the fixture should yield hostile text in the data; got {texts}"
    name = next(text for text in texts if MARKER in text and "alert" in text)  # the project's name
    pages = [
        url_path(hostile_site, f)
        for f in html_files(hostile_site)
        if MARKER in f.read_text(encoding="utf-8")
    ]
    assert pages, "no page shows the hostile project"
    # bypass_csp: the escaping alone must hold; the policy is tested on its own below.
    page = new_page(bypass_csp=True)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    problems = []
    with serve(hostile_site) as site_url:
        for url in pages:
            open_page(page, site_url + url)
            # Project pages show every text of the sheet; the others at least its name.
            problems.extend(
                _check_page(
                    page,
                    url,
                    texts if url.startswith("/projects/") and url != "/projects/" else [name],
                )
            )
        for query in SEARCHES:
            url = "/search/?q=" + quote(query)
            open_page(page, site_url + url, settle=True)
            problems.extend(_check_page(page, url, [name]))
    problems.extend(f"a dialog opened: {message}" for message in dialogs)
    assert not problems, "\n".join(problems)


_SAFE_SCRIPT_SOURCES = {
    "'self'",
    "'wasm-unsafe-eval'",
}  # WebAssembly is what Pagefind's search runs on


class _Policies(HTMLParser):
    """Collects a page's Content-Security-Policy meta tags, and whether a script came first."""

    def __init__(self) -> None:
        super().__init__()
        self.policies: list[str] = []
        self.script_before_policy = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append(values.get("content") or "")
        elif tag == "script" and not self.policies:
            self.script_before_policy = True


def _directives(policy: str) -> dict[str, list[str]]:
    """A CSP string as {directive: sources}."""
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {words[0].lower(): words[1:] for words in parts}


def test_every_page_has_a_policy_allowing_only_the_sites_own_scripts(built_site):
    problems = []
    for file in html_files(built_site):
        where = file.relative_to(built_site).as_posix()
        found = _Policies()
        found.feed(file.read_text(encoding="utf-8"))
        if len(found.policies) != 1 or found.script_before_policy:
            problems.append(
                f"{where}: expected one Content-Security-Policy meta tag before any script"
            )
            continue
        directives = _directives(found.policies[0])
        scripts = directives.get("script-src", directives.get("default-src"))
        if scripts is None or not set(scripts) <= _SAFE_SCRIPT_SOURCES or "'self'" not in scripts:
            problems.append(f"{where}: script-src must allow only 'self', got {scripts}")
        objects = directives.get("object-src", directives.get("default-src"))
        if objects not in (["'none'"], ["'self'"]):
            problems.append(f"{where}: object-src must be 'none' or 'self', got {objects}")
    assert not problems, "\n".join(problems)


def test_the_policy_blocks_an_injected_inline_script(page, site_url):
    open_page(page, site_url + "/")
    ran = page.evaluate(
        """() => { const s = document.createElement("script"); s.textContent = "window.inlineRan = true";
        document.head.append(s); return window.inlineRan === true; }"""
    )
    assert not ran, (
        "an inline script ran: the Content-Security-Policy does not block inline scripts"
    )


def test_the_check_reports_markup_that_got_through(page):
    """The gate can fail: an unescaped payload that runs, and text that is not shown, are reported."""
    page.set_content(f"""<!DOCTYPE html><html lang="ja"><head><title>t</title></head><body>
        <p>{{{{ 7*7 }}}}</p><img src=x onerror="window.{MARKER}='img'"></body></html>""")
    page.wait_for_function(f"() => window.{MARKER}")
    assert _check_page(page, "bad", ["{{ 7*7 }}", "<b>"]) == [
        "bad: a payload ran (window.__pwned = 'img')",
        """bad: injected element: <img src="x" onerror="window.__pwned='img'">""",
        "bad: not shown literally: <b>",
    ]
