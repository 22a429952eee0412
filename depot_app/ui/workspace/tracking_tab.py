"""The Tracking tab of a case workspace: the parcel's carrier scans, newest first, and their hints.

The scans are read off the GUI thread whenever the case shown changes (a new
scan moves the parcel's version); "Refresh" asks the query service in the
background and shows its answer (or its refusal) in the tab.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.errors import DepotError
from depot_app.domain.permissions import Permission
from depot_app.domain.scan_hints import ScanHint
from depot_app.domain.scans import ScanType, since_text, source_label
from depot_app.domain.views import CaseDetail
from depot_app.services.tracking import ParcelScans, RefreshOutcome
from depot_app.ui.common.background import run_task
from depot_app.ui.common.formatting import format_local
from depot_app.ui.common.i18n import RetranslatesOnLanguageChange, current_language
from depot_app.ui.workspace.tab_common import MUTED_COLOR, OK_COLOR, OVERDUE_COLOR, CaseHost

#: The dot's colour per scan type on the timeline.
_TYPE_COLORS = {ScanType.SIGNED: OK_COLOR, ScanType.RETURNED: "#6a1b9a", ScanType.DELIVERY_FAILED: OVERDUE_COLOR,
                ScanType.EXCEPTION: OVERDUE_COLOR, ScanType.OUT_FOR_DELIVERY: "#1565c0",
                ScanType.ARRIVED_AT_DEPOT: "#00838f"}
_HINT_COLORS = {ScanHint.FALSE_SIGN_FOR: OVERDUE_COLOR, ScanHint.MAY_TREAT_AS_LOST: "#b26a00",
                ScanHint.FOUND: OK_COLOR}


class TrackingTab(RetranslatesOnLanguageChange, QWidget):
    """The parcel's scans as a vertical timeline, newest first, with the time since the last one."""

    COLUMNS = 5

    def __init__(self, host: CaseHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.detail: CaseDetail | None = None
        self.scans: ParcelScans | None = None
        self._loaded_for: tuple[int, int] | None = None
        self._status = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        self.last_label = QLabel(self)
        self.last_label.setObjectName("trackingLast")
        self.last_label.setWordWrap(True)
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("trackingRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.last_label, 1)
        top.addWidget(self.refresh_button)
        layout.addLayout(top)
        self.hints_label = QLabel(self)
        self.hints_label.setObjectName("trackingHints")
        self.hints_label.setWordWrap(True)
        self.hints_label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.hints_label)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("trackingStatus")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self.list = QTreeWidget(self)
        self.list.setObjectName("trackingList")
        self.list.setColumnCount(self.COLUMNS)
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.list.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((150, 120, 160, 380)):
            self.list.setColumnWidth(col, width)
        layout.addWidget(self.list, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.list.setHeaderLabels([self.tr("Time"), self.tr("Scan"), self.tr("Place"), self.tr("What the carrier "
                                   "says"), self.tr("Source")])
        self.list.setAccessibleName(self.tr("Carrier scans, newest first"))
        self.refresh_button.setText(self.tr("Refresh from the carrier"))
        self.refresh_button.setToolTip(self.tr("Ask the tracking query service for this parcel's scans now"))
        self.refresh_button.setAccessibleName(self.tr("Refresh the carrier scans"))
        self._show()

    # ------------------------------------------------------------------ loading
    def set_case(self, detail: CaseDetail) -> None:
        """Show the case; the scans are read again when the parcel changed (a new scan moves its version)."""
        self.detail = detail
        self.refresh_button.setEnabled(self.host.ctx.operator.can(Permission.WORK_CASES))
        key = (detail.id, detail.parcel.version)
        if key != self._loaded_for:
            self._loaded_for = key
            self.load()

    def load(self) -> None:
        if self.detail is None:
            return
        case_id = self.detail.id
        tracking = self.host.ctx.services.tracking
        run_task(self, lambda: tracking.for_case(case_id), self._loaded, key="tracking")

    def _loaded(self, scans: ParcelScans) -> None:
        self.scans = scans
        self._show()

    def refresh(self) -> None:
        """Ask the query service in the background; its answer or refusal shows in the tab."""
        if self.detail is None:
            return
        case_id, by = self.detail.id, self.host.ctx.operator.id
        tracking = self.host.ctx.services.tracking
        self.refresh_button.setEnabled(False)
        self._status = self.tr("Asking the carrier…")
        self.status_label.setText(self._status)

        def done(outcome: RefreshOutcome) -> None:
            self.refresh_button.setEnabled(True)
            self._status = outcome.message(current_language())
            self.status_label.setText(self._status)
            self.load()

        def failed(exc: BaseException) -> bool:
            self.refresh_button.setEnabled(True)
            if isinstance(exc, DepotError):
                self._status = exc.text(current_language())
                self.status_label.setText(self._status)
                return True
            return False

        run_task(self, lambda: tracking.refresh_case(case_id=case_id, by=by), done, failed, key="refresh")

    # ------------------------------------------------------------------ showing
    def _show(self) -> None:
        language = current_language()
        self.status_label.setText(self._status)
        self.list.clear()
        if self.scans is None:
            self.last_label.setText(self.tr("Reading the scans…"))
            self.hints_label.setText("")
            return
        now = self.host.ctx.services.clock.now()
        last = self.scans.last
        if last is None:
            self.last_label.setText(self.tr("No carrier scans are known for {0} yet: import the head office's "
                                            "tracking export or refresh from the carrier.")
                                    .format(self.scans.tracking_no))
        else:
            self.last_label.setText(self.tr("Last scan {0}: {1}, {2} ({3} scans)").format(
                since_text(last.at, now, language), last.scan_type.label(language), last.place or "—",
                len(self.scans.scans)))
        hints = [f"<span style='color:{_HINT_COLORS.get(h, MUTED_COLOR)}'><b>{h.label(language)}</b> — "
                 f"{h.explanation(language)}</span>" for h in self.scans.hints]
        self.hints_label.setText("<br>".join(hints))
        self.hints_label.setVisible(bool(hints))
        items = []
        for scan in self.scans.scans:
            item = QTreeWidgetItem([
                f"● {format_local(scan.at)}", scan.scan_type.label(language), scan.place, scan.text,
                "、".join(source_label(s, language) for s in scan.sources) if language.startswith("zh")
                else ", ".join(source_label(s, language) for s in scan.sources)])
            item.setForeground(0, QColor(_TYPE_COLORS.get(scan.scan_type, MUTED_COLOR)))
            item.setToolTip(0, scan.zone_text + "  " + scan.local_at.strftime("%Y-%m-%d %H:%M"))
            for col in range(1, self.COLUMNS):
                item.setToolTip(col, item.text(col))
            items.append(item)
        self.list.addTopLevelItems(items)
