"""A Word file that cannot be read exits 2 with one clear line, no traceback, and nothing written."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from handout import make_handout

from publisher.cli import main


def _corrupt_member(name: str, keep: float) -> Callable[[Path, Path], None]:
    def make(good: Path, bad: Path) -> None:
        with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
            for info in src.infolist():
                data = src.read(info.filename)
                if info.filename == name:
                    data = data[: int(len(data) * keep)]
                dst.writestr(info.filename, data)
    return make


def _drop_member(name: str) -> Callable[[Path, Path], None]:
    def make(good: Path, bad: Path) -> None:
        with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
            for info in src.infolist():
                if info.filename != name:
                    dst.writestr(info.filename, src.read(info.filename))
    return make


CASES: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    "truncated": (lambda good, bad: bad.write_bytes(good.read_bytes()[:3000]),
                  "is not a Word document: the file is not a valid .docx (zip) package"),
    "text": (lambda good, bad: bad.write_text("Dry skin care\n"),
             "is not a Word document: the file is not a valid .docx (zip) package"),
    "empty": (lambda good, bad: bad.write_bytes(b""), "is not a Word document"),
    "word-97": (lambda good, bad: bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
                "is a Word 97-2003 .doc file or a password-protected document, not a .docx"),
    "other-zip": (lambda good, bad: zipfile.ZipFile(bad, "w").writestr("notes.txt", "hello"),
                  "is a zip file, but not a Word document (no word/document.xml)"),
    "broken-xml": (_corrupt_member("word/document.xml", 0.5), "is not a readable Word document (malformed XML"),
    "no-document": (_drop_member("word/document.xml"), "is not a readable Word document"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_corrupt_docx_exits_2_with_a_clear_message(case: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    make, message = CASES[case]
    good = make_handout(tmp_path / "good.docx")
    bad = tmp_path / "handout.docx"
    make(good, bad)
    out = tmp_path / "out" / "handout.yaml"
    assert main(["import", str(bad), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"publisher import: {bad}: {message}"), err
    assert " — " in err  # and how to fix it
    assert "Traceback" not in err and err.count("\n") == 1
    assert not (tmp_path / "out").exists()  # nothing partial


def test_a_missing_file_or_a_folder_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(tmp_path / "nowhere.docx")]) == 2
    assert f"{tmp_path / 'nowhere.docx'}: no such file — check the path" in capsys.readouterr().err
    assert main(["import", str(tmp_path)]) == 2
    assert "is a folder, not a Word file" in capsys.readouterr().err
