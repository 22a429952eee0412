"""Notify the customer on purpose: choose the notice and the channel, see the message, then queue it.

The preview is what :meth:`OutboxService.preview` says would go out (the
address masked, characters and SMS parts, the hold until quiet hours end,
or the rule that forbids it); *Send* queues exactly that through
:meth:`OutboxService.send_to_case`. "Send now" lets it go even in quiet hours.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.notifications import Channel, NoticeEvent
from depot_app.services.outbox import MessageView, OutboxService, Preview, refusal_text
from depot_app.ui.common.background import run_task
from depot_app.ui.common.formatting import format_local
from depot_app.ui.common.i18n import RetranslatesOnLanguageChange, current_language


class NotifyDialog(RetranslatesOnLanguageChange, QDialog):
    """The preview before a clerk-triggered message; non-blocking (``open()``)."""

    sig_sent = Signal(object)
    """Emitted with the queued :class:`MessageView`."""

    def __init__(self, outbox: OutboxService, *, case_id: int, case_no: str, by: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notifyDialog")
        self.outbox = outbox
        self.case_id = case_id
        self.case_no = case_no
        self.by = by
        self.preview: Preview | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.event_box = QComboBox(self)
        self.event_box.setObjectName("notifyEvent")
        self.channel_box = QComboBox(self)
        self.channel_box.setObjectName("notifyChannel")
        self.now_box = QCheckBox(self)
        self.now_box.setObjectName("notifySendNow")
        self.to_label = QLabel(self)
        self.to_label.setObjectName("notifyTo")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("notifyCount")
        self.text_view = QPlainTextEdit(self)
        self.text_view.setObjectName("notifyText")
        self.text_view.setReadOnly(True)
        self.hold_label = QLabel(self)
        self.hold_label.setObjectName("notifyHold")
        self.hold_label.setWordWrap(True)
        self.labels = [QLabel(self) for _ in range(5)]
        for label, field in zip(self.labels, (self.event_box, self.channel_box, self.to_label, self.count_label,
                                              self.text_view), strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow(self.now_box)
        form.addRow(self.hold_label)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(self)
        self.send_button = QPushButton(self)
        self.send_button.setObjectName("notifySend")
        self.send_button.setEnabled(False)
        self.buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("notifyCancel")
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.send_button.clicked.connect(self.send)
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.event_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.channel_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.now_box.toggled.connect(lambda _c: self._show_preview())
        self.resize(560, 420)
        self.refresh()

    def retranslate(self) -> None:
        language = current_language()
        self.setWindowTitle(self.tr("Notify the customer: {0}").format(self.case_no))
        for combo, values in ((self.event_box, list(NoticeEvent)), (self.channel_box, list(Channel))):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for value in values:
                combo.addItem(value.label(language), value)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)
        for label, text in zip(self.labels, (self.tr("Notice:"), self.tr("Channel:"), self.tr("To:"),
                                             self.tr("Length:"), self.tr("Message:")), strict=True):
            label.setText(text)
        self.now_box.setText(self.tr("Send now, even in quiet hours"))
        self.send_button.setText(self.tr("Send"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._show_preview()

    def notice_event(self) -> NoticeEvent:
        return self.event_box.currentData() or NoticeEvent.REGISTERED

    def channel(self) -> Channel:
        return self.channel_box.currentData() or Channel.SMS

    def choose(self, event: NoticeEvent, channel: Channel) -> None:
        self.event_box.setCurrentIndex(self.event_box.findData(event))
        self.channel_box.setCurrentIndex(self.channel_box.findData(channel))

    def refresh(self) -> None:
        """Ask the outbox what the chosen notice would say (off the GUI thread)."""
        outbox, case_id, event, channel = self.outbox, self.case_id, self.notice_event(), self.channel()
        self.send_button.setEnabled(False)
        run_task(self, lambda: outbox.preview(case_id=case_id, event=event, channel=channel), self._on_preview,
                 key="preview")

    def _on_preview(self, preview: Preview) -> None:
        self.preview = preview
        self._show_preview()

    def _show_preview(self) -> None:
        p = self.preview
        if p is None:
            return
        language = current_language()
        self.to_label.setText(p.to_masked or "—")
        if p.channel in (Channel.SMS, Channel.MANUAL):
            self.count_label.setText(self.tr("{0} characters, {1} SMS").format(p.chars, p.parts))
        else:
            self.count_label.setText(self.tr("{0} characters").format(len(p.body)))
        self.text_view.setPlainText(f"{p.subject}\n\n{p.body}" if p.subject else p.body)
        if p.refusal:
            self.hold_label.setText(self.tr("Cannot be sent: {0}").format(refusal_text(p.refusal, language)))
            self.hold_label.setStyleSheet("color: #c62828; font-weight: bold;")
        elif p.held_until is not None and not self.now_box.isChecked():
            self.hold_label.setText(self.tr("Quiet hours: held until {0}, unless you send now.").format(
                format_local(p.held_until)))
            self.hold_label.setStyleSheet("color: #b26a00;")
        elif p.channel is Channel.MANUAL:
            self.hold_label.setText(self.tr("Send it yourself, then tick it off on the case's messages."))
            self.hold_label.setStyleSheet("")
        else:
            self.hold_label.setText(self.tr("Goes out at the sender's next round."))
            self.hold_label.setStyleSheet("")
        self.send_button.setEnabled(not p.refusal)

    def send(self) -> None:
        if self.preview is None or self.preview.refusal:
            return
        outbox, case_id, by = self.outbox, self.case_id, self.by
        event, channel, now = self.notice_event(), self.channel(), self.now_box.isChecked()
        self.send_button.setEnabled(False)

        def done(message: MessageView) -> None:
            if shiboken6.isValid(self):
                self.sig_sent.emit(message)
                self.accept()

        def failed(_exc: BaseException) -> bool:
            if shiboken6.isValid(self):
                self.send_button.setEnabled(True)
            return False

        run_task(self, lambda: outbox.send_to_case(case_id=case_id, event=event, channel=channel, by=by,
                                                   send_now=now), done, failed)
