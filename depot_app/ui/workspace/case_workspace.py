"""One case, in its own tab of the main window: header, status moves and the case's tabs.

The workspace owns the :class:`CaseDetail` on screen. Every change, from any
tab, goes through :meth:`CaseWorkspace.perform`: the service call runs off the
GUI thread (``run_task``), the fresh detail it returns is shown everywhere,
and ``sig_case_changed`` tells the queue. A :class:`StaleEditError` (the case
changed at another desk) is shown by the error presenter and the workspace
reloads, so the clerk decides again on the current state.

Shortcuts (active while the workspace is the visible tab):

* **Ctrl+L** — Contacts tab, cursor on the contact form;
* **Ctrl+R** — Resolution tab, cursor on what the case waits for;
* **Ctrl+E** — Close tab, cursor on the final outcome (or on the reopen reason);
* **Alt+1 … Alt+6** — Facts, Contacts, Evidence, Resolution, Close, Timeline;
* **Ctrl+V** on the Evidence tab — paste a picture (or copied photo files) into the case.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.errors import StaleEditError
from depot_app.domain.lifecycle import allowed_from
from depot_app.domain.permissions import Permission
from depot_app.domain.views import CaseDetail, OperatorView
from depot_app.domain.vocabulary import CaseStatus
from depot_app.services.queries import CaseStamp, stamp_of
from depot_app.ui.common.background import run_task
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.i18n import LanguageManager, current_language
from depot_app.ui.common.widgets import ReasonDialog
from depot_app.ui.workspace.case_header import CaseHeader
from depot_app.ui.workspace.close_tab import CloseTab
from depot_app.ui.workspace.contacts_tab import ContactsTab
from depot_app.ui.workspace.facts_tab import FactsTab
from depot_app.ui.workspace.tab_common import DUE_SOON_COLOR
from depot_app.ui.workspace.timeline_tab import TimelineTab
from depot_app.ui.workspace.tracking_tab import TrackingTab

log = logging.getLogger(__name__)

#: Status moves offered as header buttons (closing, reopening and cancelling have their own).
STATUS_MOVES = (CaseStatus.VERIFYING, CaseStatus.INVESTIGATING, CaseStatus.AWAITING_CUSTOMER)

TAB_FACTS, TAB_CONTACTS, TAB_EVIDENCE, TAB_RESOLUTION, TAB_CLOSE, TAB_TIMELINE, TAB_TRACKING = range(7)


class CaseWorkspace(QWidget):
    """Everything about one case and every action on it."""

    sig_case_changed = Signal(int)
    """Emitted with the case id after a change to the case was saved."""
    sig_title_changed = Signal(str)
    """Emitted with the tab title (the case number) when it changes."""

    def __init__(self, ctx: DeskContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseWorkspace")
        self.ctx = ctx
        self.case_id = case_id
        self.detail: CaseDetail | None = None
        self._operators: list[OperatorView] = []
        self._title = ""
        self._busy = False
        self.reason_dialog: ReasonDialog | None = None
        self._build()
        self.retranslate()
        self._timer = QTimer(self)
        self._timer.setInterval(30_000)
        self._timer.timeout.connect(self.refresh_countdowns)
        self._timer.start()
        # A language switch without a translator change (e.g. to English, or to
        # Chinese before the .qm is built) sends no LanguageChange event.
        LanguageManager.instance().sig_language_changed.connect(self._on_language_changed)
        self.reload()

    # ------------------------------------------------------------------ build
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.setSpacing(6)

        # Shown instead of reloading when another desk changed the case while
        # the clerk has unsaved edits here: their input stays until they choose.
        self.remote_banner = QFrame(self)
        self.remote_banner.setObjectName("wsRemoteBanner")
        self.remote_banner.setStyleSheet("#wsRemoteBanner { background: #fff4e0; border: 1px solid #e0a030; "
                                         "border-radius: 4px; }")
        banner_row = QHBoxLayout(self.remote_banner)
        banner_row.setContentsMargins(10, 6, 10, 6)
        self.remote_text = QLabel(self.remote_banner)
        self.remote_text.setObjectName("wsRemoteText")
        self.remote_text.setWordWrap(True)
        self.remote_text.setStyleSheet(f"color: {DUE_SOON_COLOR}; font-weight: bold;")
        self.remote_reload_button = QPushButton(self.remote_banner)
        self.remote_reload_button.setObjectName("wsRemoteReload")
        self.remote_reload_button.clicked.connect(self.reload_discarding_edits)
        banner_row.addWidget(self.remote_text, 1)
        banner_row.addWidget(self.remote_reload_button)
        self.remote_banner.setVisible(False)
        outer.addWidget(self.remote_banner)

        self.header = CaseHeader(self.ctx, self)
        header = self.header
        # The header's labels, under the names the rest of the desk knows them by.
        self.case_no_label, self.status_label = header.case_no_label, header.status_label
        self.kind_label, self.priority_label = header.kind_label, header.priority_label
        self.due_label = header.due_label
        self.tracking_label, self.carrier_label = header.tracking_label, header.carrier_label
        self.assignee_label, self.reported_label = header.assignee_label, header.reported_label
        self.first_response_label = header.first_response_label

        row3 = header.actions_row
        self.move_buttons: dict[CaseStatus, QPushButton] = {}
        for status, name in zip(STATUS_MOVES, ("wsVerify", "wsInvestigate", "wsAwaitCustomer"), strict=True):
            button = QPushButton(header)
            button.setObjectName(name)
            button.clicked.connect(lambda _c=False, s=status: self.move_to(s))
            self.move_buttons[status] = button
            row3.addWidget(button)
        row3.addStretch(1)
        self.close_action_button = QPushButton(header)
        self.close_action_button.setObjectName("wsCloseCase")
        self.close_action_button.clicked.connect(self.go_to_close)
        self.reopen_button = QPushButton(header)
        self.reopen_button.setObjectName("reopenButton")
        self.reopen_button.clicked.connect(lambda: self.request_reopen(None))
        self.cancel_button = QPushButton(header)
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.clicked.connect(self.request_cancel)
        for button in (self.close_action_button, self.reopen_button, self.cancel_button):
            row3.addWidget(button)
        outer.addWidget(header)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("wsTabs")
        self.facts = FactsTab(self, self.tabs)
        self.facts.setObjectName("wsFactsTab")
        self.facts.sig_reveal_requested.connect(self.reveal_phones)
        self.contacts = ContactsTab(self, self.tabs)
        self.contacts.setObjectName("wsContactsTab")
        from depot_app.ui.evidence.evidence_tab import EvidenceTab
        from depot_app.ui.workspace.resolution_panel import ResolutionPanel

        self.evidence = EvidenceTab(self, self.tabs)
        self.resolution = ResolutionPanel(self.ctx, self.tabs)
        self.resolution.sig_case_updated.connect(self._on_panel_update)
        self.close_tab = CloseTab(self, self.tabs)
        self.close_tab.setObjectName("wsCloseTab")
        self.timeline = TimelineTab(self.tabs)
        self.timeline.setObjectName("wsTimelineTab")
        from depot_app.ui.outbox.case_messages import CaseMessages

        self.messages = CaseMessages(self, self.timeline)
        self.timeline.add_part(self.messages)
        self.tracking = TrackingTab(self, self.tabs)
        self.tracking.setObjectName("wsTrackingTab")
        for widget in (self.facts, self.contacts, self.evidence, self.resolution, self.close_tab, self.timeline,
                       self.tracking):
            self.tabs.addTab(widget, "")
        outer.addWidget(self.tabs, 1)
        self._set_actions_enabled(False)

        def shortcut(keys: str, slot: Callable[[], None]) -> QShortcut:
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)  # only while this tab is visible
            sc.activated.connect(slot)
            return sc

        self.shortcut_contacts = shortcut("Ctrl+L", self.go_to_contact_form)
        self.shortcut_close = shortcut("Ctrl+E", self.go_to_close)
        self.shortcut_resolution = shortcut("Ctrl+R", self.go_to_resolution)
        self.tab_shortcuts = [shortcut(f"Alt+{i + 1}", self._tab_switcher(i)) for i in range(self.tabs.count())]

    def _tab_switcher(self, index: int) -> Callable[[], None]:
        return lambda: self.tabs.setCurrentIndex(index)

    # --------------------------------------------------------------- language
    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Case workspace"))
        texts = {CaseStatus.VERIFYING: (self.tr("Verify"), self.tr("Move the case to verifying (核实)")),
                 CaseStatus.INVESTIGATING: (self.tr("Investigate"), self.tr("Move the case to investigating (调查)")),
                 CaseStatus.AWAITING_CUSTOMER: (self.tr("Awaiting customer"),
                                                self.tr("Mark the case as waiting for the customer's answer"))}
        for status, button in self.move_buttons.items():
            text, accessible = texts[status]
            button.setText(text)
            button.setAccessibleName(accessible)
        self.close_action_button.setText(self.tr("Close case… (Ctrl+E)"))
        self.close_action_button.setAccessibleName(self.tr("Go to the Close tab to close the case"))
        self.reopen_button.setText(self.tr("Reopen…"))
        self.reopen_button.setAccessibleName(self.tr("Reopen the case, with a reason"))
        self.cancel_button.setText(self.tr("Cancel case…"))
        self.cancel_button.setAccessibleName(self.tr("Cancel a case registered in error, with a reason"))
        self.tabs.setAccessibleName(self.tr("Case sections"))
        self.remote_text.setText(self.tr("This case was changed at another desk. Save: your entries are laid "
                                         "over the new state for you to check and save again. Reload: your "
                                         "entries are discarded."))
        self.remote_reload_button.setText(self.tr("Reload"))
        self.remote_reload_button.setToolTip(self.tr("Show the case as it is now; unsaved edits here are discarded"))
        self.remote_reload_button.setAccessibleName(self.tr("Reload the case changed at another desk"))
        for index, text in ((TAB_FACTS, self.tr("Facts")), (TAB_CONTACTS, self.tr("Contacts")),
                            (TAB_EVIDENCE, self.tr("Evidence")), (TAB_RESOLUTION, self.tr("Resolution")),
                            (TAB_CLOSE, self.tr("Close")), (TAB_TIMELINE, self.tr("Timeline")),
                            (TAB_TRACKING, self.tr("Tracking"))):
            self.tabs.setTabText(index, text)
            self.tabs.setTabToolTip(index, f"Alt+{index + 1}")
        self.header.retranslate(self.detail)
        if self.detail is not None:
            self._update_actions(self.detail)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_language_changed(self, _language: str) -> None:
        if not shiboken6.isValid(self):
            return
        for tab in (self.facts, self.contacts, self.close_tab, self.timeline):
            tab.retranslate()
        self.retranslate()

    # ---------------------------------------------------------------- public
    def title(self) -> str:
        """The tab title: the case number once loaded."""
        return self._title or self.tr("Case #{0}").format(self.case_id)

    def operators(self) -> list[OperatorView]:
        return list(self._operators)

    def reload(self, *, live: bool = False, then: Callable[[], None] | None = None) -> None:
        """Read the case again (off the GUI thread) and show it; revealed phones are masked again.

        ``live``: a reload because another desk changed the case — phones the
        clerk revealed stay revealed if they did not change.
        """
        services = self.ctx.services
        case_id = self.case_id

        def load() -> tuple[CaseDetail, list[OperatorView], dict[str, Any]]:
            settings = services.settings.all()
            depot = {"depot_name": str(settings.get("depot_name") or ""),
                     "depot_phone": str(settings.get("depot_phone") or "")}
            return services.cases.detail(case_id), services.queries.operators(), depot

        def show(result: tuple[CaseDetail, list[OperatorView], dict[str, Any]]) -> None:
            detail, operators, depot = result
            self._operators = operators
            self.timeline.set_operators(operators)
            self.contacts.depot_facts = depot
            previous = self.detail
            keep = (live and previous is not None and self.facts.revealed is not None
                    and (previous.parcel.sender_phone, previous.parcel.recipient_phone,
                         previous.reporter_contact)
                    == (detail.parcel.sender_phone, detail.parcel.recipient_phone, detail.reporter_contact))
            self.apply_detail(detail, keep_revealed=keep)
            if then is not None:
                then()

        run_task(self, load, show, key="detail")

    # ------------------------------------------------------- other desks
    def has_unsaved_edits(self) -> bool:
        """Whether reloading would throw away what the clerk is editing.

        The Facts edit form is filled from the case when it opens, so a reload
        under it would leave stale values to be saved over the other desk's.
        Text typed in the contact, resolution and close forms survives a
        reload of the same case, so those tabs can be refreshed underneath.
        """
        return self.facts.is_editing()

    def remote_change_pending(self) -> bool:
        """Whether the banner says the case changed elsewhere."""
        return not self.remote_banner.isHidden()

    def on_stamp(self, stamp: CaseStamp | None) -> None:
        """The case's current stamp in the database (after some desk changed something).

        Reloads when it differs from what is shown; with unsaved edits, shows
        the banner instead (saving then meets the usual stale-edit refusal).
        """
        if stamp is None or self.detail is None or self._busy:
            return  # gone, still loading, or our own change is on its way back
        if stamp == stamp_of(self.detail):
            return
        if self.has_unsaved_edits():
            self.remote_banner.setVisible(True)
            return
        self.reload(live=True)

    def reload_discarding_edits(self) -> None:
        """The banner's Reload: leave the edit form and show the case as it is now."""
        self.facts.stop_editing()
        self.reload()

    def apply_detail(self, detail: CaseDetail, *, keep_revealed: bool = False) -> None:
        """Show ``detail`` in the header and every tab."""
        self.detail = detail
        self.remote_banner.setVisible(False)
        self.header.show_case(detail)
        self._update_actions(detail)
        self.facts.set_case(detail, keep_revealed=keep_revealed)
        self.contacts.set_case(detail)
        self.evidence.set_case(detail)
        self.resolution.set_case(detail)
        self.close_tab.set_case(detail)
        self.timeline.set_case(detail)
        self.messages.set_case(detail)
        self.tracking.set_case(detail)
        if detail.case_no != self._title:
            self._title = detail.case_no
            self.sig_title_changed.emit(self._title)

    def perform(self, work: Callable[[], CaseDetail], *,
                on_done: Callable[[CaseDetail], None] | None = None,
                on_error: Callable[[BaseException], None] | None = None) -> None:
        """Run one change to the case off the GUI thread; show and announce the result.

        Errors go to the presenter; a stale edit also reloads the case.
        """
        if self._busy:
            return  # one change at a time: a double click must not save twice
        self._busy = True

        def done(detail: CaseDetail) -> None:
            if not shiboken6.isValid(self):
                return  # the tab was closed while the change was saved
            self._busy = False
            self.apply_detail(detail)
            self.sig_case_changed.emit(self.case_id)
            if on_done is not None:
                on_done(detail)

        def failed(exc: BaseException) -> bool:
            if not shiboken6.isValid(self):
                return False
            self._busy = False
            if on_error is not None:
                on_error(exc)
            if isinstance(exc, StaleEditError):
                # What the clerk typed is laid over the fresh state (fields they did not
                # touch show the other desk's values), to check and save again.
                edits = self.facts.edited_texts() if self.facts.is_editing() else {}
                self.facts.stop_editing()
                self.reload(live=bool(edits),
                            then=(lambda: self.facts.resume_editing(edits)) if edits else None)
            return False  # the presenter shows it

        run_task(self, work, done, failed)

    def refresh_countdowns(self) -> None:
        """Recompute the header's due-in texts from the clock (every 30 s and after each change)."""
        if self.detail is not None:
            self.header.refresh_countdowns(self.detail)

    # -------------------------------------------------------------- actions
    def role_block(self) -> str:
        """Why this operator's role may not work on the case ("" when it may)."""
        op = self.ctx.operator
        if op.can(Permission.WORK_CASES):
            return ""
        return self.tr("As a {0} you register cases, add photos and log contacts; a clerk or manager "
                       "does the rest").format(op.role.label(current_language()))

    def blocked_reason(self, target: CaseStatus) -> str:
        """Why the case cannot move to ``target`` now ("" when it can)."""
        d = self.detail
        if d is None:
            return self.tr("The case is still loading")
        if self.role_block():
            return self.role_block()
        current = d.status
        lang = current_language()
        if target is CaseStatus.INVESTIGATING and not current.is_open:
            return ""  # reopening: handled by the Reopen button
        if current is target:
            return self.tr("The case is already {0}").format(current.label(lang))
        if target in allowed_from(current):
            return ""
        if current is CaseStatus.CLOSED:
            return self.tr("A closed case must be reopened first")
        if current is CaseStatus.CANCELLED:
            return self.tr("A cancelled case must be reopened first")
        if current is CaseStatus.AWAITING_APPROVAL:
            if target is CaseStatus.CLOSED:
                return self.tr("The compensation waits for a manager's approval; it cannot be closed yet")
            return self.tr("A manager must approve or reject the compensation first")
        if current is CaseStatus.IN_PROGRESS:
            if target is CaseStatus.CANCELLED:
                return self.tr("Work on the resolution is under way: close the case instead of cancelling it")
            return self.tr("Work on the resolution is under way: close the case, or choose another "
                           "resolution on the Resolution tab")
        if current is CaseStatus.RESOLUTION_CHOSEN and target is CaseStatus.VERIFYING:
            return self.tr("A resolution is already chosen: move back to Investigating to check facts again")
        return self.tr("Not possible while the case is {0}").format(current.label(lang))

    def _set_actions_enabled(self, enabled: bool) -> None:
        for button in (*self.move_buttons.values(), self.close_action_button, self.reopen_button,
                       self.cancel_button):
            button.setEnabled(enabled)

    def _update_actions(self, d: CaseDetail) -> None:
        hints = {CaseStatus.VERIFYING: self.tr("Check the facts against the waybill"),
                 CaseStatus.INVESTIGATING: self.tr("Trace the parcel: scans, hand-overs, sign-for records"),
                 CaseStatus.AWAITING_CUSTOMER: self.tr("Waiting for the sender or recipient to answer")}
        for status, button in self.move_buttons.items():
            reason = self.blocked_reason(status) if d.is_open or self.role_block() else (
                self.tr("A closed case must be reopened first") if d.status is CaseStatus.CLOSED
                else self.tr("A cancelled case must be reopened first"))
            button.setEnabled(not reason)
            button.setToolTip(reason or hints[status])
        close_reason = self.blocked_reason(CaseStatus.CLOSED)
        if d.status is CaseStatus.CLOSED and not close_reason:
            close_reason = self.tr("The case is already closed")
        self.close_action_button.setEnabled(not close_reason)
        self.close_action_button.setToolTip(
            close_reason or self.tr("Record the final outcome on the Close tab (Ctrl+E)"))
        reopen_reason = self.role_block() or (
            "" if not d.is_open else self.tr("Only a closed or cancelled case can be reopened"))
        self.reopen_button.setEnabled(not reopen_reason)
        self.reopen_button.setToolTip(reopen_reason or self.tr("Reopen the case; a reason is required"))
        cancel_reason = self.blocked_reason(CaseStatus.CANCELLED)
        self.cancel_button.setEnabled(not cancel_reason)
        self.cancel_button.setToolTip(
            cancel_reason or self.tr("Cancel a case registered in error; a reason is required"))

    def move_to(self, status: CaseStatus) -> None:
        """Verify / investigate / await the customer."""
        d = self.detail
        if d is None:
            return
        cases, by, case_id, version = self.ctx.services.cases, self.ctx.operator.id, d.id, d.version
        self.perform(lambda: cases.set_status(case_id=case_id, expected_version=version, status=status, by=by))

    def go_to_contact_form(self) -> None:
        """Ctrl+L: the contact form, ready to type."""
        self.tabs.setCurrentWidget(self.contacts)
        self.contacts.focus_form()

    def go_to_resolution(self) -> None:
        """Ctrl+R: the Resolution tab, cursor on what the case waits for."""
        self.tabs.setCurrentWidget(self.resolution)
        self.resolution.focus_first()

    def go_to_close(self) -> None:
        """Ctrl+E: the Close tab, cursor on the outcome (or the reopen reason)."""
        self.tabs.setCurrentWidget(self.close_tab)
        self.close_tab.focus_first()

    def _ask_reason(self, title: str, prompt: str, then: Callable[[str], None]) -> None:
        if self.reason_dialog is not None:
            self.reason_dialog.deleteLater()
        dialog = ReasonDialog(title, prompt, self)
        dialog.sig_reason_given.connect(then)
        self.reason_dialog = dialog
        dialog.open()

    def request_reopen(self, reason: str | None = None) -> None:
        """Reopen the case; without ``reason`` a small dialog asks for one first."""
        d = self.detail
        if d is None:
            return
        if reason is None or not reason.strip():
            self._ask_reason(self.tr("Reopen {0}").format(d.case_no),
                             self.tr("Why is the case reopened? The reason is recorded on the timeline."),
                             lambda text: self.request_reopen(text))
            return
        cases, by, case_id, version = self.ctx.services.cases, self.ctx.operator.id, d.id, d.version
        self.perform(lambda: cases.reopen_case(case_id=case_id, reason=reason, by=by, expected_version=version))

    def request_cancel(self) -> None:
        """Cancel a case registered in error, after asking why."""
        d = self.detail
        if d is None:
            return
        cases, by, case_id, version = self.ctx.services.cases, self.ctx.operator.id, d.id, d.version
        self._ask_reason(self.tr("Cancel {0}").format(d.case_no),
                         self.tr("Why is the case cancelled (e.g. registered in error)? "
                                 "The reason is recorded on the timeline."),
                         lambda text: self.perform(lambda: cases.cancel_case(
                             case_id=case_id, reason=text, by=by, expected_version=version)))

    def reveal_phones(self) -> None:
        """Show the full phone numbers; the service records who looked."""
        d = self.detail
        if d is None:
            return
        cases, by, case_id = self.ctx.services.cases, self.ctx.operator.id, d.id

        def work() -> tuple[dict[str, str], CaseDetail]:
            phones = cases.reveal_contacts(case_id=case_id, by=by)
            return phones, cases.detail(case_id)

        def done(result: tuple[dict[str, str], CaseDetail]) -> None:
            if not shiboken6.isValid(self):
                return
            phones, detail = result
            self.apply_detail(detail, keep_revealed=True)
            self.facts.set_revealed(phones)

        run_task(self, work, done)

    def _on_panel_update(self, detail: CaseDetail) -> None:
        """The Resolution tab saved a change: show it everywhere and tell the queue."""
        self.apply_detail(detail)
        self.sig_case_changed.emit(self.case_id)
