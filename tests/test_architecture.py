"""The house rules: imports run front end → physics → draw → core, never back; the public surface is documented."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import penrose as pn

PACKAGE = Path(pn.__file__).parent
ROOT = PACKAGE.parent
#: Each wing may import its own and the ones of lower rank.
RANKS = {"core": 0, "draw": 1, "physics": 2, "frontend": 3, "gallery": 3}
FRONT_DOOR = 4  # penrose/__init__.py and __main__.py


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def rank(module: str) -> int:
    parts = module.split(".")
    return RANKS[parts[1]] if len(parts) > 1 and parts[1] in RANKS else FRONT_DOOR


def runtime_imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """``(line, imported module, names)`` for every import of ``path`` that runs."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    return imports_of(path.read_text(encoding="utf-8"), package)


def imports_of(source: str, package: str) -> list[tuple[int, str, list[str]]]:
    """The imports in ``source`` (a module of ``package``), except those under ``if TYPE_CHECKING:``.

    ``from .x import y`` gives both ``package.x`` and ``package.x.y`` (``y`` may be a module).
    """
    tree = ast.parse(source)
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(child) for statement in node.body for child in ast.walk(statement)}
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            names = [alias.name for alias in node.names]
            found.append((node.lineno, base, names))
            found += [(node.lineno, f"{base}.{name}", []) for name in names]
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[module_name(p) for p in MODULES])
def test_imports_run_one_way(path):
    own = module_name(path)
    for line, imported, _ in runtime_imports(path):
        if not imported.startswith("penrose.") or imported.split(".")[1] not in RANKS:
            continue
        assert rank(imported) <= rank(own), (
            f"{own} (line {line}) imports {imported}: imports run front end → physics → draw → core, never back"
        )


def test_the_model_never_imports_the_renderer():
    core = sorted((PACKAGE / "core").rglob("*.py"))
    assert core, "penrose/core exists"
    for path in core:
        for line, imported, _ in runtime_imports(path):
            assert not imported.startswith(("penrose.draw", "penrose.physics", "penrose.frontend")), (
                f"{module_name(path)} line {line} imports {imported}"
            )


#: The model's top: the diagram and what builds diagrams, above the contraction (``Diagram.value()`` calls into it).
DIAGRAM_LEVEL = {"diagram", "constructors", "combine", "einsum", "interop"}


def core_floor(module: str) -> int:
    """0: the model's legs, boxes and networks; 1: their contraction (``core.contract``); 2: the diagram level."""
    parts = module.split(".")
    if parts[:3] == ["penrose", "core", "contract"]:
        return 1
    return 2 if len(parts) > 2 and parts[2] in DIAGRAM_LEVEL else 0


@pytest.mark.parametrize(
    "path", sorted((PACKAGE / "core").rglob("*.py")), ids=lambda p: module_name(p).removeprefix("penrose.")
)
def test_the_contraction_is_a_room_between_the_networks_and_the_diagram(path):
    """``core.contract`` contracts networks and never builds a diagram; the networks never reach up into it."""
    own = module_name(path)
    for line, imported, _ in runtime_imports(path):
        if imported.startswith("penrose.core.") and imported != "penrose.core.contract":
            assert core_floor(imported) <= core_floor(own), (
                f"{own} (line {line}) imports {imported}: the model's networks → the contraction → the diagram"
            )


def test_the_diagram_reaches_the_contraction_through_its_one_door():
    """``diagram.py`` imports the contraction room's entry points, not its modules one by one."""
    found = [imported for _, imported, _ in runtime_imports(PACKAGE / "core" / "diagram.py")]
    doors = {f"penrose.core.contract.{name}" for name in pn.core.contract.__all__}
    inner = sorted({i for i in found if i.startswith("penrose.core.contract.")} - doors)
    assert not inner, f"diagram.py imports {inner}; go through penrose.core.contract"


@pytest.mark.parametrize("path", MODULES, ids=[module_name(p) for p in MODULES])
def test_no_private_names_cross_modules(path):
    for line, imported, names in runtime_imports(path):
        if imported.startswith("penrose"):
            private = [name for name in names if name.startswith("_") and not name.startswith("__")]
            assert not private, f"{module_name(path)} line {line} imports private {private} from {imported}"


def test_the_checker_sees_backward_imports_and_skips_type_checking_ones():
    source = (
        "from typing import TYPE_CHECKING\n"
        "from ..draw import figure\n"
        "def f():\n    import penrose.physics.quantum\n"
        "if TYPE_CHECKING:\n    from ..frontend import cli\n"
    )
    imported = [name for _, name, _ in imports_of(source, "penrose.core")]
    assert "penrose.draw.figure" in imported and "penrose.physics.quantum" in imported
    assert not any(name.startswith("penrose.frontend") for name in imported)
    assert rank("penrose.draw.figure") > rank("penrose.core.diagram")


#: The namespaces of the public surface, each a module with its own ``__all__``.
NAMESPACES = ("contraction", "documents", "errors", "model", "pictures", "quantum")
#: Names a namespace shares with the top level or pn.errors are documented once, there.
SHARED = {"DiagramError"}


def test_every_public_name_is_in_the_api_reference():
    """docs/api.md mirrors the surface: every top-level name, and every namespace's own names, under it."""
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^::: penrose\.([\w.]+)\s*$", page, flags=re.MULTILINE))
    public = {name for name in pn.__all__ if name not in NAMESPACES}
    for namespace in NAMESPACES:
        module = getattr(pn, namespace)
        elsewhere = set(pn.__all__) | (set(pn.errors.__all__) if namespace != "errors" else set())
        public |= {f"{namespace}.{name}" for name in module.__all__ if name not in SHARED | elsewhere}
    assert documented == public, (
        f"missing from docs/api.md: {sorted(public - documented)}; "
        f"documented but not public: {sorted(documented - public)}"
    )


def test_the_top_level_keeps_the_everyday_names_and_the_old_ones_still_resolve():
    assert len(pn.__all__) <= 40, "everyday names at the top, the rest in namespaces"
    for name, namespace in pn.MOVED.items():
        assert name not in pn.__all__ and name in getattr(pn, namespace).__all__
        with pytest.warns(DeprecationWarning, match=rf"pn\.{name} is now pn\.{namespace}\.{name}"):
            assert getattr(pn, name) is getattr(getattr(pn, namespace), name)
    with pytest.raises(AttributeError, match="no attribute 'Nonexistent'"):
        pn.Nonexistent  # noqa: B018


def test_the_wings_never_import_the_front_door():
    """The namespaces beside the wings (penrose.errors, .pictures …) re-export them; no wing imports them back."""
    for path in MODULES:
        own = module_name(path)
        if rank(own) == FRONT_DOOR:
            continue
        for line, imported, _ in runtime_imports(path):
            dunder = imported.rpartition(".")[2].startswith("__")  # (penrose.__version__)
            front = imported.startswith("penrose.") and rank(imported) == FRONT_DOOR and not dunder
            assert not front, f"{own} (line {line}) imports the front door's {imported}"


def test_no_file_is_over_600_lines():
    for path in MODULES:
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 600, f"{module_name(path)} has {lines} lines; split it by job"


def test_layout_never_imports_render():
    """The pictures' two rooms: where things go (draw/layout) is decided without knowing how they look."""
    layout = sorted((PACKAGE / "draw" / "layout").rglob("*.py"))
    assert len(layout) >= 8, "penrose/draw/layout holds the placement, routing, shapes and engines"
    for path in layout:
        for line, imported, _ in runtime_imports(path):
            assert not imported.startswith(("penrose.draw.render", "penrose.draw.figure")), (
                f"{module_name(path)} line {line} imports {imported}: layout decides where, render reads it"
            )


def test_no_import_cycle_even_through_imports_inside_functions():
    """Every import that runs, at the top or inside a function (``if TYPE_CHECKING:`` aside), drawn as a graph of
    penrose's modules has no cycle: a module never reaches up to one built on it (``Diagram.to_quimb`` calls down
    into ``core.quimb_export``, not up into ``core.interop`` which builds diagrams)."""
    import networkx as nx

    modules = {module_name(path): path for path in MODULES}
    graph = nx.DiGraph()
    for name, path in modules.items():
        for _, imported, names in runtime_imports(path):
            if imported not in modules or imported == name:
                continue
            if names and all(f"{imported}.{n}" in modules for n in names):
                continue  # ``from package import module``: the modules are the edges, not the package
            graph.add_edge(name, imported)
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, f"import cycles: {cycles[:3]}"
