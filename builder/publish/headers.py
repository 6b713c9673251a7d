"""Which pages other sites may frame: only the embeds (``/embed/``); every other page refuses.

A ``<meta>`` Content-Security-Policy cannot say ``frame-ancestors`` and a page cannot set
``X-Frame-Options`` itself: framing is refused by HTTP headers, which the host sends. The
build writes them into ``_headers`` at the site's root, the file Netlify and Cloudflare Pages
read (one block per path: the path, then its headers indented). Its rules never overlap (a
block per top-level folder and file of the site, ``/embed/*`` apart), so hosts that add up the
headers of every matching block and hosts that take the most specific one send the same.
The preview server (``builder.publish.serve``) sends the same headers from the same file; on
another server, send ``Content-Security-Policy: frame-ancestors 'none'`` and
``X-Frame-Options: DENY`` with every page outside ``/embed/``.
"""

from __future__ import annotations

from pathlib import Path

from builder.util.routes import EMBED_PREFIX, HEADERS_URL

HEADERS_FILE = HEADERS_URL.lstrip("/")
REFUSE = (("Content-Security-Policy", "frame-ancestors 'none'"), ("X-Frame-Options", "DENY"))
ALLOW = (("Content-Security-Policy", "frame-ancestors *"),)
Rules = list[tuple[str, tuple[tuple[str, str], ...]]]


def site_rules(root: Path, folders: tuple[str, ...] = ()) -> Rules:
    """The rules for the site folder ``root`` (and ``folders`` that are still being written
    into it): each top-level file and folder refuses to be framed (``/`` for the home page),
    ``/embed/*`` allows it."""
    entries = {entry.name: entry.is_dir() for entry in root.iterdir() if entry.name != HEADERS_FILE}
    entries.update((folder, True) for folder in folders)
    rules: Rules = [("/", REFUSE)]
    for name, folder in sorted(entries.items()):
        if "/" + name + "/" == EMBED_PREFIX:
            rules.append((EMBED_PREFIX + "*", ALLOW))
        else:
            rules.append(("/" + name + ("/*" if folder else ""), REFUSE))
    return rules


def write_headers(root: Path, folders: tuple[str, ...] = ()) -> int:
    """Write ``_headers`` into the site folder ``root`` (``folders``: as for :func:`site_rules`);
    return its size."""
    text = "".join(
        f"{path}\n" + "".join(f"  {name}: {value}\n" for name, value in headers) + "\n"
        for path, headers in site_rules(root, folders)
    )
    data = text.encode("utf-8")
    (root / HEADERS_FILE).write_bytes(data)
    return len(data)


def read_headers(root: Path) -> Rules:
    """The rules of the ``_headers`` file in ``root`` (none when it has none)."""
    try:
        text = (root / HEADERS_FILE).read_text("utf-8")
    except OSError:
        return []
    rules: Rules = []
    for line in text.splitlines():
        if line and not line[0].isspace():
            rules.append((line.strip(), ()))
        elif line.strip() and rules:
            name, _, value = line.strip().partition(":")
            rules[-1] = (rules[-1][0], (*rules[-1][1], (name.strip(), value.strip())))
    return rules


def headers_for(rules: Rules, path: str) -> tuple[tuple[str, str], ...]:
    """The headers the rules give a request path (its query left out)."""
    path = path.split("?", 1)[0].split("#", 1)[0]
    found: tuple[tuple[str, str], ...] = ()
    for pattern, headers in rules:
        if pattern == path or (pattern.endswith("*") and path.startswith(pattern[:-1])):
            found += headers
    return found
