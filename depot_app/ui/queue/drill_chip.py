"""The chip above the queue while it shows the cases behind a dashboard figure.

While the chip is up, the queue shows exactly those cases (``QueueFilter.drill``)
and nothing else; its close button takes the queue back to the clerk's view.
The view list and the filter bar have no effect meanwhile, so they are greyed
out, with a tooltip saying how to use them again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMainWindow, QToolButton, QWidget

from depot_app.domain.dashboard import Drill
from depot_app.ui.common.i18n import LanguageManager, RetranslatesOnLanguageChange
from depot_app.ui.dashboard.figure_text import drill_text


class DrillChip(RetranslatesOnLanguageChange, QFrame):
    """Says what the queue shows; removable."""

    def __init__(self, on_change: Callable[[], None], parent: QWidget | None = None,
                 covered: Sequence[QWidget] = ()) -> None:
        super().__init__(parent)
        #: The widgets the chip puts out of effect while it is up (the view list, the filter bar).
        self.covered = list(covered)
        self._tooltips: dict[int, str] = {}
        self.setObjectName("drillChip")
        self.setStyleSheet("#drillChip { background: #e4eefb; border: 1px solid #7aa5dc; border-radius: 12px; }")
        self.on_change = on_change
        self.drill: Drill | None = None
        self.handler = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 2, 4, 2)
        self.label = QLabel(self)
        self.label.setObjectName("drillChipText")
        self.remove_button = QToolButton(self)
        self.remove_button.setObjectName("drillChipRemove")
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.remove_button.clicked.connect(self.clear)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.remove_button)
        self.setVisible(False)
        self.retranslate()
        LanguageManager.instance().sig_language_changed.connect(self._on_language_changed)

    def show_drill(self, drill: Drill, handler: str = "") -> None:
        self.drill, self.handler = drill, handler
        for widget in self.covered:
            if widget.isEnabled():
                self._tooltips[id(widget)] = widget.toolTip()
            widget.setEnabled(False)
        self.retranslate()
        self.setVisible(True)
        self.on_change()

    def clear(self) -> None:
        if self.drill is None:
            return
        self.drill, self.handler = None, ""
        for widget in self.covered:
            widget.setEnabled(True)
            widget.setToolTip(self._tooltips.pop(id(widget), ""))
        self.setVisible(False)
        self.on_change()

    def retranslate(self) -> None:
        self.remove_button.setToolTip(self.tr("Show the whole queue again"))
        self.remove_button.setAccessibleName(self.tr("Remove this selection"))
        if self.drill is not None:
            self.label.setText(self.tr("Showing: {0}").format(drill_text(self.drill, self.handler)))
            hint = self.tr("Not in effect while the queue shows a dashboard selection: "
                           "remove the selection above (✕) to use the views and filters again.")
            for widget in self.covered:
                widget.setToolTip(hint)


def install_drill_chip(window: QMainWindow) -> DrillChip:
    """Put the chip above the queue's filter bar."""
    filters: QWidget = window.filters  # type: ignore[attr-defined]
    host = filters.parentWidget()
    covered = [filters, window.view_list]  # type: ignore[attr-defined]
    chip = DrillChip(lambda: window.reload_queue(), host, covered)  # type: ignore[attr-defined]
    host.layout().insertWidget(0, chip)  # type: ignore[attr-defined]
    return chip
