"""Dependencies point one way: ui -> services -> {db, export} -> domain.

Parses every module under ``depot_app`` (nothing is imported, so a broken
module cannot hide a forbidden import) and checks who imports what.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "depot_app"


def modules_under(part: str) -> list[Path]:
    return sorted((PACKAGE / part).rglob("*.py"))


def imported_modules(path: Path, package: Path = PACKAGE) -> set[str]:
    """Every absolute module name ``path`` imports, resolving relative imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package_parts = list(path.relative_to(package.parent).with_suffix("").parts)[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_parts[: len(package_parts) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            # "from depot_app import ui" imports the subpackage itself.
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def offenders(part: str, forbidden: str) -> list[str]:
    bad = []
    for path in modules_under(part):
        for name in imported_modules(path):
            if name == forbidden or name.startswith(forbidden + "."):
                bad.append(f"{path.relative_to(PACKAGE.parent)} imports {name}")
    return sorted(set(bad))


def test_the_layers_exist_and_are_parsed() -> None:
    for part in ("domain", "db", "services", "export", "ui"):
        assert (PACKAGE / part / "__init__.py").is_file()
    assert len(modules_under("domain")) >= 10
    assert len(modules_under("services")) >= 5


def test_the_scanner_sees_imports() -> None:
    # Guards the guard: a scanner that found nothing would pass every rule below.
    cases = PACKAGE / "services" / "cases.py"
    names = imported_modules(cases)
    assert "sqlalchemy" in names
    assert "depot_app.domain.lifecycle" in names
    assert "depot_app.domain.errors" in names


def test_relative_imports_are_resolved(tmp_path: Path) -> None:
    fake = tmp_path / "depot_app" / "ui" / "fake.py"
    fake.parent.mkdir(parents=True)
    fake.write_text("from . import widgets\nfrom ..services import cases\nimport PySide6.QtCore\n",
                    encoding="utf-8")
    names = imported_modules(fake, tmp_path / "depot_app")
    assert {"depot_app.ui.widgets", "depot_app.services.cases", "PySide6.QtCore"} <= names


@pytest.mark.parametrize("part", ["domain", "db", "services", "export"])
def test_no_qt_below_the_ui(part: str) -> None:
    assert offenders(part, "PySide6") == []
    assert offenders(part, "shiboken6") == []


def test_the_ui_never_touches_sqlalchemy() -> None:
    assert offenders("ui", "sqlalchemy") == []


def test_the_domain_imports_neither_sqlalchemy_nor_qt() -> None:
    assert offenders("domain", "sqlalchemy") == []
    assert offenders("domain", "PySide6") == []


@pytest.mark.parametrize("upper", ["depot_app.db", "depot_app.services", "depot_app.export",
                                   "depot_app.ui", "depot_app.config"])
def test_the_domain_imports_no_upper_layer(upper: str) -> None:
    assert offenders("domain", upper) == []


def test_services_db_and_export_never_import_the_ui() -> None:
    for part in ("db", "services", "export"):
        assert offenders(part, "depot_app.ui") == []


# ------------------------------------------------------------ the import graph
#: Which layers each layer may import. The wiring at the top (``app``, ``cli``,
#: ``__main__`` and the package itself) may import anything.
ALLOWED = {
    "domain": {"domain"},
    "config": {"config", "domain"},
    "db": {"db", "domain"},
    "export": {"export", "domain"},
    "services": {"services", "db", "export", "config", "domain"},
    "ui": {"ui", "services", "config", "domain"},
}


def module_name(path: Path, package: Path) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Module -> the package's modules it imports, wherever the import stands.

    Imports inside functions and under ``TYPE_CHECKING`` count too: a cycle
    hidden in a function is still a cycle in the design. ``from pkg import mod``
    is an arrow to ``pkg.mod``, not to ``pkg`` (whose ``__init__`` runs anyway).
    """
    paths = {module_name(p, package): p for p in package.rglob("*.py")}

    def owner(name: str) -> str:
        while name and name not in paths:
            name = name.rpartition(".")[0]
        return name

    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        targets: set[str] = set()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        package_parts = list(path.relative_to(package.parent).with_suffix("").parts)[:-1]
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets.update(owner(alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package_parts[: len(package_parts) - (node.level - 1)]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                for alias in node.names:
                    sub = f"{module}.{alias.name}"
                    targets.add(sub if sub in paths else owner(module))
        graph[name] = {t for t in targets if t and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1 or v in graph.get(v, ()):
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else None


def test_the_graph_covers_the_package() -> None:
    graph = import_graph()
    assert len(graph) >= 80
    assert "depot_app.ui.common.background" in graph["depot_app.ui.main_window"]
    assert "depot_app.domain.views" in graph["depot_app.export.case_report"]


def test_a_cycle_is_found(tmp_path: Path) -> None:
    pkg = tmp_path / "depot_app"
    (pkg / "ui").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "ui" / "__init__.py").write_text("")
    (pkg / "ui" / "a.py").write_text("from depot_app.ui import b\n")
    (pkg / "ui" / "b.py").write_text("def f():\n    from depot_app.ui.c import X\n")
    (pkg / "ui" / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                      "    from .a import Y\n")
    assert cycles(import_graph(pkg)) == [["depot_app.ui.a", "depot_app.ui.b", "depot_app.ui.c"]]


def test_no_import_cycle_anywhere() -> None:
    graph = import_graph()
    report = []
    for group in cycles(graph):
        members = set(group)
        arrows = [f"  {a} -> {b}" for a in group for b in sorted(graph[a] & members)]
        report.append("cycle:\n" + "\n".join(arrows))
    assert report == [], "\n".join(report)


def test_every_arrow_points_down_the_layers() -> None:
    # ui -> services -> {db, export, config} -> domain
    wrong = []
    for module, targets in import_graph().items():
        here = layer_of(module)
        if here is None:
            continue
        for target in targets:
            there = layer_of(target)
            if there is None and target != "depot_app":
                wrong.append(f"{module} imports the wiring module {target}")
            elif there is not None and there not in ALLOWED[here]:
                wrong.append(f"{module} ({here}) imports {target} ({there})")
    assert wrong == [], "\n".join(sorted(wrong))
