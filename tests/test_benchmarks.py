"""The benchmark scripts still run and print their tables (their numbers are not judged here).

Benchmarks are not tests: their results go to benchmarks/README.md. These smoke
runs, with the fewest repetitions, only catch a script broken by a change to the
code it measures, which once went unnoticed for a whole session.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_benchmark(*args: str) -> str:
    result = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def table_rows(output: str) -> dict[str, list[str]]:
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in output.splitlines() if line.startswith("|") and not line.startswith("|-")]
    return {row[0]: row[1:] for row in rows[1:]}


def is_number(cell: str) -> bool:
    return re.fullmatch(r"\d+(\.\d+)?×?", cell) is not None


def test_warm_pdf_benchmark_compares_publisher_with_raw_weasyprint() -> None:
    rows = table_rows(run_benchmark("benchmarks/bench_pdf_warm.py", "--repeat", "1"))
    ours = next(cells for name, cells in rows.items() if name.startswith("publisher PDF render"))
    raw = next(cells for name, cells in rows.items()
               if name.startswith("raw WeasyPrint, same HTML + parsed CSS, untagged"))
    assert all(is_number(cell) for cell in ours + raw)
    assert raw[-1] == "1.00"


def test_seed_benchmark_times_publisher_and_pandoc_in_one_run() -> None:
    rows = table_rows(run_benchmark("benchmarks/bench_seed.py", "--repeat", "1"))
    assert any(name.startswith("publisher build, 5 formats") for name in rows)
    assert any(name.startswith("pandoc docx + epub + pdf") for name in rows)
    assert all(is_number(cell) for cells in rows.values() for cell in cells)


def test_catalog_benchmark_compares_jobs_and_times_rebuilds(tmp_path: Path) -> None:
    output = run_benchmark("benchmarks/bench_catalog.py", "--count", "3", "--formats", "html", "--repeat", "1",
                           "--watch-jobs", "1", "--work", str(tmp_path))
    rows = table_rows(output)
    steps = {name.split(" (")[0]: cells for name, cells in rows.items()}
    assert {"cold build -j1", "cold build -j2", "speed-up -j2 vs -j1", "no-op rebuild",
            "one source changed"} <= set(steps)
    assert any(name.startswith("one source changed, --watch -j1") for name in rows)
    assert "outputs byte-identical" in steps["speed-up -j2 vs -j1"][-1]
    assert "built 0, skipped 3, failed 0" in steps["no-op rebuild"][-1]
    assert "built 1, skipped 2, failed 0" in steps["one source changed"][-1]


def test_catalog_pdfs_have_no_structure_mismatch(tmp_path: Path) -> None:
    """Issue 15: 60 conditions at Letter, A4 and large print, 180 files, 0 structure mismatches."""
    rows = table_rows(run_benchmark("benchmarks/bench_structure.py", "--count", "60", "--work", str(tmp_path)))
    assert rows["all"][:2] == ["180", "0"], rows
    for label in ("Letter, standard print", "A4, standard print", "Letter, large print"):
        assert rows[label][:2] == ["60", "0"], rows


def test_alternate_formats_benchmark_prints_every_format() -> None:
    rows = table_rows(run_benchmark("benchmarks/bench_alt.py", "--repeat", "1"))
    assert set(rows) == {"epub", "brf", "narrated-epub", "mp3"}
    assert all(is_number(cell) for cells in rows.values() for cell in cells)
