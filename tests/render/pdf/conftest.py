"""Session fixtures for the handouts (see handouts.py)."""

from __future__ import annotations

import pytest
from handouts import FIGURES, SEED, VARIANTS, Handout, handout


@pytest.fixture(scope="session", params=list(VARIANTS))
def seed(request: pytest.FixtureRequest) -> Handout:
    """The seed handout (Letter, A4, large print), rendered once for the whole session."""
    return handout(SEED, request.param)


@pytest.fixture(scope="session", params=list(VARIANTS))
def figures(request: pytest.FixtureRequest) -> Handout:
    """The fixture with an image, a decorative image, a table, a note and a Greek phrase."""
    return handout(FIGURES, request.param)


@pytest.fixture(scope="session", params=[(src, v) for src in (SEED, FIGURES) for v in VARIANTS],
                ids=[f"{src.stem}-{v}" for src in (SEED, FIGURES) for v in VARIANTS])
def any_handout(request: pytest.FixtureRequest) -> Handout:
    """Every handout above, for properties that must hold for all of them."""
    source, variant = request.param
    return handout(source, variant)
