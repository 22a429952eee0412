"""The two small dialogs around every export of the Records menu.

:class:`ExportOptionsDialog` asks what an export needs (document language;
period or month; "unmasked", which only a manager may tick) and
:class:`ExportResultDialog` says where the file went and offers to open it or
its folder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QDate,
    Qt,
    QUrl,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.permissions import Permission
from depot_app.ui.common import files
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.formatting import local
from depot_app.ui.common.i18n import LanguageManager, RetranslatesOnLanguageChange, current_language

if TYPE_CHECKING:
    pass

#: What an options dialog is for.
CASE_REPORT, CLAIM_FORM, PRINT, CLOSED, MONTH = "case_report", "claim_form", "print", "closed", "month"

#: Months offered by the month picker, counting back from this one.
MONTHS_OFFERED = 36
#: Until this day of the month the picker proposes the month just ended (the
#: workbook head office waits for); later, the month running.
LAST_MONTH_UNTIL_DAY = 10


# ====================================================== options dialog
@dataclass(frozen=True)
class ExportOptions:
    """What the clerk chose in the options dialog."""

    language: str
    unmasked: bool
    date_from: date | None = None
    date_to: date | None = None
    year: int | None = None
    month: int | None = None
    include_photos: bool = True


def _month_back(year: int, month: int, back: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) - back
    return index // 12, index % 12 + 1


class ExportOptionsDialog(RetranslatesOnLanguageChange, QDialog):
    """The few choices an export needs: period or month, language, masked or not."""

    def __init__(self, ctx: DeskContext, kind: str, *, case_no: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportOptionsDialog")
        self.ctx = ctx
        self.kind = kind
        self.case_no = case_no
        self.is_manager = ctx.operator.can(Permission.EXPORT_UNMASKED)
        today = local(ctx.services.clock.now()).date()
        self._build(today)
        self.retranslate()
        LanguageManager.instance().sig_language_changed.connect(self._on_language_changed)

    def _build(self, today: date) -> None:
        outer = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setObjectName("exportIntro")
        self.intro.setWordWrap(True)
        outer.addWidget(self.intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.from_label = QLabel(self)
        self.to_label = QLabel(self)
        self.date_from = QDateEdit(self)
        self.date_from.setObjectName("exportDateFrom")
        self.date_to = QDateEdit(self)
        self.date_to.setObjectName("exportDateTo")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.date_from.setDate(QDate(today.year, today.month, 1))
        self.date_to.setDate(QDate(today.year, today.month, today.day))
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self._check())
        self.photos = QCheckBox(self)
        self.photos.setObjectName("exportIncludePhotos")
        self.photos.setChecked(True)
        self.month_label = QLabel(self)
        self.month_combo = QComboBox(self)
        self.month_combo.setObjectName("exportMonth")
        for back in range(MONTHS_OFFERED):
            year, month = _month_back(today.year, today.month, back)
            self.month_combo.addItem(f"{year}-{month:02d}", (year, month))
        self.month_combo.setCurrentIndex(1 if today.day <= LAST_MONTH_UNTIL_DAY else 0)
        if self.kind == CLOSED:
            form.addRow(self.from_label, self.date_from)
            form.addRow(self.to_label, self.date_to)
            form.addRow("", self.photos)
        else:
            for widget in (self.from_label, self.date_from, self.to_label, self.date_to, self.photos):
                widget.setVisible(False)
        if self.kind == MONTH:
            form.addRow(self.month_label, self.month_combo)
        else:
            self.month_label.setVisible(False)
            self.month_combo.setVisible(False)
        self.language_label = QLabel(self)
        self.language_combo = QComboBox(self)
        self.language_combo.setObjectName("exportLanguage")
        self.language_combo.addItem("简体中文", "zh_CN")
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(current_language()), 0))
        form.addRow(self.language_label, self.language_combo)
        for label, field in ((self.from_label, self.date_from), (self.to_label, self.date_to),
                             (self.month_label, self.month_combo), (self.language_label, self.language_combo)):
            label.setBuddy(field)
        outer.addLayout(form)

        self.unmasked = QCheckBox(self)
        self.unmasked.setObjectName("exportUnmasked")
        self.unmasked.setEnabled(self.is_manager)
        self.unmasked.toggled.connect(lambda _c: self._refresh_note())
        outer.addWidget(self.unmasked)
        self.note = QLabel(self)
        self.note.setObjectName("exportUnmaskedNote")
        self.note.setWordWrap(True)
        outer.addWidget(self.note)
        self.problem = QLabel(self)
        self.problem.setObjectName("exportProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828;")
        self.problem.setVisible(False)
        outer.addWidget(self.problem)
        outer.addStretch(1)

        self.buttons = QDialogButtonBox(self)
        self.ok_button = QPushButton(self)
        self.ok_button.setObjectName("exportOptionsOk")
        self.ok_button.setDefault(True)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("exportOptionsCancel")
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.setMinimumWidth(460)

    # ------------------------------------------------------------ language
    def title_text(self) -> str:
        return {
            CASE_REPORT: self.tr("Export the case report"),
            CLAIM_FORM: self.tr("Export the claim form"),
            PRINT: self.tr("Print the case report"),
            CLOSED: self.tr("Export closed cases"),
            MONTH: self.tr("Export the monthly workbook"),
        }[self.kind]

    def retranslate(self) -> None:
        self.setWindowTitle(self.title_text())
        intro = {
            CASE_REPORT: self.tr("The case report of {0}: parcel, contacts, resolution and timeline."),
            CLAIM_FORM: self.tr("The claim form (赔偿申请单) of {0}, for head office to approve "
                                "the compensation."),
            PRINT: self.tr("The case report of {0} goes to the printer you choose next."),
            CLOSED: self.tr("Every case closed in the period, in one PDF with a table of contents."),
            MONTH: self.tr("All cases reported in the month, with the summary, the compensation ledger "
                           "and the workload of each handler."),
        }[self.kind]
        self.intro.setText(intro.format(self.case_no) if "{0}" in intro else intro)
        self.from_label.setText(self.tr("Closed &from:"))
        self.to_label.setText(self.tr("Closed &until:"))
        self.date_from.setAccessibleName(self.tr("First day of the period"))
        self.date_to.setAccessibleName(self.tr("Last day of the period"))
        self.photos.setText(self.tr("Include photos"))
        self.photos.setAccessibleName(self.tr("Include photos"))
        self.month_label.setText(self.tr("&Month:"))
        self.month_combo.setAccessibleName(self.tr("Month to export"))
        self.language_label.setText(self.tr("Document &language:"))
        self.language_combo.setAccessibleName(self.tr("Language of the document"))
        self.unmasked.setText(self.tr("&Unmasked: full phone numbers and personal details"))
        self.unmasked.setAccessibleName(self.tr("Export unmasked"))
        self.ok_button.setText(self.tr("&Print…") if self.kind == PRINT else self.tr("&Choose where to save…"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._refresh_note()
        self._check()

    def _refresh_note(self) -> None:
        if not self.is_manager:
            text = self.tr("Phones, names and addresses are masked. Only a manager can export them unmasked.")
        elif self.unmasked.isChecked():
            text = self.tr("This unmasked export will be recorded in the audit trail under your name.")
        else:
            text = self.tr("Phones, names and addresses are masked. An unmasked export is recorded "
                           "in the audit trail.")
        self.note.setText(text)
        self.note.setStyleSheet("color: #b26a00;" if self.unmasked.isChecked() else "color: #6d6d6d;")

    # ------------------------------------------------------------- values
    def _check(self) -> bool:
        problem = ""
        if self.kind == CLOSED and self.date_from.date() > self.date_to.date():
            problem = self.tr("The period starts after it ends.")
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.ok_button.setEnabled(not problem)
        return not problem

    def accept(self) -> None:
        if self._check():
            super().accept()

    def options(self) -> ExportOptions:
        year, month = self.month_combo.currentData()
        return ExportOptions(
            language=self.language_combo.currentData(),
            unmasked=self.is_manager and self.unmasked.isChecked(),
            date_from=self.date_from.date().toPython(), date_to=self.date_to.date().toPython(),
            year=year, month=month, include_photos=self.photos.isChecked())


# ======================================================= result dialog
class ExportResultDialog(RetranslatesOnLanguageChange, QDialog):
    """Says where the file went and offers to open it or its folder."""

    def __init__(self, path: Path, details: Callable[[], str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportResultDialog")
        self.path = path
        self._details = details
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        mark = QLabel("✓", self)
        mark.setObjectName("exportResultMark")
        mark.setStyleSheet("color: #2e7d32; font-size: 28px; font-weight: bold;")
        mark.setAlignment(Qt.AlignmentFlag.AlignTop)
        top.addWidget(mark)
        texts = QVBoxLayout()
        self.heading = QLabel(self)
        self.heading.setObjectName("exportResultHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.path_label = QLabel(str(path), self)
        self.path_label.setObjectName("exportResultPath")
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_label = QLabel(self)
        self.details_label.setObjectName("exportResultDetails")
        self.details_label.setWordWrap(True)
        self.details_label.setStyleSheet("color: #6d6d6d;")
        texts.addWidget(self.heading)
        texts.addWidget(self.path_label)
        texts.addWidget(self.details_label)
        top.addLayout(texts, 1)
        outer.addLayout(top)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("exportOpenFile")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_file)
        self.folder_button = QPushButton(self)
        self.folder_button.setObjectName("exportShowFolder")
        self.folder_button.clicked.connect(self.show_folder)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("exportResultClose")
        self.close_button.clicked.connect(self.accept)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        outer.addLayout(buttons)
        self.setMinimumWidth(480)
        self.retranslate()
        LanguageManager.instance().sig_language_changed.connect(self._on_language_changed)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export finished"))
        self.heading.setText(self.tr("The file is saved:"))
        self.path_label.setAccessibleName(self.tr("Saved file"))
        details = self._details() if self._details is not None else ""
        self.details_label.setText(details)
        self.details_label.setVisible(bool(details))
        self.open_button.setText(self.tr("&Open file"))
        self.open_button.setAccessibleName(self.tr("Open the saved file"))
        self.folder_button.setText(self.tr("Show in &folder"))
        self.folder_button.setAccessibleName(self.tr("Open the folder of the saved file"))
        self.close_button.setText(self.tr("Close"))

    def open_file(self) -> None:
        files.open_url(QUrl.fromLocalFile(str(self.path)))
        self.accept()

    def show_folder(self) -> None:
        files.open_url(QUrl.fromLocalFile(str(self.path.parent)))
        self.accept()
