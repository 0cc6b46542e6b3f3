"""``pdf.pdfa`` passes on the seed's handouts and fails on a handout that stops being PDF/A-2u."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from check_fixtures import NAMES, Checked
from check_mutate import edit_pdf


def test_seed_handouts_pass_pdfa(outputs: Path, run_check: Callable[..., Checked]) -> None:
    pdf, large = outputs / NAMES["pdf"], outputs / NAMES["large-print.pdf"]
    result = run_check(pdf, large, "--rule", "pdf.pdfa")
    assert result.status == 0, result.out
    assert "2 passed, 0 failed, 0 skipped" in result.out, result.out


def drop_output_intent(pdf: pikepdf.Pdf) -> None:
    del pdf.Root["/OutputIntents"]


def drop_pdfaid(pdf: pikepdf.Pdf) -> None:
    xmp = pdf.Root.Metadata.read_bytes().decode()
    stripped = re.sub(r"<pdfaid:(part|conformance)>[^<]*</pdfaid:\1>", "", xmp)
    assert stripped != xmp
    pdf.Root.Metadata.write(stripped.encode())


def hide_annotation(pdf: pikepdf.Pdf) -> None:
    annot = next(a for p in pdf.pages for a in p.get("/Annots", []))
    annot.F = 2  # Hidden, and no longer Print


def drop_pdfuaid_declaration(pdf: pikepdf.Pdf) -> None:
    xmp = pdf.Root.Metadata.read_bytes().decode()
    stripped = re.sub(r"<pdfaExtension:schemas>.*</pdfaExtension:schemas>", "", xmp, flags=re.DOTALL)
    assert stripped != xmp
    pdf.Root.Metadata.write(stripped.encode())


MUTATIONS = [drop_output_intent, drop_pdfaid, hide_annotation, drop_pdfuaid_declaration]


@pytest.mark.parametrize("mutate", MUTATIONS, ids=[m.__name__ for m in MUTATIONS])
def test_pdfa_fails_on_a_handout_broken_for_it(mutate: Callable[[pikepdf.Pdf], None], outputs: Path,
                                               run_check: Callable[..., Checked]) -> None:
    path = edit_pdf(outputs / NAMES["pdf"], mutate)
    result = run_check(path, "--rule", "pdf.pdfa")
    assert result.status == 1, result.out
    assert result.failed(path, "pdf.pdfa"), result.out
