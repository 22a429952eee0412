"""The dashboard window's "Save PDF…": a file dialog, then the one-page PDF written off the GUI thread."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QWidget

from depot_app.domain.dashboard import Period
from depot_app.services.dashboard import Dashboard
from depot_app.services.dashboard_export import DashboardExportService
from depot_app.ui.common.background import run_task
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.i18n import current_language, translate


class DashboardScreen(Protocol):
    """What Save PDF… needs of the dashboard window."""

    ctx: DeskContext
    board: Dashboard | None
    pdf_button: QPushButton
    status: QLabel

    def period(self) -> Period: ...


def save_pdf(window: DashboardScreen, parent: QWidget) -> None:
    """Ask where, then write the period shown (its figures as read) in the screen's language."""
    period = window.period()
    name = f"dashboard-{period.first.isoformat()}-{period.last.isoformat()}.pdf"
    path, _f = QFileDialog.getSaveFileName(parent, translate("DashboardWindow", "Save the dashboard as PDF"), name,
                                           translate("DashboardWindow", "PDF document (*.pdf)"))
    if not path:
        return
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    services = window.ctx.services
    exporter = DashboardExportService(services.db, services.clock)
    by = window.ctx.operator.id
    language = "zh_CN" if current_language().startswith("zh") else "en"
    board = window.board
    window.pdf_button.setEnabled(False)
    window.status.setText(translate("DashboardWindow", "Writing the PDF…"))

    def done(written: object) -> None:
        window.pdf_button.setEnabled(True)
        window.status.setText(translate("DashboardWindow", "Saved {0}").format(str(written)))

    def failed(_exc: BaseException) -> bool:
        window.pdf_button.setEnabled(True)
        window.status.setText(translate("DashboardWindow", "The PDF was not saved."))
        return False  # the error presenter says why

    run_task(parent, lambda: exporter.write_pdf(period=period, by=by, out=path, language=language, board=board),
             done, failed, key="dashboard-pdf")
