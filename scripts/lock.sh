#!/usr/bin/env bash
# Regenerate the hashed lock files from pyproject.toml's ranges: requirements/run.txt (what
# `publisher build` needs) and requirements/test.txt (plus the test and cluster extras). The
# README's commands and .ci/run install from them. Needs uv (`pip install uv`); only PyPI is asked.
# Pass --upgrade to move every pin to the newest release its range allows.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
common=(--universal --python-version 3.11 --generate-hashes --no-header --annotation-style line -q "$@")
uv pip compile pyproject.toml "${common[@]}" -o requirements/run.txt
uv pip compile pyproject.toml --extra test --extra cluster "${common[@]}" -o requirements/test.txt
echo "lock.sh: requirements/run.txt and requirements/test.txt written"
