"""The outbox on the desk window: the status-bar figures, the background sender, the Outbox menu entry.

:class:`OutboxSenderLoop` runs one round of ``services.outbox_sender`` every
:data:`ROUND_MS` in the LONG pool (a gateway time-out never holds up the
database reads of the counter), when the depot setting
``outbox_sender_enabled`` is on; several desks may run it at once, the claim
makes each message go out from one desk only. After each round the status
bar shows how many messages wait and fail, and "offline" while a gateway
cannot be reached: those messages wait and go out when it answers again.
The loop stops when the window closes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow

from depot_app.domain.permissions import Permission
from depot_app.services.outbox import OutboxCounts
from depot_app.services.outbox_sender import DeliveryReport, OutboxSender
from depot_app.ui.common.background import Pool, Ticket, run_task
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.i18n import LanguageManager, translate

log = logging.getLogger(__name__)

#: How often the desk's sender looks for due messages.
ROUND_MS = 30_000
#: The first round after the desk opens (the counter's first reads come first).
FIRST_ROUND_MS = 5_000
#: Attempts per round, so a round (and closing the desk) never waits long on a slow gateway.
ROUND_MESSAGES = 20


@dataclass(frozen=True)
class RoundResult:
    """One round: what the sender did (None when it is switched off) and the figures after it."""

    report: DeliveryReport | None
    counts: OutboxCounts


def status_text(counts: OutboxCounts) -> str:
    """The status bar's words for the outbox ("" when nothing waits or failed)."""
    parts = []
    # The messages retrying after an error are among the waiting ones: each is counted once.
    if counts.waiting - counts.failing:
        parts.append(translate("OutboxStatus", "{0} waiting").format(counts.waiting - counts.failing))
    if counts.failing:
        parts.append(translate("OutboxStatus", "{0} retrying").format(counts.failing))
    if counts.failed:
        parts.append(translate("OutboxStatus", "{0} failed").format(counts.failed))
    if counts.manual:
        parts.append(translate("OutboxStatus", "{0} to send by hand").format(counts.manual))
    if counts.offline:
        parts.append(translate("OutboxStatus", "gateway offline, messages wait"))
    if not parts:
        return ""
    comma = translate("OutboxStatus", ", ", "between the figures")
    return translate("OutboxStatus", "Messages: {0}").format(comma.join(parts))


class OutboxSenderLoop(QObject):
    """The desk's background sender and the outbox figures of the status bar."""

    sig_round_done = Signal(object)
    """Emitted with the :class:`RoundResult` of each round, on the GUI thread."""

    def __init__(self, ctx: DeskContext, label: QLabel, parent: QObject) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.label = label
        self.counts: OutboxCounts | None = None
        self.ticket: Ticket | None = None
        self.stopped = False
        self.timer = QTimer(self)
        self.timer.setInterval(ROUND_MS)
        self.timer.timeout.connect(self.run_round)

    def start(self) -> None:
        self.stopped = False
        self.timer.start()
        self.refresh_counts()
        QTimer.singleShot(FIRST_ROUND_MS, self, self.run_round)

    def stop(self) -> None:
        """No more rounds; a round under way finishes its current message and is not shown."""
        self.stopped = True
        self.timer.stop()
        if self.ticket is not None and not self.ticket.finished:
            self.ticket.drop()
        self.ticket = None  # a dropped round is not this loop's any more

    def running(self) -> bool:
        return self.ticket is not None and not self.ticket.finished

    def run_round(self) -> None:
        """Send what is due (when the setting allows), then refresh the figures."""
        if self.stopped or self.running():
            return
        services = self.ctx.services

        def work() -> RoundResult:
            report = None
            if bool(services.settings.get("outbox_sender_enabled")):
                report = OutboxSender(services.db, services.clock).deliver_once(max_messages=ROUND_MESSAGES)
                if report.attempted or report.held or report.skipped:
                    log.info("Outbox round: %s", report.line())
            return RoundResult(report, services.outbox.counts())

        def failed(exc: BaseException) -> bool:
            log.warning("Outbox round failed: %r", exc)
            return True  # the next round tries again; the status bar keeps the last figures

        self.ticket = run_task(self, work, self._show, failed, key="outbox-round", pool=Pool.LONG)

    def refresh_counts(self) -> None:
        """Only the figures (after a change on the Outbox view or a case)."""
        outbox = self.ctx.services.outbox
        run_task(self, outbox.counts, lambda counts: self._show(RoundResult(None, counts)), key="outbox-counts",
                 pool=Pool.FIGURES)

    def _show(self, result: RoundResult) -> None:
        if not shiboken6.isValid(self.label):
            return
        self.counts = result.counts
        self.retranslate()
        self.sig_round_done.emit(result)

    def retranslate(self) -> None:
        counts = self.counts
        text = status_text(counts) if counts is not None else ""
        self.label.setText(text)
        self.label.setVisible(bool(text))
        alarm = counts is not None and (counts.failed or counts.offline)
        self.label.setStyleSheet("color: #c62828; font-weight: bold;" if alarm else "")
        self.label.setToolTip(translate("OutboxStatus", "Messages to customers; managers see them all in "
                                                        "Desk → Outbox…"))


class OutboxActions(QObject):
    """Desk → Outbox… (managers), the status-bar label and the sender loop of one window."""

    def __init__(self, window: QMainWindow, ctx: DeskContext) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.dialog: QObject | None = None
        self.label = QLabel(window.statusBar())
        self.label.setObjectName("outboxStatusLabel")
        self.label.setVisible(False)
        window.statusBar().addPermanentWidget(self.label)
        self.loop = OutboxSenderLoop(ctx, self.label, self)
        self.action = QAction(window)
        self.action.setObjectName("actionOutbox")
        self.action.triggered.connect(lambda _checked=False: self.open_dialog())
        self.follow_operator()
        menu = getattr(window, "menu_desk", None)
        if menu is not None:
            menu.insertAction(getattr(window, "action_settings", None), self.action)
            # Another operator may have taken the desk since: the entry follows whoever opens the menu.
            menu.aboutToShow.connect(self.follow_operator)
        window.installEventFilter(self)
        self.retranslate()
        LanguageManager.instance().sig_language_changed.connect(self._on_language_changed)

    def follow_operator(self) -> None:
        """Desk → Outbox… shows for managers only."""
        self.action.setVisible(self.ctx.operator.can(Permission.EDIT_SETTINGS))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.loop.stop()
        return False

    def retranslate(self) -> None:
        self.action.setText(translate("OutboxActions", "&Outbox…"))
        self.action.setToolTip(translate("OutboxActions", "Messages to customers: waiting, sent, failed"))
        self.loop.retranslate()

    def _on_language_changed(self, _language: str) -> None:
        if shiboken6.isValid(self):
            self.retranslate()

    def open_dialog(self) -> QObject:
        from depot_app.ui.outbox.outbox_view import OutboxDialog

        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.deleteLater()
        dialog = OutboxDialog(self.ctx, parent=self.window)
        dialog.sig_changed.connect(self.loop.refresh_counts)
        self.dialog = dialog
        dialog.open()
        return dialog


def install_outbox(window: QMainWindow) -> OutboxActions:
    """Desk → Outbox…, the outbox figures in the status bar and the desk's background sender."""
    actions = OutboxActions(window, window.ctx)  # type: ignore[attr-defined]
    first_rows = getattr(window, "first_rows", None)  # the queue's first rows come first
    if first_rows is not None:
        first_rows.later("outbox", actions.loop.start)
    else:
        actions.loop.start()
    return actions
