"""``make serve``: the built site on 127.0.0.1, with the site's own 404 page."""

from __future__ import annotations

import gzip
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from builder.publish.serve import make_server


def test_serves_pages_and_the_404_page_on_localhost_only(site: Path) -> None:
    with make_server(site, 0) as server:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/projects/092/") as response:
                assert response.status == 200
                assert response.read() == (site / "projects" / "092" / "index.html").read_bytes()
            with pytest.raises(urllib.error.HTTPError) as missing:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/projects/999/")
            assert missing.value.code == 404
            assert missing.value.read() == (site / "404.html").read_bytes()
        finally:
            server.shutdown()


def test_text_goes_gzipped_to_a_client_that_accepts_it(site: Path) -> None:
    with make_server(site, 0) as server:
        port = server.server_address[1]
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            for url, file in (("/projects/092/", "projects/092/index.html"), ("/assets/site.css", "assets/site.css"),
                              ("/assets/vendor/plotly-basic.min.js", "assets/vendor/plotly-basic.min.js")):
                request = urllib.request.Request(f"http://127.0.0.1:{port}{url}", headers={"Accept-Encoding": "gzip"})
                with urllib.request.urlopen(request) as response:
                    assert response.headers["Content-Encoding"] == "gzip", url
                    body = response.read()
                    assert int(response.headers["Content-Length"]) == len(body)
                    assert gzip.decompress(body) == (site / file).read_bytes()
                    assert len(body) < (site / file).stat().st_size / 2, url
            request = urllib.request.Request(f"http://127.0.0.1:{port}/assets/favicon.svg", method="HEAD",
                                             headers={"Accept-Encoding": "gzip"})
            with urllib.request.urlopen(request) as response:
                assert response.headers["Content-Encoding"] == "gzip" and response.read() == b""
        finally:
            server.shutdown()
