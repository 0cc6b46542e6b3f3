"""Progress: a bar with ETA on a terminal, one plain line per source otherwise; a summary either way."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from buildkit import Builder


def test_plain_lines_and_summary_when_not_a_terminal(build: Builder, catalog: Path, tmp_path: Path) -> None:
    run = build(catalog, "-o", tmp_path / "dist", "-f", "json")  # a folder stands for its *.yaml
    lines = [line for line in run.stderr.splitlines() if line.startswith("[")]
    assert [line.split("]")[0].split(",")[0] for line in lines] == ["[1/4", "[2/4", "[3/4", "[4/4"]
    assert all(" built " in line and line.endswith(" s)") for line in lines)
    assert "left" in lines[1] or "left" in lines[2], "an estimate of the time left"
    assert run.counts == (4, 0, 0)
    again = build(catalog, "-o", tmp_path / "dist", "-f", "json", "--quiet")
    assert again.stderr.strip().splitlines() == [again.stderr.strip()] and again.counts == (0, 4, 0)


def test_progress_bar_on_a_terminal(catalog: Path, tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    process = subprocess.Popen([sys.executable, "-m", "publisher", "build", str(catalog), "-o", str(tmp_path / "d"),
                                "-f", "json", "-j1"], stdout=subprocess.DEVNULL, stderr=follower, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:  # the terminal closes when the build exits
            break
        if not data:
            break
        chunks.append(data)
    assert process.wait(timeout=120) == 0
    screen = b"".join(chunks).decode(errors="replace")
    assert "building" in screen and "━" in screen, "rich draws a bar"
    assert "[1/4" not in screen, "no plain progress lines on a terminal"
    assert "built 4, skipped 0, failed 0" in screen
