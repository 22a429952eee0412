"""Building blocks of the Resolution tab's forms.

Small widget factories (plain-text labels, forms that let their fields grow,
combo data, dates) and :class:`ResolutionFieldsMixin`, which gives
:class:`~depot_app.ui.workspace.resolution_panel.ResolutionPanel` its labelled
form rows and the inline error line under a field.

The mixin works on the panel's ``_rows`` (key -> (row label, input)),
``_errors`` (scope -> field -> (input, error label)) and ``scroll_area``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.errors import ValidationError
from depot_app.ui.common.i18n import current_language

ERROR_STYLE = "color: #b3261e;"
HINT_STYLE = "color: #5f6368;"


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def plain_label(parent: QWidget, object_name: str | None = None, *, selectable: bool = False) -> QLabel:
    """A word-wrapped label that never interprets its text as HTML (it shows what people typed)."""
    label = QLabel(parent)
    if object_name:
        label.setObjectName(object_name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def combo_data(combo: QComboBox) -> str:
    """The selected item's data, ``""`` when nothing is selected.

    Items carry plain strings (enum values): Qt hands a StrEnum back as a
    plain ``str`` anyway, and asking it for an empty variant is avoided
    because PySide converts that to ``None`` without owning a reference.
    """
    index = combo.currentIndex()
    if index < 0:
        return ""
    value = combo.itemData(index)
    return value if isinstance(value, str) else ""


def growing_form(parent: QWidget | None = None) -> QFormLayout:
    """A form whose fields take the width they are given, in every style."""
    form = QFormLayout(parent) if parent is not None else QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def date_edit(parent: QWidget, object_name: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setObjectName(object_name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def line_edit(parent: QWidget, object_name: str, max_length: int = 200) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(object_name)
    edit.setMaxLength(max_length)
    return edit


def fill_combo(combo: QComboBox, items: list[tuple[str, str]]) -> None:
    """Replace the items, keeping the selected value (without firing change signals)."""
    current = combo_data(combo)
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, str(data))
    index = combo.findData(current) if current else -1
    combo.setCurrentIndex(index if index >= 0 else 0)
    combo.blockSignals(False)


class ResolutionFieldsMixin:
    """Form rows whose label is translated, and inline errors by scope and field."""

    _rows: dict[str, tuple[QLabel, QWidget]]
    _errors: dict[str, dict[str, tuple[QWidget, QLabel]]]
    scroll_area: QScrollArea

    def _row(self, form: QFormLayout, key: str, field: QWidget, shown: QWidget | None = None) -> None:
        """Add a form row whose label is set by :meth:`_label_rows` (and names ``field``)."""
        # The form adopts the label; not form.parentWidget(), which is null for a
        # form not installed yet, and PySide 6.12 loses a reference to None on
        # every null it returns (enough of them abort the interpreter).
        label = QLabel(self)  # type: ignore[call-overload]
        label.setBuddy(field)
        form.addRow(label, shown if shown is not None else field)
        self._rows[key] = (label, field)

    def _label_rows(self, texts: dict[str, str]) -> None:
        """Set the label of each row in ``texts``; the text (without its colon) names the field too."""
        for key, text in texts.items():
            label, field = self._rows[key]
            label.setText(text)
            field.setAccessibleName(text.rstrip(":："))

    def _with_error(self, scope: str, field_name: str, widget: QWidget, *extras: QWidget) -> QWidget:
        """``widget`` (and ``extras`` beside it) with an inline error line beneath."""
        box = QWidget(widget.parentWidget())
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        # A date needs no more room than its text; everything else takes the row.
        stretch = 0 if isinstance(widget, QDateEdit) else 1
        line.addWidget(widget, stretch)
        for extra in extras:
            line.addWidget(extra)
        if not stretch:
            line.addStretch(1)
        layout.addLayout(line)
        error = plain_label(box, f"{widget.objectName()}Error")
        error.setStyleSheet(ERROR_STYLE)
        error.hide()
        layout.addWidget(error)
        self._errors.setdefault(scope, {})[field_name] = (widget, error)

        def clear(*_args: Any) -> None:
            self._clear_error(scope, field_name)

        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(clear)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(clear)
            if widget.isEditable():
                widget.editTextChanged.connect(clear)
        elif isinstance(widget, QDateEdit):
            widget.dateChanged.connect(clear)
        return box

    def _clear_error(self, scope: str, field_name: str) -> None:
        entry = self._errors.get(scope, {}).get(field_name)
        if entry is None:
            return
        widget, error = entry
        error.clear()
        error.hide()
        widget.setAccessibleDescription("")

    def _clear_errors(self, scope: str) -> None:
        for field_name in self._errors.get(scope, {}):
            self._clear_error(scope, field_name)

    def _show_field_error(self, exc: ValidationError, scopes: list[str]) -> bool:
        """Show ``exc`` under its field if one of ``scopes`` has it; False otherwise."""
        if not exc.field:
            return False
        for scope in scopes:
            entry = self._errors.get(scope, {}).get(exc.field)
            if entry is None:
                continue
            widget, error = entry
            message = exc.text(current_language())
            error.setText(message)
            error.show()
            widget.setAccessibleDescription(message)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll_area.ensureWidgetVisible(error)
            return True
        return False


def bullets(lines: list[str] | tuple[str, ...]) -> str:
    return "\n".join(f"• {line}" for line in lines if line)


def explanation_lines(stored: str, language: str) -> list[str]:
    """The stored explanation ("zh line\\nen line") as separate steps in ``language``."""
    parts = stored.split("\n")
    zh_text = parts[0] if parts else ""
    en_text = parts[1] if len(parts) > 1 else zh_text
    if language.startswith("zh"):
        return [p for p in zh_text.split("；") if p]
    return [p for p in en_text.split("; ") if p]
