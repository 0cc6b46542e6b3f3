"""``publisher new`` (issue 21): whatever the title, it either refuses it (exit 2, ``--title`` named) or writes
a source that reads and builds as written; it never writes one that fails."""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publisher.cli import main
from publisher.errors import PublisherError
from publisher.source.reader import read_source

NASTY = ["bell \x07", "nul \x00 byte", "override \u202e", "isolate \u2066", "line\u2028separator", "cr\ronly",
         "crlf\r\nend", "new\nline", "tab\there", "   ", "", "x" * 2_500, "# heading", "- dash", "* star",
         "&anchor", "*alias", "!tag", "@at", "`tick", "'quote'", '"double"', "a: b", "key: value # comment",
         "{flow}", "[flow]", "|", ">", "%directive", "---", "...", "? question", "ends with space ", "\ufeffbom",
         "\x85next line", "emoji 😀", "{{ 7*7 }}", "<script>", "Ref 1",
         "[@key]", "[link](javascript:alert(1))"]


def _new(folder: Path, title: str) -> tuple[int, str, Path]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(["new", "a-condition", "--out", str(folder), f"--title={title}"])
    return status, err.getvalue(), folder / "a-condition.yaml"


def _judge(title: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        status, err, path = _new(Path(tmp), title)
        if status == 2:
            assert err.startswith("publisher new: --title ") and " — " in err, err
            assert not path.exists()
            return
        assert status == 0, err
        try:
            read_source(path)
        except PublisherError as exc:
            pytest.fail(f"publisher new wrote a source that does not read: {exc}")


@pytest.mark.parametrize("title", NASTY)
def test_a_hostile_title_is_refused_or_builds(title: str) -> None:
    _judge(title)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_title_is_refused_or_builds(title: str) -> None:
    if "\x00" in title:
        return  # a command line cannot carry NUL
    _judge(title)
