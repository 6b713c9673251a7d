"""Valid HTML gate: the Nu HTML Checker (vnu.jar, run once over the whole site) reports no
error in any page."""

from __future__ import annotations

from pathlib import Path

from gatekit import format_vnu, messages_under
from sitekit import html_files


def test_every_page_is_valid_html(built_site: Path, html_errors: tuple[Path, list[dict]]) -> None:
    assert html_files(built_site), f"no HTML files in {built_site}"
    errors = messages_under(built_site, html_errors[1])
    assert not errors, format_vnu(built_site, errors)


def test_the_checker_reports_an_invalid_page(html_errors: tuple[Path, list[dict]]) -> None:
    """The gate can fail: a page with a missing alt and a stray end tag is reported."""
    invalid, errors = html_errors
    messages = [m["message"] for m in messages_under(invalid, errors)]
    assert any("alt" in m for m in messages) and any("div" in m for m in messages), messages
