"""Parallel builds (local process pool, Dask cluster) write the same bytes as a serial build."""

from __future__ import annotations

from pathlib import Path

import pytest
from buildkit import Builder, sources

from publisher.manifest import MANIFEST_NAME

ALL = "pdf,large-print,docx,epub,html,json"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != MANIFEST_NAME}


@pytest.fixture
def serial(build: Builder, catalog: Path, tmp_path: Path) -> dict[str, bytes]:
    run = build(*sources(catalog), "-o", tmp_path / "serial", "-f", ALL, "-j", "1")
    assert run.status == 0, run.stderr
    return tree(tmp_path / "serial")


@pytest.mark.slow
def test_process_pool_output_is_byte_identical_to_serial(build: Builder, catalog: Path, tmp_path: Path,
                                                         serial: dict[str, bytes]) -> None:
    run = build(*sources(catalog), "-o", tmp_path / "pool", "-f", ALL, "-j", "2")
    assert run.status == 0, run.stderr
    assert run.counts == (4, 0, 0)
    assert len(serial) == 4 * 6
    assert tree(tmp_path / "pool") == serial


@pytest.mark.slow
def test_dask_cluster_output_is_byte_identical_to_serial(build: Builder, catalog: Path, tmp_path: Path,
                                                         serial: dict[str, bytes],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    distributed = pytest.importorskip("distributed", reason="pip install 'publisher[cluster]'")
    with distributed.LocalCluster(processes=True, n_workers=2, threads_per_worker=1, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        # The workers started elsewhere: relative paths given here must still reach them.
        monkeypatch.chdir(catalog.parent)
        run = build(catalog.name, "-o", "dask", "-f", ALL, "--executor", "dask",
                    "--scheduler", cluster.scheduler_address)
        assert run.status == 0, run.stderr
        workers = {w.worker_address for w in cluster.workers.values()}
    assert run.counts == (4, 0, 0)
    assert len(workers) == 2
    assert tree(tmp_path / "dask") == serial


def test_dask_without_a_reachable_scheduler_is_a_usage_error(build: Builder, catalog: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="pip install 'publisher[cluster]'")
    run = build(*sources(catalog), "-o", tmp_path / "dask", "-f", "json", "--executor", "dask")
    assert run.status == 2
    assert "no scheduler address" in run.stderr
