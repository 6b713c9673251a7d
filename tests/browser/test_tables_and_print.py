"""Tables on a 360x740 phone and the project page printed on A4.

On the phone every table's last column is reached by scrolling its focusable, labelled
box, a shadow at the edge says there is more, and no number wraps or is cut inside its
cell. Printed, a project page has no "#" links, text of at least 10 pt, charts as wide as
A4 paper allows (180 mm between 15 mm margins) and headings kept with what follows."""

from __future__ import annotations

import pytest

from sitekit import CHART, PHONE, draw_charts, pages_of, visit

A4_CONTENT_PX = 180 / 25.4 * 96  # 180 mm at 96 CSS pixels per inch
TEN_POINT_PX = 10 / 72 * 96

# For each table: whether it fits; if not, its scroll box's focus, name and edge shadow, and
# whether, scrolled to the end, every row's last cell is fully in view right of the sticky
# row headings. Numbers (cells without class "text") must not wrap or overflow their cell.
_TABLES = """() => {
  const name = box => (box.getAttribute("aria-label") || (box.getAttribute("aria-labelledby") || "").split(" ")
    .map(id => document.getElementById(id)?.textContent || "").join("")).trim();
  return [...document.querySelectorAll("main table")].map(table => {
    const box = table.closest(".table-wrap");
    const caption = (table.caption?.textContent || "").trim().slice(0, 50);
    const numbers = [...table.querySelectorAll("td:not(.text)")];
    const cut = numbers.filter(td => getComputedStyle(td).whiteSpace !== "nowrap" || td.scrollWidth > td.clientWidth + 1)
      .map(td => td.textContent.trim());
    if (!box || box.scrollWidth <= box.clientWidth + 1) {
      return {caption, scrolls: false, fits: table.getBoundingClientRect().right <= innerWidth + 0.5, cut};
    }
    const style = getComputedStyle(box);
    box.scrollLeft = box.scrollWidth;
    const edge = box.getBoundingClientRect().right;
    const hidden = [...table.rows].filter(row => {
      const last = row.cells[row.cells.length - 1], first = row.cells[0];
      const r = last.getBoundingClientRect(), sticky = first.getBoundingClientRect();
      return row.cells.length > 1 && (r.right > edge + 1 || r.left < sticky.right - 1);
    }).length;
    box.scrollLeft = 0;
    return {caption, scrolls: true, fits: true, cut, focusable: box.tabIndex === 0, role: box.getAttribute("role"),
            name: name(box), shadow: style.backgroundImage.includes("radial-gradient") && style.backgroundAttachment.includes("scroll"),
            hidden};
  });
}"""


@pytest.mark.parametrize("kind", ["home", "project", "year", "department", "sdg"])
def test_every_table_reaches_its_last_column_with_a_cue_at_360px(
    phone_reader, site_url, site_pages, kind
):
    problems, scrolling = [], 0
    for site_page in pages_of(site_pages, kind):
        visit(phone_reader, site_url, site_page)
        for table in phone_reader.evaluate(_TABLES):
            where = f"{site_page.url}: table {table['caption']!r}"
            if not table["fits"]:
                problems.append(f"{where}: wider than the screen with no scroll box")
            if table["cut"]:
                problems.append(
                    f"{where}: numbers that wrap or are cut in their cell: {table['cut'][:5]}"
                )
            if table["scrolls"]:
                scrolling += 1
                if not (table["focusable"] and table["role"] == "region" and table["name"]):
                    problems.append(f"{where}: its scroll box is not a focusable, named region")
                if not table["shadow"]:
                    problems.append(f"{where}: no shadow at the edge that hides columns")
                if table["hidden"]:
                    problems.append(
                        f"{where}: {table['hidden']} rows whose last cell stays out of view"
                    )
    assert not problems, "\n".join(problems)
    if kind in (
        "project",
        "department",
    ):  # these tables are wider than a phone: the checks above did run
        assert scrolling, f"no {kind} table scrolls at 360px"


def test_the_table_check_reports_a_clipped_table(new_page):
    """The gate can fail: numbers left to wrap, and a wide table in a box that clips it with
    no shadow, no focus and no name."""
    page = new_page(**PHONE)
    wrapping = "".join(f"<td>{n:,}</td>" for n in range(1_000_000, 1_000_010))
    clipped = "".join(
        f'<td style="white-space:nowrap">{n:,}</td>' for n in range(1_000_000, 1_000_010)
    )
    page.set_content(f"""<!DOCTYPE html><html lang="ja"><meta name="viewport" content="width=device-width"><body><main>
        <table><caption>wraps</caption><tr><th>a</th>{wrapping}</tr></table>
        <div class="table-wrap" style="overflow:hidden"><table><caption>clipped</caption><tr><th>a</th>{clipped}</tr></table></div>
        </main></body></html>""")
    wraps, clips = page.evaluate(_TABLES)
    assert wraps["cut"][:2] == ["1,000,000", "1,000,001"]
    assert clips["scrolls"] and not clips["focusable"] and not clips["name"] and not clips["shadow"]


# Visible text of <main> smaller than 10 pt, "#" links left, chart widths, headings that may
# be left at a page foot.
_PRINTED = f"""() => {{
  const own = e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  const small = [...document.querySelectorAll("main *")].filter(e => own(e) && e.checkVisibility()
      && !e.closest(".visually-hidden, .js-plotly-plot") && parseFloat(getComputedStyle(e).fontSize) < {TEN_POINT_PX - 0.01:f})
    .map(e => `${{e.tagName.toLowerCase()}}.${{e.className}} ${{getComputedStyle(e).fontSize}}: ${{e.textContent.trim().slice(0, 30)}}`);
  const charts = [...document.querySelectorAll("{CHART}")].filter(box => box.checkVisibility()).map(box =>
    Math.max(box.getBoundingClientRect().width, ...[...box.querySelectorAll(".main-svg")].map(s => s.getBoundingClientRect().width)));
  const loose = [...document.querySelectorAll("main h2, main h3, main .heading-row, main figcaption")]
    .filter(e => getComputedStyle(e).breakAfter !== "avoid").map(e => e.textContent.trim().slice(0, 30));
  return {{small, charts, loose, hashes: document.body.innerText.split("#").length - 1}};
}}"""


# Every drawn chart shown is as wide as its box: charts.js has fitted them to the medium.
_FITTED = f"""() => [...document.querySelectorAll("{CHART}")].filter(box => box.checkVisibility())
  .every(box => {{ const svg = box.querySelector(".main-svg");
    return svg && Math.abs(svg.getBoundingClientRect().width - box.clientWidth) <= 1; }})"""


def test_a_project_page_prints_on_a4(page, site_url, site_pages):
    site_page = pages_of(site_pages, "project")[0]
    visit(page, site_url, site_page)
    drawn = draw_charts(page)
    page.emulate_media(media="print")
    page.wait_for_function(_FITTED)
    printed = page.evaluate(_PRINTED)
    assert printed["hashes"] == 0, f"{site_page.url}: '#' printed {printed['hashes']} times"
    assert not printed["small"], "text under 10 pt:\n" + "\n".join(printed["small"])
    assert len(printed["charts"]) == drawn and max(printed["charts"]) <= A4_CONTENT_PX, printed[
        "charts"
    ]
    assert not printed["loose"], f"headings that may end a page: {printed['loose']}"
    assert page.pdf(format="A4", print_background=True)[:5] == b"%PDF-"
    page.emulate_media(media="screen")  # back on screen the charts take the page's width again
    page.wait_for_function(_FITTED)
    assert min(page.evaluate(_PRINTED)["charts"]) > A4_CONTENT_PX
