"""The Close tab of a case workspace: record the final outcome and close; a closed case shows how it ended."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.views import CaseDetail
from depot_app.domain.vocabulary import (
    CaseStatus,
    FinalOutcome,
    ResolutionType,
)
from depot_app.ui.common.formatting import format_local
from depot_app.ui.common.i18n import current_language
from depot_app.ui.workspace.tab_common import (
    DUE_SOON_COLOR,
    MUTED_COLOR,
    CaseHost,
    combo_value,
    fill_enum_combo,
    select_data,
    value_label,
)

# ============================================================================ Close
#: The outcome that usually follows each resolution (preselected on the Close tab).
OUTCOME_FOR_RESOLUTION: dict[ResolutionType, FinalOutcome] = {
    ResolutionType.REDELIVER: FinalOutcome.SIGNED,
    ResolutionType.RESEND: FinalOutcome.RESENT_SIGNED,
    ResolutionType.RETURN: FinalOutcome.RETURNED,
    ResolutionType.COMPENSATE: FinalOutcome.COMPENSATED,
    ResolutionType.TRANSFER: FinalOutcome.TRANSFERRED_SIGNED,
    ResolutionType.SELF_PICKUP: FinalOutcome.PICKED_UP,
    ResolutionType.CHANGE_TERMS: FinalOutcome.TERMS_CHANGED,
}


class CloseTab(QWidget):
    """Record the final outcome and close; a closed case shows how it ended and can be reopened."""

    def __init__(self, host: CaseHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.detail: CaseDetail | None = None
        self._build()
        self.retranslate()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("closeStack")
        outer.addWidget(self.stack)
        outer.addStretch(1)

        # --- closing form
        form_page = QWidget()
        page_layout = QVBoxLayout(form_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        self.form_box = QGroupBox(form_page)
        self.form_box.setObjectName("closeForm")
        self.form_box.setMaximumWidth(720)
        form = QFormLayout(self.form_box)
        self.outcome_caption = QLabel(self.form_box)
        self.outcome = QComboBox(self.form_box)
        self.outcome.setObjectName("closeOutcome")
        self.outcome.currentIndexChanged.connect(lambda _i: self._update_button())
        self.outcome_caption.setBuddy(self.outcome)
        self.rating_caption = QLabel(self.form_box)
        self.rating = QSpinBox(self.form_box)
        self.rating.setObjectName("closeRating")
        self.rating.setRange(0, 5)
        self.rating.setMinimumWidth(130)
        self.rating_caption.setBuddy(self.rating)
        self.rating_hint = QLabel(self.form_box)
        self.rating_hint.setObjectName("closeRatingHint")
        self.rating_hint.setStyleSheet(f"color: {MUTED_COLOR};")
        self.rating_hint.setWordWrap(True)
        rating_row = QHBoxLayout()
        rating_row.addWidget(self.rating)
        rating_row.addStretch(1)
        self.note_caption = QLabel(self.form_box)
        self.note = QLineEdit(self.form_box)
        self.note.setObjectName("closeNote")
        self.note.returnPressed.connect(self.close_case)
        self.note_caption.setBuddy(self.note)
        self.close_button = QPushButton(self.form_box)
        self.close_button.setObjectName("closeButton")
        self.close_button.clicked.connect(self.close_case)
        self.block_reason = QLabel(self.form_box)
        self.block_reason.setObjectName("closeBlocked")
        self.block_reason.setWordWrap(True)
        self.block_reason.setStyleSheet(f"color: {DUE_SOON_COLOR};")
        form.addRow(self.outcome_caption, self.outcome)
        form.addRow(self.rating_caption, rating_row)
        form.addRow("", self.rating_hint)
        form.addRow(self.note_caption, self.note)
        button_row = QHBoxLayout()
        button_row.addWidget(self.block_reason, 1)
        button_row.addWidget(self.close_button)
        form.addRow(button_row)
        page_layout.addWidget(self.form_box)
        self.stack.addWidget(form_page)

        # --- closed summary
        done_page = QWidget()
        done_layout = QVBoxLayout(done_page)
        done_layout.setContentsMargins(0, 0, 0, 0)
        self.summary_box = QGroupBox(done_page)
        self.summary_box.setObjectName("closeSummary")
        self.summary_box.setMaximumWidth(720)
        summary = QFormLayout(self.summary_box)
        self.summary_captions: dict[str, QLabel] = {}
        self.summary_values: dict[str, QLabel] = {}
        for key in ("status", "outcome", "rating", "note", "closed_at"):
            caption = QLabel(self.summary_box)
            value = value_label(self.summary_box, "closed" + key.title().replace("_", ""))
            self.summary_captions[key] = caption
            self.summary_values[key] = value
            summary.addRow(caption, value)
        self.reopen_caption = QLabel(self.summary_box)
        self.reopen_reason = QLineEdit(self.summary_box)
        self.reopen_reason.setObjectName("reopenReason")
        self.reopen_reason.returnPressed.connect(self._reopen)
        self.reopen_caption.setBuddy(self.reopen_reason)
        self.reopen_button = QPushButton(self.summary_box)
        self.reopen_reason.textChanged.connect(lambda t: self.reopen_button.setEnabled(bool(t.strip())))
        self.reopen_button.setObjectName("closeReopen")
        self.reopen_button.setEnabled(False)
        self.reopen_button.clicked.connect(self._reopen)
        reopen_row = QHBoxLayout()
        reopen_row.addWidget(self.reopen_reason, 1)
        reopen_row.addWidget(self.reopen_button)
        summary.addRow(self.reopen_caption, reopen_row)
        done_layout.addWidget(self.summary_box)
        self.stack.addWidget(done_page)

    def retranslate(self) -> None:
        lang = current_language()
        self.form_box.setTitle(self.tr("Close the case"))
        self.outcome_caption.setText(self.tr("Final &outcome:"))
        self.outcome.setAccessibleName(self.tr("Final outcome"))
        self.rating_caption.setText(self.tr("Sa&tisfaction (1–5):"))
        self.rating.setAccessibleName(self.tr("Customer satisfaction, 1 to 5"))
        self.rating.setSpecialValueText(self.tr("not asked"))
        self.rating.setSuffix(" ★")
        self.rating_hint.setText(
            self.tr("1 = very unhappy, 5 = very happy; leave at “not asked” if the customer declined."))
        self.note_caption.setText(self.tr("&Note:"))
        self.note.setAccessibleName(self.tr("Closing note"))
        self.note.setPlaceholderText(self.tr("How it ended, confirmed with whom"))
        self.close_button.setText(self.tr("Close case"))
        self.close_button.setAccessibleName(self.tr("Close the case with this outcome"))
        self.summary_box.setTitle(self.tr("How the case ended"))
        for key, text in (("status", self.tr("Status")), ("outcome", self.tr("Final outcome")),
                          ("rating", self.tr("Satisfaction")), ("note", self.tr("Note")),
                          ("closed_at", self.tr("Closed at"))):
            self.summary_captions[key].setText(self.tr("{0}:", "a caption on the closed-case summary").format(text))
            self.summary_values[key].setAccessibleName(text)
        self.reopen_caption.setText(self.tr("&Reopen because:"))
        self.reopen_reason.setAccessibleName(self.tr("Reason for reopening"))
        self.reopen_reason.setPlaceholderText(self.tr("Why is the case reopened? (required)"))
        self.reopen_button.setText(self.tr("Reopen"))
        self.reopen_button.setAccessibleName(self.tr("Reopen the case"))
        fill_enum_combo(self.outcome, list(FinalOutcome), lang)
        if self.detail is not None:
            self.set_case(self.detail)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_case(self, detail: CaseDetail) -> None:
        previous = self.detail
        self.detail = detail
        lang = current_language()
        if detail.is_open:
            self.stack.setCurrentIndex(0)
            self.reopen_reason.clear()
            res = detail.current_resolution
            fresh = previous is None or previous.id != detail.id or previous.is_open is False or (
                (previous.current_resolution.type if previous.current_resolution else None)
                != (res.type if res else None))
            if fresh:
                outcome = OUTCOME_FOR_RESOLUTION.get(res.type) if res is not None else FinalOutcome.SIGNED
                select_data(self.outcome, (outcome or FinalOutcome.SIGNED).value)
            self._update_button()
        else:
            self.stack.setCurrentIndex(1)
            v = self.summary_values
            v["status"].setText(detail.status.label(lang))
            v["outcome"].setText(detail.final_outcome.label(lang) if detail.final_outcome else "—")
            v["rating"].setText("★" * detail.satisfaction + f"  ({detail.satisfaction}/5)"
                                if detail.satisfaction else self.tr("not asked"))
            v["note"].setText(detail.close_note or "—")
            v["closed_at"].setText(format_local(detail.closed_at))
            self.reopen_button.setEnabled(bool(self.reopen_reason.text().strip()))

    def blocked_reason(self) -> str:
        """Why the case cannot be closed with the chosen outcome now ("" when it can)."""
        d = self.detail
        if d is None:
            return self.tr("Loading…")
        if self.host.role_block():
            return self.host.role_block()
        from depot_app.domain.lifecycle import allowed_from

        if CaseStatus.CLOSED not in allowed_from(d.status):
            if d.status is CaseStatus.AWAITING_APPROVAL:
                return self.tr("The compensation waits for a manager's approval; the case cannot be closed yet.")
            return self.tr("A case that is {0} cannot be closed.").format(d.status.label(current_language()))
        if combo_value(self.outcome) == FinalOutcome.COMPENSATED.value:
            res = d.current_resolution
            if res is None or res.type is not ResolutionType.COMPENSATE or res.compensation is None:
                return self.tr("Choose compensation on the Resolution tab first.")
            if res.compensation.paid_at is None:
                return self.tr("Record the payment on the Resolution tab before closing as compensated.")
        return ""

    def _update_button(self) -> None:
        reason = self.blocked_reason()
        self.close_button.setEnabled(not reason)
        self.close_button.setToolTip(reason or self.tr("Close the case (Ctrl+E jumps here)"))
        self.block_reason.setText(reason)

    def focus_first(self) -> None:
        if self.stack.currentIndex() == 0:
            self.outcome.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.reopen_reason.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def close_case(self) -> None:
        d = self.detail
        if d is None or not self.close_button.isEnabled():
            return
        cases = self.host.ctx.services.cases
        by = self.host.ctx.operator.id
        outcome = FinalOutcome(combo_value(self.outcome, FinalOutcome.SIGNED.value))
        rating = self.rating.value() or None
        note = self.note.text()
        case_id, version = d.id, d.version

        def done(_d: CaseDetail) -> None:
            self.note.clear()
            self.rating.setValue(0)

        self.host.perform(lambda: cases.close_case(case_id=case_id, outcome=outcome, by=by, satisfaction=rating,
                                                   note=note, expected_version=version), on_done=done)

    def _reopen(self) -> None:
        reason = self.reopen_reason.text().strip()
        if not reason:
            return
        self.host.request_reopen(reason)
