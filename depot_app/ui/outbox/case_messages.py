"""A case's messages to the customer, under its timeline: what went out, what waits, what failed.

Each message shows its channel, the address masked, the text, state, tries,
last error and sent time. *Notify the customer…* opens the preview
(:class:`NotifyDialog`) before anything is queued; *Sent by hand* ticks off a
manual message; *Asked not to be messaged…* puts the sender's or the
recipient's phone on the opt-out list.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.notifications import Channel, MessageState
from depot_app.domain.permissions import Permission
from depot_app.domain.views import CaseDetail
from depot_app.services.outbox import MessageView
from depot_app.ui.common.background import run_task
from depot_app.ui.common.i18n import LanguageManager, RetranslatesOnLanguageChange
from depot_app.ui.outbox.notify_dialog import NotifyDialog
from depot_app.ui.outbox.outbox_model import (
    COL_CHANNEL,
    COL_ERROR,
    COL_EVENT,
    COL_QUEUED,
    COL_SENT,
    COL_STATE,
    COL_TO,
    COL_TRIES,
    cell_text,
)

#: The list's columns: the outbox model's cells, then the text.
COLUMNS = (COL_QUEUED, COL_EVENT, COL_CHANNEL, COL_TO, COL_STATE, COL_TRIES, COL_ERROR, COL_SENT)


class CaseMessages(RetranslatesOnLanguageChange, QWidget):
    """The messages of one case (``workspace`` gives the desk context and the case)."""

    def __init__(self, workspace: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseMessages")
        self.workspace = workspace
        self.ctx = workspace.ctx
        self.messages: list[MessageView] = []
        self.detail: CaseDetail | None = None
        self.notify_dialog: NotifyDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        top = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: bold;")
        self.notify_button = QPushButton(self)
        self.notify_button.setObjectName("caseNotify")
        self.notify_button.clicked.connect(lambda: self.open_notify())
        self.tick_button = QPushButton(self)
        self.tick_button.setObjectName("caseMessageTickOff")
        self.tick_button.clicked.connect(self.tick_off_selected)
        self.opt_out_button = QPushButton(self)
        self.opt_out_button.setObjectName("caseOptOut")
        self.opt_out_button.clicked.connect(lambda: self.ask_opt_out())
        top.addWidget(self.title)
        top.addStretch(1)
        for button in (self.notify_button, self.tick_button, self.opt_out_button):
            top.addWidget(button)
        layout.addLayout(top)
        self.list = QTreeWidget(self)
        self.list.setObjectName("caseMessagesList")
        self.list.setColumnCount(len(COLUMNS) + 1)
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for col, width in enumerate((120, 150, 70, 110, 120, 50, 180, 120)):
            self.list.setColumnWidth(col, width)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.list, 1)
        self.retranslate()
        LanguageManager.instance().sig_language_changed.connect(self._on_language_changed)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Messages to the customer"))
        self.list.setHeaderLabels([self.tr("Queued"), self.tr("Notice"), self.tr("Channel"), self.tr("To"),
                                   self.tr("State"), self.tr("Tries"), self.tr("Last error"), self.tr("Sent"),
                                   self.tr("Text")])
        self.list.setAccessibleName(self.tr("Messages to the customer"))
        self.notify_button.setText(self.tr("Notify the customer…"))
        self.notify_button.setToolTip(self.tr("Choose a notice and a channel, see the message, then send it"))
        self.tick_button.setText(self.tr("Sent by hand"))
        self.tick_button.setToolTip(self.tr("You sent this message yourself: tick it off as sent"))
        self.opt_out_button.setText(self.tr("Asked not to be messaged…"))
        self.opt_out_button.setToolTip(self.tr("The sender or the recipient asked for no more messages"))
        self.show_messages(self.messages)

    # ------------------------------------------------------------------ data
    def set_case(self, detail: CaseDetail) -> None:
        self.detail = detail
        self.reload()

    def reload(self) -> None:
        if self.detail is None:
            return
        outbox, case_id = self.ctx.services.outbox, self.detail.id
        run_task(self, lambda: outbox.for_case(case_id), self.show_messages, key="messages")

    def show_messages(self, messages: list[MessageView]) -> None:
        self.messages = list(messages)
        self.list.clear()
        items = []
        for m in self.messages:
            item = QTreeWidgetItem([cell_text(m, col) for col in COLUMNS] + [m.body])
            item.setData(0, Qt.ItemDataRole.UserRole, m.id)
            for col in range(len(COLUMNS) + 1):
                item.setToolTip(col, m.body if col == len(COLUMNS) else item.text(col))
            items.append(item)
        self.list.addTopLevelItems(items)
        self._update_buttons()

    def selected(self) -> MessageView | None:
        items = self.list.selectedItems()
        if not items:
            return None
        mid = items[0].data(0, Qt.ItemDataRole.UserRole)
        return next((m for m in self.messages if m.id == mid), None)

    def select_message(self, message_id: int) -> None:
        for index in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(index)
            if item.data(0, Qt.ItemDataRole.UserRole) == message_id:
                self.list.setCurrentItem(item)

    def _update_buttons(self) -> None:
        may = self.ctx.operator.can(Permission.WORK_CASES) and self.detail is not None
        m = self.selected()
        self.notify_button.setEnabled(may)
        self.opt_out_button.setEnabled(may)
        self.tick_button.setEnabled(may and m is not None and m.channel is Channel.MANUAL
                                    and m.state is MessageState.PENDING)

    # --------------------------------------------------------------- actions
    def open_notify(self) -> NotifyDialog | None:
        if self.detail is None:
            return None
        if self.notify_dialog is not None and shiboken6.isValid(self.notify_dialog):
            self.notify_dialog.deleteLater()
        dialog = NotifyDialog(self.ctx.services.outbox, case_id=self.detail.id, case_no=self.detail.case_no,
                              by=self.ctx.operator.id, parent=self)
        dialog.sig_sent.connect(lambda _m: self._changed())
        self.notify_dialog = dialog
        dialog.open()
        return dialog

    def tick_off_selected(self) -> None:
        m = self.selected()
        if m is None:
            return
        outbox, by, mid = self.ctx.services.outbox, self.ctx.operator.id, m.id
        run_task(self, lambda: outbox.mark_sent_by_hand(message_id=mid, by=by), lambda _v: self._changed())

    def ask_opt_out(self, party: str | None = None) -> None:
        """Opt the sender's or recipient's phone out; without ``party`` a small dialog asks whose."""
        if self.detail is None:
            return
        if party is None:
            choices = [self.tr("Recipient"), self.tr("Sender")]
            dialog = QInputDialog(self)
            dialog.setObjectName("caseOptOutDialog")
            dialog.setWindowTitle(self.tr("Asked not to be messaged"))
            dialog.setLabelText(self.tr("Who asked for no more messages? Their phone gets none from now on."))
            dialog.setComboBoxItems(choices)
            dialog.textValueSelected.connect(
                lambda text: self.ask_opt_out("sender" if text == choices[1] else "recipient"))
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()
            return
        outbox, by, case_id = self.ctx.services.outbox, self.ctx.operator.id, self.detail.id
        run_task(self, lambda: outbox.opt_out_case(case_id=case_id, party=party, by=by), lambda _v: self._changed())

    def _changed(self) -> None:
        if not shiboken6.isValid(self):
            return
        self.reload()
        outbox = getattr(self.window(), "outbox", None)
        if outbox is not None:
            outbox.loop.refresh_counts()
