"""A small site built once per module: the seed (with condition codes), its Spanish translation, the rich
fixture, and the seed's clinician variant, all in one output folder, as a folder build writes them."""

from __future__ import annotations

from pathlib import Path

import pytest
from handoffkit import build, make_sources


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("site")
    src = make_sources(base / "src")
    out = base / "dist"
    assert build(src, "-o", out) == 0
    assert build(src / "leiomyosarcoma.yaml", "-o", out, "--audience", "clinician") == 0
    assert build(src, "-o", out) == 0  # the catalog again, now with the clinician variant in the store
    return out
