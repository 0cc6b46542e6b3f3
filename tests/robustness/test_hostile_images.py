"""Hostile images (issue 21), made here: each is refused at the source line that uses it, never an internal
error, never accepted; every image the reader accepts builds in every format; and the bytes checked are
the bytes embedded, whatever happens to the file during the build."""

from __future__ import annotations

import base64
import io
import os
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image

from publisher.source import limits as lim
from publisher.source.images import ImageProblem, read_image
from robustness.hostile import (
    build,
    chunk,
    image_block,
    png,
    project,
    refused,
    saved,
    source,
    with_blocks,
    without_jfif,
    ztxt_bomb,
)

WHERE = "14:17"  # the `file:` value of with_blocks(image_block(...))


def _svg(inner: str) -> bytes:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" '
            f'height="10"><title>A drawing</title>{inner}</svg>').encode()


def _laughs(levels: int) -> bytes:
    """Each group draws the one before twice: 2**levels rectangles from a file of a few lines."""
    groups = "".join(f'<g id="a{i}"><use href="#a{i - 1}"/><use xlink:href="#a{i - 1}"/></g>' for i in range(1, levels))
    return _svg(f'<defs><rect id="a0" width="1" height="1"/>{groups}</defs><use href="#a{levels - 1}"/>')


def _embedded(data: bytes, kind: str = "png") -> bytes:
    return _svg(f'<image width="5" height="5" href="data:image/{kind};base64,{base64.b64encode(data).decode()}"/>')


def _big_png(width: int, height: int) -> bytes:
    return saved(Image.new("1", (width, height)), "PNG")  # compresses to almost nothing


_GOOD = png()
CASES = [
    ("ztxt-bomb.png", ztxt_bomb(), "is not a safe image"),
    ("truncated.png", _GOOD[: len(_GOOD) // 2 + 10], "is not a readable image"),
    ("truncated-after-idat.png", _GOOD[:-12], "is not a readable image"),
    ("corrupt-idat.png", png(idat=b"x\x9c" + b"\xff" * 40), "is not a readable image"),
    ("short-idat.png", png(idat=zlib.compress(b"\x00\x01" * 3)), "is not a readable image"),
    ("bad-crc.png", _GOOD[:29] + b"\0\0\0\0" + _GOOD[33:], "is not a readable image"),
    ("grey-16-bit.png", saved(Image.new("I;16", (4, 4), 30000), "PNG"), "16-bit greyscale"),
    ("cmyk.jpg", saved(Image.new("CMYK", (8, 8), (0, 50, 100, 0)), "JPEG"), "(CMYK)"),
    ("no-jfif.jpg", without_jfif(saved(Image.new("RGB", (8, 8)), "JPEG")), "no JFIF or Exif header"),
    ("over-pixels.png", _big_png(4_001, 4_000), "is 4001x4000 pixels"),
    ("over-side.png", _big_png(lim.MAX_IMAGE_SIDE + 1, 2), "pixels; the limit is 10000 a side"),
    ("billion-laughs.svg", _laughs(30), "draws more than 20,000 elements"),
    ("use-cycle.svg", _svg('<g id="g"><rect width="1" height="1"/><use href="#g"/></g>'), "draws more than"),
    ("use-mutual-cycle.svg", _svg('<g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g>'), "draws more than"),
    ("pattern-bomb.svg", _svg("<defs>" + "".join(
        f'<pattern id="p{i}" width="1" height="1"><rect width="1" height="1" fill="url(#p{i - 1})"/>'
        f'<rect width="1" height="1" fill="url(#p{i - 1})"/></pattern>' for i in range(1, 30))
        + '<pattern id="p0"/></defs><rect width="9" height="9" fill="url(#p29)"/>'), "draws more than"),
    ("embeds-a-picture.svg", _embedded(png()), "embeds a picture as a data: URL"),
    ("embeds-over-limit.svg", _embedded(_big_png(lim.MAX_IMAGE_SIDE + 1, 2)), "embeds a picture as a data: URL"),
    ("embeds-not-base64.svg", _svg('<image href="data:image/png;charset=utf-8,%89PNG"/>'), "as a data: URL"),
    ("embeds-svg.svg", _svg('<image href="  DATA:image/svg+xml;base64,PHN2Zy8+"/>'), "as a data: URL"),
]


@pytest.mark.parametrize(("name", "data", "message"), CASES, ids=[c[0] for c in CASES])
def test_hostile_image_is_refused_at_its_source_line(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    folder = project(tmp_path)
    (folder / "images" / name).write_bytes(data)
    bad = source(folder, "uses-image", with_blocks(image_block(f"images/{name}")))
    refused(build(folder, bad, formats="json,html,docx"), bad, WHERE, message,
            good={"good.json", "good.html", "good.docx"})


def test_images_of_a_source_are_bounded_together(tmp_path: Path) -> None:
    folder = project(tmp_path)
    (folder / "images" / "half.png").write_bytes(_big_png(4_000, 3_000))  # 12 million pixels each
    bad = source(folder, "many-pixels", with_blocks(image_block("images/half.png") * 3))
    refused(build(folder, bad), bad, "20:17", "more than 32 million pixels")


def test_a_fifo_or_device_as_image_is_refused(tmp_path: Path) -> None:
    folder = project(tmp_path)
    os.mkfifo(folder / "images" / "pipe.png")
    (folder / "images" / "zero.png").symlink_to("/dev/zero")
    for name, what in (("pipe.png", "named pipe"), ("zero.png", "is outside the project")):
        bad = source(folder, f"image-{name[:4]}", with_blocks(image_block(f"images/{name}")))
        refused(build(folder, bad, timeout=60), bad, WHERE, what)


# ---------------------------------------------------------------- what is accepted builds everywhere


def _accepted() -> dict[str, bytes]:
    """One image per pixel mode, depth and container variant the reader accepts."""
    made = {f"mode-{mode.lower()}.png": saved(Image.new(mode, (6, 5)), "PNG") for mode in
            ("1", "L", "LA", "P", "RGB", "RGBA")}
    made |= {
        "rgb-16-bit.png": png(6, 5, depth=16, color=2, channels=3),
        "rgba-16-bit.png": png(6, 5, depth=16, color=6, channels=4),
        "grey-alpha-16-bit.png": png(6, 5, depth=16, color=4, channels=2),
        "palette-transparent.png": saved(Image.new("P", (6, 5)), "PNG", transparency=0),
        "interlaced.png": saved(Image.new("RGB", (6, 5), "teal"), "PNG", interlace=1),
        "text-chunk.png": png(before_idat=chunk(b"tEXt", b"Comment\x00made by a test")),
        "grey.jpg": saved(Image.new("L", (6, 5)), "JPEG"),
        "rgb.jpg": saved(Image.new("RGB", (6, 5)), "JPEG"),
        "progressive.jpg": saved(Image.new("RGB", (6, 5)), "JPEG", progressive=True),
        "exif.jpg": saved(Image.new("RGB", (6, 5)), "JPEG", exif=Image.Exif().tobytes()),
        "palette.gif": saved(Image.new("P", (6, 5)), "GIF"),
        "grey.gif": saved(Image.new("L", (6, 5)), "GIF"),
        "drawing.svg": _svg('<defs><g id="s"><rect width="2" height="2"/></g></defs><use href="#s"/>'
                            '<use href="#s" x="3"/>'),
    }
    frames = [Image.new("P", (6, 5), i) for i in range(3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    made["animated.gif"] = buffer.getvalue()
    return made


@pytest.mark.slow
def test_every_accepted_image_kind_builds_in_every_format(tmp_path: Path) -> None:
    """What the reader lets through, every renderer takes: no image fails later in one of them."""
    folder = project(tmp_path)
    images = _accepted()
    for name, data in images.items():
        (folder / "images" / name).write_bytes(data)
    good = source(folder, "every-image", with_blocks("".join(image_block(f"images/{n}") for n in images)))
    result = build(folder, good, formats="json,html,epub,docx,pdf,large-print")
    assert result.status == 0, result.err
    assert "every-image.docx" in {p.name for p in result.out.iterdir()}
    with zipfile.ZipFile(result.out / "every-image.docx") as docx:
        media = [n for n in docx.namelist() if n.startswith("word/media/")]
    assert len(media) == len({d for n, d in images.items() if not n.endswith(".svg")})


# ---------------------------------------------------------------- read once


def test_the_image_embedded_is_the_image_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """An image swapped for a symbolic link to another file right after the reader checked it (an
    attacker who wins the race): every output embeds the bytes that were checked, none the other file."""
    import publisher.source.reader as reader
    from publisher.cli import main

    folder = project(tmp_path)
    checked = saved(Image.new("RGB", (3, 3), (1, 2, 3)), "PNG")
    (folder / "images" / "pic.png").write_bytes(checked)
    secret = tmp_path / "secret.png"  # outside the project, and a valid PNG: only the path check stops it
    secret.write_bytes(saved(Image.new("RGB", (3, 3), (200, 100, 50)), "PNG"))
    doc = source(folder, "swapped", with_blocks(image_block("images/pic.png")))
    original = reader.read_image

    def read_then_swap(target: Path, root: Path):  # type: ignore[no-untyped-def]
        found = original(target, root)
        target.unlink()
        target.symlink_to(secret)
        return found

    monkeypatch.setattr(reader, "read_image", read_then_swap)
    out = tmp_path / "out"
    status = main(["build", "-j1", "-q", "-f", "html,epub,docx,pdf", "-o", str(out), str(doc)])
    assert status == 0, capsys.readouterr().err
    html = (out / "swapped.html").read_text(encoding="utf-8")
    assert base64.b64encode(checked).decode() in html
    assert base64.b64encode(secret.read_bytes()).decode() not in html
    for name in ("swapped.epub", "swapped.docx"):
        with zipfile.ZipFile(out / name) as archive:
            embedded = [archive.read(n) for n in archive.namelist() if n.endswith(".png")]
        assert embedded == [checked], name
    import pikepdf

    with pikepdf.open(out / "swapped.pdf") as pdf:
        pixels = [pikepdf.PdfImage(image).as_pil_image().convert("RGB").getpixel((1, 1))
                  for page in pdf.pages for image in page.get_images().values()]
    assert pixels == [(1, 2, 3)]


def test_a_link_put_in_place_after_resolving_is_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "images").mkdir(parents=True)
    (tmp_path / "outside.png").write_bytes(png())
    link = root / "images" / "pic.png"
    link.symlink_to(tmp_path / "outside.png")  # as if swapped in after the reader resolved the path
    with pytest.raises(ImageProblem, match="replaced by a symbolic link"):
        read_image(link, root)
