"""The audit trail's rows: the columns, the entries in words, and :class:`AuditModel`.

:class:`AuditModel` holds the entries newest first and reads later pages of
:data:`BATCH_SIZE` off the GUI thread as the table scrolls. The helpers turn a
recorded entry into the words the table shows (who, which field, before →
after), in the interface language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from depot_app.domain.audit_actions import action_label
from depot_app.domain.vocabulary import Role
from depot_app.services.audit_trail import AuditRow
from depot_app.ui.common.background import run_task
from depot_app.ui.common.formatting import format_local
from depot_app.ui.common.i18n import current_language
from depot_app.ui.common.widgets import ReadOnlyRowsModel

Index = QModelIndex | QPersistentModelIndex

COL_TIME = 0
COL_OPERATOR = 1
COL_ACTION = 2
COL_CASE_NO = 3
COL_FIELD = 4
COL_CHANGE = 5
COL_DETAIL = 6
COLUMN_COUNT = 7

BATCH_SIZE = 200
#: Longest before/after text shown in a cell; the tooltip and the CSV carry all of it.
CELL_CHARS = 80
#: The operator name the service gives entries made from the command line.
SYSTEM = "system"

Fetcher = Callable[[int, int], list[AuditRow]]


def operator_text(row: AuditRow) -> str:
    """Who, in the interface language (the command line shows as "system")."""
    return QCoreApplication.translate("AuditModel", "system") if row.operator == SYSTEM else row.operator


def value_text(field: str | None, value: str | None) -> str:
    """A recorded before/after value for people: roles and on/off in words."""
    if value is None:
        return ""
    language = current_language()
    if field == "role":
        try:
            return Role(value).label(language)
        except ValueError:
            return value
    if field == "active" and value in ("true", "false"):
        if value == "true":
            return QCoreApplication.translate("AuditModel", "Active")
        return QCoreApplication.translate("AuditModel", "Deactivated")
    return value


def _field_labels() -> dict[str, str]:
    return {
        "depot_code": QCoreApplication.translate("AuditModel", "Depot code"),
        "depot_name": QCoreApplication.translate("AuditModel", "Depot name"),
        "depot_phone": QCoreApplication.translate("AuditModel", "Depot phone"),
        "timezone": QCoreApplication.translate("AuditModel", "Time zone"),
        "policy": QCoreApplication.translate("AuditModel", "Compensation and deadline policy"),
        "idle_lock_minutes": QCoreApplication.translate("AuditModel", "Idle lock minutes"),
        "sign_in_attempts": QCoreApplication.translate("AuditModel", "Wrong PINs allowed"),
        "sign_in_lockout_minutes": QCoreApplication.translate("AuditModel", "Lock-out minutes"),
        "backup_daily": QCoreApplication.translate("AuditModel", "Daily backup"),
        "backup_keep": QCoreApplication.translate("AuditModel", "Backups kept"),
        "role": QCoreApplication.translate("AuditModel", "Role"),
        "active": QCoreApplication.translate("AuditModel", "Active"),
        "phones": QCoreApplication.translate("AuditModel", "Phone numbers"),
        "photo": QCoreApplication.translate("AuditModel", "Photo"),
        "switch": QCoreApplication.translate("AuditModel", "Operator switch"),
        "idle": QCoreApplication.translate("AuditModel", "Idle lock"),
        "quit": QCoreApplication.translate("AuditModel", "Quit"),
        "case_list": QCoreApplication.translate("AuditModel", "Case list"),
        "case_report": QCoreApplication.translate("AuditModel", "Case report"),
        "claim_form": QCoreApplication.translate("AuditModel", "Claim form"),
        "closed_batch": QCoreApplication.translate("AuditModel", "Closed cases"),
        "monthly_workbook": QCoreApplication.translate("AuditModel", "Monthly workbook"),
        "audit_trail": QCoreApplication.translate("AuditModel", "Audit trail"),
    }


def field_text(field: str | None) -> str:
    """A recorded field code in words (unknown codes as they are)."""
    if not field:
        return ""
    return _field_labels().get(field, field)


def change_text(row: AuditRow) -> str:
    """``before → after`` (either side may be missing)."""
    before, after = value_text(row.field, row.before), value_text(row.field, row.after)
    if not before and not after:
        return ""
    return f"{before or '—'} → {after or '—'}"


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= CELL_CHARS else flat[:CELL_CHARS - 1] + "…"


class AuditModel(ReadOnlyRowsModel):
    """Audit entries, newest first; later pages are read off the GUI thread as the view scrolls."""

    ROW_ROLE = Qt.ItemDataRole.UserRole + 1
    COLUMN_COUNT = COLUMN_COUNT

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AuditRow] = []
        self._fetch: Fetcher | None = None
        self._exhausted = True
        self._loading = False
        #: Bumped by every :meth:`set_rows`, so a page read for an older filter is dropped.
        self._generation = 0

    # --- loading ----------------------------------------------------------
    def set_rows(self, rows: list[AuditRow], fetch: Fetcher | None, *, exhausted: bool) -> None:
        """Replace every row; ``fetch(offset, limit)`` serves later pages from ``len(rows)``."""
        self.beginResetModel()
        self._generation += 1
        self._rows = list(rows)
        self._fetch = fetch
        self._exhausted = exhausted or fetch is None
        self._loading = False
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._loading or self._fetch is None:
            return
        fetch, offset, generation = self._fetch, len(self._rows), self._generation
        self._loading = True

        def arrived(batch: list[AuditRow]) -> None:
            if generation != self._generation:
                return  # the filter changed while this page was read
            self._loading = False
            if len(batch) < BATCH_SIZE:
                self._exhausted = True
            if not batch:
                return
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(batch) - 1)
            self._rows.extend(batch)
            self.endInsertRows()

        def failed(_exc: BaseException) -> bool:
            if generation == self._generation:
                self._loading = False
                self._exhausted = True  # no retry loop from the view; Refresh reads again
            return False

        run_task(self, lambda: fetch(offset, BATCH_SIZE), arrived, failed)

    def row_at(self, row: int) -> AuditRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # Never editable (ReadOnlyRowsModel.flags): the trail is read-only here as everywhere.

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        return False

    @staticmethod
    def headers() -> list[str]:
        return [QCoreApplication.translate("AuditModel", "Time"),
                QCoreApplication.translate("AuditModel", "Operator"),
                QCoreApplication.translate("AuditModel", "Action"),
                QCoreApplication.translate("AuditModel", "Case no."),
                QCoreApplication.translate("AuditModel", "Field"),
                QCoreApplication.translate("AuditModel", "Before → after"),
                QCoreApplication.translate("AuditModel", "Detail")]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == self.ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_CHANGE:
                return change_text(row) or None
            if col == COL_DETAIL:
                return row.detail or None
            if col == COL_ACTION:
                return row.action
        if role == Qt.ItemDataRole.FontRole and col == COL_CASE_NO:
            font = QFont("monospace")
            font.setStyleHint(QFont.StyleHint.Monospace)
            return font
        return None

    @staticmethod
    def _display(row: AuditRow, col: int) -> str:
        if col == COL_TIME:
            return format_local(row.at)
        if col == COL_OPERATOR:
            return operator_text(row)
        if col == COL_ACTION:
            return action_label(row.action, current_language())
        if col == COL_CASE_NO:
            return row.case_no or ""
        if col == COL_FIELD:
            return field_text(row.field)
        if col == COL_CHANGE:
            return _short(change_text(row))
        if col == COL_DETAIL:
            return _short(row.detail)
        return ""

