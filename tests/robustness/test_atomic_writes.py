"""Outputs are never seen half-written, even when the build is killed with SIGKILL at any moment."""

from __future__ import annotations

import io
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pikepdf
import pytest

from publisher.build.write import PART, ensure_dir, remove_stale_parts, write_atomic, write_files

ROOT = Path(__file__).parent.parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "minimal" / "minimal.yaml"
NAMES = ("first", "second")  # two small sources: the first one's files are written while the second renders
FORMATS = "json,html,epub,docx,pdf,large-print"
SUFFIXES = ("json", "html", "epub", "docx", "pdf", "large-print.pdf", "fhir.json")  # and the source's FHIR bundle
BOOKKEEPING = {".publisher-manifest.json", ".publisher-handoff.json"}


def _publisher(out: Path, sources: list[Path], *extra: str) -> subprocess.Popen[bytes]:
    # A session of its own, so the kill takes the worker processes with it, as `kill -9 -PGID` would.
    return subprocess.Popen([sys.executable, "-m", "publisher", "build", "-q", "-f", FORMATS, "-o", str(out),
                             *extra, *map(str, sources)], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)


def _versions(tmp_path: Path) -> tuple[list[Path], dict[str, str]]:
    """Two versions (A, B) of each source, as text, and the sources' paths in tmp_path."""
    paths, texts = [], {}
    original = MINIMAL.read_text(encoding="utf-8")
    for name in NAMES:
        texts[f"A:{name}"] = original.replace("title: Minimal condition", f"title: The {name} condition")
        texts[f"B:{name}"] = original.replace("title: Minimal condition", f"title: The {name} condition (revised)")
        paths.append(tmp_path / f"{name}.yaml")
    return paths, texts


def _use(version: str, paths: list[Path], texts: dict[str, str]) -> None:
    for path in paths:
        path.write_text(texts[f"{version}:{path.stem}"], encoding="utf-8")


def _known_good(tmp_path: Path, version: str, paths: list[Path], texts: dict[str, str]) -> tuple[dict[str, bytes],
                                                                                                  float]:
    _use(version, paths, texts)
    out = tmp_path / f"good-{version}"
    started = time.monotonic()
    proc = _publisher(out, paths)
    _, err = proc.communicate()
    assert proc.returncode == 0, err.decode()
    return {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}, time.monotonic() - started


def _wait_for_new_part(out: Path, proc: subprocess.Popen[bytes]) -> None:
    before = {p.name for p in out.iterdir()} if out.exists() else set()
    while proc.poll() is None:
        if out.exists() and any(PART.match(p.name) and p.name not in before for p in out.iterdir()):
            return
        time.sleep(0.001)


def _check_whole(name: str, data: bytes) -> None:
    if name.endswith((".epub", ".docx")):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert z.testzip() is None
    elif name.endswith(".pdf"):
        with pikepdf.open(io.BytesIO(data)) as pdf:
            assert len(pdf.pages) > 0
    elif name.endswith(".json"):
        json.loads(data)


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_old_or_new_files(tmp_path: Path) -> None:
    paths, texts = _versions(tmp_path)
    good_a, _ = _known_good(tmp_path, "A", paths, texts)
    good_b, seconds = _known_good(tmp_path, "B", paths, texts)
    names = {f"{p.stem}.{suffix}" for p in paths for suffix in SUFFIXES}
    assert set(good_a) == set(good_b) == names
    assert all(good_a[n] != good_b[n] for n in names), "the two versions must differ in every format"

    out = tmp_path / "out"
    rng = random.Random(20240115)
    killed_mid_run = 0
    for attempt in range(15):
        version = "AB"[attempt % 2]
        _use(version, paths, texts)
        proc = _publisher(out, paths, "--force", "-j1")
        if attempt % 3 == 2:
            time.sleep(seconds * rng.uniform(0.1, 1.0))  # anywhere in the run
        else:
            # The machine's speed varies (other jobs share it): aim at the writes themselves by
            # waiting for a new temporary file, then let a few milliseconds of writing happen.
            _wait_for_new_part(out, proc)
            time.sleep(rng.uniform(0.0, 0.03))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            killed_mid_run += 1
        proc.wait()
        assert proc.stderr is not None
        assert b"Traceback" not in proc.stderr.read()
        proc.stderr.close()
        for path in out.iterdir() if out.exists() else []:
            if path.name.startswith("."):
                assert path.name in BOOKKEEPING or PART.match(path.name), path.name
                continue
            assert path.name in names, f"unexpected output {path.name}"
            data = path.read_bytes()
            assert data in (good_a[path.name], good_b[path.name]), f"attempt {attempt}: {path.name} is neither " \
                f"the old nor the new file ({len(data)} bytes)"
            _check_whole(path.name, data)
    assert killed_mid_run >= 10  # the test killed builds, it did not just watch them finish

    # The next build after the kills: correct files, no temporary files left, incremental or not.
    _use("B", paths, texts)
    proc = _publisher(out, paths)
    _, err = proc.communicate()
    assert proc.returncode == 0, err.decode()
    assert {p.name for p in out.iterdir()} == names | BOOKKEEPING
    assert all((out / n).read_bytes() == good_b[n] for n in names)


_WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from publisher.build.write import write_files
    target, size = Path(sys.argv[1]), int(sys.argv[2])
    i = 0
    while True:
        i += 1
        write_files([(target, bytes([i % 256]) * size), (target.with_suffix(".b"), bytes([i % 256]) * size)])
""")


def test_sigkill_during_large_writes(tmp_path: Path) -> None:
    """Big files take long enough to write that the kills land mid-write: each file stays whole."""
    size = 8 * 1024 * 1024
    target = tmp_path / "big.a"
    rng = random.Random(7)
    for _ in range(8):
        proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(target), str(size)], cwd=ROOT)
        time.sleep(rng.uniform(0.3, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for path in (target, target.with_suffix(".b")):
            if path.exists():
                data = path.read_bytes()
                assert len(data) == size and data.count(data[:1]) == size, "a half-written file is visible"
    ensure_dir(tmp_path)  # the first write to a folder in a process sweeps the dead writers' parts
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


# ------------------------------------------------------------------ output.py units


def test_write_files_is_all_or_nothing(tmp_path: Path) -> None:
    first, second = tmp_path / "a.html", tmp_path / "a.json"
    first.write_bytes(b"old")
    second.mkdir()
    with pytest.raises(Exception, match="a folder has this name"):
        write_files([(first, b"new"), (second, b"new")])
    assert first.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "a.json"]  # no temporary file left


def test_write_atomic_replaces_and_sets_mode(tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert target.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["x.pdf"]


def test_stale_parts_of_dead_processes_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    stale = tmp_path / f".x.pdf.{dead_pid}.abc123.part"
    live = tmp_path / f".x.pdf.{os.getpid()}.def456.part"
    other = tmp_path / ".notes.part"  # not ours: no pid in the name
    for path in (stale, live, other):
        path.write_bytes(b"partial")
    assert remove_stale_parts(tmp_path) == [stale]
    assert live.exists() and other.exists()


def test_write_error_names_the_file_that_failed(tmp_path: Path) -> None:
    (tmp_path / "gone").mkdir()
    with pytest.raises(Exception, match=r"missing/b\.json: cannot write the output: No such file or directory"):
        write_files([(tmp_path / "gone" / "a.html", b"a"), (tmp_path / "missing" / "b.json", b"b")])
    assert list((tmp_path / "gone").iterdir()) == []  # the first file was staged, then removed
