"""The manager's dashboard window: period picker, figure cards, charts and breakdown tables.

The figures are read off the GUI thread (one ``DashboardService.figures`` call
per period shown); every card, bar and table cell opens the desk's queue on
exactly the cases behind it, with a chip above the queue saying so.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.dashboard import FIGURES, Drill, Period
from depot_app.domain.permissions import Permission, allowed
from depot_app.services.dashboard import Dashboard
from depot_app.ui.common.background import run_task
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.desk_menu import add_desk_entry
from depot_app.ui.common.formatting import local
from depot_app.ui.common.i18n import LanguageManager, RetranslatesOnLanguageChange, translate
from depot_app.ui.dashboard.breakdowns import BreakdownTable
from depot_app.ui.dashboard.cards import FigureCard
from depot_app.ui.dashboard.charts import DrillChart, show_ages, show_flow, show_ratings
from depot_app.ui.dashboard.figure_text import CARD_DRILLS, period_text, preset_period

PRESETS = ("week", "month", "last_month", "custom")
CARD_COLUMNS = 4
BREAKDOWNS = ("kind", "handler", "carrier")


class DashboardWindow(RetranslatesOnLanguageChange, QDialog):
    """How the depot is doing over a period, beside the period before."""

    def __init__(self, ctx: DeskContext, on_drill: Callable[[Drill, str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardWindow")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.ctx = ctx
        self.on_drill = on_drill
        self.board: Dashboard | None = None
        self._build()
        self.retranslate()
        LanguageManager.instance().sig_language_changed.connect(self._on_language_changed)
        self.reload()

    # ------------------------------------------------------------- building
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        picker = QHBoxLayout()
        self.period_label = QLabel(self)
        self.preset = QComboBox(self)
        self.preset.setObjectName("periodPreset")
        for key in PRESETS:
            self.preset.addItem("", key)
        self.preset.setCurrentIndex(PRESETS.index("month"))
        self.period_label.setBuddy(self.preset)
        today = self._today()
        self.date_from = QDateEdit(QDate(today.year, today.month, 1), self)
        self.date_from.setObjectName("periodFrom")
        self.date_to = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.date_to.setObjectName("periodTo")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self._custom_changed())
        self.preset.currentIndexChanged.connect(lambda _i: self._preset_changed())
        self.status = QLabel(self)
        self.status.setObjectName("dashboardStatus")
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("dashboardRefresh")
        self.refresh_button.clicked.connect(self.reload)
        self.volume_button = QPushButton(self)
        self.volume_button.setObjectName("dashboardVolume")
        self.volume_button.clicked.connect(self.edit_volume)
        self.png_button = QPushButton(self)
        self.png_button.setObjectName("dashboardPng")
        self.png_button.clicked.connect(self.save_png)
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("dashboardPdf")
        self.pdf_button.clicked.connect(self.save_pdf)
        picker.addWidget(self.period_label)
        picker.addWidget(self.preset)
        picker.addWidget(self.date_from)
        picker.addWidget(self.date_to)
        picker.addWidget(self.refresh_button)
        picker.addWidget(self.status, 1)
        picker.addWidget(self.volume_button)
        picker.addWidget(self.png_button)
        picker.addWidget(self.pdf_button)
        outer.addLayout(picker)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        body = QWidget(scroll)
        self.body = body
        layout = QVBoxLayout(body)
        grid = QGridLayout()
        self.cards: dict[str, FigureCard] = {}
        for index, figure in enumerate(FIGURES):
            card = FigureCard(figure, body)
            card.sig_clicked.connect(self.open_card)
            self.cards[figure.key] = card
            grid.addWidget(card, index // CARD_COLUMNS, index % CARD_COLUMNS)
        layout.addLayout(grid)
        charts = QHBoxLayout()
        self.flow_chart = DrillChart("chartFlow", body)
        self.age_chart = DrillChart("chartAges", body)
        self.rating_chart = DrillChart("chartRatings", body)
        for chart, stretch in ((self.flow_chart, 3), (self.age_chart, 2), (self.rating_chart, 2)):
            chart.sig_drill.connect(lambda drill: self.on_drill(drill, ""))
            charts.addWidget(chart, stretch)
        layout.addLayout(charts)
        self.breakdown_tabs = QTabWidget(body)
        self.breakdown_tabs.setObjectName("breakdownTabs")
        self.tables: dict[str, BreakdownTable] = {}
        for name in BREAKDOWNS:
            table = BreakdownTable(name, self.breakdown_tabs)
            table.setMinimumHeight(220)
            table.sig_drill.connect(self.on_drill)
            self.tables[name] = table
            self.breakdown_tabs.addTab(table, "")
        layout.addWidget(self.breakdown_tabs)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self._preset_changed()

    def _today(self) -> date:
        return local(self.ctx.services.clock.now()).date()

    # --------------------------------------------------------------- period
    def period(self) -> Period:
        preset = self.preset.currentData()
        if preset == "custom":
            first, last = self.date_from.date().toPython(), self.date_to.date().toPython()
            return Period(min(first, last), max(first, last))
        return preset_period(str(preset), self._today())

    def _preset_changed(self) -> None:
        custom = self.preset.currentData() == "custom"
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
        if not custom:
            period = self.period()
            for edit, day in ((self.date_from, period.first), (self.date_to, period.last)):
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)
            if self.board is not None:
                self.reload()

    def _custom_changed(self) -> None:
        if self.preset.currentData() == "custom":
            self.reload()

    # -------------------------------------------------------------- loading
    def reload(self) -> None:
        """Read the period's figures off the GUI thread; the screen says it is loading meanwhile."""
        period = self.period()
        by = self.ctx.operator.id
        service = self.ctx.services.dashboard
        self.status.setText(self.tr("Loading the figures for {0}…").format(period_text(period)))
        self.body.setEnabled(False)

        def failed(_exc: BaseException) -> bool:
            self.status.setText(self.tr("The figures could not be read."))
            self.body.setEnabled(True)
            return False

        run_task(self, lambda: service.figures(period=period, by=by), self.show_board, failed, key="dashboard")

    def show_board(self, board: Dashboard) -> None:
        self.board = board
        self.body.setEnabled(True)
        self.status.setText(self.tr("{0}, compared with {1}").format(
            period_text(board.period), period_text(board.period.previous())))
        for card in self.cards.values():
            card.show_figures(board.current, board.previous)
        show_flow(self.flow_chart, board)
        show_ages(self.age_chart, board)
        show_ratings(self.rating_chart, board)
        for name, table in self.tables.items():
            table.show_rows(board.period, board.breakdowns.get(name, ()))

    # --------------------------------------------------------- click-through
    def open_card(self, key: str) -> None:
        if self.board is not None and key in CARD_DRILLS:
            self.on_drill(Drill(CARD_DRILLS[key], self.board.period), "")

    # ------------------------------------------------------------- volume, PNG
    def edit_volume(self) -> None:
        from depot_app.ui.dashboard.volume_dialog import VolumeDialog

        dialog = VolumeDialog(self.ctx, self.period(), self)
        dialog.accepted.connect(self.reload)
        dialog.open()

    def save_png(self) -> None:
        name = f"dashboard-{self.period().first.isoformat()}.png"
        path, _f = QFileDialog.getSaveFileName(self, self.tr("Save the dashboard as PNG"), name,
                                               self.tr("PNG image (*.png)"))
        if path:
            self.grab().save(path, "PNG")

    def save_pdf(self) -> None:
        from depot_app.ui.dashboard.pdf_export import save_pdf

        save_pdf(self, self)

    # ---------------------------------------------------------- translation
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Dashboard"))
        self.period_label.setText(self.tr("&Period:"))
        for index, text in enumerate((self.tr("This week"), self.tr("This month"), self.tr("Last month"),
                                      self.tr("Custom"))):
            self.preset.setItemText(index, text)
        self.refresh_button.setText(self.tr("Refresh"))
        self.volume_button.setText(self.tr("Parcel volume…"))
        self.png_button.setText(self.tr("Save as PNG…"))
        self.pdf_button.setText(self.tr("Save as PDF…"))
        for index, text in enumerate((self.tr("By kind"), self.tr("By handler"), self.tr("By carrier"))):
            self.breakdown_tabs.setTabText(index, text)
        if self.board is not None:
            self.show_board(self.board)


def install_dashboard(window: QMainWindow) -> QAction:
    """The Desk menu's Dashboard entry (managers only) and the chip that shows its cases in the queue."""
    from depot_app.ui.queue.drill_chip import install_drill_chip

    chip = install_drill_chip(window)
    window.drill_chip = chip  # type: ignore[attr-defined]
    action = QAction(window)
    action.setObjectName("actionDashboard")

    def drill(selection: Drill, handler: str) -> None:
        window.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
        chip.show_drill(selection, handler)
        window.raise_()
        window.activateWindow()

    def open_dashboard() -> None:
        current: DashboardWindow | None = getattr(window, "dashboard_window", None)
        if current is None:
            current = DashboardWindow(window.ctx, drill, window)  # type: ignore[attr-defined]
            current.resize(1280, 900)
            window.dashboard_window = current  # type: ignore[attr-defined]
        current.show()
        current.raise_()

    def update_entry() -> None:
        action.setText(translate("DashboardWindow", "&Dashboard…"))
        action.setVisible(allowed(window.ctx.operator.role, Permission.VIEW_DASHBOARD))  # type: ignore[attr-defined]

    action.triggered.connect(lambda _checked=False: open_dashboard())
    add_desk_entry(window, action, update_entry)
    return action
