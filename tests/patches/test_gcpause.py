"""The collector is paused for one-time start-up work, and only for that: documents are never frozen."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from publisher.patches import gcpause

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "source" / "leiomyosarcoma.yaml"


@pytest.fixture(autouse=True)
def _restore_gc() -> Iterator[None]:
    was = gc.isenabled()
    yield
    gc.unfreeze()
    if was:
        gc.enable()


def test_paused_block_runs_without_collector_then_freezes_and_reenables() -> None:
    gc.unfreeze()
    with gcpause.paused():
        assert not gc.isenabled()
        made = [[i] for i in range(1000)]  # tracked objects created while paused
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(made)


def test_nested_block_leaves_the_outer_one_in_charge() -> None:
    with gcpause.paused():
        with gcpause.paused():
            pass
        assert not gc.isenabled()  # the inner block did not switch the collector back on
    assert gc.isenabled()


def test_collector_switched_off_by_someone_else_stays_off_and_nothing_is_frozen() -> None:
    gc.unfreeze()
    gc.disable()
    with gcpause.paused():
        pass
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_thaw_makes_frozen_objects_collectable() -> None:
    with gcpause.paused():
        pass
    assert gc.get_freeze_count() > 0
    gcpause.thaw()
    assert gc.get_freeze_count() == 0


PROBE = textwrap.dedent("""
    import gc, json, sys
    from pathlib import Path
    from publisher.build.plan import BuildPlan
    from publisher.build.render import render_source

    collections, freezes = [], []
    gc.callbacks.append(lambda phase, info: phase == "start" and collections.append(info["generation"]))
    freeze = gc.freeze
    gc.freeze = lambda: (freezes.append(1), freeze())[1]
    plan = BuildPlan(out_dir=Path(sys.argv[2]), formats=("html", "docx"))
    seen = []
    for _ in range(3):
        collected, frozen = len(collections), len(freezes)
        rendered = render_source(Path(sys.argv[1]), plan)
        assert rendered.ok, rendered.errors
        seen.append({"freezes": len(freezes) - frozen, "collections": len(collections) - collected,
                     "enabled": gc.isenabled()})
    print(json.dumps(seen))
""")


def test_first_document_imports_paused_later_documents_collected_and_never_frozen(tmp_path: Path) -> None:
    # A fresh process: its first render imports the reader and two renderers.
    done = subprocess.run([sys.executable, "-c", PROBE, str(SEED), str(tmp_path)], capture_output=True,
                          text=True, check=True, cwd=ROOT)
    first, second, third = json.loads(done.stdout)
    assert first["freezes"] == 3  # the reader's and each renderer's first import, each frozen after
    assert all(run["enabled"] for run in (first, second, third))  # and the collector is back on
    # Documents after the first are neither frozen (a catalog build would leak their cycles) ...
    assert second["freezes"] == third["freezes"] == 0
    # ... nor rendered without collection: the collector runs while they render.
    assert second["collections"] > 0 and third["collections"] > 0


def test_a_replaced_plan_thaws_what_its_caches_froze(tmp_path: Path) -> None:
    from publisher.build.plan import BuildPlan
    from publisher.build.schedule import adopt

    adopt("first-plan", BuildPlan(out_dir=tmp_path))
    with gcpause.paused():
        pass  # caches built while paused end up frozen
    assert gc.get_freeze_count() > 0
    adopt("second-plan", BuildPlan(out_dir=tmp_path))  # a watch session's layout changed
    assert gc.get_freeze_count() == 0


UNPAUSED = textwrap.dedent("""
    import gc, json
    full = []
    gc.callbacks.append(lambda phase, info: phase == "start" and full.append(info["generation"]))
    import publisher.render.pdf, publisher.render.docx, publisher.render.epub  # the collector left on
    import publisher.source.reader
    print(json.dumps({"collections": len(full), "oldest": full.count(2)}))
""")


def test_the_collector_still_walks_the_start_up_objects_when_left_on() -> None:
    """gcpause pays only while CPython's collector runs during the renderers' imports and walks what
    they built. If this fails, this Python's collector no longer does that at start-up: remove
    publisher/patches/gcpause.py and its uses, and measure the cold build again."""
    done = subprocess.run([sys.executable, "-c", UNPAUSED], capture_output=True, text=True, check=True, cwd=ROOT)
    seen = json.loads(done.stdout)
    assert seen["collections"] > 20, f"the collector barely ran during the imports: {seen}"
    assert seen["oldest"] > 0, f"no full collection during the imports, so nothing old was walked again: {seen}"
