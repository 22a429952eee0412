"""Starting the desk window: application, translations, database, operator."""

from __future__ import annotations

import logging
import sys

from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from depot_app.config import AppConfig, UserPreferences
from depot_app.domain.errors import DepotError
from depot_app.domain.views import OperatorView
from depot_app.services import Services
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.errors import ErrorPresenter, install_excepthook
from depot_app.ui.common.formatting import set_timezone
from depot_app.ui.common.i18n import I18N_DIR, LanguageManager

log = logging.getLogger(__name__)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the app's identity and a font that has Chinese glyphs."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Depot Desk")
    app.setOrganizationName("DepotDesk")
    app.setApplicationDisplayName("网点问题件工作台 Depot Desk")
    icon = I18N_DIR.parent / "icons" / "depot-desk.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    font_file = I18N_DIR.parent / "fonts" / "wqy-microhei.ttc"
    if font_file.exists():
        ids = QFontDatabase.addApplicationFont(str(font_file))
        families = QFontDatabase.applicationFontFamilies(ids) if ids >= 0 else []
        if families:
            font = QFont(families[0])
            font.setPointSize(10)
            app.setFont(font)
    return app


def build_context(config: AppConfig, services: Services, operator: OperatorView,
                  preferences: UserPreferences) -> DeskContext:
    set_timezone(services.settings.get("timezone"))
    return DeskContext(services=services, operator=operator, config=config, preferences=preferences,
                       policy=services.settings.policy())


def run_gui(config: AppConfig, *, language: str | None = None) -> int:
    """Open the desk: the first manager or a sign-in, then the main window."""
    from depot_app.ui.main_window import MainWindow
    from depot_app.ui.people.sign_in import FirstManagerDialog, SignInDialog

    app = make_application()
    install_excepthook()
    ErrorPresenter.instance().log_dir = str(config.log_dir)
    preferences = UserPreferences.load(config.preferences_file)
    LanguageManager.instance().set_language(language or preferences.language)
    try:
        services = Services.open(config.db_url, backup_dir=str(config.backup_dir),
                                 photo_dir=config.photo_dir)
    except DepotError as exc:  # e.g. a database written by a newer version: say so, do not open it
        log.warning("Desk not started on %s: %s", config.db_url, exc.en)
        ErrorPresenter.instance().show_blocking(exc)
        return 2
    windows: list[MainWindow] = []

    def start(operator: OperatorView) -> None:
        preferences.last_operator_id = operator.id
        preferences.save(config.preferences_file)
        ctx = build_context(config, services, operator, preferences)
        window = MainWindow(ctx)
        windows.append(window)
        window.show()

    gate: FirstManagerDialog | SignInDialog
    if services.operators.is_empty():
        gate = FirstManagerDialog(services)
        gate.sig_created.connect(start)
    else:
        gate = SignInDialog(services, preselect=preferences.last_operator_id)
        gate.sig_signed_in.connect(start)
    gate.rejected.connect(app.quit)
    gate.open()
    log.info("Desk started on %s", config.db_url)
    try:
        return app.exec()
    finally:
        services.close()
