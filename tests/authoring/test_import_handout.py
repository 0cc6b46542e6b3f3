"""A Word handout made by hand (python-docx) imports, builds and passes the check gate; what does not map is noted."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml import OxmlElement
from handout import PICTURE, hyperlink, make_handout
from ruamel.yaml import YAML

from publisher.cli import main

SAFE = YAML(typ="safe", pure=True)


def run_import(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = main(["import", *args])
    return status, capsys.readouterr().err


def test_hand_made_handout_keeps_its_structure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "source" / "dry-skin.yaml"
    status, err = run_import(capsys, str(make_handout(tmp_path / "handout.docx")), "--out", str(out),
                             "--publisher", "Test Health Office", "--reviewed", "2024-05-01")
    assert status == 0, err
    assert f"wrote {out} and 1 picture: 0 notes" in err
    data = SAFE.load(out.read_text(encoding="utf-8"))
    assert (data["title"], data["language"]) == ("Dry Skin Care", "en-US")
    assert str(data["last_reviewed"]) == "2024-05-01"
    assert data["publisher"] == {"name": "Test Health Office"}
    assert data["keywords"] == ["dry skin", "eczema"]
    # Word's w:lang on a run becomes a span; bold stays bold.
    assert data["summary"] == ("Dry skin is common. It is **not** a sign of a serious illness. In Spanish it is called "
                               "[piel seca]{lang=es-ES}.\n")
    care, call = data["sections"]
    assert (care["title"], call["title"]) == ("Care at home", "When to call")
    assert "[skin care guide from the health office](https://example.org/skin-care)" in care["body"]
    # Two Word lists (bullets, then numbers) stay two lists; a line break stays inside its item.
    assert "- Use soap that has no smell.\n- Drink lots of water.\n\n1. Pat your skin dry.\\\n   Do not rub it.\n" \
        "2. Put on cream each day." in care["body"]
    (creams,) = care["sections"]  # Heading 2 under Heading 1: nested
    assert creams["title"] == "Creams"
    table = creams["blocks"][0]["table"]
    assert table == {"caption": "How often to use each cream", "header": ["Cream", "How often"],
                     "rows": [["Thick cream", "Twice a day"], ["Ointment", "At night"]]}
    (pictures,) = creams["sections"]  # Heading 3: one level deeper
    image = pictures["blocks"][0]["image"]
    assert image == {"file": "images/dry-skin/image-1.png", "alt": "A dark blue square beside a blue circle."}
    assert (out.parent / image["file"]).read_bytes() == PICTURE.read_bytes()  # copied next to the source


@pytest.mark.slow
@pytest.mark.validator
def test_hand_made_handout_builds_and_passes_the_check_gate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "source" / "dry-skin.yaml"
    status, err = run_import(capsys, str(make_handout(tmp_path / "handout.docx")), "--out", str(source),
                             "--publisher", "Test Health Office", "--reviewed", "2024-05-01")
    assert status == 0, err
    dist = tmp_path / "dist"
    assert main(["build", str(source), "--out", str(dist), "--jobs", "1", "--quiet"]) == 0
    assert main(["check", "--source", str(source.parent), str(dist)]) == 0, capsys.readouterr().out


def test_a_picture_without_alt_text_is_noted_and_is_a_lint_error(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "dry-skin.yaml"
    status, err = run_import(capsys, str(make_handout(tmp_path / "handout.docx", alt=None)), "--out", str(out),
                             "--publisher", "Test Health Office", "--reviewed", "2024-05-01")
    assert status == 1  # written, but it needs an edit before it builds
    lines = out.read_text(encoding="utf-8").splitlines()
    note = next(n for n, line in enumerate(lines, 1) if "no alt text" in line)
    assert lines[note - 1].strip().startswith("# publisher import: Word gave this picture no alt text")
    picture = note + 2  # the comment (two lines) sits on the picture it is about
    assert lines[picture - 1].strip() == "- image:"
    assert f"{out}:{note}: Word gave this picture no alt text" in err
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    assert main(["lint", str(out)]) == 2
    lint = capsys.readouterr().err
    assert f"{out}:{picture + 1}:" in lint and "an image needs alt text" in lint  # the picture's own keys


def _unmappable(path: Path) -> Path:
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "Patient Education Office, form 12"
    doc.add_paragraph("Odd handout", style="Title")
    doc.add_paragraph("A summary in one sentence.")
    doc.add_heading("Things Word has", level=1)
    p = doc.add_paragraph("An equation: ")
    math = OxmlElement("m:oMath")
    mr, mt = OxmlElement("m:r"), OxmlElement("m:t")
    mt.text = "x=2"
    mr.append(mt)
    math.append(mr)
    p._p.append(math)
    p.add_run(" and a secret.").font.hidden = True
    link = doc.add_paragraph("Do not ")
    hyperlink(link, "run this", "javascript:alert(1)")
    table = doc.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1))
    table.cell(0, 0).text, table.cell(0, 2).text = "Merged", "Dose"
    table.cell(1, 0).text, table.cell(1, 2).text = "Adults", "10 mg"
    doc.add_paragraph().add_run().add_picture(str(PICTURE))
    doc.save(str(path))
    return path


def test_what_cannot_be_mapped_is_a_comment_at_the_line_stderr_names(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "odd-handout.yaml"
    status, err = run_import(capsys, str(_unmappable(tmp_path / "odd.docx")), "--out", str(out))
    lines = out.read_text(encoding="utf-8").splitlines()
    reported = [line for line in err.splitlines() if line.startswith(f"{out}:") and "(odd.docx:" in line]
    messages = {}
    for line in reported:
        number = int(line.split(":")[1])
        message = line.split(": ", 1)[1].rsplit(" (odd.docx:", 1)[0]
        assert lines[number - 1].lstrip().startswith("# publisher import: " + message[:40]), (number, message)
        messages[message.split(" ")[1]] = message
    text = "\n".join(reported)
    for expected in ("the page header and footer were not imported (they hold “Patient Education Office, form 12”)",
                     "an equation was not imported: “x=2”", "hidden text was left out",
                     "a link to 'javascript:alert(1)' was dropped", "merged or missing cells were split",
                     "the first row was taken as the header row", "Word gave this picture no alt text",
                     "does not say who publishes it", "does not say when it was last reviewed"):
        assert expected in text
    assert status == 1  # publisher, last_reviewed and the alt text are still to write
    assert "run this" in out.read_text(encoding="utf-8")  # the dropped link's text is kept
    assert "javascript" not in out.read_text(encoding="utf-8").split("# publisher import")[0]


def test_an_existing_source_is_never_overwritten_without_force(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    docx = make_handout(tmp_path / "handout.docx")
    out = tmp_path / "dry-skin.yaml"
    out.write_text("mine\n")
    status, err = run_import(capsys, str(docx), "--out", str(out), "--publisher", "X", "--reviewed", "2024-05-01")
    assert status == 2 and f"{out}: already exists; nothing was written — pass --force" in err
    assert out.read_text() == "mine\n" and not (tmp_path / "images").exists()
    status, _ = run_import(capsys, str(docx), "--out", str(out), "--force", "--publisher", "X",
                           "--reviewed", "2024-05-01")
    assert status == 0 and out.read_text().startswith("# Imported from handout.docx")


def test_default_output_is_source_slug_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    docx = make_handout(tmp_path / "handout.docx")
    monkeypatch.chdir(tmp_path)
    status, err = run_import(capsys, str(docx), "--publisher", "X", "--reviewed", "2024-05-01")
    assert status == 0, err
    assert (tmp_path / "source" / "dry-skin-care.yaml").is_file()
    assert (tmp_path / "source" / "images" / "dry-skin-care" / "image-1.png").is_file()
