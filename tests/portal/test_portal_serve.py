"""``make serve``: the built site on 127.0.0.1, with the site's own 404 page."""

from __future__ import annotations

import gzip
import shutil
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from builder.publish.serve import IDLE_SECONDS, _SiteHandler, make_server


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
            for url, file in (
                ("/projects/092/", "projects/092/index.html"),
                ("/assets/site.css", "assets/site.css"),
                ("/assets/vendor/plotly-basic.min.js", "assets/vendor/plotly-basic.min.js"),
            ):
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}{url}", headers={"Accept-Encoding": "gzip"}
                )
                with urllib.request.urlopen(request) as response:
                    assert response.headers["Content-Encoding"] == "gzip", url
                    body = response.read()
                    assert int(response.headers["Content-Length"]) == len(body)
                    assert gzip.decompress(body) == (site / file).read_bytes()
                    assert len(body) < (site / file).stat().st_size / 2, url
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/assets/favicon.svg",
                method="HEAD",
                headers={"Accept-Encoding": "gzip"},
            )
            with urllib.request.urlopen(request) as response:
                assert response.headers["Content-Encoding"] == "gzip" and response.read() == b""
        finally:
            server.shutdown()


def _raw(port: int, request: bytes) -> bytes:
    """The whole answer of the server to one raw request (which urllib would clean up first)."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
        client.sendall(request)
        answer = b""
        while chunk := client.recv(65536):
            answer += chunk
    return answer


@contextmanager
def _serving(site: Path) -> Iterator[int]:
    with make_server(site, 0) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield server.server_address[1]
        finally:
            server.shutdown()


def test_nothing_outside_the_site_is_served_and_no_folder_is_listed(
    tmp_path: Path, site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = tmp_path / "site"
    shutil.copytree(site, own, ignore=shutil.ignore_patterns("projects", "pagefind", "data"))
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (own / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (own / "outside").symlink_to(tmp_path)
    not_found = (own / "404.html").read_bytes()
    with _serving(own) as port:
        for path in (
            b"/leak.txt",
            b"/outside/secret.txt",
            b"/../secret.txt",
            b"/%2e%2e/secret.txt",
            b"/assets/",
            b"/assets/vendor/",
            b"/outside/",
        ):
            answer = _raw(port, b"GET " + path + b" HTTP/1.0\r\n\r\n")
            assert answer.startswith(b"HTTP/1.0 404 ") and answer.endswith(not_found), path
            assert b"secret" not in answer and b"Directory listing" not in answer
        for path in (b"/%00", b"/a%00b/", b"/%ff/", b"/a\\..\\secret.txt"):
            answer = _raw(port, b"GET " + path + b" HTTP/1.0\r\n\r\n")
            assert answer.startswith(b"HTTP/1.0 400 "), (path, answer[:80])
        assert _raw(port, b"GET /assets HTTP/1.0\r\n\r\n").startswith(b"HTTP/1.0 301 ")
    assert "Traceback" not in capsys.readouterr().err


def test_an_idle_connection_is_closed_and_does_not_hold_the_server(
    tmp_path: Path, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _SiteHandler.timeout == IDLE_SECONDS == 10
    monkeypatch.setattr(_SiteHandler, "timeout", 0.5)  # the same mechanism, quicker for the test
    with _serving(site) as port:
        idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(50)]
        try:
            assert _raw(port, b"GET / HTTP/1.0\r\n\r\n").startswith(b"HTTP/1.0 200 ")
            time.sleep(1.5)
            for client in idle:
                client.settimeout(5)
                assert client.recv(1) == b""  # closed by the server
        finally:
            for client in idle:
                client.close()
