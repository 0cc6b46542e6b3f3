"""Rendering is sandboxed: no format fetches anything a source names, and local files stay unread.

A stdlib HTTP server on 127.0.0.1 counts requests while every format is built from a
source that names it in every way content can. Links may be emitted (a reader follows
them later), but nothing may be fetched during the build.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from robustness.helpers import ALL, png
from robustness.outputs import ALL_FORMATS, bad_uris, outputs, text


class _Recorder(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []  # each server gets a subclass with its own list

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        body = png()
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_HEAD = do_GET

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    hits: list[str] = []
    handler = type("Handler", (_Recorder,), {"hits": hits})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def _every_reference(base: str) -> str:
    raw = (f'<img src="{base}/raw-img.png"> <link rel="stylesheet" href="{base}/raw.css"> '
           f'<style>@import url({base}/import.css); body {{ background: url({base}/bg.png) }}</style> '
           f'<iframe src="{base}/frame"></iframe> <object data="{base}/object"></object> '
           f'<video poster="{base}/poster.png"></video> <svg><image href="{base}/svg.png"/></svg> '
           f'<img src="file:///etc/passwd">')
    return f"""title: Sandbox
language: en
publisher:
  name: Sandbox test
  url: {base}/publisher
canonical_url: {base}/canonical
last_reviewed: 2024-01-15
summary: 'Raw markup stays text: {raw.replace("'", "''")}'
sections:
  - title: Links
    body: |
      An [inline link]({base}/inline), an autolink <{base}/auto>, a [reference link][r],
      and a citation.[@one]

      [r]: {base}/reference-definition
    blocks:
      - resources:
          - name: Resource
            url: {base}/resource
            description: is a resource.
      - image:
          file: images/pixel.png
          alt: A local image, the only kind allowed.
      - image:
          file: images/drawing.svg
          alt: A local SVG drawing.
references:
  - id: one
    title: Reference
    url: {base}/reference
"""


SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" viewBox="0 0 20 20">
<title>Drawing</title><rect width="20" height="20" fill="#246"/></svg>
"""


def _project(tmp_path: Path, text: str, name: str = "sandbox.yaml") -> Path:
    (tmp_path / "images").mkdir(exist_ok=True)
    (tmp_path / "images" / "pixel.png").write_bytes(png())
    (tmp_path / "images" / "drawing.svg").write_text(SVG)
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    return source


def test_no_format_fetches_anything(tmp_path: Path, server: tuple[str, list[str]], cli) -> None:  # type: ignore[no-untyped-def]
    base, hits = server
    source = _project(tmp_path, _every_reference(base))
    run = cli(tmp_path / "out", source, formats=ALL)
    assert run.status == 0, run.err
    assert hits == [], f"the build fetched {hits}"
    built = outputs(tmp_path / "out", "sandbox")
    for fmt in ALL_FORMATS:
        assert bad_uris(fmt, built[fmt]) == [], fmt
        assert "root:x:0:0" not in text(fmt, built[fmt])
    # The server works: a request made on purpose is counted (so zero above means zero).
    import urllib.request

    with urllib.request.urlopen(f"{base}/probe", timeout=10) as response:
        assert response.status == 200
    assert hits == ["/probe"]


@pytest.mark.parametrize(("block", "message"), [
    ("      - image:\n          file: {base}/remote.png\n          alt: Remote.\n", "is not a local file"),
    ("      - image:\n          file: file:///etc/passwd\n          alt: Passwords.\n", "is not a local file"),
    ("      - text: '![tracker]({base}/pixel.png)'\n", "in Markdown text is remote"),
    ("      - text: '[passwords](file:///etc/passwd)'\n", "'file:' links are not allowed"),
])
def test_remote_and_file_references_are_refused(tmp_path: Path, server: tuple[str, list[str]], cli,  # type: ignore[no-untyped-def]
                                                block: str, message: str) -> None:
    base, hits = server
    text_ = _every_reference(base).replace("    blocks:\n", "    blocks:\n" + block.format(base=base), 1)
    source = _project(tmp_path, text_, "refused.yaml")
    run = cli(tmp_path / "out", source, formats=ALL)
    assert run.status == 2
    assert f"{source}:" in run.err and message in run.err, run.err
    assert hits == []


@pytest.mark.parametrize(("name", "svg", "message"), [
    ("external-image", '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
     '<image xlink:href="{base}/svg-image.png" width="5" height="5"/></svg>', "refers to"),
    ("external-css", '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url({base}/svg.css);</style>'
     '<rect width="5" height="5"/></svg>', "refers to"),
    ("css-url", '<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url({base}/fill.svg#p)" '
     'width="5" height="5"/></svg>', "refers to"),
    ("local-file", '<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd" width="5" '
     'height="5"/></svg>', "refers to"),
    ("entity", '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
     '<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>', "DOCTYPE"),
    ("script", '<svg xmlns="http://www.w3.org/2000/svg"><script>fetch("{base}/script")</script></svg>', "script"),
    ("handler", '<svg xmlns="http://www.w3.org/2000/svg" onload="fetch(\'{base}/onload\')"/>', "onload"),
])
def test_hostile_svg_images_are_refused(tmp_path: Path, server: tuple[str, list[str]], cli,  # type: ignore[no-untyped-def]
                                        name: str, svg: str, message: str) -> None:
    base, hits = server
    source = _project(tmp_path, _every_reference(base), f"svg-{name}.yaml")
    (tmp_path / "images" / "drawing.svg").write_text(svg.replace("{base}", base))
    run = cli(tmp_path / "out", source, formats=ALL)
    assert run.status == 2, run.err
    assert f"{source}:" in run.err and message in run.err, run.err
    assert hits == []
