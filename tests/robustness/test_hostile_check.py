"""``publisher check`` on hostile files (issue 21): a zip bomb is refused from the zip directory (bounded
memory, no inflating), and a page whose script never ends fails html.axe with that reason within the
page's time budget. (The PDF cases of check are in tests/check/, with the PDF rules.)"""

from __future__ import annotations

import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from publisher.source import limits as lim
from publisher.validators import axe
from robustness.hostile import MINIMAL, ROOT, env


@pytest.fixture(scope="module")
def epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("epub")
    done = subprocess.run([sys.executable, "-m", "publisher", "build", "-q", "-j1", "-f", "epub,html", "-o", str(out),
                           str(MINIMAL)], cwd=ROOT, env=env(), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out / "minimal.epub"


def _check(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "publisher", "check", "--no-report", *map(str, paths)], cwd=ROOT,
                          env=env(), capture_output=True, text=True, timeout=300)


def _bomb(good: Path, target: Path, inflated: int) -> Path:
    """``good`` with its content document padded with spaces to ``inflated`` bytes: a deflated bomb (~1,000x)."""
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if not info.filename.endswith("content.xhtml"):
                dst.writestr(info, data)
                continue
            member = zipfile.ZipInfo(info.filename)
            member.compress_type = zipfile.ZIP_DEFLATED
            with dst.open(member, "w", force_zip64=True) as out:
                head, tail = data.split(b"</body>", 1)
                out.write(head)
                block = b" " * (1 << 20)
                for _ in range(inflated >> 20):
                    out.write(block)
                out.write(b"</body>" + tail)
    return target


def _lying(good: Path, target: Path) -> Path:
    """``good`` whose directory says a small member inflates to 3 GB: refused without inflating anything."""
    data = bytearray(good.read_bytes())
    start = data.rfind(b"PK\x05\x06")
    offset = struct.unpack("<I", data[start + 16:start + 20])[0]
    struct.pack_into("<I", data, offset + 24, 3 * 1024**3)  # uncompressed size of the first central entry
    target.write_bytes(bytes(data))
    return target


def test_zip_bomb_epub_is_refused_from_its_directory(epub: Path, tmp_path: Path) -> None:
    bomb = _bomb(epub, tmp_path / "bomb.epub", 300 << 20)
    assert bomb.stat().st_size < 2 << 20
    done = _check(bomb)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert f"{bomb}: not a valid EPUB: the zip member EPUB/content.xhtml would inflate to" in done.stderr


def test_a_directory_that_lies_is_refused_too(epub: Path, tmp_path: Path) -> None:
    done = _check(_lying(epub, tmp_path / "lying.epub"))
    assert done.returncode == 2 and "would inflate to 3,221,225,472 bytes" in done.stderr, done.stderr


def test_a_content_document_too_large_to_parse(epub: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under the zip limits, one XHTML document still has its own (a parsed tree is several times its size)."""
    from publisher.extract import epub as extract
    from publisher.extract.sniff import UnusableInput

    monkeypatch.setattr(extract, "MAX_XML_MEMBER_BYTES", 1000)
    with pytest.raises(UnusableInput, match=r"would inflate to .* bytes; the limit for one document is 1,000"):
        extract.read_package(epub)
    assert lim.MAX_XML_MEMBER_BYTES < lim.MAX_ZIP_MEMBER_BYTES


@pytest.mark.validator
@pytest.mark.parametrize("script", ["while (true) {}", "setTimeout(function () { while (true) {} }, 10)"])
def test_a_page_whose_script_never_ends_fails_axe_with_the_reason(epub: Path, tmp_path: Path, script: str) -> None:
    page = tmp_path / "endless.html"
    html = (epub.parent / "minimal.html").read_text(encoding="utf-8")
    page.write_text(html.replace("</body>", f"<script>{script}</script></body>"), encoding="utf-8")
    result = axe.check(page, timeout=5.0)
    assert not result.ok
    (finding,) = [f for f in result.findings if f.rule == "page-load"]
    assert "within 5 s" in finding.message and "script" in finding.message
