"""pdf.structure on a handout with parts in another language: it passes, and fails once one loses its /Lang."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from check_fixtures import ROOT, SOURCES, Checked
from check_mutate import edit_pdf, elements

from publisher.cli import main

SPANISH = ROOT / "source" / "leiomyosarcoma.es.yaml"


@pytest.fixture(scope="session")
def spanish_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("spanish")
    assert main(["build", str(SPANISH), "--out", str(out), "--format", "pdf", "--jobs", "1", "--quiet"]) == 0
    return out / "leiomyosarcoma-es.pdf"


def test_spanish_handout_passes_and_fails_without_a_span_lang(spanish_pdf: Path, tmp_path: Path,
                                                               run_check: Callable[..., Checked]) -> None:
    good = tmp_path / spanish_pdf.name
    good.write_bytes(spanish_pdf.read_bytes())
    result = run_check(good, "--rule", "pdf.structure")
    assert result.status == 0, result.out
    assert SOURCES.is_dir()

    def drop_span_lang(pdf: pikepdf.Pdf) -> None:
        spans = [e for e in elements(pdf) if "/Lang" in e]
        assert spans, "the Spanish handout's English reference titles must carry /Lang"
        del spans[0]["/Lang"]

    broken = edit_pdf(good, drop_span_lang)
    result = run_check(broken, "--rule", "pdf.structure")
    assert result.status == 1, result.out
    assert result.failed(broken, "pdf.structure"), result.out
    assert "languages 1" in result.out
