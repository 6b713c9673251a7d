"""The pages that only appear with a correction (the corrections table of a project page, a
non-empty /data/corrections/) pass the accessibility and HTML gates, and a correction's
text reaches them as literal, escaped text."""

from __future__ import annotations

from pathlib import Path

from gatekit import format_axe, format_vnu, messages_under, run_axe
from sitekit import MARKUP_REASON, open_page, serve

PAGES = ("/projects/092/", "/projects/092/2022/", "/data/corrections/")


def test_the_corrections_pages_are_valid_html(
    corrected_site: Path, html_errors: tuple[Path, list[dict]]
) -> None:
    errors = messages_under(corrected_site, html_errors[1])
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
                assert MARKUP_REASON in text and "<script>window.__pwned=1</script>" in text, path
            assert not reports, "\n\n".join(reports)
    finally:
        page.close()
