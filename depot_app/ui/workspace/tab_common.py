"""What the tabs of a case workspace share: the host they are handed, colours, combo helpers.

Each tab is handed the workspace as its *host*: the tab builds the service
call, the host runs it through :func:`~depot_app.ui.common.background.run_task`, shows the
fresh case everywhere and reports errors through the one presenter. Tabs
never keep a case of their own beyond the :class:`CaseDetail` last shown.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QWidget,
)

from depot_app.domain.views import CaseDetail, OperatorView
from depot_app.ui.common.context import DeskContext

#: Colours shared by the workspace (same as the queue's).
OVERDUE_COLOR = "#c62828"
DUE_SOON_COLOR = "#b26a00"
OK_COLOR = "#2e7d32"
MUTED_COLOR = "#616161"


class CaseHost(Protocol):
    """What a tab needs from the workspace that holds it."""

    ctx: DeskContext

    def perform(self, work: Callable[[], CaseDetail], *,
                on_done: Callable[[CaseDetail], None] | None = None,
                on_error: Callable[[BaseException], None] | None = None) -> None:
        """Run a change off the GUI thread and show the case it returns."""

    def request_reopen(self, reason: str | None = None) -> None:
        """Reopen the case (asking for a reason when none is given)."""

    def operators(self) -> list[OperatorView]:
        """Active operators (for the assignee picker)."""

    def role_block(self) -> str:
        """Why the signed-in operator's role may not work on the case ("" when it may)."""

    def go_to_contact_form(self) -> None:
        """The contact form, ready to type."""

    def go_to_resolution(self) -> None:
        """The Resolution tab."""


def value_label(parent: QWidget, object_name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(object_name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    label.setWordWrap(True)
    label.setMinimumWidth(120)
    return label


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


#: Item data of the "(nobody)" assignee entry. Combo items never carry None:
#: PySide6 6.12 drops a reference to None on every None that crosses a
#: QVariant (addItem(text, None), currentData() of an empty combo ...), which
#: after enough calls kills the interpreter ("deallocating None").
NOBODY = 0


def combo_value(combo: QComboBox, default: Any = "") -> Any:
    """The selected item's data, or ``default`` when nothing is selected."""
    if combo.currentIndex() < 0:
        return default
    return combo.currentData()


def select_data(combo: QComboBox, value: Any) -> None:
    """Select the item carrying ``value`` (the first item when there is none)."""
    idx = combo.findData(value) if value is not None else -1
    combo.setCurrentIndex(idx if idx >= 0 else (0 if combo.count() else -1))


def fill_enum_combo(combo: QComboBox, members: list[Enum], language: str) -> None:
    """Refill a combo with enum labels (data: the stable code), keeping the selected value."""
    current = combo_value(combo)
    combo.blockSignals(True)
    combo.clear()
    for member in members:
        combo.addItem(member.label(language), member.value)  # type: ignore[attr-defined]
    select_data(combo, current or None)
    combo.blockSignals(False)
