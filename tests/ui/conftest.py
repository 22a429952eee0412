"""Fixtures for widget tests: offscreen Qt, synchronous tasks, a desk context
on a fresh SQLite database, and captured error messages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from depot_app.config import AppConfig, UserPreferences
from depot_app.domain.clock import FixedClock
from depot_app.services import Services
from depot_app.ui.application import build_context, make_application
from depot_app.ui.common import background
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.errors import ErrorPresenter
from depot_app.ui.common.i18n import LanguageManager


@pytest.fixture(scope="session")
def qapp_cls():  # noqa: ANN201 - pytest-qt hook
    from PySide6.QtWidgets import QApplication

    return QApplication


@pytest.fixture(autouse=True)
def _synchronous_tasks(qapp) -> Iterator[None]:  # noqa: ANN001
    make_application()
    background.set_synchronous(True)
    yield
    background.set_synchronous(False)


@pytest.fixture
def errors() -> Iterator[list[tuple[str, str]]]:
    """Messages the error presenter would have shown, instead of dialogs."""
    shown: list[tuple[str, str]] = []
    presenter = ErrorPresenter.instance()
    presenter.sink = lambda title, text: shown.append((title, text))
    yield shown
    presenter.sink = None


@pytest.fixture(params=["zh_CN"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    LanguageManager.instance().set_language(request.param)
    yield request.param
    LanguageManager.instance().set_language("zh_CN")


@pytest.fixture
def ui_services(sqlite_url: str, clock: FixedClock) -> Iterator[Services]:
    sv = Services.open(sqlite_url, clock=clock)
    yield sv
    sv.close()


@pytest.fixture
def ctx(ui_services: Services, tmp_path: Path, language: str, errors) -> DeskContext:  # noqa: ANN001
    manager = ui_services.operators.ensure_first()
    config = AppConfig(data_dir=tmp_path, db_url=str(ui_services.db.url))
    return build_context(config, ui_services, manager, UserPreferences(language=language))
