"""The pages that only appear with a correction (the corrections table of a project page, a
non-empty /data/corrections/) pass the accessibility and HTML gates, and a correction's
text reaches them as literal, escaped text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gatekit import format_axe, format_vnu, run_axe, run_vnu
from sitekit import CONTENT, build_site_from, open_page, serve

REASON = '<img src=x onerror="window.__pwned=1">訂正の理由'
CORRECTIONS = f"""\
- date: 2026-12-01
  code: "092"
  fiscal_year: 2022
  field: costs[2022].settlement
  old: 9307
  new: 9370
  reason: '{REASON}'
- date: 2026-12-02
  code: "092"
  fiscal_year: 2022
  field: direction.reason
  old: null
  new: "<script>window.__pwned=1</script>"
  reason: 理由の記載漏れ
"""
PAGES = ("/projects/092/", "/projects/092/2022/", "/data/corrections/")


@pytest.fixture(scope="module")
def corrected_site(tmp_path_factory) -> Path:
    """The repository's content with two corrections, one carrying markup, built."""
    source = tmp_path_factory.mktemp("source") / "content"
    shutil.copytree(CONTENT, source)
    (source / "corrections.yaml").write_text(CORRECTIONS, encoding="utf-8")
    return build_site_from(source, tmp_path_factory.mktemp("corrected"))


def test_the_corrections_pages_are_valid_html(corrected_site: Path) -> None:
    errors = run_vnu(corrected_site)
    assert not errors, format_vnu(corrected_site, errors)


def test_the_corrections_pages_pass_axe_and_show_the_markup_as_text(
    browser, corrected_site: Path
) -> None:
    page = browser.new_page()
    try:
        with serve(corrected_site) as url:
            reports = []
            for path in PAGES:
                assert open_page(page, url + path) == 200
                violations = run_axe(page)
                if violations:
                    reports.append(format_axe(path, violations))
                assert page.evaluate("() => window.__pwned") is None, path
                text = page.evaluate("() => document.querySelector('main').textContent")
                assert REASON in text and "<script>window.__pwned=1</script>" in text, path
            assert not reports, "\n\n".join(reports)
    finally:
        page.close()
