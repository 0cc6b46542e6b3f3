"""Hostile files around the sources (issue 21): FIFOs and devices as sources (build and lint), broken
layout folders and reference DOCX files, and command-line numbers past their bounds. Each is one clear
refusal with exit 2, never a hang, a traceback or "a bug in publisher"; the good source still builds."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from publisher.commands.build import max_jobs
from publisher.synthetic.command import MAX_COUNT
from robustness.hostile import ROOT, build, env, outputs, project, refused, with_bundles

RICH = ROOT / "tests" / "fixtures" / "rich-content"


def _run(*argv: str, cwd: Path = ROOT, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "publisher", *argv], capture_output=True, text=True,
                          timeout=timeout, cwd=cwd, env=env())


def _clean(done: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    assert "bug in publisher" not in done.stderr, done.stderr
    return done.stderr


# ---------------------------------------------------------------- FIFOs and devices as sources


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "dev-null", "link-to-dev-zero"])
def test_a_pipe_or_device_as_source_never_blocks_the_build(tmp_path: Path, kind: str) -> None:
    folder = project(tmp_path)
    bad = folder / f"{kind}.yaml"
    if kind == "fifo":
        os.mkfifo(bad)  # nobody ever writes to it: reading it would wait forever
    elif kind == "link-to-dev-zero":
        bad.symlink_to("/dev/zero")
    else:
        bad = Path("/dev/zero" if kind == "dev-zero" else "/dev/null")
    line = refused(build(folder, bad, timeout=60), bad, "", "not a regular file")
    assert ("named pipe" in line) if kind == "fifo" else ("character device" in line)


def test_lint_refuses_a_pipe_beside_a_good_source(tmp_path: Path) -> None:
    folder = project(tmp_path)
    os.mkfifo(folder / "pipe.yaml")
    done = _run("lint", str(folder / "pipe.yaml"), str(folder / "good.yaml"), "/dev/zero", timeout=60)
    err = _clean(done)
    assert done.returncode == 2, err
    assert f"{folder / 'pipe.yaml'}: is a named pipe (FIFO), not a regular file — " in err
    assert "/dev/zero: is a character device, not a regular file — " in err


def test_a_pipe_in_a_source_folder_is_passed_over(tmp_path: Path) -> None:
    """A folder stands for its *.yaml files; a FIFO named like one is not a file and never read."""
    folder = project(tmp_path)
    os.mkfifo(folder / "pipe.yaml")
    result = build(folder, timeout=60)  # the good source, named twice: through the folder and by itself
    assert result.status == 0, result.err
    assert outputs(result.out) == with_bundles({"good.json", "good.html"})


# ---------------------------------------------------------------- --layouts and --reference-docx


def test_layout_folder_that_does_not_exist(tmp_path: Path) -> None:
    folder = project(tmp_path)
    result = build(folder, extra=("--layouts", str(tmp_path / "nowhere")))
    assert result.status == 2 and "Traceback" not in result.err
    assert f"--layouts {tmp_path / 'nowhere'}: no such folder — copy the bundled folder" in result.err
    assert not result.out.exists()


def test_layout_folder_without_the_formats_folders(tmp_path: Path) -> None:
    folder = project(tmp_path)
    (tmp_path / "layouts").mkdir()
    result = build(folder, formats="html,pdf", extra=("--layouts", str(tmp_path / "layouts")))
    assert result.status == 2 and "has no html/, common/, pdf/, fonts/" in result.err, result.err
    json_only = build(folder, formats="json", extra=("--layouts", str(tmp_path / "layouts")))
    assert json_only.status == 0, json_only.err  # json reads no layout


def test_layout_with_a_pipe_or_a_missing_template(tmp_path: Path) -> None:
    folder = project(tmp_path)
    layouts = tmp_path / "layouts"
    shutil.copytree(ROOT / "layouts", layouts)
    (layouts / "html" / "screen.css").unlink()
    os.mkfifo(layouts / "html" / "screen.css")
    result = build(folder, formats="html", extra=("--layouts", str(layouts)), timeout=60)
    assert result.status == 2 and "holds html/screen.css, which is not a regular file" in result.err, result.err
    (layouts / "html" / "screen.css").unlink()
    (layouts / "html" / "page.html.j2").unlink()
    result = build(folder, formats="html", extra=("--layouts", str(layouts)))
    err = result.err
    assert result.status == 2 and "layout error: TemplateNotFound" in err and "bug in publisher" not in err, err


def _reference(tmp_path: Path, name: str, change: dict[str, bytes | None]) -> Path:
    """python-docx's own template with parts replaced (bytes) or removed (None)."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    path = tmp_path / name
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = change.get(item.filename, src.read(item.filename))
            if data is None:
                continue
            if item.filename in ("[Content_Types].xml", "word/_rels/document.xml.rels") and None in change.values():
                gone = [n.rsplit("/", 1)[-1].split(".")[0] for n, v in change.items() if v is None]
                for part in gone:
                    data = re.sub(rb"<(Override|Relationship) [^>]*" + part.encode() + rb"[^>]*/>", b"", data)
            dst.writestr(item.filename, data)
        for added, data in change.items():
            if data is not None and added not in src.namelist():
                dst.writestr(added, data)
    return path


def test_reference_docx_without_numbering_still_gives_lists(tmp_path: Path) -> None:
    reference = _reference(tmp_path, "plain.docx", {"word/numbering.xml": None})
    with zipfile.ZipFile(reference) as archive:
        assert "word/numbering.xml" not in archive.namelist()
    shutil.copytree(RICH, tmp_path / "rich")
    out = tmp_path / "out"
    done = _run("build", "-q", "-j1", "-f", "docx", "-o", str(out), "--reference-docx", str(reference),
                str(tmp_path / "rich" / "rich.yaml"))
    assert done.returncode == 0, _clean(done)
    built = docx.Document(str(out / "rich.docx"))
    numbered = [p for p in built.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert numbered, "the lists lost their numbering"


@pytest.mark.parametrize(("name", "make", "message"), [
    ("entity", lambda t: _reference(t, "entity.docx", {"word/styles.xml": (
        b'<?xml version="1.0"?><!DOCTYPE w:styles [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b'<w:style w:styleId="A"><w:name w:val="&x;"/></w:style></w:styles>')}), "not plain XML"),
    ("not-a-zip", lambda t: (t / "text.docx", (t / "text.docx").write_text("hello"))[0], "cannot open"),
    ("fifo", lambda t: (t / "pipe.docx", os.mkfifo(t / "pipe.docx"))[0], "named pipe"),
    ("zip-bomb", lambda t: _reference(t, "bomb.docx", {"word/bomb.xml": b"\0" * (300 << 20)}), "would inflate"),
])
def test_broken_reference_docx_is_the_options_error(tmp_path: Path, name: str, make, message: str) -> None:  # type: ignore[no-untyped-def]
    reference = make(tmp_path)
    folder = project(tmp_path)
    result = build(folder, formats="json,docx", extra=("--reference-docx", str(reference)), timeout=120)
    assert result.status == 2, result.err
    assert "Traceback" not in result.err and "bug in publisher" not in result.err and "layout" not in result.err
    (line,) = [line for line in result.err.splitlines() if line.startswith("--reference-docx")]
    assert line.startswith(f"--reference-docx {reference}: ") and message in line and " — " in line, line
    assert not result.out.exists()  # refused before any source was built


# ---------------------------------------------------------------- numbers on the command line


@pytest.mark.parametrize("value", ["0", "-3", "abc", "1.5", str(max_jobs() + 1), "10000", "9" * 20, "9" * 5_000])
def test_jobs_out_of_bounds(tmp_path: Path, value: str) -> None:
    folder = project(tmp_path)
    done = _run("build", "-q", "-j", value, "-o", str(tmp_path / "out"), str(folder / "good.yaml"))
    err = _clean(done)
    assert done.returncode == 2 and "argument --jobs/-j:" in err, err
    too_many = value.isdigit() and value != "0"
    assert ("is more than" in err) if too_many else ("not a positive whole number" in err)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("value", ["0", "-1", "x", str(MAX_COUNT + 1), "99999999999999999999999", "9" * 5_000])
def test_catalog_size_out_of_bounds(tmp_path: Path, value: str) -> None:
    done = _run("catalog", value, "--out", str(tmp_path / "catalog"), timeout=60)
    err = _clean(done)
    assert done.returncode == 2 and f"a whole number from 1 to {MAX_COUNT:,}" in err, err
    assert not (tmp_path / "catalog").exists()


def test_catalog_seed_out_of_bounds(tmp_path: Path) -> None:
    done = _run("catalog", "2", "--seed", "9" * 5_000, "--out", str(tmp_path / "catalog"))
    assert done.returncode == 2 and "--seed" in _clean(done)
