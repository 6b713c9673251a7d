"""The pages and sections that need two fiscal years (issue 15: the comparison of the words,
the reworded projects and indicators on /changes/<fy>/, a year with and a year without a
population) pass the HTML, accessibility, phone-width and link gates. The site is the
repository's content plus the made-up 2023 sheets of tests/fixtures/multiyear."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from gatekit import format_axe, format_vnu, messages_under, run_axe
from linkcheck import LinkChecker
from sitekit import CONTENT, open_page, serve

WIDTH, HEIGHT = 360, 740
PAGES = (
    "/",
    "/projects/092/",
    "/projects/092/2022/",
    "/projects/092/changes/2023/",
    "/projects/097/changes/2023/",
    "/changes/2023/",
    "/departments/policy-innovation/",
    "/data/",
)
NEW_PARTS = {  # what each page must hold, so that the gates check the new sections
    "/projects/092/": ".per-resident",
    "/projects/092/2022/": ".per-resident-figures",
    "/projects/092/changes/2023/": "del",
    "/projects/097/changes/2023/": "ins",
    "/changes/2023/": "#wording",
    "/departments/policy-innovation/": "#indicators-met",
    "/data/": "#sqlite",
}


@pytest.fixture(scope="module")
def two_year_site(two_year_build: tuple[Path, Path]) -> Path:
    """The session's site of the real sheets and the made-up 2023 sheets."""
    return two_year_build[1]


def test_the_new_pages_are_valid_html(
    two_year_site: Path, html_errors: tuple[Path, list[dict]]
) -> None:
    errors = messages_under(two_year_site, html_errors[1])
    assert not errors, format_vnu(two_year_site, errors)


def test_every_link_of_the_two_year_site_resolves(two_year_site: Path) -> None:
    base = yaml.safe_load((CONTENT / "site.yaml").read_text(encoding="utf-8")).get("base_url")
    problems = LinkChecker(two_year_site, base).check()
    assert not problems, "\n".join(problems)


def test_the_new_pages_pass_axe_and_fit_a_phone(browser, two_year_site: Path) -> None:
    desktop = browser.new_page()
    phone_context = browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT}, is_mobile=True, has_touch=True, locale="ja-JP"
    )
    phone = phone_context.new_page()
    try:
        with serve(two_year_site) as url:
            reports, wide = [], []
            for path in PAGES:
                assert open_page(desktop, url + path) == 200, path
                if path in NEW_PARTS:
                    assert desktop.locator(NEW_PARTS[path]).count(), f"{path}: no {NEW_PARTS[path]}"
                violations = run_axe(desktop)
                if violations:
                    reports.append(format_axe(path, violations))
                assert open_page(phone, url + path) == 200, path
                width = phone.evaluate("() => document.documentElement.scrollWidth")
                if width > WIDTH:
                    wide.append(f"{path}: {width}px wide at {WIDTH}px")
            assert not reports, "\n\n".join(reports)
            assert not wide, "\n".join(wide)
    finally:
        desktop.close()
        phone_context.close()
