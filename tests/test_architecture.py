"""The one-way flow of docs/architecture.md, checked on the code's own imports (function-level ones
too): slack or cli -> services -> domain, with llm and storage behind them; and no import cycles."""

import ast

from tests.conftest import ROOT

# What each layer must never import.
FORBIDDEN = {
    "bot.domain": ("bot.slack", "bot.cli", "bot.console", "bot.storage", "bot.llm", "bot.services"),
    "bot.storage": ("bot.slack", "bot.cli", "bot.console", "bot.services"),
    "bot.llm": ("bot.slack", "bot.cli", "bot.console", "bot.storage", "bot.services"),
    "bot.services": ("bot.slack", "bot.cli", "bot.console"),
    "bot.digests": ("bot.slack", "bot.cli", "bot.console"),
    "bot.evaluation": ("bot.slack", "bot.cli", "bot.console"),
    "bot.training_service": ("bot.slack", "bot.cli", "bot.console"),
}


def _modules() -> dict[str, set[str]]:
    """Every module of the package, with the package modules it imports anywhere in its body."""
    paths = {}
    for path in (ROOT / "bot").rglob("*.py"):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        paths[name] = path
    graph = {}
    for name, path in paths.items():
        imported = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("bot"):
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    imported.add(full if full in paths else node.module)
            elif isinstance(node, ast.Import):
                imported |= {a.name for a in node.names if a.name.startswith("bot")}
        graph[name] = {m for m in imported if m in paths and m != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in graph[module]:
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in graph:
        if module not in index:
            visit(module)
    return found


def test_no_module_of_the_package_imports_itself_round_a_cycle():
    assert _cycles(_modules()) == []


def test_the_cycle_check_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_imports_flow_one_way():
    wrong = [
        f"{module} imports {target}"
        for module, targets in _modules().items()
        for layer, banned in FORBIDDEN.items()
        if module == layer or module.startswith(layer + ".")
        for target in targets
        if target.startswith(banned)
    ]
    assert wrong == []
