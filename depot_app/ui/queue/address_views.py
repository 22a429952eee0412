"""The queue's address views: open cases whose recipient address is unclear or out of the delivery area.

They sit in the window's view list after the scan-hint views (``scan_views``
adds them), with their counts read off the GUI thread; they follow a saved
delivery area. Opening a case shows the hint with its suggested contact or
fitting resolutions in the case facts.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from depot_app.domain.delivery_area import AddressVerdict
from depot_app.services.address_checks import FLAGGED
from depot_app.ui.common.background import Pool, run_task
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.i18n import current_language

#: The views' keys, after the scan-hint views.
ADDRESS_VIEWS = tuple(f"address:{verdict.value}" for verdict in FLAGGED)


def address_filter(view: str) -> dict[str, Any]:
    """The queue filter arguments of an address view."""
    return {"address_verdict": AddressVerdict(view.partition(":")[2]), "open_only": True}


class AddressCounts(QObject):
    """The counts behind the address views' labels."""

    def __init__(self, owner: QObject, ctx: DeskContext) -> None:
        super().__init__(owner)
        self.ctx = ctx
        self.counts: dict[AddressVerdict, int] = {}

    def labels(self) -> dict[str, str]:
        """Each view's text: the verdict and how many open cases have it."""
        language = current_language()
        template = QCoreApplication.translate("AddressViews", "Address check: {0} ({1})")
        return {f"address:{v.value}": template.format(v.label(language), self.counts.get(v, 0)) for v in FLAGGED}

    def refresh(self, then: Any) -> None:
        """Read the counts again (off the GUI thread), then call ``then()`` on the GUI thread."""
        def show(counts: dict[AddressVerdict, int]) -> None:
            self.counts = counts
            then()

        run_task(self, self.ctx.services.queries.address_counts, show, key="address-counts", pool=Pool.FIGURES)
