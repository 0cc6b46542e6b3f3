"""``publisher serve``: answers on 127.0.0.1, rebuilds after a save, shows errors escaped, serves nothing else.

Waits are bounded by deadlines and the server is always shut down; nothing asserts on time.
"""

from __future__ import annotations

import http.client
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from publisher.authoring.preview import Preview, PreviewServer

FIXTURES = Path(__file__).parents[1] / "fixtures"
DEADLINE = 60.0


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "src" / "minimal.yaml"
    path.parent.mkdir()
    shutil.copy(FIXTURES / "minimal" / "minimal.yaml", path)
    return path


@pytest.fixture
def server(source: Path, tmp_path: Path) -> Iterator[PreviewServer]:
    preview = Preview(source, tmp_path / "build")
    httpd = PreviewServer(preview, port=0)
    preview.refresh()  # as the command does before it serves
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    httpd.watch()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=DEADLINE)


def get(httpd: PreviewServer, path: str) -> tuple[int, dict[str, str], str]:
    connection = http.client.HTTPConnection("127.0.0.1", httpd.server_address[1], timeout=DEADLINE)
    try:
        connection.request("GET", path)  # sent as is: no client-side clean-up of "..", "%2e" …
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def wait_for(httpd: PreviewServer, path: str, needle: str) -> str:
    end = time.monotonic() + DEADLINE
    while True:
        _, _, body = get(httpd, path)
        if needle in body or time.monotonic() > end:
            return body
        time.sleep(0.2)


def test_answers_on_loopback_with_the_html_page(server: PreviewServer) -> None:
    assert server.server_address[0] == "127.0.0.1"
    status, headers, _ = get(server, "/")
    assert status == 302 and headers["Location"] == "/minimal.html"
    status, headers, body = get(server, "/minimal.html")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert "<h1" in body and "Minimal condition" in body
    assert "/__generation" in body  # the live-reload script


def test_rebuilds_after_the_source_changes(server: PreviewServer, source: Path) -> None:
    assert "Minimal condition" in get(server, "/minimal.html")[2]
    generation = server.preview.generation
    source.write_text(source.read_text().replace("title: Minimal condition", "title: Freshly saved title"))
    body = wait_for(server, "/minimal.html", "Freshly saved title")
    assert "Freshly saved title" in body
    assert server.preview.generation > generation


def test_invalid_source_shows_an_escaped_error_page_then_recovers(server: PreviewServer, source: Path) -> None:
    good = source.read_text()
    source.write_text(good + "<script>alert(1)</script>: x\n")
    body = wait_for(server, "/minimal.html", "cannot be built")
    status, _, _ = get(server, "/minimal.html")
    assert status == 500
    assert "unknown key &#x27;&lt;script&gt;alert(1)&lt;/script&gt;&#x27;" in body
    assert "<script>alert(1)" not in body
    source.write_text(good)
    assert "Minimal condition" in wait_for(server, "/minimal.html", "Minimal condition")
    assert get(server, "/minimal.html")[0] == 200


@pytest.mark.parametrize("path", [
    "/../minimal.yaml", "/..%2fsrc%2fminimal.yaml", "/%2e%2e/src/minimal.yaml", "/src/minimal.yaml",
    "//etc/passwd", "/%2Fetc%2Fpasswd", "/.hidden", "/nothing.html", "/minimal.html%00.txt",
])
def test_never_serves_files_outside_the_build_folder(server: PreviewServer, tmp_path: Path, path: str) -> None:
    (tmp_path / "build" / ".hidden").write_text("secret")
    status, _, body = get(server, path)
    assert status == 404, body
    assert "secret" not in body and "title:" not in body


def test_command_serves_until_sigterm_and_removes_its_build_folder(source: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "publisher", "serve", str(source), "--port", "0"],
        stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in process.stderr or ()], daemon=True)
    reader.start()
    seen: list[str] = []
    try:
        while not any("previewing" in line for line in seen):
            seen.append(lines.get(timeout=DEADLINE))
        url = re.search(r"http://127\.0\.0\.1:(\d+)/", seen[-1])
        assert url, seen
        connection = http.client.HTTPConnection("127.0.0.1", int(url.group(1)), timeout=DEADLINE)
        connection.request("GET", "/minimal.html")
        assert connection.getresponse().status == 200
        connection.close()
    finally:
        process.send_signal(signal.SIGTERM)
        status = process.wait(timeout=DEADLINE)
        reader.join(timeout=DEADLINE)  # it reaches end of file once the process has exited
        if process.stderr:
            process.stderr.close()
    assert status == 0
    build = re.search(r"built (\S+)/minimal\.html", "".join(seen))
    assert build and not Path(build.group(1)).exists()
