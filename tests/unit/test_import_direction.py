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
