"""What a journalist does with a page, in Chromium: copies the citation's address and
quotation (the clipboard holds exactly the text the box shows), saves a chart as PNG and
SVG from the keyboard, and frames a chart's embed in a page of another origin, while a
project page refuses to be framed. Screenshots at 360x740 go to MIERUKA_SCREENSHOTS if set."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitekit import open_page

PROJECT = "/projects/092/2022/"
EMBED = "/embed/projects/092/#costs-budget"
SHOTS = os.environ.get("MIERUKA_SCREENSHOTS")
PHONE = {"width": 360, "height": 740}


def _shot(page, name: str, **options: object) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), **options)


def _press(page, selector: str) -> None:
    """Reach the element with the keyboard (focus, as Tab would) and press Enter."""
    page.locator(selector).focus()
    page.keyboard.press("Enter")


def test_the_copy_buttons_put_the_exact_text_on_the_clipboard(new_page, site_url: str) -> None:
    page = new_page(viewport=PHONE, is_mobile=True)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    assert open_page(page, site_url + PROJECT) == 200
    box = page.locator("#cite")
    url_button = box.get_by_role("button", name="固定URLをコピー")
    quote_button = box.get_by_role("button", name="引用文をコピー")
    _press(page, "#cite .copy-button >> nth=0")
    status = box.locator(".copy-status")
    status.filter(has_text="固定URLをコピーしました").wait_for()
    assert (
        page.evaluate("navigator.clipboard.readText()")
        == "https://mieruka.example.jp/projects/092/2022/"
    )
    quote_button.focus()
    page.keyboard.press("Enter")
    status.filter(has_text="引用文をコピーしました").wait_for()
    shown = page.locator("#cite-quotation p").all_inner_texts()
    assert page.evaluate("navigator.clipboard.readText()") == "\n".join(shown)
    assert shown[0].startswith("つくば市の事務事業「国際戦略総合特区推進事業」（事業番号092）は")
    assert url_button.is_visible() and status.get_attribute("role") == "status"
    box.scroll_into_view_if_needed()
    _shot(page, "cite-box-copied", full_page=False)


def test_without_javascript_the_texts_stay_and_no_button_shows(new_page, site_url: str) -> None:
    page = new_page(java_script_enabled=False)
    open_page(page, site_url + PROJECT)
    assert page.locator("#cite .copy-button").count() == 2
    assert not page.locator("#cite .copy-button").first.is_visible()
    assert page.locator("#cite-quotation").is_visible() and page.locator("#cite .url").is_visible()
    assert not page.locator(".chart-tools button").first.is_visible()
    # Nothing can be saved without the script: the save buttons' row takes no room either.
    assert page.locator(".chart-tools").first.bounding_box() is None


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_a_chart_is_saved_as_an_image_from_the_keyboard(new_page, site_url: str, kind: str) -> None:
    page = new_page(accept_downloads=True)
    open_page(page, site_url + PROJECT)
    button = page.locator(f"#costs-budget .chart-tools [data-download={kind}]")
    assert button.inner_text().startswith(f"画像（{kind.upper()}）で保存")
    with page.expect_download(timeout=60_000) as info:
        button.focus()
        page.keyboard.press("Enter")
    download = info.value
    data = Path(download.path()).read_bytes()
    assert download.suggested_filename == f"mieruka-projects-092-2022-costs-budget.{kind}"
    if kind == "png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert width == 960 and height == 300 + 200
        if SHOTS:
            (Path(SHOTS) / "chart-saved.png").write_bytes(data)
    else:
        text = data.decode("utf-8")
        # the title and the unit: 092's amounts (about 9,000千円) read in 万円 on the axis
        assert "事業費：予算額と決算額" in text and ">万円<" in text
        assert (
            "出典：つくば市「事務事業マネジメントシート（令和4年度）」国際戦略総合特区推進事業"
            in text
        )
        assert "https://mieruka.example.jp/projects/092/2022/" in text


@pytest.fixture
def other_origin(tmp_path: Path, site_url: str) -> Iterator[str]:
    """A page on another origin (localhost, another port) framing an embed and a project page."""
    framed = site_url.replace("127.0.0.1", "localhost")
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>記事</title></head>'
        f'<body><iframe id="embed" title="グラフ" src="{site_url}{EMBED}" width="340"'
        ' height="760"></iframe>'
        f'<iframe id="project" title="事業" src="{site_url}{PROJECT}" width="340"'
        ' height="300"></iframe>'
        "</body></html>",
        "utf-8",
    )
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    assert framed  # the site is served on 127.0.0.1: another origin than localhost


def test_an_embed_renders_in_a_frame_of_another_origin_and_a_project_page_does_not(
    new_page, site_url: str, other_origin: str
) -> None:
    page = new_page(viewport={"width": 360, "height": 1100})
    page.goto(other_origin, wait_until="load")
    embed = page.frame_locator("#embed")
    page.mouse.move(
        100, 300
    )  # the reader's pointer over the embed: its chart is drawn, as the site's are
    embed.locator("#costs-budget .chart .main-svg").first.wait_for(timeout=60_000)
    assert embed.locator("#costs-budget table").count() == 1
    shown = embed.locator("figure.figure").evaluate_all(
        "figures => figures.filter(f => f.checkVisibility()).map(f => f.id)"
    )
    assert shown == ["costs-budget"]  # the one chart the address names, of the project's five
    assert embed.locator(".js-plotly-plot").count() == 1  # and only that one is drawn
    assert (
        embed.locator(".embed-source a").first.get_attribute("href")
        == "https://mieruka.example.jp/projects/092/"
    )
    project = next(
        f for f in page.frames if f.name == "" and f != page.main_frame and "embed" not in f.url
    )
    page.wait_for_timeout(500)
    assert (
        page.evaluate(
            "() => { try { return document.querySelector('#project').contentDocument }"
            " catch (e) { return 'blocked' } }"
        )
        is None
    )
    assert project.url.startswith("chrome-error://") or not project.locator("h1").count()
    response = page.request.get(site_url + PROJECT)
    assert response.headers["content-security-policy"] == "frame-ancestors 'none'"
    assert response.headers["x-frame-options"] == "DENY"
    assert (
        page.request.get(site_url + EMBED).headers["content-security-policy"] == "frame-ancestors *"
    )
    _shot(page, "embed-framed", full_page=True)
