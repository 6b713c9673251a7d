"""Run the quality checkers (axe-core in the page, the Nu HTML Checker on files) and
format what they find as readable failure messages."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from sitekit import node_file, require

AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
"""WCAG 2.0 and 2.1, levels A and AA: what JIS X 8341-3:2016 AA asks for."""


def run_axe(page) -> list[dict]:
    """Run axe-core with the WCAG 2.0/2.1 A and AA rules on the open page; return its violations.

    axe is evaluated through the DevTools protocol rather than added as a <script>, so
    the page's own Content-Security-Policy stays in force while it runs.
    """
    source = node_file("axe-core/axe.min.js").read_text(encoding="utf-8")
    page.evaluate(source)
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        list(AXE_TAGS),
    )
    return results["violations"]


def format_axe(url: str, violations: list[dict]) -> str:
    """One block per violated rule: id, impact, help text and every offending element."""
    lines = [f"{url}: {len(violations)} axe violation(s)"]
    for violation in violations:
        lines.append(
            f"  [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = node.get("failureSummary") or ""
            lines.extend(f"      {line}" for line in summary.splitlines())
    return "\n".join(lines)


VNU_JAR = "vnu-jar/build/dist/vnu.jar"
INVALID_PAGE = '<!DOCTYPE html><html lang="ja"><head><title>t</title></head><body><img src="a.png"></div></body></html>'
"""A page the checker must report: an image without alt text and a stray end tag."""


def run_vnu(*folders: Path) -> list[dict]:
    """Check every HTML file under ``folders`` with the Nu HTML Checker in one Java run (the
    Java start costs more than checking a site).

    Returns its error messages (``type`` ``error`` or ``non-document-error``), each with
    the file ``url``, ``lastLine``, ``message`` and ``extract``.
    """
    java = shutil.which("java")
    require(java is not None, "Java (`java`, for the Nu HTML Checker)")
    jar = node_file(VNU_JAR)
    completed = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", "--skip-non-html"]
        + [str(folder) for folder in folders],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(completed.stderr)
    except json.JSONDecodeError:
        raise AssertionError(
            f"the Nu HTML Checker did not report JSON (exit {completed.returncode}):\n{completed.stderr[-2000:]}"
        ) from None
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def messages_under(folder: Path, messages: list[dict]) -> list[dict]:
    """The messages of :func:`run_vnu` about files under ``folder``, and those about no file."""
    root = "file:" + folder.resolve().as_posix() + "/"
    return [m for m in messages if "url" not in m or m["url"].startswith(root)]


def format_vnu(site: Path, messages: list[dict]) -> str:
    """``file:line: message`` per error, with the checker's extract of the offending markup."""
    lines = [f"{len(messages)} HTML error(s):"]
    root = site.resolve().as_posix() + "/"
    for message in messages:
        where = message.get("url", "").removeprefix("file:").removeprefix(root)
        lines.append(f"  {where}:{message.get('lastLine', '?')}: {message['message']}")
        if message.get("extract"):
            lines.append(f"      {' '.join(message['extract'].split())[:200]}")
    return "\n".join(lines)
