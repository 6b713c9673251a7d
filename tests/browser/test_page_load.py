"""Every kind of page loads cleanly: nothing requested from another host, no failed
request, no script error, no Content-Security-Policy violation (Chromium reports those
as console errors)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from sitekit import PAGE_KINDS, pages_of, visit

# Chromium logs every failed response as a console error too; failed responses are
# reported (with their URL) through the response events instead.
_FAILED_RESOURCE = "Failed to load resource"
_INLINE_SCHEMES = ("data:", "blob:")
_ABORTED = "net::ERR_ABORTED"  # a request cut short by the next navigation (the favicon, say)


@contextmanager
def watching(page, site_url: str, problems: list[str]) -> Iterator[None]:
    """Append to ``problems`` whatever goes wrong on ``page`` until the block ends."""

    def request(r) -> None:
        if not r.url.startswith((site_url + "/",) + _INLINE_SCHEMES):
            problems.append(f"request to another host: {r.url}")

    def response(r) -> None:
        if r.status >= 400 and r.request.resource_type != "document":
            problems.append(f"HTTP {r.status}: {r.url}")

    def request_failed(r) -> None:
        if r.failure != _ABORTED:
            problems.append(f"request failed: {r.url} ({r.failure})")

    def page_error(error) -> None:
        problems.append(f"{page.url}: script error: {error}")

    def console(message) -> None:
        if message.type == "error" and not message.text.startswith(_FAILED_RESOURCE):
            problems.append(f"{page.url}: console error: {message.text}")

    handlers = {
        "request": request,
        "response": response,
        "requestfailed": request_failed,
        "pageerror": page_error,
        "console": console,
    }
    for event, handler in handlers.items():
        page.on(event, handler)
    try:
        yield
    finally:  # the page is the module's (reader): the next test watches it afresh
        for event, handler in handlers.items():
            page.remove_listener(event, handler)


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_loads_cleanly(reader, site_url, site_pages, kind):
    problems: list[str] = []
    with watching(reader, site_url, problems):
        for site_page in pages_of(site_pages, kind):
            status = visit(reader, site_url, site_page)
            expected = 404 if kind == "404" else 200
            if status != expected:
                problems.append(f"{site_page.url}: HTTP {status}, expected {expected}")
    assert not problems, "\n".join(problems)
