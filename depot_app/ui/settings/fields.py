"""Building blocks the settings pages share: hint and error lines, the field
grid, read-only spin boxes and the small number and label helpers."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QDoubleSpinBox, QGridLayout, QLabel, QWidget

from depot_app.ui.common.i18n import current_language

ERROR_STYLE = "color: #c62828;"
HINT_STYLE = "color: #5f6368;"


def decimal_of(spin: QDoubleSpinBox, original: Decimal) -> Decimal:
    """The spin box's value as a Decimal; the stored value is kept when the
    box merely shows it rounded, so opening and saving changes nothing."""
    shown = Decimal(f"{spin.value():.{spin.decimals()}f}")
    half_step = Decimal(1).scaleb(-spin.decimals()) / 2
    return original if abs(original - shown) <= half_step else shown


def with_colon(label: str) -> str:
    """A form label from a domain name: full-width colon in Chinese."""
    return label + ("：" if current_language().startswith("zh") else ":")


def plain_number(value: Decimal) -> str:
    """``3.00`` → ``3``, ``2.50`` → ``2.5`` (and ``100`` stays ``100``)."""
    return f"{value.normalize():f}"


def error_label(object_name: str, parent: QWidget) -> QLabel:
    """A red line under a field, hidden until there is something wrong."""
    label = QLabel(parent)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setVisible(False)
    return label


def hint_label(object_name: str, parent: QWidget) -> QLabel:
    """A grey explanatory line."""
    label = QLabel(parent)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


def clear_field_error(widget: QWidget, label: QLabel) -> None:
    """Hide a field's error line and drop the error from its accessible description."""
    label.clear()
    label.setVisible(False)
    widget.setAccessibleDescription("")


def field_grid() -> QGridLayout:
    """The two-column grid (labels, fields) of a settings page."""
    grid = QGridLayout()
    grid.setColumnStretch(1, 1)
    grid.setHorizontalSpacing(12)
    grid.setVerticalSpacing(6)
    return grid


def add_field(grid: QGridLayout, label: QLabel | None, field: QWidget, *notes: QLabel,
              compact: bool = False) -> None:
    """One field on its own grid row, its hint and error lines under it.

    A grid rather than a form: a hidden error line then takes no room, and
    a shown one pushes the rows below down instead of squeezing the field.
    """
    row = grid.rowCount() if grid.count() else 0
    if label is not None:
        grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    if compact:  # keeps its own width instead of filling the column
        grid.addWidget(field, row, 1, Qt.AlignmentFlag.AlignLeft)
    else:
        grid.addWidget(field, row, 1)
    for note in notes:
        row += 1
        grid.addWidget(note, row, 1)


def set_spin_read_only(spin: QAbstractSpinBox, read_only: bool) -> None:
    """A read-only spin box shows no arrows, so it does not look changeable."""
    spin.setReadOnly(read_only)
    spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons if read_only
                          else QAbstractSpinBox.ButtonSymbols.UpDownArrows)
