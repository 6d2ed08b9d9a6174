"""The package is layered and imports only go down; no module imports itself round a cycle.

Every ``import`` statement of every module is read (with :mod:`ast`), at module level or inside a
function alike: a deferred import still ties the two modules together. The layers, bottom up::

    base (resources, nltkdata, files, corpus) < text < actors < quotes | time < stance
        < annotate < store < report, export < evaluate, bench, cli

A module may import its own layer or any below it, with one exception: quotes and time are
siblings (neither imports the other), and stance may import quotes.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "toolkit"

#: Layer of a module, by the first part of its name under ``toolkit`` (the bare package is the base).
LAYERS = {
    "": 0, "resources": 0, "nltkdata": 0, "files": 0, "corpus": 0,
    "text": 1,
    "actors": 2,
    "quotes": 3, "time": 3,
    "stance": 4,
    "annotate": 5,
    "store": 6,
    "report": 7, "export": 7,
    "evaluate": 8, "bench": 8, "bench_corpus": 8, "cli": 8, "__main__": 8,
}
#: Pairs of one layer that still must not import each other: (importer, imported).
SIBLINGS_APART = {("quotes", "time"), ("time", "quotes")}


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The toolkit modules ``name`` imports (``from pkg import sub`` counts as importing ``pkg.sub``)."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in MODULES else base)
    return {m for m in found if m == "toolkit" or m.startswith("toolkit.")} - {name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _group(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def layer(module: str) -> int:
    group = _group(module)
    if group not in LAYERS:
        raise KeyError(f"{module}: add its group {group!r} to LAYERS in tests/test_layers.py")
    return LAYERS[group]


def test_every_module_has_a_layer():
    for module in MODULES:
        layer(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_only_go_down(module):
    upward = [m for m in sorted(GRAPH[module]) if m in MODULES and (
        layer(m) > layer(module) or (_group(module), _group(m)) in SIBLINGS_APART)]
    assert not upward, f"{module} imports {upward}, above it (or a sibling kept apart)"


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of ``graph`` as a list of modules (first == last), or None.

    >>> find_cycle({"a": {"b"}, "b": {"a"}})
    ['a', 'b', 'a']
    >>> find_cycle({"a": {"b"}, "b": set()}) is None
    True
    """
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def test_no_import_cycle():
    cycle = find_cycle({m: {d for d in deps if d in MODULES} for m, deps in GRAPH.items()})
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_checker_sees_deferred_imports(tmp_path):
    """An import inside a function counts (the old cycle annotate -> stance -> portrayal ⇢ evaluate was one)."""
    path = tmp_path / "m.py"
    path.write_text("def f():\n    from toolkit.annotate import annotate_document\n", encoding="utf-8")
    assert _imports("toolkit.stance.m", path) == {"toolkit.annotate"}
