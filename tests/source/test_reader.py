"""The reader: cross-field rules, positions, and the model it builds from a valid source."""

from __future__ import annotations

from pathlib import Path

import pytest
from robustness.helpers import png

from publisher.document import model as m
from publisher.errors import SourceError
from publisher.source.reader import ReadOptions, read_source

BASE = """title: Reader test
language: en
publisher:
  name: Test publisher
last_reviewed: 2024-01-15
summary: A summary.[@one]
sections:
  - title: About
    body: Some text.
references:
  - id: one
    title: First reference
"""


def _read(tmp_path: Path, text: str, name: str = "doc.yaml", audience: str = "patient") -> m.Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_source(path, ReadOptions(audience=audience))


def _errors(tmp_path: Path, text: str, name: str = "doc.yaml") -> list[str]:
    with pytest.raises(SourceError) as exc:
        _read(tmp_path, text, name)
    return [str(d).replace(str(tmp_path) + "/", "") for d in exc.value.diagnostics]


def test_a_valid_source_reads(tmp_path: Path) -> None:
    doc = _read(tmp_path, BASE)
    assert doc.slug == "doc"
    assert doc.title == "Reader test"
    assert str(doc.last_reviewed) == "2024-01-15"
    assert [s.title for s in doc.sections] == ["Summary", "About"]


def test_a_typo_is_not_also_reported_missing(tmp_path: Path) -> None:
    assert _errors(tmp_path, BASE.replace("title: Reader test", "titel: Reader test")) == [
        "doc.yaml:1:1: unknown key 'titel' — did you mean 'title'?"]


def test_errors_come_in_file_order(tmp_path: Path) -> None:
    text = BASE.replace("language: en", "language: 42").replace("title: Reader test", "title: [a]")
    assert [e.split(": ")[0] for e in _errors(tmp_path, text)] == ["doc.yaml:1:8", "doc.yaml:2:11"]


def test_a_null_value_points_at_its_key(tmp_path: Path) -> None:
    assert _errors(tmp_path, BASE.replace("  - title: About", "  - title:")) == [
        "doc.yaml:8:5: sections.0.title: has no value — write a value after the colon"]


@pytest.mark.parametrize(("value", "message"), [
    ("2024-02-30", "day value is outside expected range"),
    ("20240115", "is not a date written as YYYY-MM-DD"),
    ("2024-01-15T10:00:00", "is not a date written as YYYY-MM-DD"),
    ("'15/01/2024'", "is not a date written as YYYY-MM-DD"),
])
def test_dates_are_iso_only(tmp_path: Path, value: str, message: str) -> None:
    (error,) = _errors(tmp_path, BASE.replace("2024-01-15", value))
    assert error.startswith("doc.yaml:5:16: last_reviewed: ") and message in error


def test_quoted_iso_date_is_fine(tmp_path: Path) -> None:
    assert str(_read(tmp_path, BASE.replace("2024-01-15", "'2024-01-15'")).last_reviewed) == "2024-01-15"


def test_file_name_must_make_a_safe_slug(tmp_path: Path) -> None:
    (error,) = _errors(tmp_path, BASE, name="My Doc.yaml")
    assert "the file name 'My Doc' cannot be used as the slug" in error
    assert _read(tmp_path, BASE.replace("language: en", "language: en\nslug: my-doc"), name="My Doc.yaml").slug == \
        "my-doc"


def test_section_ids(tmp_path: Path) -> None:
    twice = BASE + "".join(f"  - title: T{i}\n    id: same\n    body: x\n" for i in range(2))
    twice = twice.replace("references:\n  - id: one\n    title: First reference\n", "") + \
        "references:\n  - id: one\n    title: First reference\n"
    assert "duplicate section id 'same'" in _errors(tmp_path, twice)[0]
    # A patient and a clinician variant of one section may share its anchor.
    variants = BASE.replace("    body: Some text.\n", "    id: care\n    audience: patient\n    body: Some text.\n"
                            "  - title: About (clinicians)\n    id: care\n    audience: clinician\n    body: More.\n")
    assert [s.title for s in _read(tmp_path, variants, audience="clinician").sections] == [
        "Summary", "About (clinicians)"]


def test_image_checks(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "ok.png").write_bytes(png())
    (tmp_path / "images" / "link.png").symlink_to("/etc/hostname")
    block = "    blocks:\n      - image:\n          file: {}\n          alt: A picture.\n"

    def with_image(file: str) -> str:
        return BASE.replace("    body: Some text.\n", block.format(file))

    figure = _read(tmp_path, with_image("images/ok.png")).sections[1].blocks[0]
    assert isinstance(figure, m.Figure) and figure.path == str((tmp_path / "images" / "ok.png").resolve())
    for file, message in [
        ("images/link.png", "is outside the project"),
        ("../../../../../../../../etc/passwd", "is outside the project"),
        ("/etc/passwd", "is outside the project"),
        ("https://example.org/x.png", "is not a local file"),
        ("//example.org/x.png", "is not a local file"),
        ("data:image/png;base64,AAAA", "is not a local file"),
        ("images/none.png", "does not exist"),
        ("images", "does not exist"),
    ]:
        (error,) = _errors(tmp_path, with_image(file))
        assert error.startswith("doc.yaml:11:17: ") and message in error, (file, error)


def test_project_root_widens_where_images_may_live(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "x.png").write_bytes(png())
    (tmp_path / "src").mkdir()
    path = tmp_path / "src" / "doc.yaml"
    path.write_text(BASE.replace("    body: Some text.\n",
                                 "    blocks:\n      - image:\n          file: ../shared/x.png\n          alt: X.\n"))
    with pytest.raises(SourceError):
        read_source(path)
    assert read_source(path, ReadOptions(project_root=tmp_path)).sections[1].blocks


def test_deepest_heading_is_six(tmp_path: Path) -> None:
    nested = "".join("  " * (2 * d) + "    sections:\n" + "  " * (2 * d) + f"      - title: L{d + 3}\n"
                     + "  " * (2 * d) + "        body: x\n" for d in range(4))
    doc = _read(tmp_path, BASE.replace("    body: Some text.\n", "    body: Some text.\n" + nested))
    assert max(s.level for s in m.walk_sections(doc.sections)) == 6
