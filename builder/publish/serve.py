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
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from builder.publish.headers import headers_for, read_headers


COMPRESSED_TYPES = frozenset({".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".csv", ".yaml"})


@functools.lru_cache(maxsize=256)
def _gzipped(path: str, mtime_ns: int, size: int) -> bytes:
    """The gzip of one file, kept while the file is unchanged (its mtime and size are the key)."""
    with open(path, "rb") as file:
        return gzip.compress(file.read(), compresslevel=6, mtime=0)


class _SiteHandler(SimpleHTTPRequestHandler):
    """Static files from the site folder, text gzipped when accepted; a missing page gets
    the site's own 404.html; every response carries the headers of the site's ``_headers``
    (``builder.publish.headers``: only ``/embed/`` pages may be framed)."""

    def end_headers(self) -> None:
        """Add the headers ``_headers`` gives this path, then end the headers."""
        for name, value in headers_for(read_headers(Path(self.directory)), self.path):
            self.send_header(name, value)
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        """Send the file, gzipped if the client accepts it and it is text."""
        if not self._send_gzipped(with_body=True):
            super().do_GET()

    def do_HEAD(self) -> None:  # noqa: N802
        """Send the headers ``do_GET`` would send."""
        if not self._send_gzipped(with_body=False):
            super().do_HEAD()

    def _send_gzipped(self, with_body: bool) -> bool:
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return False
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return False  # SimpleHTTPRequestHandler redirects to the folder's URL
            path = os.path.join(path, "index.html")
        if os.path.splitext(path)[1] not in COMPRESSED_TYPES or not os.path.isfile(path):
            return False
        stat = os.stat(path)
        body = _gzipped(path, stat.st_mtime_ns, stat.st_size)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)
        return True

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def make_server(site: Path, port: int) -> ThreadingHTTPServer:
    """An HTTP server for ``site`` bound to 127.0.0.1 (port 0 picks a free port)."""
    handler = functools.partial(_SiteHandler, directory=str(site))
    return ThreadingHTTPServer(("127.0.0.1", port), handler)


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
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
