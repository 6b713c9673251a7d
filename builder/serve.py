"""Preview the built site for staff: ``make serve`` -> http://127.0.0.1:8000 (this machine only)."""

from __future__ import annotations

import functools
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _SiteHandler(SimpleHTTPRequestHandler):
    """Static files from the site folder; a missing page gets the site's own 404.html."""

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


def serve(site: Path, port: int) -> None:
    """Serve ``site`` on http://127.0.0.1:<port>/ until interrupted."""
    with make_server(site, port) as server:
        print(f"Serving {site} on http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
