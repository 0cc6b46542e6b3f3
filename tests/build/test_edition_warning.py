"""A rebuild warns when the content changed but the author did not move the edition (build/edition.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from buildkit import Builder

from publisher.build.manifest import MANIFEST_NAME

ROOT = Path(__file__).resolve().parents[2]
SENTENCE = "Leiomyosarcoma is a type of sarcoma."


def _seed(tmp_path: Path) -> Path:
    source = tmp_path / "leiomyosarcoma.yaml"
    shutil.copy(ROOT / "source" / "leiomyosarcoma.yaml", source)
    return source


def _edit(source: Path, old: str, new: str) -> None:
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_changed_sentence_with_the_same_edition_warns_at_the_review_date_line(build: Builder, tmp_path: Path) -> None:
    source, out = _seed(tmp_path), tmp_path / "dist"
    first = build(source, "-o", out, "-f", "json,html")
    assert first.status == 0 and "warning" not in first.stderr  # nothing to compare with yet
    recorded = json.loads((out / MANIFEST_NAME).read_text())["entries"]
    (entry,) = recorded.values()
    assert entry["edition"][0] == "2015-06-26" and len(entry["edition"][2]) == 16

    _edit(source, SENTENCE, "Leiomyosarcoma is one type of sarcoma.")
    second = build(source, "-o", out, "-f", "json,html")
    assert second.status == 0  # a warning, not an error: the outputs are written
    line = source.read_text().splitlines().index("last_reviewed: 2015-06-26") + 1
    assert (f"{source}:{line}:1: warning: the content changed since the last build, but the edition is still "
            "2015-06-26 — set 'edition:'") in second.stderr


def test_moving_the_edition_or_changing_only_comments_does_not_warn(build: Builder, tmp_path: Path) -> None:
    source, out = _seed(tmp_path), tmp_path / "dist"
    assert build(source, "-o", out, "-f", "json").status == 0
    _edit(source, "last_reviewed: 2015-06-26\n", "last_reviewed: 2015-06-26\n# a comment changes no content\n")
    quiet = build(source, "-o", out, "-f", "json")
    assert quiet.counts == (1, 0, 0) and "warning" not in quiet.stderr
    _edit(source, SENTENCE, "Leiomyosarcoma is one type of sarcoma.")
    _edit(source, "last_reviewed: 2015-06-26\n", "last_reviewed: 2015-06-26\nedition: 2025-03-10\n")
    moved = build(source, "-o", out, "-f", "json")
    assert moved.counts == (1, 0, 0) and "warning" not in moved.stderr
