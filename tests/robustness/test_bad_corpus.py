"""Every bad input gives exit 2, a positioned message, no traceback, no output, and the good source still builds."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from publisher.cli import main
from robustness.corpus import BAD, FILE_CASES, Case

MINIMAL = Path(__file__).parent.parent / "fixtures" / "minimal" / "minimal.yaml"
BASE = (BAD / "missing-title.yaml").read_text(encoding="utf-8")  # the corpus's base document minus line 1
GOOD_FILES = {"good.json", "good.html", "good.fhir.json"}


def _base(title: str = "Bad case") -> str:
    return f"title: {title}\n" + BASE


# Generated cases: (case, function that writes the bad source into a folder and returns its path).
Maker = Callable[[Path], Path]


def _write(name: str, data: bytes) -> Maker:
    def make(folder: Path) -> Path:
        path = folder / f"{name}.yaml"
        path.write_bytes(data)
        return path

    return make


def _directory(folder: Path) -> Path:
    """A folder as SOURCE stands for its *.yaml files; one with none is a mistake, not nothing to do."""
    path = folder / "a-directory.yaml"
    path.mkdir()
    (path / "notes.txt").write_text("not a source")
    return path


def _symlinked_image(folder: Path) -> Path:
    (folder / "images").mkdir()
    (folder / "images" / "innocent.png").symlink_to("/etc/passwd")
    image = "    blocks:\n      - image:\n          file: images/innocent.png\n          alt: A diagram.\n"
    text = _base().replace("    body: Some text.\n", image)
    path = folder / "symlinked-image.yaml"
    path.write_text(text, encoding="utf-8")
    return path


HUGE = (_base() + "# " + "x" * 100 + "\n") + ("# " + "x" * 1000 + "\n") * 2200
GENERATED: list[tuple[Case, Maker]] = [
    (Case("non-utf8", "1:11", "invalid UTF-8 byte 0xe9", "Latin-1 files are refused at the byte"),
     _write("non-utf8", _base("Caf\xe9").encode("latin-1"))),
    (Case("non-utf8-after-accents", "1:15", "invalid UTF-8 byte 0xff", "columns count characters, not bytes"),
     _write("non-utf8-after-accents", _base("Café é \xff").encode("utf-8").replace(b"\xc3\xbf", b"\xff"))),
    (Case("utf8-bom", "1:1", "byte order mark", "an invisible BOM would start the title"),
     _write("utf8-bom", b"\xef\xbb\xbf" + _base().encode())),
    (Case("empty-file", "1:1", "file is empty", "an empty file is not an empty document"),
     _write("empty-file", b"")),
    (Case("blank-file", "1:1", "file is empty", "whitespace only"), _write("blank-file", b"  \n\n\t\n")),
    (Case("raw-control-character", "9:16", "control character U+0007", "a BEL byte would make XML invalid"),
     _write("raw-control-character", _base().replace("Some text.", "Some \x07text.").encode())),
    (Case("raw-nul", "1:12", "control character U+0000", "NUL in a title"),
     _write("raw-nul", _base("Bad \x00case").encode())),
    (Case("raw-bidi-override", "1:12", "bidirectional override character U+202E", "Trojan Source text"),
     _write("raw-bidi-override", _base("Bad \u202eesac").encode())),
    (Case("raw-bidi-isolate", "9:16", "bidirectional override character U+2066", "isolates too"),
     _write("raw-bidi-isolate", _base().replace("Some text.", "Some \u2066text.").encode())),
    (Case("huge-file", "", "the limit is 2,097,152", "a 2 MB+ file is refused before it is parsed"),
     _write("huge-file", HUGE.encode())),
    (Case("bad-file-name", "1:1", "cannot be used as the slug", "a file name with spaces naming outputs"),
     _write("Bad Name", _base().encode())),
    (Case("a-directory", "", "no *.yaml sources", "a folder passed as a source that holds none"), _directory),
    (Case("symlinked-image", "11:17", "is outside the project", "a symlink cannot smuggle /etc/passwd in"),
     _symlinked_image),
]


def _build(tmp_path: Path, *sources: Path, formats: str = "json,html", jobs: int = 1,
           capsys: pytest.CaptureFixture[str]) -> tuple[int, str, Path]:
    good = tmp_path / "good.yaml"
    shutil.copy(MINIMAL, good)
    out = tmp_path / "out"
    status = main(["build", "-j", str(jobs), "-q", "--format", formats, "-o", str(out), *map(str, sources),
                   str(good)])
    return status, capsys.readouterr().err, out


def _outputs(out: Path) -> set[str]:
    """Output files; the manifest and other dot-files are not outputs."""
    return {p.name for p in out.iterdir() if not p.name.startswith(".")} if out.is_dir() else set()


def _check(case: Case, source: Path, status: int, err: str, out: Path) -> None:
    assert status == 2, err
    assert "Traceback" not in err and "internal error" not in err, err
    prefix = f"{source}:{case.where}: " if case.where else f"{source}: "
    lines = [line for line in err.splitlines() if line.startswith(f"{source}:")]
    assert lines, f"no diagnostic for {source}:\n{err}"
    assert lines[0].startswith(prefix), f"expected {prefix!r}, got {lines[0]!r}"
    assert case.message in lines[0], lines[0]
    assert " — " in lines[0], f"no hint: {lines[0]}"  # every diagnostic says how to fix it
    assert _outputs(out) == GOOD_FILES, "the bad source wrote something, or the good one did not build"
    assert json.loads((out / "good.json").read_text(encoding="utf-8"))["title"] == "Minimal condition"


@pytest.mark.parametrize("case", FILE_CASES, ids=lambda c: c.name)
def test_bad_file(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = BAD / f"{case.name}.yaml"
    status, err, out = _build(tmp_path, source, capsys=capsys)
    _check(case, source, status, err, out)


@pytest.mark.parametrize(("case", "make"), GENERATED, ids=[c.name for c, _ in GENERATED])
def test_bad_bytes(case: Case, make: Maker, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    source = make(folder)
    status, err, out = _build(tmp_path, source, capsys=capsys)
    _check(case, source, status, err, out)


def test_every_fixture_has_an_expectation() -> None:
    files = {p.stem for p in BAD.glob("*.yaml")}
    assert files == {c.name for c in FILE_CASES}
    assert len(FILE_CASES) + len(GENERATED) >= 30


def test_missing_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere.yaml"
    status, err, out = _build(tmp_path, missing, capsys=capsys)
    _check(Case("missing", "", "no such file", ""), missing, status, err, out)


@pytest.mark.slow
def test_whole_corpus_in_one_full_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every format, worker processes: one good source among all the bad ones."""
    folder = tmp_path / "src"
    folder.mkdir()
    sources = [BAD / f"{c.name}.yaml" for c in FILE_CASES] + [make(folder) for _, make in GENERATED]
    status, err, out = _build(tmp_path, *sources, formats="pdf,large-print,docx,epub,html,json", jobs=2,
                              capsys=capsys)
    assert status == 2
    assert "Traceback" not in err and "internal error" not in err, err
    for case, source in zip([*FILE_CASES, *(c for c, _ in GENERATED)], sources, strict=True):
        assert any(line.startswith(f"{source}:") and case.message in line for line in err.splitlines()), case.name
    assert _outputs(out) == {f"good.{s}" for s in ("pdf", "large-print.pdf", "docx", "epub", "html", "json",
                                                   "fhir.json")}


# --- the output folder: problems of the run, not of a source


def test_output_folder_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    status = main(["build", "-j1", "-q", "-f", "json,html", "-o", str(blocker), str(MINIMAL)])
    err = capsys.readouterr().err
    assert status == 2
    assert f"{blocker}: cannot create the output folder" in err
    assert "Traceback" not in err
    assert blocker.read_text() == "not a folder"


def test_output_folder_under_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    status = main(["build", "-j1", "-q", "-f", "json,html", "-o", str(blocker / "out"), str(MINIMAL)])
    err = capsys.readouterr().err
    assert status == 2
    assert f"{blocker / 'out'}: cannot create the output folder: Not a directory" in err
    assert "Traceback" not in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through permissions; covered by the cases above")
def test_read_only_output_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o500)
    status = main(["build", "-j1", "-q", "-f", "json,html", "-o", str(out), str(MINIMAL)])
    err = capsys.readouterr().err
    assert status == 2
    assert "not writable" in err
    assert "Traceback" not in err


def test_output_name_taken_by_a_folder_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A source whose HTML cannot be written leaves its JSON unwritten too: all or nothing."""
    out = tmp_path / "out"
    (out / "minimal.html").mkdir(parents=True)
    status = main(["build", "-j1", "-q", "-f", "json,html", "-o", str(out), str(MINIMAL)])
    err = capsys.readouterr().err
    assert status == 2
    assert f"{out / 'minimal.html'}: cannot write the output: a folder has this name" in err
    assert "Traceback" not in err
    assert _outputs(out) == {"minimal.html"}  # the folder, and no minimal.json
