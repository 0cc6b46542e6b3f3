"""The package tree is the architecture: imports flow one way, from the model up to the command line."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "publisher"

# Lowest first. A module may import from its own layer's package and from the layers below it.
LAYERS = [
    {"errors", "patches", "__version__"},
    {"document"},
    {"source"},
    {"render"},
    {"handoff"},
    {"build"},
    {"extract", "validators"},
    {"check", "lint"},
    {"authoring", "synthetic"},
    {"commands"},
    {"cli"},
    {"__main__"},
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path) -> set[str]:
    """Every publisher module ``path`` imports, at the top or inside a function
    (``from package import name`` imports the submodule ``package.name`` when there is one)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "publisher":
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "publisher")
    return found


GRAPH = {module: _imports(path) for module, path in MODULES.items()}


def _area(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__version__"


def test_every_top_level_module_and_package_has_a_layer() -> None:
    areas = {_area(module) for module in GRAPH} - {"__version__"}
    assert areas <= set(RANK), f"give these a layer in LAYERS: {sorted(areas - set(RANK))}"


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_go_down_the_layers(module: str) -> None:
    upward = sorted(dep for dep in GRAPH[module]
                    if _area(dep) != _area(module) and RANK.get(_area(dep), 99) >= RANK[_area(module)])
    assert not upward, f"{module} imports from its own layer or above: {upward}"


def test_no_import_cycles_between_modules() -> None:
    known = set(GRAPH)

    def resolve(dep: str) -> str | None:
        # "from publisher.render.pdf import x" names the package; "from publisher import model" a module.
        return dep if dep in known else None

    state: dict[str, int] = {}
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for dep in sorted(filter(None, map(resolve, GRAPH[module]))):
            # A package's __init__ is imported by each of its modules: not a cycle of design.
            if module.startswith(dep + "."):
                continue
            if state.get(dep) == 1:
                cycle = [*path[path.index(dep):], dep]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if dep not in state:
                visit(dep)
        path.pop()
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module)
