"""Locating tools and running them: a missing tool names the install command; a hung one is killed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from publisher.validators import INSTALL_COMMAND, ValidatorFailed, ValidatorMissing, ace, epubcheck, tools


def test_missing_epubcheck_jar_names_the_install_command(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, good_epub: Path) -> None:
    monkeypatch.setenv("PUBLISHER_TOOLS_HOME", str(tmp_path))

    with pytest.raises(ValidatorMissing) as caught:
        epubcheck.check(good_epub)

    assert caught.value.tool == "epubcheck"
    assert caught.value.install_command == INSTALL_COMMAND == "bash scripts/install-tools.sh"
    assert str(caught.value) == (f"epubcheck: not installed (no {tmp_path}/.tools/epubcheck/epubcheck.jar)"
                                 " — run: bash scripts/install-tools.sh")


def test_missing_program_on_path_is_validator_missing(
        monkeypatch: pytest.MonkeyPatch, good_epub: Path) -> None:
    monkeypatch.setenv("PUBLISHER_NODE", "no-such-node-binary")

    with pytest.raises(ValidatorMissing, match="no 'no-such-node-binary' on PATH"):
        ace.check(good_epub)


def test_run_returns_output_and_status() -> None:
    done = tools.run("python", [sys.executable, "-c", "import sys; print('out'); sys.exit(3)"], timeout=60)

    assert (done.returncode, done.stdout) == (3, "out\n")


def test_run_kills_a_hung_tool_and_says_so() -> None:
    with pytest.raises(ValidatorFailed, match=r"timed out after 0\.5 s"):
        tools.run("sleeper", [sys.executable, "-c", "import time; time.sleep(60)"], timeout=0.5)
