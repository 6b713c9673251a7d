"""Helpers for the portal tests: build a copy of the content, read pages as a small tree."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from builder.build import check_settings, make_site
from builder.records.datafile import load_sheet
from builder.records.model import Sheet
from builder.util.progress import StageClock

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"
# The made-up 令和5年度 sheet that gives the real sheets a second year (tests/fixtures/multiyear).
MULTIYEAR_2023 = REPO / "tests" / "fixtures" / "multiyear" / "sheets" / "2023"
MULTIYEAR_SHEET = MULTIYEAR_2023 / "r5_fixture.txt"
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


def copy_content(target: Path) -> Path:
    """A copy of the repository's content/ (the build writes data files into it)."""
    shutil.copytree(CONTENT, target)
    return target


@dataclass
class Element:
    """An HTML element: tag, attributes, children (elements and text)."""

    tag: str
    attrs: dict[str, str | None]
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = None

    def iter(self) -> Iterator[Element]:
        """This element and all elements below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Element]:
        """Descendants (and self) with the tag and attribute values given."""
        return [
            e
            for e in self.iter()
            if (tag is None or e.tag == tag)
            and all(e.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def by_id(self, element_id: str) -> Element:
        """The element with this id (exactly one)."""
        (found,) = self.find_all(id=element_id)
        return found

    def text(self) -> str:
        """The text content, whitespace-trimmed."""
        parts: list[str] = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.text())
        return "".join(parts).strip()

    def ancestors(self) -> Iterator[Element]:
        """Parent, grandparent, ... up to the document."""
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs), parent=self.stack[-1])
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        while len(self.stack) > 1:
            if self.stack.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Element:
    """The document tree of an HTML text."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def page(site: Path, url: str) -> Element:
    """The document at a root-relative URL of a built site."""
    relative = url.lstrip("/")
    path = site / (relative + "index.html" if url.endswith("/") else relative)
    return parse_html(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class TableCell:
    """A data cell read back: its number (or bool), or None with the meaning of the dash."""

    value: float | bool | None
    note: str | None


def read_cell(text: str) -> TableCell:
    """Turn the text of a rendered cell back into a value: ``9,307`` -> 9307.0, ``106.9%`` -> 106.9,
    ``—（未確定）`` -> None."""
    if text.startswith("—"):
        return TableCell(None, text[1:].strip("（）") or None)
    if text in ("有", "無"):
        return TableCell(text == "有", None)
    return TableCell(float(text.replace(",", "").removesuffix("%")), None)


def table_rows(table: Element) -> dict[str, list[TableCell]]:
    """Body rows of a data table: row heading (without unit) -> cells read back; a table by
    year (the pages run them newest first) is read oldest year first, as the data files are."""
    years = (
        [
            int(found[0])
            for th in table.find_all("thead")[0].find_all("th")[1:]
            if (found := re.findall(r"\d{4}", th.text()))
        ]
        if table.find_all("thead")
        else []
    )
    newest_first = len(years) > 1 and years == sorted(years, reverse=True)
    rows = {}
    for row in table.find_all("tbody")[0].find_all("tr"):
        (heading,) = row.find_all("th")
        label = heading.text().split("（")[0]
        cells = [read_cell(td.text()) for td in row.find_all("td")]
        rows[label] = cells[::-1] if newest_first else cells
    return rows


def html_files(site: Path) -> list[Path]:
    """Every HTML file of a built site, sorted."""
    return sorted(site.rglob("*.html"))


def url_of(site: Path, path: Path) -> str:
    """The root-relative URL of a built HTML file."""
    relative = path.relative_to(site).as_posix()
    return "/" + relative.removesuffix("index.html")


def data_file_sheets(content: Path) -> list[Sheet]:
    """Every data file ``content/data/<fy>/<code>.yaml``, in path order."""
    return [load_sheet(path) for path in sorted(content.glob("data/*/*.yaml"))]


def render_data_files(content: Path, out: Path) -> None:
    """Build the site into ``out`` from the data files of ``content`` as they are (no data stage)."""
    settings, prose = check_settings(content)
    make_site(settings, prose, out, data_file_sheets(content), StageClock(), None, None).finish(
        StageClock()
    )
