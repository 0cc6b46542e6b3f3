"""Same sources, same bytes: whatever the process, time zone, locale, working directory, clock or job count.

Every date in an output comes from the source's ``last_reviewed`` (PDF CreationDate/ModDate and
XMP, EPUB ``dcterms:modified`` and zip entry dates, DOCX core properties); no output reads the
clock, so ``SOURCE_DATE_EPOCH`` changes nothing in a build. (It sets "today" for ``publisher
lint``'s review-age check.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from publisher.validators.result import ValidatorMissing
from robustness.helpers import ALL, png
from robustness.test_inert_content import SOURCE as HOSTILE

ROOT = Path(__file__).parent.parent.parent
UNICODE = """title: Ünïcödé — Ελληνικά, Кириллица, العربية
language: en
publisher:
  name: Zoë's Café & Co.
last_reviewed: 2023-02-28
summary: Straße, İstanbul, ǅ, ﬁ ligature, Ⅻ, and a [word]{lang=tr} with dotted İ and dotless ı.
sections:
  - title: Ωμέγα
    body: "[مرحبا بالعالم]{lang=ar} and [Привет]{lang=ru}."
"""


def _project(folder: Path) -> list[str]:
    """A project with the seed, the hostile-content source (with an image) and a Unicode source."""
    src = folder / "src"
    (src / "images").mkdir(parents=True)
    (src / "images" / "pixel.png").write_bytes(png())
    shutil.copy(ROOT / "source" / "leiomyosarcoma.yaml", src / "leiomyosarcoma.yaml")
    (src / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    (src / "unicode.yaml").write_text(UNICODE, encoding="utf-8")
    return ["src/leiomyosarcoma.yaml", "src/hostile.yaml", "src/unicode.yaml"]


def _build(cwd: Path, sources: list[str], out: Path, env: dict[str, str], *prefix: str, jobs: str = "1") -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "TZ", "SOURCE_DATE"))}
    result = subprocess.run([*prefix, sys.executable, "-m", "publisher", "build", "-q", "-j", jobs, "-f", ALL,
                             "-o", str(out), *sources], cwd=cwd, env={**clean, **env}, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if not p.name.startswith(".")}


def _assert_same(a: Path, b: Path, skip: str = "") -> None:
    first, second = _files(a), _files(b)
    assert len(first) == 3 * 7 and first.keys() == second.keys()  # six formats and a FHIR bundle per source
    first = {name: data for name, data in first.items() if not (skip and name.endswith(skip))}
    differ = [name for name in first if first[name] != second[name]]
    assert not differ, f"not byte-identical: {differ}"


@pytest.mark.slow
def test_processes_time_zones_locales_and_folders_do_not_matter(tmp_path: Path) -> None:
    project = tmp_path / "project"
    sources = _project(project)
    elsewhere = tmp_path / "elsewhere" / "deeper"
    elsewhere.mkdir(parents=True)
    _build(project, sources, tmp_path / "one",
           {"TZ": "Pacific/Kiritimati", "LANG": "C.UTF-8", "PYTHONHASHSEED": "1"})
    _build(elsewhere, [str(project / s) for s in sources], tmp_path / "two",
           {"TZ": "America/Adak", "LANG": "tr_TR.UTF-8", "LC_ALL": "de_DE.UTF-8", "LC_TIME": "ar_EG.UTF-8",
            "LANGUAGE": "fr", "PYTHONHASHSEED": "2", "SOURCE_DATE_EPOCH": "1234567890"}, jobs="2")
    _assert_same(tmp_path / "one", tmp_path / "two")


@pytest.mark.slow
def test_the_project_folder_does_not_leak_into_outputs(tmp_path: Path) -> None:
    """The same project checked out in two places gives the same files (no absolute paths inside)."""
    for name in ("a", "b-longer-name"):
        sources = _project(tmp_path / name)
        _build(tmp_path / name, sources, tmp_path / f"out-{name}", {"TZ": "UTC"})
    # The JSON dump shows the model, whose figure paths are absolute by contract (model.Figure).
    _assert_same(tmp_path / "out-a", tmp_path / "out-b-longer-name", skip=".json")


@pytest.mark.slow
@pytest.mark.validator
def test_the_clock_does_not_matter(tmp_path: Path) -> None:
    """libfaketime moves the process's clock: a build in 2039 equals a build today."""
    faketime = shutil.which("faketime")
    if faketime is None:
        raise ValidatorMissing("faketime", "the faketime command (Debian package faketime)")
    sources = _project(tmp_path)
    _build(tmp_path, sources, tmp_path / "now", {"TZ": "UTC"})
    _build(tmp_path, sources, tmp_path / "later", {"TZ": "UTC"}, faketime, "2039-12-31 23:59:59")
    _assert_same(tmp_path / "now", tmp_path / "later")
