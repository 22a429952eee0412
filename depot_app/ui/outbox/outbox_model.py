"""The outbox's rows as a table: :class:`OutboxModel`, testable without a view.

Labels of events, channels and states come from ``domain.notifications`` in
the interface language; a recorded refusal or error is shown through
``services.outbox.refusal_text`` (stored in English, shown in Chinese too).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from depot_app.domain.notifications import MessageState
from depot_app.services.outbox import MessageView, refusal_text
from depot_app.ui.common.formatting import format_local
from depot_app.ui.common.i18n import current_language, translate
from depot_app.ui.common.widgets import ReadOnlyRowsModel

Index = QModelIndex | QPersistentModelIndex

COL_QUEUED = 0
COL_CASE_NO = 1
COL_EVENT = 2
COL_CHANNEL = 3
COL_TO = 4
COL_STATE = 5
COL_TRIES = 6
COL_ERROR = 7
COL_SENT = 8
COLUMN_COUNT = 9

#: The colour of a state's cell: failed stands out, sent is calm.
STATE_COLORS = {MessageState.FAILED: "#c62828", MessageState.SKIPPED: "#8d6e63",
                MessageState.SENT: "#2e7d32", MessageState.SENDING: "#1565c0"}


def state_text(message: MessageView) -> str:
    """The state in words; a waiting message held or retrying says until when."""
    language = current_language()
    text = message.state.label(language)
    if message.state is MessageState.PENDING and message.tries > 0:
        when = format_local(message.next_attempt_at, short=True)
        text = translate("OutboxModel", "{0}, retry at {1}").format(text, when)
    return text


def error_text(message: MessageView) -> str:
    """The last error or refusal, in the interface language."""
    return refusal_text(message.last_error, current_language()) if message.last_error else ""


def cell_text(message: MessageView, column: int) -> str:
    """What one cell shows (also used by the case's message list)."""
    language = current_language()
    if column == COL_QUEUED:
        return format_local(message.created_at)
    if column == COL_CASE_NO:
        return message.case_no
    if column == COL_EVENT:
        return message.event.label(language)
    if column == COL_CHANNEL:
        return message.channel.label(language)
    if column == COL_TO:
        return message.to_masked
    if column == COL_STATE:
        return state_text(message)
    if column == COL_TRIES:
        return f"{message.tries}/{message.max_tries}"
    if column == COL_ERROR:
        return error_text(message)
    if column == COL_SENT:
        return format_local(message.sent_at) if message.sent_at else ""
    return ""


class OutboxModel(ReadOnlyRowsModel):
    """Outbox messages, newest first, swapped in one place (:meth:`set_rows`)."""

    COLUMN_COUNT = COLUMN_COUNT

    def set_rows(self, rows: list[MessageView]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def message_at(self, row: int) -> MessageView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, message_id: int) -> int:
        return next((i for i, m in enumerate(self._rows) if m.id == message_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        message = self.message_at(index.row()) if index.isValid() else None
        if message is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(message, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (COL_EVENT, COL_CHANNEL, COL_TO):
                return message.body
            return cell_text(message, column) or None
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_STATE:
            color = STATE_COLORS.get(message.state)
            return QColor(color) if color else None
        if role == Qt.ItemDataRole.UserRole:
            return message.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return header_texts()[section] if 0 <= section < COLUMN_COUNT else None


def header_texts() -> list[str]:
    """The column titles, in the interface language."""
    return [translate("OutboxModel", "Queued"), translate("OutboxModel", "Case no."),
            translate("OutboxModel", "Event"), translate("OutboxModel", "Channel"),
            translate("OutboxModel", "To"), translate("OutboxModel", "State"),
            translate("OutboxModel", "Tries"), translate("OutboxModel", "Last error"),
            translate("OutboxModel", "Sent")]
