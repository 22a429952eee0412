"""The queue's views of the scan hints (with their counts) and the desk's own counter scan.

Kept out of the main window: it adds one view per :class:`ScanHint` to the
window's list of views, keeps their counts current (read off the GUI thread
with the status bar's figures) and records a scanned parcel as arrived at
the depot before the scan box opens its case.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QListWidget

from depot_app.domain.scan_hints import ScanHint
from depot_app.domain.views import QueueRow
from depot_app.ui.addresses.area_events import AreaEvents
from depot_app.ui.common.background import Pool, run_task
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.i18n import current_language
from depot_app.ui.queue.address_views import ADDRESS_VIEWS, AddressCounts, address_filter

#: The views' keys, after the window's own views (then the address views).
HINT_VIEWS = (*(f"hint:{hint.value}" for hint in ScanHint), *ADDRESS_VIEWS)


def hint_filter(view: str) -> dict[str, Any]:
    """The queue filter arguments of a hint view (or an address view)."""
    if view in ADDRESS_VIEWS:
        return address_filter(view)
    return {"scan_hint": ScanHint(view.partition(":")[2]), "open_only": True}


def scan_at_desk(ctx: DeskContext, number: str) -> list[QueueRow]:
    """Record the counter scan (an arrival at the depot), then the parcel's open cases (worker thread)."""
    ctx.services.tracking.record_desk_scan(tracking_no=number, by=ctx.operator.id)
    return ctx.services.queries.open_case_for_tracking(number)


class HintViews(QObject):
    """Labels and counts of the hint views in a window's view list."""

    def __init__(self, owner: QObject, ctx: DeskContext, view_list: QListWidget) -> None:
        super().__init__(owner)
        self.ctx = ctx
        self.view_list = view_list
        self.counts: dict[ScanHint, int] = {}
        self.address_counts = AddressCounts(self, ctx)
        AreaEvents.instance().sig_area_changed.connect(self._area_changed)

    def labels(self) -> dict[str, str]:
        """Each hint view's text: the hint's name and how many open cases show it."""
        language = current_language()
        template = QCoreApplication.translate("HintViews", "Scans: {0} ({1})")
        return {**{f"hint:{hint.value}": template.format(hint.label(language), self.counts.get(hint, 0))
                   for hint in ScanHint}, **self.address_counts.labels()}

    def refresh(self) -> None:
        """Read the counts again (off the GUI thread) and show them."""
        run_task(self, self.ctx.services.queries.hint_counts, self._show, key="hint-counts", pool=Pool.FIGURES)
        self.address_counts.refresh(self._show_labels)

    def _area_changed(self, _area: object) -> None:
        """A saved delivery area changes the address views: new counts, and the list again if one is shown."""
        self.refresh()
        item = self.view_list.currentItem()
        reload_queue = getattr(self.parent(), "reload_queue", None)
        if item is not None and item.data(Qt.ItemDataRole.UserRole) in ADDRESS_VIEWS and reload_queue:
            reload_queue()

    def _show(self, counts: dict[ScanHint, int]) -> None:
        self.counts = counts
        self._show_labels()

    def _show_labels(self) -> None:
        labels = self.labels()
        for i in range(self.view_list.count()):
            item = self.view_list.item(i)
            key = item.data(Qt.ItemDataRole.UserRole)
            if key in labels:
                item.setText(labels[key])
