"""Valid HTML gate: the Nu HTML Checker (vnu.jar, run once over the whole site) reports no
error in any page."""

from __future__ import annotations

from gatekit import format_vnu, run_vnu
from sitekit import html_files


def test_every_page_is_valid_html(built_site):
    assert html_files(built_site), f"no HTML files in {built_site}"
    errors = run_vnu(built_site)
    assert not errors, format_vnu(built_site, errors)


def test_the_checker_reports_an_invalid_page(tmp_path):
    """The gate can fail: a page with a missing alt and a stray end tag is reported."""
    (tmp_path / "bad.html").write_text(
        '<!DOCTYPE html><html lang="ja"><head><title>t</title></head><body><img src="a.png"></div></body></html>',
        encoding="utf-8",
    )
    messages = [m["message"] for m in run_vnu(tmp_path)]
    assert any("alt" in m for m in messages) and any("div" in m for m in messages), messages
