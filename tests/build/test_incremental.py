"""Incremental builds rebuild exactly the outputs whose inputs changed, and nothing else."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from buildkit import Builder, sources

import publisher
from publisher.build import keys
from publisher.build.keys import toolchain
from publisher.build.manifest import MANIFEST_NAME
from publisher.render.layout import DEFAULT_ROOT
from publisher.synthetic.png import Canvas


def stems(folder: Path) -> list[str]:
    return [p.stem for p in sorted(folder.glob("*.yaml"))]


def outputs(names: list[str], *suffixes: str) -> set[str]:
    return {f"{name}.{suffix}" for name in names for suffix in suffixes}


@pytest.fixture
def built(build: Builder, catalog: Path, tmp_path: Path) -> Path:
    out = tmp_path / "dist"
    first = build(*sources(catalog), "-o", out, "-f", "json,html")
    assert first.status == 0, first.stderr
    assert first.written == outputs(stems(catalog), "json", "html")
    return out


def test_nothing_changed_rebuilds_nothing(build: Builder, catalog: Path, built: Path) -> None:
    again = build(*sources(catalog), "-o", built, "-f", "json,html")
    assert again.status == 0
    assert again.written == set()
    assert again.counts == (0, 4, 0)


def test_changed_source_rebuilds_only_its_outputs(build: Builder, catalog: Path, built: Path) -> None:
    target = sorted(catalog.glob("*.yaml"))[1]
    target.write_text(target.read_text().replace("title: ", "title: Revised ", 1))
    again = build(*sources(catalog), "-o", built, "-f", "json,html")
    assert again.written == outputs([target.stem], "json", "html")
    assert again.counts == (1, 3, 0)
    assert json.loads((built / f"{target.stem}.json").read_text())["title"].startswith("Revised ")


def test_changed_image_rebuilds_the_documents_that_show_it(build: Builder, catalog: Path, built: Path) -> None:
    users = {p.stem for p in catalog.glob("*.yaml") if "images/inheritance-x-linked.png" in p.read_text()}
    others = {p.stem for p in catalog.glob("*.yaml")} - users
    assert users and others, "the fixture catalog should have pages with and without this figure"
    canvas = Canvas(10, 10)
    canvas.rect(0, 0, 5, 5, (0, 0, 0))
    (catalog / "images" / "inheritance-x-linked.png").write_bytes(canvas.png())
    again = build(*sources(catalog), "-o", built, "-f", "json,html")
    assert again.written == outputs(sorted(users), "json", "html")


def test_layout_change_rebuilds_the_formats_that_read_layouts(build: Builder, catalog: Path, tmp_path: Path) -> None:
    layouts = tmp_path / "layouts"
    shutil.copytree(DEFAULT_ROOT, layouts)
    out = tmp_path / "dist"
    assert build(*sources(catalog), "-o", out, "-f", "json,html", "--layouts", layouts).status == 0
    css = next((layouts / "html").rglob("*.css"), None) or next((layouts / "common").iterdir())
    css.write_bytes(css.read_bytes() + b"\n/* changed */\n")
    again = build(*sources(catalog), "-o", out, "-f", "json,html", "--layouts", layouts)
    assert again.status == 0, again.stderr
    assert again.written == outputs(stems(catalog), "html")  # the json dump never reads a layout


def test_option_change_rebuilds_only_the_affected_outputs(build: Builder, catalog: Path, built: Path,
                                                          tmp_path: Path) -> None:
    a4 = build(*sources(catalog), "-o", built, "-f", "json,html", "--paper", "a4")
    assert a4.written == outputs(stems(catalog), "html")
    # Only the DOCX writer reads a reference document: neither output here depends on it.
    reference = tmp_path / "brand.docx"
    reference.write_bytes(b"any bytes: only its hash is read for these formats")
    branded = build(*sources(catalog), "-o", built, "-f", "json,html", "--paper", "a4", "--reference-docx", reference)
    assert branded.written == set()


def test_new_format_or_audience_builds_only_the_new_outputs(build: Builder, catalog: Path, built: Path) -> None:
    more = build(*sources(catalog), "-o", built, "-f", "json,html,epub")
    assert more.status == 0, more.stderr
    assert more.written == outputs(stems(catalog), "epub", "html")  # the pages now link the e-books
    clinician = build(*sources(catalog), "-o", built, "-f", "json,html", "--audience", "clinician")
    assert clinician.written == outputs(stems(catalog), "clinician.json", "clinician.html")
    patient = build(*sources(catalog), "-o", built, "-f", "json,html")
    assert patient.written == outputs(stems(catalog), "html")  # the pages no longer link the e-books


def test_missing_or_edited_output_is_rebuilt(build: Builder, catalog: Path, built: Path) -> None:
    names = stems(catalog)
    (built / f"{names[0]}.html").unlink()
    edited = built / f"{names[1]}.json"
    data = edited.read_bytes()
    edited.write_bytes(data[:-2] + b"X\n")  # same size, other bytes
    touched = built / f"{names[2]}.json"
    os.utime(touched, ns=(1, 1))  # new time, same bytes: still up to date
    again = build(*sources(catalog), "-o", built, "-f", "json,html")
    assert again.written == {f"{names[0]}.html", f"{names[1]}.json"}
    assert edited.read_bytes() == data


def test_publisher_version_change_rebuilds_everything(build: Builder, catalog: Path, built: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(publisher, "__version__", "999.0")
    toolchain.cache_clear()
    try:
        again = build(*sources(catalog), "-o", built, "-f", "json,html")
    finally:
        toolchain.cache_clear()
    assert again.written == outputs(stems(catalog), "json", "html")


def test_force_rebuilds_everything(build: Builder, catalog: Path, built: Path) -> None:
    again = build(*sources(catalog), "-o", built, "-f", "json,html", "--force")
    assert again.written == outputs(stems(catalog), "json", "html")
    assert again.counts == (4, 0, 0)


def test_unreadable_manifest_means_a_full_rebuild(build: Builder, catalog: Path, built: Path) -> None:
    (built / MANIFEST_NAME).write_text("{not json")
    again = build(*sources(catalog), "-o", built, "-f", "json,html")
    assert again.status == 0
    assert again.written == outputs(stems(catalog), "json", "html")
    assert json.loads((built / MANIFEST_NAME).read_text())["schema"] == 1


def test_installing_a_system_font_rebuilds_only_the_pdfs(build: Builder, catalog: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    monkeypatch.setattr(keys, "FONT_DIRS", (str(fonts),))  # stands in for /usr/share/fonts
    keys.system_fonts.cache_clear()
    source = sorted(catalog.glob("*.yaml"))[0]
    out = tmp_path / "dist"
    try:
        assert build(source, "-o", out, "-f", "json,html,pdf").status == 0
        (fonts / "NewFallback.ttf").write_bytes(b"a font file appears")
        keys.system_fonts.cache_clear()
        again = build(source, "-o", out, "-f", "json,html,pdf")
    finally:
        keys.system_fonts.cache_clear()
    assert again.written == {f"{source.stem}.pdf"}
