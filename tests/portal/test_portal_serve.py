"""``make serve``: the built site on 127.0.0.1, with the site's own 404 page."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from pathlib import Path

from builder.serve import make_server


def test_serves_pages_and_the_404_page_on_localhost_only(site: Path) -> None:
    with make_server(site, 0) as server:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/projects/092/") as response:
                assert response.status == 200
                assert response.read() == (site / "projects" / "092" / "index.html").read_bytes()
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/projects/999/")
                raise AssertionError("a missing page must be a 404")
            except urllib.error.HTTPError as missing:
                assert missing.code == 404
                assert missing.read() == (site / "404.html").read_bytes()
        finally:
            server.shutdown()
