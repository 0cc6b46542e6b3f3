"""Every test file in tests/ is collected by a plain ``pytest`` run (the one .ci/run makes).

pytest skips folders named like build output ("build", "dist", ...) unless told
otherwise; tests/build/ went uncollected that way for a whole session, its tests
passing only when named on the command line.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_test_file_is_collected_by_a_plain_run() -> None:
    listed = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert listed.returncode == 0, listed.stdout[-3000:] + listed.stderr[-3000:]
    collected = {line.split("::", 1)[0] for line in listed.stdout.splitlines() if "::" in line}
    on_disk = {str(path.relative_to(ROOT)) for path in (ROOT / "tests").rglob("test_*.py")}
    assert on_disk - collected == set()
    assert "tests/build/test_watch.py" in collected
