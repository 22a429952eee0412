"""The Outbox view for managers: every message to customers, with filters and the manager's actions.

Filters by state, channel, queued date and case number; *Retry now* on a
waiting or failed message, *Sent by hand* on a manual one, *Opt a phone out*
and *Import replies…* (the SMS gateway's upstream-reply export: every T/退订
reply opts its phone out). Everything is read and written off the GUI thread.
"""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

import shiboken6
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.clock import to_utc
from depot_app.domain.notifications import Channel, MessageState
from depot_app.services.opt_out_import import OptOutImportResult, import_opt_outs
from depot_app.services.outbox import MessageView, OutboxFilter
from depot_app.ui.common.background import run_task
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.files import choose_open_path
from depot_app.ui.common.formatting import depot_timezone
from depot_app.ui.common.i18n import LanguageManager, RetranslatesOnLanguageChange, current_language
from depot_app.ui.outbox.outbox_model import COL_ERROR, COL_EVENT, OutboxModel, error_text


class OutboxDialog(RetranslatesOnLanguageChange, QDialog):
    """Messages to customers, newest first, for the manager."""

    sig_changed = Signal()
    """Emitted after a retry, a tick-off or an opt-out changed the outbox."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outboxDialog")
        self.ctx = ctx
        self.model = OutboxModel(self)
        self.last_import: OptOutImportResult | None = None
        self._build()
        self.retranslate()
        LanguageManager.instance().sig_language_changed.connect(self._on_language_changed)
        self.resize(1200, 680)
        self.reload()

    # ------------------------------------------------------------------ build
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.state_filter = QComboBox(self)
        self.state_filter.setObjectName("outboxStateFilter")
        self.channel_filter = QComboBox(self)
        self.channel_filter.setObjectName("outboxChannelFilter")
        self.use_dates = QCheckBox(self)
        self.use_dates.setObjectName("outboxUseDates")
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-7), self)
        self.date_from.setObjectName("outboxDateFrom")
        self.date_to = QDateEdit(today, self)
        self.date_to.setObjectName("outboxDateTo")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.use_dates.toggled.connect(self.date_from.setEnabled)
        self.use_dates.toggled.connect(self.date_to.setEnabled)
        self.case_filter = QLineEdit(self)
        self.case_filter.setObjectName("outboxCaseFilter")
        self.case_filter.returnPressed.connect(self.reload)
        self.filter_labels = [QLabel(self) for _ in range(3)]
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("outboxRefresh")
        self.refresh_button.clicked.connect(self.reload)
        for label, widget in zip(self.filter_labels, (self.state_filter, self.channel_filter, self.case_filter),
                                 strict=True):
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.date_from)
        self.dash = QLabel("–", self)
        filters.addWidget(self.dash)
        filters.addWidget(self.date_to)
        filters.addStretch(1)
        filters.addWidget(self.refresh_button)
        layout.addLayout(filters)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.table = QTableView(splitter)
        self.table.setObjectName("outboxTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for col, width in enumerate((130, 150, 170, 80, 120, 150, 60, 260, 130)):
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(COL_ERROR, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.text_view = QPlainTextEdit(splitter)
        self.text_view.setObjectName("outboxText")
        self.text_view.setReadOnly(True)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)

        actions = QHBoxLayout()
        self.retry_button = QPushButton(self)
        self.retry_button.setObjectName("outboxRetry")
        self.retry_button.clicked.connect(self.retry_selected)
        self.tick_button = QPushButton(self)
        self.tick_button.setObjectName("outboxTickOff")
        self.tick_button.clicked.connect(self.tick_off_selected)
        self.opt_out_button = QPushButton(self)
        self.opt_out_button.setObjectName("outboxOptOut")
        self.opt_out_button.clicked.connect(lambda: self.ask_opt_out())
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("outboxImportReplies")
        self.import_button.clicked.connect(lambda: self.choose_reply_file())
        self.result_label = QLabel(self)
        self.result_label.setObjectName("outboxResult")
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("outboxClose")
        self.close_button.clicked.connect(self.accept)
        for button in (self.retry_button, self.tick_button, self.opt_out_button, self.import_button):
            actions.addWidget(button)
        actions.addWidget(self.result_label, 1)
        actions.addWidget(self.close_button)
        layout.addLayout(actions)
        self._show_selected()

    def retranslate(self) -> None:
        language = current_language()
        self.setWindowTitle(self.tr("Outbox: messages to customers"))
        for label, text in zip(self.filter_labels, (self.tr("State:"), self.tr("Channel:"), self.tr("Case no.:")),
                               strict=True):
            label.setText(text)
        for combo, values in ((self.state_filter, list(MessageState)), (self.channel_filter, list(Channel))):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("All"), None)
            for value in values:
                combo.addItem(value.label(language), value)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)
        self.case_filter.setPlaceholderText(self.tr("part of a case number"))
        self.use_dates.setText(self.tr("Queued from"))
        self.refresh_button.setText(self.tr("Show"))
        self.retry_button.setText(self.tr("Retry now"))
        self.retry_button.setToolTip(self.tr("Send this waiting or failed message at the sender's next round, "
                                             "even in quiet hours"))
        self.tick_button.setText(self.tr("Sent by hand"))
        self.tick_button.setToolTip(self.tr("You sent this message yourself: tick it off as sent"))
        self.opt_out_button.setText(self.tr("Opt a phone out…"))
        self.opt_out_button.setToolTip(self.tr("This phone or e-mail address gets no more messages"))
        self.import_button.setText(self.tr("Import replies…"))
        self.import_button.setToolTip(self.tr(
            "Read the SMS gateway's reply export (.xlsx or .csv): every reply T, TD, N or 退订 opts its phone out"))
        self.close_button.setText(self.tr("Close"))
        self.table.setAccessibleName(self.tr("Messages to customers"))
        self.model.retranslate()
        self._show_selected()

    # ------------------------------------------------------------------- load
    def current_filter(self) -> OutboxFilter:
        """The filter the bar describes (dates are the depot's calendar days, both included)."""
        since = until = None
        if self.use_dates.isChecked():
            tz = depot_timezone()
            since = to_utc(datetime.combine(self.date_from.date().toPython(), time(0, 0)), tz)
            until = to_utc(datetime.combine(self.date_to.date().addDays(1).toPython(), time(0, 0)), tz)
        return OutboxFilter(state=self.state_filter.currentData(), channel=self.channel_filter.currentData(),
                            case_no=self.case_filter.text(), since=since, until=until)

    def reload(self) -> None:
        outbox, flt = self.ctx.services.outbox, self.current_filter()
        selected = self.selected()
        keep = selected.id if selected is not None else None

        def show(rows: list[MessageView]) -> None:
            self.model.set_rows(rows)
            row = self.model.row_of(keep) if keep is not None else -1
            if row >= 0:
                self.table.selectRow(row)
            self._show_selected()

        run_task(self, lambda: outbox.messages(flt), show, key="outbox")

    # ---------------------------------------------------------------- actions
    def selected(self) -> MessageView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.message_at(rows[0].row()) if rows else None

    def select_message(self, message_id: int) -> None:
        row = self.model.row_of(message_id)
        if row >= 0:
            self.table.selectRow(row)

    def _show_selected(self) -> None:
        m = self.selected()
        self.retry_button.setEnabled(m is not None and m.channel is not Channel.MANUAL
                                     and m.state in (MessageState.PENDING, MessageState.FAILED))
        self.tick_button.setEnabled(m is not None and m.channel is Channel.MANUAL
                                    and m.state is MessageState.PENDING)
        if m is None:
            self.text_view.setPlainText("")
            return
        lines = [f"{self.model.data(self.model.index(self.model.row_of(m.id), COL_EVENT))} · {m.to_masked}"]
        if m.subject:
            lines.append(m.subject)
        lines.append(m.body)
        error = error_text(m)
        if error:
            lines.append(self.tr("Last error: {0}").format(error))
        self.text_view.setPlainText("\n".join(lines))

    def _after_change(self, text: str) -> None:
        if not shiboken6.isValid(self):
            return
        self.result_label.setText(text)
        self.sig_changed.emit()
        self.reload()

    def retry_selected(self) -> None:
        m = self.selected()
        if m is None:
            return
        outbox, by, mid = self.ctx.services.outbox, self.ctx.operator.id, m.id
        run_task(self, lambda: outbox.retry_now(message_id=mid, by=by),
                 lambda _v: self._after_change(self.tr("Message {0} goes out at the next round.").format(mid)))

    def tick_off_selected(self) -> None:
        m = self.selected()
        if m is None:
            return
        outbox, by, mid = self.ctx.services.outbox, self.ctx.operator.id, m.id
        run_task(self, lambda: outbox.mark_sent_by_hand(message_id=mid, by=by),
                 lambda _v: self._after_change(self.tr("Message {0} ticked off as sent by hand.").format(mid)))

    def ask_opt_out(self, address: str | None = None) -> None:
        """Opt a phone or address out; without ``address`` a small dialog asks for it."""
        if address is None:
            dialog = QInputDialog(self)
            dialog.setObjectName("outboxOptOutDialog")
            dialog.setWindowTitle(self.tr("Opt a phone out"))
            dialog.setLabelText(self.tr("Phone or e-mail address that gets no more messages:"))
            dialog.textValueSelected.connect(lambda text: self.ask_opt_out(text) if text.strip() else None)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()
            return
        outbox, by = self.ctx.services.outbox, self.ctx.operator.id
        run_task(self, lambda: outbox.opt_out(address=address, by=by, reason="asked the depot"),
                 lambda masked: self._after_change(self.tr("{0} gets no more messages.").format(masked)))

    def choose_reply_file(self) -> None:
        choose_open_path(self, self.tr("Import the SMS gateway's replies"), Path.home(),
                         self.tr("Reply exports (*.xlsx *.csv)"), self.import_replies)

    def import_replies(self, path: Path) -> None:
        outbox, by = self.ctx.services.outbox, self.ctx.operator.id

        def done(result: OptOutImportResult) -> None:
            self.last_import = result
            self._after_change(self.tr("{0} replies read, {1} phones opted out, {2} rows without a mobile "
                                       "number.").format(result.replies, len(result.opted_out),
                                                         len(result.not_mobile)))

        run_task(self, lambda: import_opt_outs(outbox, path=path, by=by), done)
