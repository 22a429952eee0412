"""The desk: scan box, case queue with views and filters, open case tabs."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStatusBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.errors import DepotError, TrackingNumberError
from depot_app.domain.identifiers import TrackingInfo, validate_tracking
from depot_app.domain.views import QueueCounts, QueueRow
from depot_app.domain.vocabulary import CaseStatus
from depot_app.services.queries import CaseStamp, ChangeMarker, QueueFilter
from depot_app.ui.common.background import run_task
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.i18n import LanguageManager, RetranslatesOnLanguageChange, current_language
from depot_app.ui.common.image_sources import (
    ImageSource,
    open_tracking_chooser,
    read_tracking_numbers,
)
from depot_app.ui.queue.first_rows import FirstRows
from depot_app.ui.queue.live_updates import LiveUpdates
from depot_app.ui.queue.queue_filters import QueueFilterBar
from depot_app.ui.queue.queue_model import BATCH_SIZE, SORT_KEY_BY_COLUMN, QueueModel, QueueTable
from depot_app.ui.queue.scan_box import ReservedShortcutFilter, ScanBox
from depot_app.ui.queue.scan_views import HINT_VIEWS, HintViews, hint_filter, scan_at_desk

log = logging.getLogger(__name__)

#: Ready-made views of the queue, in the order shown.
VIEWS = ("open", "mine", "overdue", "approval", "closed_month", "all", *HINT_VIEWS)


class MainWindow(RetranslatesOnLanguageChange, QMainWindow):
    """The desk's main window."""

    sig_case_opened = Signal(int)
    """Emitted with a case id whenever a case workspace is shown."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self._workspaces: dict[int, QWidget] = {}
        self._barcode_chooser: QWidget | None = None
        # Changes made at other desks: the queue and the open cases follow them.
        # Made first: restoring the header state already reloads the queue.
        self.live_updates = LiveUpdates(self.ctx.services.queries, parent=self)
        self.live_updates.sig_changed.connect(self._on_live_change)
        self._build()
        self.retranslate()
        self._restore_state()
        self.reload_queue()
        self.live_updates.start()
        self._countdown_timer = QTimer(self)
        self._countdown_timer.setInterval(30_000)
        self._countdown_timer.timeout.connect(self._tick)
        self._countdown_timer.start()
        LanguageManager.instance().sig_language_changed.connect(self._on_language)
        self._shortcut_filter = ReservedShortcutFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._shortcut_filter)
        QTimer.singleShot(0, self.focus_scan_box)

    # ------------------------------------------------------------------ build
    def _build(self) -> None:
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(8, 8, 8, 4)

        scan_row = QHBoxLayout()
        self.scan_label = QLabel(central)
        self.scan_label.setObjectName("scanLabel")
        self.scan_box = ScanBox(central)
        self.scan_box.setMinimumHeight(34)
        font = self.scan_box.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.scan_box.setFont(font)
        self.scan_label.setBuddy(self.scan_box)
        self.scan_box.sig_scanned.connect(self.handle_scan)
        self.scan_box.sig_image.connect(self.read_scan_image)
        self.scan_box.textEdited.connect(lambda _t: self._set_scan_message(""))
        self.new_case_button = QPushButton(central)
        self.new_case_button.setObjectName("newCaseButton")
        self.new_case_button.clicked.connect(lambda: self.open_registration(None))
        scan_row.addWidget(self.scan_label)
        scan_row.addWidget(self.scan_box, 1)
        scan_row.addWidget(self.new_case_button)
        outer.addLayout(scan_row)
        self.scan_message = QLabel(central)
        self.scan_message.setObjectName("scanMessage")
        self.scan_message.setWordWrap(True)
        self.scan_message.setVisible(False)
        outer.addWidget(self.scan_message)

        self.tabs = QTabWidget(central)
        self.tabs.setObjectName("caseTabs")
        self.tabs.setTabsClosable(True)
        self.tabs.tabCloseRequested.connect(self._close_tab)
        outer.addWidget(self.tabs, 1)

        queue_page = QWidget()
        queue_page.setObjectName("queuePage")
        qlayout = QHBoxLayout(queue_page)
        qlayout.setContentsMargins(0, 4, 0, 0)
        splitter = QSplitter(Qt.Orientation.Horizontal, queue_page)
        splitter.setObjectName("queueSplitter")
        self.view_list = QListWidget(splitter)
        self.view_list.setObjectName("viewList")
        self.view_list.setMaximumWidth(220)
        for key in VIEWS:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.view_list.addItem(item)
        self.view_list.setCurrentRow(0)
        self.hint_views = HintViews(self, self.ctx, self.view_list)
        self.view_list.currentRowChanged.connect(lambda _r: self.reload_queue())

        right = QWidget(splitter)
        rlayout = QVBoxLayout(right)
        rlayout.setContentsMargins(0, 0, 0, 0)
        self.filters = QueueFilterBar(right)
        self.filters.sig_changed.connect(self.reload_queue)
        # The filters by name, as the rest of the window and its tests use them.
        self.search_box = self.filters.search_box
        self.status_filter = self.filters.status_filter
        self.kind_filter = self.filters.kind_filter
        self.assignee_filter = self.filters.assignee_filter
        self.overdue_only = self.filters.overdue_only
        rlayout.addWidget(self.filters)

        self.model = QueueModel(now=self.ctx.services.clock.now, policy=lambda: self.ctx.policy, parent=self)
        self.table = QueueTable(self.model, right)
        # The start's other work (counts, warm-up) waits until the first rows are painted.
        self.first_rows = FirstRows(self.table)
        self.table.horizontalHeader().sortIndicatorChanged.connect(lambda _c, _o: self.reload_queue())
        self.table.doubleClicked.connect(self._open_from_index)
        self.table.activated.connect(self._open_from_index)
        self.result_label = QLabel(right)
        self.result_label.setObjectName("resultCount")
        rlayout.addWidget(self.table, 1)
        rlayout.addWidget(self.result_label)
        splitter.addWidget(self.view_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        qlayout.addWidget(splitter)
        self.tabs.addTab(queue_page, "")
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.LeftSide, None)
        self.setCentralWidget(central)

        self.status = QStatusBar(self)
        self.status.setObjectName("statusBar")
        self.counts_label = QLabel(self.status)
        self.counts_label.setObjectName("countsLabel")
        self.operator_label = QLabel(self.status)
        self.operator_label.setObjectName("operatorLabel")
        self.status.addWidget(self.counts_label, 1)
        self.status.addPermanentWidget(self.operator_label)
        self.setStatusBar(self.status)

        self._build_menus()
        self._build_shortcuts()
        self.setTabOrder(self.scan_box, self.new_case_button)
        self.setTabOrder(self.new_case_button, self.search_box)
        self.setTabOrder(self.search_box, self.status_filter)
        self.setTabOrder(self.status_filter, self.kind_filter)
        self.setTabOrder(self.kind_filter, self.assignee_filter)
        self.setTabOrder(self.assignee_filter, self.overdue_only)
        self.setTabOrder(self.overdue_only, self.table)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menu_desk = bar.addMenu("")
        self.action_new_case = QAction(self)
        self.action_new_case.setObjectName("actionNewCase")
        self.action_new_case.setShortcut(QKeySequence("Ctrl+N"))
        self.action_new_case.triggered.connect(lambda: self.open_registration(None))
        self.action_refresh = QAction(self)
        self.action_refresh.setObjectName("actionRefresh")
        self.action_refresh.setShortcut(QKeySequence("F5"))  # Ctrl+R belongs to the workspace
        self.action_refresh.triggered.connect(self.reload_queue)
        self.action_settings = QAction(self)
        self.action_settings.setObjectName("actionSettings")
        self.action_settings.triggered.connect(self.open_settings)
        self.action_quit = QAction(self)
        self.action_quit.setObjectName("actionQuit")
        self.action_quit.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.action_quit.triggered.connect(self.close)
        for action in (self.action_new_case, self.action_refresh, self.action_settings):
            self.menu_desk.addAction(action)
        self.menu_desk.addSeparator()
        self.menu_desk.addAction(self.action_quit)
        self.menu_language = bar.addMenu("")
        self.action_chinese = QAction("简体中文", self)
        self.action_chinese.setObjectName("actionChinese")
        self.action_chinese.setCheckable(True)
        self.action_chinese.triggered.connect(lambda: self.switch_language("zh_CN"))
        self.action_english = QAction("English", self)
        self.action_english.setObjectName("actionEnglish")
        self.action_english.setCheckable(True)
        self.action_english.triggered.connect(lambda: self.switch_language("en"))
        self.menu_language.addAction(self.action_chinese)
        self.menu_language.addAction(self.action_english)
        from depot_app.ui.window_parts import install_parts

        install_parts(self)

    def _build_shortcuts(self) -> None:
        QShortcut(QKeySequence("F2"), self, activated=self.focus_scan_box)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self._focus_search)
        QShortcut(QKeySequence("Ctrl+W"), self, activated=lambda: self._close_tab(self.tabs.currentIndex()))

    def _load_operators(self) -> None:
        """Read the people for the assignee filter in the background."""
        run_task(self, self.ctx.services.queries.operators, self.filters.set_operators, key="operators")

    # -------------------------------------------------------------- language
    def retranslate(self) -> None:
        settings = self.ctx.services.settings
        self.setWindowTitle(self.tr("Depot Desk — problem parcels · {0} ({1})").format(
            settings.get("depot_name"), settings.get("depot_code")))
        self.scan_label.setText(self.tr("&Scan (F2):"))
        self.scan_box.setPlaceholderText(self.tr("Scan or type a tracking number and press Enter"))
        self.scan_box.setAccessibleName(self.tr("Scan box"))
        self.new_case_button.setText(self.tr("New case"))
        self.new_case_button.setAccessibleName(self.tr("Register a new case"))
        self.view_list.setAccessibleName(self.tr("Queue views"))
        self.table.setAccessibleName(self.tr("Case queue"))
        labels = {"open": self.tr("All open cases"), "mine": self.tr("My open cases"),
                  "overdue": self.tr("Overdue"), "approval": self.tr("Awaiting approval"),
                  "closed_month": self.tr("Closed this month"), "all": self.tr("All cases"), **self.hint_views.labels()}
        for i in range(self.view_list.count()):
            item = self.view_list.item(i)
            item.setText(labels[item.data(Qt.ItemDataRole.UserRole)])
        self.tabs.setTabText(0, self.tr("Case queue"))
        self.tabs.setAccessibleName(self.tr("Case queue and open cases"))
        self.menu_desk.setTitle(self.tr("&Desk"))
        self.menu_language.setTitle(self.tr("&Language"))
        self.action_new_case.setText(self.tr("&New case…"))
        self.action_refresh.setText(self.tr("&Refresh queue"))
        self.action_settings.setText(self.tr("&Settings…"))
        self.action_quit.setText(self.tr("&Quit"))
        self.action_chinese.setChecked(current_language() == "zh_CN")
        self.action_english.setChecked(current_language() == "en")
        self.operator_label.setText(self.tr("Operator: {0}").format(self.ctx.operator.name))
        if getattr(self, "_total", None) is not None:
            self.result_label.setText(self.tr("{0} cases").format(self._total))
        self.filters.retranslate()
        self._load_operators()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self._show_counts(self._last_counts if hasattr(self, "_last_counts") else None)

    def _on_language(self, _language: str = "") -> None:
        self.model.layoutChanged.emit()

    def switch_language(self, language: str) -> None:
        """Change the interface language now and remember it."""
        LanguageManager.instance().set_language(language)
        self.ctx.preferences.language = language
        self.ctx.save_preferences()
        self.retranslate()

    # ----------------------------------------------------------------- queue
    def current_filter(self) -> QueueFilter:
        view = self.view_list.currentItem().data(Qt.ItemDataRole.UserRole) if self.view_list.currentItem() \
            else "open"
        chip = getattr(self, "drill_chip", None)
        if chip is not None and chip.drill is not None:
            return QueueFilter(drill=chip.drill)  # exactly the cases behind a dashboard figure
        kwargs: dict[str, Any] = {}
        today = self.ctx.services.clock.now().date()
        if view == "open":
            kwargs["open_only"] = True
        elif view == "mine":
            kwargs["open_only"] = True
            kwargs["assignee_id"] = self.ctx.operator.id
        elif view == "overdue":
            kwargs["overdue_only"] = True
        elif view == "approval":
            kwargs["statuses"] = frozenset({CaseStatus.AWAITING_APPROVAL})
        elif view == "closed_month":
            kwargs["closed_from"] = date(today.year, today.month, 1)
        elif view in HINT_VIEWS:
            kwargs.update(hint_filter(view))
        self.filters.add_to(kwargs)
        return QueueFilter(**kwargs)

    def reload_queue(self, *, keep_view: bool = False) -> None:
        """Query the first batch and the counts off the GUI thread, then show them.

        ``keep_view`` (after a change, ours or another desk's): as many rows
        as are loaded now are read again, and the selected case and the scroll
        position stay where the clerk left them.
        """
        flt = self.current_filter()
        header = self.table.horizontalHeader()
        sort = SORT_KEY_BY_COLUMN.get(header.sortIndicatorSection(), "due_at")
        descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        queries = self.ctx.services.queries
        # Bounded, so a clerk who scrolled far down does not turn every poll into a big read.
        limit = min(max(BATCH_SIZE, self.model.rowCount()), 10 * BATCH_SIZE) if keep_view else BATCH_SIZE
        self.live_updates.discard_pending()  # this reload reads newer data than a poll under way

        def load() -> tuple[ChangeMarker, list[QueueRow], int, QueueCounts]:
            # The marker first: the rows read after it are at least as new.
            marker = queries.change_marker()
            rows = queries.fetch(flt, sort=sort, descending=descending, offset=0, limit=limit)
            return marker, rows, queries.count(flt), queries.counts()

        def show(result: tuple[ChangeMarker, list[QueueRow], int, QueueCounts]) -> None:
            marker, rows, total, counts = result

            def fetch_more(offset: int, limit: int) -> list[QueueRow]:
                return queries.fetch(flt, sort=sort, descending=descending, offset=offset, limit=limit)

            view = self._queue_view() if keep_view else None
            self.model.set_rows(rows, fetch_more, exhausted=len(rows) < limit)
            self.first_rows.loaded(len(rows))
            if view is not None:
                self._restore_queue_view(*view)
            self._total = total
            self.result_label.setText(self.tr("{0} cases").format(total))
            self._show_counts(counts)
            if self.live_updates.note_seen(marker):
                self._check_workspaces()  # something changed since: maybe an open case too

        run_task(self, load, show, key="queue")

    def _queue_view(self) -> tuple[int | None, int, int]:
        """(selected case id, current column, scroll position) of the queue table."""
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        return (row.id if row is not None else None, max(index.column(), 0),
                self.table.verticalScrollBar().value())

    def _restore_queue_view(self, case_id: int | None, column: int, scroll: int) -> None:
        if case_id is not None:
            row = self.model.row_of_case(case_id)
            if row >= 0:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, column),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        # After the selection, which may have scrolled to it: the clerk's own position wins.
        self.table.verticalScrollBar().setValue(scroll)

    def _on_live_change(self, _marker: object) -> None:
        """Another desk changed something: refresh the queue in place and the open cases that changed."""
        self.reload_queue(keep_view=True)
        self._check_workspaces()

    def _check_workspaces(self) -> None:
        """Ask the open case tabs whether their case changed (one small query for all of them)."""
        if not self._workspaces:
            return
        queries = self.ctx.services.queries
        ids = list(self._workspaces)

        def show(stamps: dict[int, CaseStamp]) -> None:
            for case_id, widget in list(self._workspaces.items()):
                if shiboken6.isValid(widget):
                    widget.on_stamp(stamps.get(case_id))  # type: ignore[attr-defined]

        def failed(exc: BaseException) -> bool:
            log.warning("Live updates: could not check the open cases (%s)", exc)
            return True

        run_task(self, lambda: queries.case_stamps(ids), show, failed)

    def _show_counts(self, counts: QueueCounts | None) -> None:
        self._last_counts = counts
        if counts is None:
            return
        self.first_rows.later("hint-counts", self.hint_views.refresh)
        self.counts_label.setText(
            self.tr("Open: {0}   Overdue: {1}   Due soon: {2}   Awaiting approval: {3}")
            .format(counts.open, counts.overdue, counts.due_soon, counts.awaiting_approval))

    def _tick(self) -> None:
        self.model.refresh_countdowns()
        run_task(self, self.ctx.services.queries.counts, self._show_counts)

    def _open_from_index(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.open_case(row.id)

    # ------------------------------------------------------------------ scan
    def focus_scan_box(self) -> None:
        """Give the scan box the keyboard (F2, and after every dialog closes)."""
        self.scan_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.scan_box.selectAll()

    def _focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _set_scan_message(self, text: str, *, error: bool = False) -> None:
        self.scan_message.setText(text)
        self.scan_message.setStyleSheet("color: #c62828; font-weight: bold;" if error else "color: #2e7d32;")
        self.scan_message.setVisible(bool(text))

    def handle_scan(self, raw: str) -> None:
        """A scanned or typed tracking number: open its case, or register one."""
        try:
            info = validate_tracking(raw)
        except TrackingNumberError as exc:
            self._set_scan_message(exc.text(current_language()), error=True)
            self.scan_box.selectAll()
            return
        self._set_scan_message("")

        def found(rows: list[QueueRow]) -> None:
            self.scan_box.clear()
            if not rows:
                self.open_registration(info.number)
                return
            if len(rows) > 1:
                self._set_scan_message(self.tr("{0} has {1} open cases; showing the newest.")
                                       .format(info.number, len(rows)))
            self.open_case(rows[0].id)

        run_task(self, lambda: scan_at_desk(self.ctx, info.number), found)

    def read_scan_image(self, source: ImageSource) -> None:
        """A picture dropped or pasted on the scan box: its barcode, read off the GUI thread, is the scan.

        One tracking number is handled as a scan; several open a small chooser;
        none (or an unreadable picture) is said under the scan box.
        """
        self._set_scan_message(self.tr("Reading the barcode in the picture…"))

        def found(numbers: list[TrackingInfo]) -> None:
            if not numbers:
                self._set_scan_message(self.tr("No tracking number found in that picture"), error=True)
                self.focus_scan_box()
                return
            if len(numbers) == 1:
                self._scan_number(numbers[0].number)
                return
            self._set_scan_message(self.tr("The picture carries {0} tracking numbers: choose one.")
                                   .format(len(numbers)))
            self._barcode_chooser = open_tracking_chooser(self, numbers, self._scan_number)

        def failed(exc: BaseException) -> bool:
            if isinstance(exc, DepotError):
                self._set_scan_message(exc.text(current_language()), error=True)
                return True
            self._set_scan_message("")
            return False

        read_tracking_numbers(self, source, found, failed)

    def _scan_number(self, number: str) -> None:
        """A number read from a picture: into the scan box, then as if scanned."""
        self.scan_box.setText(number)
        self.handle_scan(number)

    # ------------------------------------------------------------ case tabs
    def open_case(self, case_id: int) -> None:
        """Show the case's workspace in its own tab (reusing an open one)."""
        from depot_app.ui.workspace.case_workspace import CaseWorkspace

        widget = self._workspaces.get(case_id)
        if widget is None:
            widget = CaseWorkspace(self.ctx, case_id, self.tabs)
            widget.sig_case_changed.connect(self._on_case_changed)
            widget.sig_title_changed.connect(lambda title, w=widget: self._retitle(w, title))
            self._workspaces[case_id] = widget
            self.tabs.addTab(widget, widget.title())
        else:
            widget.reload()  # type: ignore[attr-defined]
        self.tabs.setCurrentWidget(widget)
        self.sig_case_opened.emit(case_id)

    def open_case_by_no(self, case_no: str) -> None:
        """Open the case with this case number (e.g. one the registration found)."""
        queries = self.ctx.services.queries

        def opened(case_id: int | None) -> None:
            if case_id is not None:
                self.open_case(case_id)

        run_task(self, lambda: queries.case_id_by_no(case_no), opened)

    def _retitle(self, widget: QWidget, title: str) -> None:
        idx = self.tabs.indexOf(widget)
        if idx >= 0:
            self.tabs.setTabText(idx, title)

    def _on_case_changed(self, _case_id: int) -> None:
        # Our own change: the clerk's place in the queue stays (and the marker
        # read with it keeps the next poll from reporting this change again).
        self.reload_queue(keep_view=True)

    def _close_tab(self, index: int) -> None:
        if index <= 0:
            return
        widget = self.tabs.widget(index)
        self.tabs.removeTab(index)
        for case_id, w in list(self._workspaces.items()):
            if w is widget:
                del self._workspaces[case_id]
        widget.deleteLater()
        self.focus_scan_box()

    def workspace(self, case_id: int) -> QWidget | None:
        return self._workspaces.get(case_id)

    # --------------------------------------------------------------- dialogs
    def open_registration(self, tracking_no: str | None) -> None:
        from depot_app.ui.registration.registration_dialog import RegistrationDialog

        dialog = RegistrationDialog(self.ctx, tracking_no=tracking_no, parent=self)
        dialog.sig_registered.connect(self._on_registered)
        dialog.sig_open_existing.connect(self.open_case_by_no)
        dialog.finished.connect(lambda _r: self.focus_scan_box())
        self._registration = dialog
        dialog.open()

    def _on_registered(self, case_id: int, _case_no: str) -> None:
        self.reload_queue()
        self.open_case(case_id)

    def open_settings(self) -> None:
        from depot_app.ui.settings.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, parent=self)
        dialog.sig_language_chosen.connect(self.switch_language)
        dialog.sig_saved.connect(self._on_settings_saved)
        dialog.finished.connect(lambda _r: self.focus_scan_box())
        self._settings_dialog = dialog
        dialog.open()

    def _on_settings_saved(self) -> None:
        self.ctx.reload_policy()
        self.session.settings_changed()
        self.retranslate()
        self.reload_queue()

    # ---------------------------------------------------------- window state
    def _state_store(self) -> QSettings:
        return QSettings(str(self.ctx.config.window_state_file), QSettings.Format.IniFormat)

    def _restore_state(self) -> None:
        store = self._state_store()
        geometry = store.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 820)
        header = store.value("main/queueHeader")
        if header is not None:
            self.table.horizontalHeader().restoreState(header)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.live_updates.stop()
        store = self._state_store()
        store.setValue("main/geometry", self.saveGeometry())
        store.setValue("main/queueHeader", self.table.horizontalHeader().saveState())
        store.sync()
        super().closeEvent(event)
