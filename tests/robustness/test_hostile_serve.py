"""``publisher serve`` under hostile clients (issue 21): it answers only requests addressed to itself by a
loopback name and its port (DNS rebinding: a web page whose host name now resolves to 127.0.0.1 cannot
read the preview), and a client that resets its connection costs no traceback."""

from __future__ import annotations

import shutil
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from publisher.authoring.preview import Preview, PreviewServer
from robustness.hostile import MINIMAL, ROOT, env

DEADLINE = 60.0


@pytest.fixture
def server(tmp_path: Path) -> Iterator[PreviewServer]:
    source = tmp_path / "src" / "minimal.yaml"
    source.parent.mkdir()
    shutil.copy(MINIMAL, source)
    preview = Preview(source, tmp_path / "build")
    httpd = PreviewServer(preview, port=0)
    preview.refresh()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=DEADLINE)


def _raw(httpd: PreviewServer, request: bytes) -> tuple[int, bytes]:
    """Send bytes as they are (no client fills in a Host header) and read the status and body."""
    with socket.create_connection(("127.0.0.1", httpd.server_address[1]), timeout=DEADLINE) as conn:
        conn.sendall(request)
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def _get(httpd: PreviewServer, *hosts: str, path: str = "/minimal.html") -> tuple[int, bytes]:
    headers = "".join(f"Host: {host}\r\n" for host in hosts)
    return _raw(httpd, f"GET {path} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n".encode())


def test_answers_its_own_names_with_its_port(server: PreviewServer) -> None:
    port = server.server_address[1]
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}", f"[::1]:{port}"):
        status, body = _get(server, host)
        assert status == 200 and b"Minimal condition" in body, host


@pytest.mark.parametrize("host", ["evil.example:{port}", "evil.example", "127.0.0.1", "localhost:1",
                                  "127.0.0.1:{port}.evil.example", "127.0.0.2:{port}", "0.0.0.0:{port}",
                                  "localhost.:{port}", "localhost:{port}@evil.example", ""])
def test_refuses_any_other_host(server: PreviewServer, host: str) -> None:
    status, body = _get(server, host.format(port=server.server_address[1]))
    assert status == 421, host
    assert b"Minimal condition" not in body
    assert b"publisher serve answers only http://127.0.0.1:" in body


def test_refuses_a_request_without_or_with_two_host_headers(server: PreviewServer) -> None:
    port = server.server_address[1]
    assert _raw(server, b"GET /minimal.html HTTP/1.0\r\n\r\n")[0] == 421
    assert _get(server, f"127.0.0.1:{port}", "evil.example")[0] == 421
    assert _get(server, f"127.0.0.1:{port}", path="/__generation")[0] == 200
    assert _get(server, "evil.example", path="/__generation")[0] == 421  # even the reload counter


def test_client_resets_cost_no_traceback(server: PreviewServer, capfd: pytest.CaptureFixture[str]) -> None:
    port = server.server_address[1]
    for cut in (0, 10, 30):  # before, inside and after the request line
        conn = socket.create_connection(("127.0.0.1", port), timeout=DEADLINE)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close sends RST
        conn.sendall(f"GET /minimal.html HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()[:cut] if cut < 30
                     else f"GET /minimal.html HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        conn.close()
    time.sleep(0.5)  # let the handler threads meet the reset
    assert _get(server, f"127.0.0.1:{port}")[0] == 200  # still serving
    err = capfd.readouterr().err
    assert "Traceback" not in err and "ConnectionResetError" not in err and "BrokenPipe" not in err, err


def test_the_command_refuses_a_missing_layout_folder(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "publisher", "serve", str(MINIMAL), "--port", "0", "--layouts",
                           str(tmp_path / "nowhere")], cwd=ROOT, env=env(), capture_output=True, text=True,
                          timeout=DEADLINE)
    assert done.returncode == 2 and "no such folder" in done.stderr and "Traceback" not in done.stderr
