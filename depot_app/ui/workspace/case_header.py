"""The top of a case workspace: who and what the case is, its status badge and its clock.

Two rows of labels (case number, status, kind, priority and the due-in
countdown; tracking number, carrier, assignee, who reported it and the
complaint's first-response countdown). The workspace adds its row of action
buttons under them (:attr:`CaseHeader.actions_row`).
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from depot_app.domain.deadlines import DueState, due_state, format_countdown
from depot_app.domain.identifiers import Carrier
from depot_app.domain.views import CaseDetail
from depot_app.domain.vocabulary import CaseStatus, Priority
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.formatting import format_local
from depot_app.ui.common.i18n import current_language
from depot_app.ui.workspace.tab_common import DUE_SOON_COLOR, MUTED_COLOR, OK_COLOR, OVERDUE_COLOR

#: Background of the status badge, by status.
STATUS_COLORS: dict[CaseStatus, str] = {
    CaseStatus.REGISTERED: "#546e7a",
    CaseStatus.VERIFYING: "#1565c0",
    CaseStatus.INVESTIGATING: "#1565c0",
    CaseStatus.AWAITING_CUSTOMER: "#6a1b9a",
    CaseStatus.RESOLUTION_CHOSEN: "#00695c",
    CaseStatus.AWAITING_APPROVAL: "#b26a00",
    CaseStatus.IN_PROGRESS: "#00695c",
    CaseStatus.CLOSED: "#2e7d32",
    CaseStatus.CANCELLED: "#757575",
}


def due_style(state: DueState) -> str:
    """The look of a countdown: white on red when overdue, amber when due soon."""
    if state is DueState.OVERDUE:
        return f"color: white; background: {OVERDUE_COLOR}; border-radius: 3px; padding: 2px 8px;"
    if state is DueState.DUE_SOON:
        return f"color: {DUE_SOON_COLOR}; background: #fff4e0; border-radius: 3px; padding: 2px 8px;"
    return f"color: {OK_COLOR};"


def _monospace(base: QFont, scale: float, *, bold: bool = False) -> QFont:
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(max(base.pointSizeF(), 9.0) * scale)
    font.setBold(bold)
    return font


class CaseHeader(QFrame):
    """The case's identity and deadlines, above the workspace's tabs."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("wsHeader")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)

        def label(name: str) -> QLabel:
            widget = QLabel(self)
            widget.setObjectName(name)
            return widget

        row1 = QHBoxLayout()
        self.case_no_label = label("wsCaseNo")
        self.case_no_label.setFont(_monospace(self.font(), 1.7, bold=True))
        self.case_no_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                   | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.status_label = label("wsStatus")
        self.kind_label = label("wsKind")
        self.kind_label.setStyleSheet("font-weight: bold;")
        self.priority_label = label("wsPriority")
        self.due_label = label("wsDue")
        due_font = self.due_label.font()
        due_font.setPointSizeF(max(due_font.pointSizeF(), 9.0) * 1.25)
        due_font.setBold(True)
        self.due_label.setFont(due_font)
        row1.addWidget(self.case_no_label)
        row1.addSpacing(12)
        row1.addWidget(self.status_label)
        row1.addSpacing(8)
        row1.addWidget(self.kind_label)
        row1.addSpacing(8)
        row1.addWidget(self.priority_label)
        row1.addStretch(1)
        row1.addWidget(self.due_label)
        layout.addLayout(row1)

        row2 = QHBoxLayout()
        self.tracking_label = label("wsTracking")
        self.tracking_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tracking_label.setFont(_monospace(self.font(), 1.1))
        self.carrier_label = label("wsCarrier")
        self.assignee_label = label("wsAssignee")
        self.reported_label = label("wsReported")
        self.reported_label.setStyleSheet(f"color: {MUTED_COLOR};")
        self.first_response_label = label("wsFirstResponse")
        self.first_response_label.setVisible(False)
        row2.addWidget(self.tracking_label)
        row2.addWidget(self.carrier_label)
        row2.addSpacing(16)
        row2.addWidget(self.assignee_label)
        row2.addSpacing(16)
        row2.addWidget(self.reported_label)
        row2.addStretch(1)
        row2.addWidget(self.first_response_label)
        layout.addLayout(row2)

        self.actions_row = QHBoxLayout()
        """The workspace's buttons (status moves, close, reopen, cancel)."""
        layout.addLayout(self.actions_row)

    def retranslate(self, detail: CaseDetail | None) -> None:
        self.case_no_label.setAccessibleName(self.tr("Case number"))
        self.tracking_label.setAccessibleName(self.tr("Tracking number"))
        self.carrier_label.setAccessibleName(self.tr("Carrier"))
        self.kind_label.setAccessibleName(self.tr("Kind of problem"))
        self.status_label.setAccessibleName(self.tr("Status"))
        self.priority_label.setAccessibleName(self.tr("Priority"))
        self.due_label.setAccessibleName(self.tr("Time until due"))
        self.assignee_label.setAccessibleName(self.tr("Assignee"))
        self.reported_label.setAccessibleName(self.tr("Reported at"))
        self.first_response_label.setAccessibleName(self.tr("First response due"))
        if detail is not None:
            self.show_case(detail)
        else:
            self.case_no_label.setText(self.tr("Loading…"))

    def show_case(self, d: CaseDetail) -> None:
        lang = current_language()
        self.case_no_label.setText(d.case_no)
        self.tracking_label.setText(d.parcel.tracking_no)
        try:
            carrier = Carrier(d.parcel.carrier).label(lang)
        except ValueError:
            carrier = d.parcel.carrier
        self.carrier_label.setText("· " + carrier)
        self.kind_label.setText(d.kind.label(lang))
        self.status_label.setText(d.status.label(lang))
        self.status_label.setStyleSheet(f"background: {STATUS_COLORS[d.status]}; color: white; "
                                        "border-radius: 3px; padding: 2px 8px; font-weight: bold;")
        priority_style = {Priority.URGENT: f"color: {OVERDUE_COLOR}; font-weight: bold;",
                          Priority.HIGH: f"color: {DUE_SOON_COLOR}; font-weight: bold;"}.get(d.priority, "")
        self.priority_label.setText(self.tr("Priority: {0}").format(d.priority.label(lang)))
        self.priority_label.setStyleSheet(priority_style)
        self.assignee_label.setText(self.tr("Assignee: {0}").format(d.assignee or self.tr("(nobody)")))
        self.reported_label.setText(self.tr("Reported {0} by {1}").format(format_local(d.reported_at), d.created_by))
        self.refresh_countdowns(d)

    def refresh_countdowns(self, d: CaseDetail) -> None:
        """Recompute the due-in texts of ``d`` from the clock."""
        lang = current_language()
        now = self.ctx.services.clock.now()
        policy = self.ctx.policy
        if not d.is_open:
            when = format_local(d.closed_at) if d.closed_at else ""
            self.due_label.setText((self.tr("Closed {0}") if d.status is CaseStatus.CLOSED
                                    else self.tr("Cancelled {0}")).format(when))
            self.due_label.setStyleSheet(f"color: {OK_COLOR if d.status is CaseStatus.CLOSED else MUTED_COLOR};")
            self.due_label.setToolTip("")
            self.due_label.setProperty("dueState", DueState.DONE.value)
        else:
            state = due_state(d.due_at, now, started_at=d.reported_at, closed=False, policy=policy)
            self.due_label.setText(self._countdown_text(d.due_at - now, lang))
            self.due_label.setStyleSheet(due_style(state))
            self.due_label.setToolTip(self.tr("Due {0} — {1}").format(format_local(d.due_at), state.label(lang)))
            self.due_label.setProperty("dueState", state.value)

        frd = d.first_response_due_at
        self.first_response_label.setVisible(frd is not None)
        if frd is not None:
            if d.first_contact_at is not None:
                self.first_response_label.setText(
                    self.tr("First response given {0}").format(format_local(d.first_contact_at, short=True)))
                self.first_response_label.setStyleSheet(f"color: {OK_COLOR};")
            else:
                state = due_state(frd, now, started_at=d.reported_at, closed=not d.is_open, policy=policy)
                self.first_response_label.setText(
                    self.tr("First response: {0}").format(self._countdown_text(frd - now, lang)))
                self.first_response_label.setStyleSheet(due_style(state))
                self.first_response_label.setToolTip(
                    self.tr("Complaints need a first response by {0}").format(format_local(frd)))

    def _countdown_text(self, delta: timedelta, lang: str) -> str:
        if delta.total_seconds() < 0:
            return self.tr("Overdue by {0}").format(format_countdown(-delta, lang))
        return self.tr("Due in {0}").format(format_countdown(delta, lang))
