"""Suite-wide rule for external validators: a missing tool skips a `validator` test locally, fails it in CI."""

from __future__ import annotations

import os
from collections.abc import Generator

import pytest

from publisher.validators import ValidatorMissing

IN_CI = os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    # The runners raise ValidatorMissing (with the install command) when a tool is absent. Only tests
    # marked `validator` may turn that into a skip, and never in CI, where every validator must run.
    try:
        return (yield)
    except ValidatorMissing as missing:
        if item.get_closest_marker("validator") is not None and not IN_CI:
            pytest.skip(f"{missing} (with CI=true this fails)")
        raise
