"""All or nothing, really (issue 21): a source whose one output cannot be replaced keeps all its old outputs;
a failed rename puts the old files back; SIGTERM or SIGKILL to a parallel build ends its workers too;
two builds into one folder at once lose no manifest entry."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from publisher.build.manifest import MANIFEST_NAME
from publisher.build.write import PART, write_files
from robustness.hostile import MINIMAL, ROOT, env

DEADLINE = 60.0


def _sources(folder: Path, count: int, prefix: str = "c") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    text = MINIMAL.read_text(encoding="utf-8")
    paths = []
    for i in range(count):
        path = folder / f"{prefix}{i}.yaml"
        path.write_text(text.replace("Minimal condition", f"Condition {prefix}{i}"), encoding="utf-8")
        paths.append(path)
    return paths


def _publisher(*argv: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "publisher", *argv], cwd=ROOT, env=env(), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def _chattr(flag: str, path: Path) -> bool:
    if shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


def test_an_output_that_cannot_be_replaced_keeps_every_old_output_of_its_source(tmp_path: Path) -> None:
    (good,) = _sources(tmp_path / "src", 1)
    other = _sources(tmp_path / "src", 1, prefix="other")[0]
    out = tmp_path / "out"
    first = subprocess.run([sys.executable, "-m", "publisher", "build", "-q", "-j1", "-f", "json,html,epub", "-o",
                            str(out), str(good)], cwd=ROOT, env=env(), capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    old = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    good.write_text(good.read_text().replace("Condition c0", "Condition c0, revised"), encoding="utf-8")
    if not _chattr("+i", out / "c0.html"):
        pytest.skip("this file system or user cannot make a file immutable (chattr +i)")
    try:
        done = subprocess.run([sys.executable, "-m", "publisher", "build", "-q", "-j1", "-f", "json,html,epub", "-o",
                               str(out), str(good), str(other)], cwd=ROOT, env=env(), capture_output=True, text=True)
    finally:
        _chattr("-i", out / "c0.html")
    assert done.returncode == 2, done.stderr
    assert f"{out / 'c0.html'}: cannot write the output: Operation not permitted (the existing file cannot be " \
           "replaced" in done.stderr
    assert "Traceback" not in done.stderr
    for name, data in old.items():  # c0.json and c0.epub are replaceable, and were not replaced
        assert (out / name).read_bytes() == data, f"{name} was replaced although c0.html could not be"
    assert {"other0.json", "other0.html", "other0.epub"} <= {p.name for p in out.iterdir()}
    assert not [p for p in out.iterdir() if PART.match(p.name)]


def test_a_rename_that_fails_puts_the_old_files_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rename number three fails (whatever the reason): the two already renamed get their old bytes back,
    a file that did not exist before is gone again, and no temporary file is left."""
    a, b, c, new = (tmp_path / name for name in ("a.pdf", "b.html", "c.json", "d.epub"))
    for path in (a, b, c):
        path.write_bytes(b"old " + path.name.encode())
    real = Path.replace
    calls = []

    def flaky(self: Path, target: Path) -> Path:  # type: ignore[override]
        calls.append(target)
        if Path(target) == c and PART.match(self.name):
            raise OSError(28, "No space left on device", str(self), None, str(target))
        return real(self, target)

    monkeypatch.setattr(Path, "replace", flaky)
    with pytest.raises(Exception, match=r"c\.json: cannot write the output: No space left on device"):
        write_files([(new, b"new"), (a, b"new"), (c, b"new"), (b, b"new")])
    assert [p.read_bytes() for p in (a, b, c)] == [b"old a.pdf", b"old b.html", b"old c.json"]
    assert not new.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf", "b.html", "c.json"]


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _workers(parent: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(parent)], capture_output=True, text=True).stdout.split()
    return [int(pid) for pid in found]


def _wait_for_workers(proc: subprocess.Popen[str], count: int) -> list[int]:
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end and proc.poll() is None:
        found = _workers(proc.pid)
        if len(found) >= count:
            return found
        time.sleep(0.05)
    pytest.fail(f"the build did not start {count} workers (exit {proc.poll()})")


def _gone(pids: list[int]) -> bool:
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        alive = []
        for pid in pids:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                continue
            state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] if Path(f"/proc/{pid}").exists() \
                else "X"
            if state not in ("Z", "X"):  # a zombie has ended; only its parent's parent may reap it
                alive.append(pid)
        if not alive:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pgrep and /proc")
def test_sigterm_to_a_parallel_build_ends_its_workers(tmp_path: Path) -> None:
    sources = _sources(tmp_path / "src", 6)
    proc = _publisher("build", "-j2", "-q", "-f", "pdf,html", "-o", str(tmp_path / "out"), *map(str, sources))
    workers = _wait_for_workers(proc, 2)
    proc.send_signal(signal.SIGTERM)  # what `timeout` and CI runners send
    _, err = proc.communicate(timeout=DEADLINE)
    assert proc.returncode in (143, 0), err  # 0: it had finished already
    assert "Traceback" not in err, err
    if proc.returncode == 143:
        assert err.strip().splitlines()[-1].startswith("publisher build: terminated (SIGTERM)")
    assert _gone(workers), "a worker outlived the build"
    assert not _group_alive(proc.pid) or _gone(_workers(proc.pid))
    out = tmp_path / "out"
    assert not [p for p in out.iterdir() if PART.match(p.name)] if out.exists() else True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG, pgrep and /proc")
def test_workers_die_with_a_killed_parent(tmp_path: Path) -> None:
    """SIGKILL (the out-of-memory killer, kill -9) cannot be handled by the parent: the workers go anyway."""
    sources = _sources(tmp_path / "src", 6)
    proc = _publisher("build", "-j2", "-q", "-f", "pdf,html", "-o", str(tmp_path / "out"), *map(str, sources))
    workers = _wait_for_workers(proc, 2)
    proc.kill()
    proc.communicate(timeout=DEADLINE)
    assert _gone(workers), "a worker outlived its killed parent"


def test_two_builds_into_one_folder_keep_every_manifest_entry(tmp_path: Path) -> None:
    first = _sources(tmp_path / "a", 8, prefix="a")
    second = _sources(tmp_path / "b", 8, prefix="b")
    out = tmp_path / "out"
    builds = [_publisher("build", "-q", "-j1", "-f", "json,html", "-o", str(out), str(folder))
              for folder in (tmp_path / "a", tmp_path / "b")]
    for proc in builds:
        _, err = proc.communicate(timeout=DEADLINE * 2)
        assert proc.returncode == 0, err
    entries = json.loads((out / MANIFEST_NAME).read_text())["entries"]
    assert {Path(name.split(":", 1)[1]) for name in entries} == {p.resolve() for p in first + second}
    again = subprocess.run([sys.executable, "-m", "publisher", "build", "-j1", "-f", "json,html", "-o", str(out),
                            str(tmp_path / "a"), str(tmp_path / "b")], cwd=ROOT, env=env(), capture_output=True,
                           text=True)
    assert again.returncode == 0 and "built 0, skipped 16" in again.stderr, again.stderr
