"""``{% shared key %}…{% endshared %}``: a part of a page rendered once and reused by other pages.

Two pages of a build can hold the same long part: a project with a single sheet has its
latest page and the frozen page of that sheet's year, whose sections are the same bytes.
A template marks such a part with the key that decides it (the page context provides it);
the first page rendered with a key renders the part, later pages with the same key reuse
the text, and the texts it marks for search (``builder.pages.render.ShownTexts``). A key
of ``None`` renders the part every time. Each process keeps the last :data:`KEPT` parts
only (the pages that share a part are rendered one after the other).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import cast

from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.parser import Parser
from markupsafe import Markup

KEPT = 16
SHOWN_TEXTS = "shown_texts"  # the global list of the texts search indexes (builder.search.records)


class SharedFragments(Extension):
    """The ``shared`` tag (see the module docstring)."""

    tags = {"shared"}  # noqa: RUF012  # Jinja2's Extension declares its tags a set of each class

    def __init__(self, environment: object) -> None:
        super().__init__(environment)  # type: ignore[arg-type]  # Jinja2 passes its Environment
        self.rendered: OrderedDict[Hashable, tuple[Markup, list[str]]] = OrderedDict()

    def parse(self, parser: Parser) -> nodes.Node:
        """``{% shared key %}`` body ``{% endshared %}``."""
        lineno = next(parser.stream).lineno
        key = parser.parse_expression()
        body = parser.parse_statements(("name:endshared",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_render", [key]), [], [], body).set_lineno(lineno)

    def _render(self, key: Hashable | None, caller: Callable[[], Markup]) -> Markup:
        if key is None:
            return caller()
        shown = cast(list[str], self.environment.globals.get(SHOWN_TEXTS, []))  # come with the part
        if key in self.rendered:
            self.rendered.move_to_end(key)
            text, texts = self.rendered[key]
            shown += texts
            return text
        before = len(shown)
        text = caller()
        self.rendered[key] = text, shown[before:]
        if len(self.rendered) > KEPT:
            self.rendered.popitem(last=False)
        return text
