"""The lock files reproduce what pyproject.toml asks for: every dependency pinned, inside its range."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>[^\s;\\]+)", re.MULTILINE)


def _pins(name: str) -> dict[str, str]:
    text = (ROOT / "requirements" / name).read_text()
    return {canonicalize_name(m["name"]): m["version"] for m in PIN.finditer(text)}


def _wanted(*extras: str) -> list[Requirement]:
    lines = list(PROJECT["dependencies"])
    for extra in extras:
        lines += PROJECT["optional-dependencies"][extra]
    return [Requirement(line) for line in lines]


@pytest.mark.parametrize(("lock", "extras"), [("run.txt", ()), ("test.txt", ("test", "cluster"))])
def test_every_dependency_is_pinned_within_its_range(lock: str, extras: tuple[str, ...]) -> None:
    pins = _pins(lock)
    problems = []
    for req in _wanted(*extras):
        version = pins.get(canonicalize_name(req.name))
        if version is None:
            problems.append(f"{req.name} is not in requirements/{lock}")
        elif not req.specifier.contains(version, prereleases=True):
            problems.append(f"{req.name}=={version} is outside {req.specifier}")
    assert not problems, "; ".join(problems) + " — run scripts/lock.sh"


def test_every_pin_has_a_hash() -> None:
    for lock in ("run.txt", "test.txt"):
        text = (ROOT / "requirements" / lock).read_text()
        blocks = re.split(r"\n(?=[A-Za-z0-9])", text.strip())
        unhashed = [b.split("==")[0] for b in blocks if "==" in b and "--hash=sha256:" not in b]
        assert not unhashed, f"requirements/{lock}: no hash for {unhashed}"
