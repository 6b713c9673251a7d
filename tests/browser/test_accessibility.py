"""Accessibility gate: axe-core's WCAG 2.0/2.1 A and AA rules (what JIS X 8341-3:2016 AA
asks for) find nothing on any kind of page, opened in headless Chromium."""

from __future__ import annotations

import pytest

from gatekit import format_axe, run_axe
from sitekit import PAGE_KINDS, pages_of, visit


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_axe_finds_no_violations(reader, site_url, site_pages, kind):
    reports = []
    for site_page in pages_of(site_pages, kind):
        visit(reader, site_url, site_page)
        violations = run_axe(reader)
        if violations:
            reports.append(format_axe(site_page.url, violations))
    assert not reports, "\n\n".join(reports)


def test_axe_reports_a_bad_page(page):
    """The gate can fail: an image without alt text and an unlabelled field are reported."""
    page.set_content(
        '<!DOCTYPE html><html lang="ja"><head><title>t</title></head><body><main><img src="a.png"><input></main></body></html>'
    )
    assert {violation["id"] for violation in run_axe(page)} == {"image-alt", "label"}
