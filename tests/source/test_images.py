"""Image files are checked before any renderer opens them: real type, sane size, self-contained SVG."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image
from robustness.helpers import png

from publisher.source.images import MAX_IMAGE_BYTES, ImageProblem, check_image, check_svg

SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _claims(width: int, height: int) -> bytes:
    """A PNG whose header claims a size its (tiny) data does not have: how decompression bombs start."""
    data = png(1, 1)
    return data[:16] + struct.pack(">II", width, height) + data[24:29] + struct.pack(
        ">I", zlib.crc32(b"IHDR" + struct.pack(">II", width, height) + data[24:29])) + data[33:]


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (3, 3), "navy").save(buffer, "JPEG")
    return buffer.getvalue()


def test_good_images_pass(tmp_path: Path) -> None:
    check_image(_file(tmp_path, "a.png", png()))
    check_image(_file(tmp_path, "a.jpg", _jpeg()))
    check_svg((SVG_OPEN + '<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="1" height="1"/>'
               '<use xlink:href="#g"/></svg>').encode())


@pytest.mark.parametrize(("name", "data", "message"), [
    ("a.png", _jpeg(), "is a JPEG file with a .png name"),
    ("a.jpg", b"<html>not an image</html>", "is not a readable image"),
    ("a.gif", b"", "is not a readable image"),
    ("wide.png", _claims(10_001, 1), "is 10001x1 pixels"),
    ("bomb.png", _claims(9_000, 9_000), "is 9000x9000 pixels"),  # 81 million pixels
])
def test_bad_raster_images(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    with pytest.raises(ImageProblem) as exc:
        check_image(_file(tmp_path, name, data))
    assert message in exc.value.args[0]
    assert exc.value.args[1]


def test_size_limit(tmp_path: Path) -> None:
    with pytest.raises(ImageProblem, match="the limit is 10,485,760"):
        check_image(_file(tmp_path, "huge.png", png() + b"\0" * MAX_IMAGE_BYTES))


@pytest.mark.parametrize(("svg", "message"), [
    ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
     '<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>', "DOCTYPE"),
    ('<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
     '<svg xmlns="http://www.w3.org/2000/svg"/>', "DOCTYPE"),
    (SVG_OPEN + '<script>alert(1)</script></svg>', "contains <script>"),
    (SVG_OPEN + '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>',
     "contains <foreignObject>"),
    ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "event handler 'onload'"),
    (SVG_OPEN + '<image xlink:href="https://example.org/x.png"/></svg>', "refers to 'https://example.org/x.png'"),
    (SVG_OPEN + '<image href="file:///etc/passwd"/></svg>', "refers to 'file:///etc/passwd'"),
    (SVG_OPEN + '<use href="other.svg#a"/></svg>', "refers to 'other.svg#a'"),
    (SVG_OPEN + '<a href="javascript:alert(1)"><rect/></a></svg>', "refers to 'javascript:alert(1)'"),
    (SVG_OPEN + '<rect style="fill:url(https://example.org/p.svg#p)"/></svg>', "in 'style'"),
    (SVG_OPEN + '<rect filter="url( \'/etc/x.svg#f\')"/></svg>', "in 'filter'"),
    (SVG_OPEN + '<style>@import "https://example.org/x.css";</style></svg>', "in its <style>"),
    ('<html xmlns="http://www.w3.org/1999/xhtml"/>', "is not an SVG document"),
    ("<svg", "is not well-formed SVG"),
])
def test_hostile_svg(svg: str, message: str) -> None:
    with pytest.raises(ImageProblem) as exc:
        check_svg(svg.encode())
    assert message in exc.value.args[0]
