"""Preview the built site for staff: ``make serve`` -> http://127.0.0.1:8000 (this machine only).

Text files (HTML, CSS, JavaScript, JSON, SVG, XML) go gzip-compressed to a client that
accepts it, as any real host sends them, so that page-speed figures measured against this
server (``bench/lighthouse.py``) are those of a published site.
"""

from __future__ import annotations

import functools
import gzip
import os
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

from builder.publish.headers import headers_for, read_headers

IDLE_SECONDS = 10  # a connection that sends nothing for this long is closed (its thread ends)
COMPRESSED_TYPES = frozenset(
    {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".csv", ".yaml"}
)


@functools.lru_cache(maxsize=256)
def _gzipped(path: str, mtime_ns: int, size: int) -> bytes:
    """The gzip of one file, kept while the file is unchanged (its mtime and size are the key)."""
    with open(path, "rb") as file:
        return gzip.compress(file.read(), compresslevel=6, mtime=0)


class _SiteHandler(SimpleHTTPRequestHandler):
    """Static files from the site folder only: a path that leaves it (``..``, a symbolic link
    pointing out) or names a folder without ``index.html`` gets the site's own 404 page (no
    folder listing), a path that is no path (``/%00``, bytes that are no UTF-8) a plain 400;
    text goes gzipped when accepted. A connection idle for :data:`IDLE_SECONDS` is closed.
    Every response carries the headers of the site's ``_headers`` (``builder.publish.headers``:
    only ``/embed/`` pages may be framed)."""

    timeout: ClassVar[float | None] = (
        IDLE_SECONDS  # per connection: socketserver sets it on the socket
    )

    def end_headers(self) -> None:
        """Add the headers ``_headers`` gives this path, then end the headers."""
        for name, value in headers_for(read_headers(Path(self.directory)), self.path):
            self.send_header(name, value)
        super().end_headers()

    def do_GET(self) -> None:
        """Send the file, gzipped if the client accepts it and it is text."""
        self._send(with_body=True)

    def do_HEAD(self) -> None:
        """Send the headers ``do_GET`` would send."""
        self._send(with_body=False)

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """No folder is ever listed."""
        self.send_error(HTTPStatus.NOT_FOUND)

    def _target(self) -> str | None:
        """The file inside the site the request names; None after answering 400, 404 or a
        redirect."""
        split = urllib.parse.urlsplit(self.path)
        try:
            decoded = urllib.parse.unquote(split.path, errors="strict")
        except UnicodeDecodeError:
            decoded = "\0"
        if "\0" in decoded or "\\" in decoded or not decoded.startswith("/"):
            self.send_error(HTTPStatus.BAD_REQUEST, "Bad request path")
            return None
        root = os.path.realpath(str(self.directory))
        path = _inside(root, os.path.join(root, *[part for part in decoded.split("/") if part]))
        if path is not None and os.path.isdir(path):
            if not split.path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                location = urllib.parse.urlunsplit(("", "", split.path + "/", split.query, ""))
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            path = _inside(root, os.path.join(path, "index.html"))
        if path is None or not os.path.isfile(path):
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        return path

    def _send(self, with_body: bool) -> None:
        path = self._target()
        if path is None:
            return
        stat = os.stat(path)
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        gzipped = accepted and os.path.splitext(path)[1] in COMPRESSED_TYPES
        if gzipped:
            body = _gzipped(path, stat.st_mtime_ns, stat.st_size)
        else:
            with open(path, "rb") as file:
                body = file.read()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(path))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        root = os.path.realpath(str(self.directory))
        page = _inside(root, os.path.join(root, "404.html"))
        if code != HTTPStatus.NOT_FOUND or page is None or not os.path.isfile(page):
            super().send_error(code, message, explain)
            return
        body = Path(page).read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _inside(root: str, path: str) -> str | None:
    """``path`` with every link resolved, when it stays inside the folder ``root``; else None."""
    real = os.path.realpath(path)
    return real if real == root or real.startswith(root + os.sep) else None


class _Server(ThreadingHTTPServer):
    """A thread per connection (ended by the handler's idle timeout), a longer queue of
    connections waiting to be accepted than socketserver's 5."""

    request_queue_size = 128


def make_server(site: Path, port: int) -> ThreadingHTTPServer:
    """An HTTP server for ``site`` bound to 127.0.0.1 (port 0 picks a free port)."""
    handler = functools.partial(_SiteHandler, directory=str(site))
    return _Server(("127.0.0.1", port), handler)


@contextmanager
def serving(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 at a free port in a background thread (for the browser
    tests and the benchmarks); yield its base URL, ``http://127.0.0.1:<port>``."""
    server = make_server(site, 0)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def serve(site: Path, port: int) -> None:
    """Serve ``site`` on http://127.0.0.1:<port>/ until interrupted."""
    with make_server(site, port) as server:
        print(f"Serving {site} on http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C to stop)")
        with suppress(KeyboardInterrupt):
            server.serve_forever()
