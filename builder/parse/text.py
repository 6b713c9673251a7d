"""Cell text to clean values: markup fragments, bullets and 。-separated items become lists.

A cell is read the way a browser shows it (``visible_paragraphs``): a tag of a real HTML
element is removed (a block tag such as <p>, <li> or <br> ends a paragraph), comments and
declarations (``<!…>``, ``<?…>``, ``<![CDATA[…]]>``, ``</ …>``) are dropped, so is the content of
``<script>`` and ``<style>`` (up to their end tag), a tag cut off by
the end of the cell is dropped, and character references are decoded exactly once. A ``<``
that opens none of these is text: ``国の補助制度<R5年度新設>を活用し`` keeps ``<R5年度新設>``
(``R5年度新設`` is no HTML element). The tokenizer is a small one of our own, after the HTML
standard's tokenizer states for data, tags, comments and bogus comments, rather than
``html.parser``: that one drops unknown tags such as ``<R5年度新設>``, raises an
AssertionError on ``<![`` followed by other text, and keeps an unclosed tag as text at the
end of input, differently between Python versions.

Text is kept verbatim otherwise (no NFKC, no width folding).
"""

from __future__ import annotations

import re
from html import unescape

# What the sheets print for "nothing here".
EMPTY_MARKERS = frozenset({"", "—", "―", "–", "-", "－", "‐", "()", "（）"})

# The elements of HTML (current and obsolete ones browsers still know) and of inline SVG/MathML
# roots: a ``<`` followed by one of these names opens a tag.
ELEMENTS = frozenset(
    [
        "a",
        "abbr",
        "acronym",
        "address",
        "applet",
        "area",
        "article",
        "aside",
        "audio",
        "b",
        "base",
        "basefont",
        "bdi",
        "bdo",
        "bgsound",
        "big",
        "blink",
        "blockquote",
        "body",
        "br",
        "button",
        "canvas",
        "caption",
        "center",
        "cite",
        "code",
        "col",
        "colgroup",
        "data",
        "datalist",
        "dd",
        "del",
        "details",
        "dfn",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "em",
        "embed",
        "fieldset",
        "figcaption",
        "figure",
        "font",
        "footer",
        "form",
        "frame",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hgroup",
        "hr",
        "html",
        "i",
        "iframe",
        "image",
        "img",
        "input",
        "ins",
        "isindex",
        "kbd",
        "keygen",
        "label",
        "legend",
        "li",
        "link",
        "listing",
        "main",
        "map",
        "mark",
        "marquee",
        "math",
        "menu",
        "menuitem",
        "meta",
        "meter",
        "nav",
        "nobr",
        "noembed",
        "noframes",
        "noscript",
        "object",
        "ol",
        "optgroup",
        "option",
        "output",
        "p",
        "param",
        "picture",
        "plaintext",
        "pre",
        "progress",
        "q",
        "rb",
        "rp",
        "rt",
        "rtc",
        "ruby",
        "s",
        "samp",
        "script",
        "search",
        "section",
        "select",
        "slot",
        "small",
        "source",
        "spacer",
        "span",
        "strike",
        "strong",
        "style",
        "sub",
        "summary",
        "sup",
        "svg",
        "table",
        "tbody",
        "td",
        "template",
        "textarea",
        "tfoot",
        "th",
        "thead",
        "time",
        "title",
        "tr",
        "track",
        "tt",
        "u",
        "ul",
        "var",
        "video",
        "wbr",
        "xmp",
    ]
)
# Elements whose content a browser never shows as text: dropped up to their end tag (or the
# end of the cell), so that ``<script>alert(1)</script>`` leaves nothing.
_RAW_TEXT = {
    name: re.compile(rf"</{name}(?=[\s/>]|$)", re.IGNORECASE) for name in ("script", "style")
}
# Tags that end a paragraph or list item.
_BLOCK_TAGS = frozenset({"p", "li", "ul", "ol", "div", "br", "tr", "td", "th"})
_LONGEST_NAME = max(map(len, ELEMENTS))
# At most one character more than the longest element name: a longer name is no element, and
# the match stays short however long the run of letters (linear time, whatever the cell).
_TAG_NAME = re.compile(rf"<(/?)([A-Za-z][^\s/>]{{0,{_LONGEST_NAME}}})")
_TAG_REST = re.compile(r"""(?:[^>"']|"[^"]*"|'[^']*')*>""")
# What would be markup in a text value: a comment, a declaration or processing instruction,
# or a tag of a known element. Used by the tests to check that none survives.
MARKUP = re.compile(
    r"<(?:[!?]|/?(?:" + "|".join(sorted(ELEMENTS)) + r")(?=[\s/>]|$))", re.IGNORECASE
)
# Items separated only by "。 ": split after the 。, keeping it.
_SENTENCE_BREAK = re.compile(r"(?<=。)\s+")


def _markup_end(text: str, start: int) -> tuple[int, bool] | None:
    """Where the markup opened by the ``<`` at ``start`` ends, and whether it ends a
    paragraph; None when that ``<`` opens no markup and is text. Markup cut off by the end of
    the cell runs to its end (a browser drops it)."""
    rest = text[start + 1 : start + 2]
    if text.startswith("<!--", start):
        close = text.find("-->", start + 4)
        return (len(text) if close < 0 else close + 3), False
    tag = _TAG_NAME.match(text, start)
    if tag is None:
        if rest in ("!", "?") or (rest == "/" and start + 2 < len(text)):  # a bogus comment
            close = text.find(">", start + 2)
            return (len(text) if close < 0 else close + 1), False
        return None
    name = tag.group(2).lower()
    if name not in ELEMENTS:
        return None
    attributes = _TAG_REST.match(text, tag.end())
    end = attributes.end() if attributes else len(text)
    if name in _RAW_TEXT and not tag.group(1):  # its text is no text a browser shows
        raw_close = _RAW_TEXT[name].search(text, end)
        closing = None if raw_close is None else _markup_end(text, raw_close.start())
        end = len(text) if closing is None else closing[0]
    return end, name in _BLOCK_TAGS


def visible_paragraphs(text: str) -> list[str]:
    """The text a browser shows for an HTML fragment, split where a block tag stands."""
    parts: list[str] = []
    run: list[str] = []
    position = 0
    while (start := text.find("<", position)) >= 0:
        found = _markup_end(text, start)
        if found is None:
            run.append(text[position : start + 1])
            position = start + 1
            continue
        run.append(text[position:start])
        end, block = found
        if block:
            parts.append(unescape("".join(run)))
            run = []
        position = end
    run.append(text[position:])
    parts.append(unescape("".join(run)))
    return parts


def is_empty(text: str) -> bool:
    """Whether a cell says "nothing here" (blank, a dash, empty parentheses)."""
    return text.strip() in EMPTY_MARKERS


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a cell: markup removed, split at <p>, <li>, <br> and list boundaries."""
    if "<" not in text and "&" not in text:
        return [text.strip()] if text.strip() else []
    return [part.strip() for part in visible_paragraphs(text) if part.strip()]


def _bullet_pieces(paragraph: str) -> list[str]:
    """The pieces between bullets: a ・ at the start of the text or after white space (which
    goes with it, as does the white space after it); a ・ inside a name (フィンランド・タンペレ市)
    has no space before it and is kept. One pass (a regular expression ``(?:^|\\s+)・`` took
    quadratic time on a long run of spaces)."""
    pieces: list[str] = []
    start = position = 0  # where the current piece starts; where to look for the next ・
    while (bullet := paragraph.find("・", position)) >= 0:
        before = bullet
        while before > start and paragraph[before - 1].isspace():
            before -= 1
        if bullet == 0 or before < bullet:
            pieces.append(paragraph[start:before])
            position = bullet + 1
            while position < len(paragraph) and paragraph[position].isspace():
                position += 1
            start = position
        else:
            position = bullet + 1
    pieces.append(paragraph[start:])
    return pieces


def split_items(paragraph: str) -> list[str]:
    """Split one paragraph into items at ・ bullets and at 。 followed by a space."""
    items: list[str] = []
    for piece in _bullet_pieces(paragraph):
        items.extend(s.strip() for s in _SENTENCE_BREAK.split(piece))
    return [item for item in items if not is_empty(item)]


def items(cells: list[str]) -> tuple[str, ...]:
    """A list of clean text items from one or more cells."""
    return tuple(item for cell in cells for para in paragraphs(cell) for item in split_items(para))


def plain(cells: list[str]) -> str | None:
    """One clean string from one or more cells (markup removed), or None when empty."""
    text = " ".join(para for cell in cells for para in paragraphs(cell))
    return None if is_empty(text) else text
