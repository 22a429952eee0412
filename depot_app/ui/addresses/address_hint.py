"""The parsed parts of an address and the address check's hint, under an address.

Shown under the recipient address in the registration dialog (as the clerk
types) and in the case facts. Parsing is pure Python in memory (a fraction of
a millisecond); the depot's delivery area is read once, off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from depot_app.domain.delivery_area import AddressCheck, AddressVerdict, DeliveryArea, check_address
from depot_app.ui.addresses.area_events import AreaEvents
from depot_app.ui.common.background import run_task
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.i18n import LanguageManager, RetranslatesOnLanguageChange, current_language

_COLORS = {AddressVerdict.OK: "#2e7d32", AddressVerdict.UNCLEAR: "#b26a00", AddressVerdict.OUT_OF_AREA: "#c62828"}


class AddressHint(RetranslatesOnLanguageChange, QLabel):
    """Parts (省 / 市 / 区 / 街道 / 详细地址) and the verdict with what to do next."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None, *, recipient_side: bool = True,
                 with_actions: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.recipient_side = recipient_side
        #: In a case: the suggested step is a link (``#contact`` or ``#resolution``, see ``linkActivated``).
        self.with_actions = with_actions
        self.area = DeliveryArea()
        self.address = ""
        self.check: AddressCheck | None = None
        self.setObjectName("addressHint")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        LanguageManager.instance().sig_language_changed.connect(self._on_language_changed)
        # A slot of this label: Qt drops the connection when the label goes.
        AreaEvents.instance().sig_area_changed.connect(self._got_area)
        run_task(self, ctx.services.addresses.area, self._got_area, key="delivery-area")
        self.retranslate()

    def _got_area(self, area: DeliveryArea) -> None:
        """Check the address again against ``area`` (read at start, or just saved by a manager)."""
        self.area = area
        self.set_address(self.address)

    def set_address(self, text: str) -> None:
        """Check ``text`` again and show the result (nothing for an empty address)."""
        self.address = text or ""
        self.check = check_address(self.address, self.area, recipient_side=self.recipient_side) \
            if self.address.strip() else None
        self.retranslate()

    def retranslate(self) -> None:
        check = self.check
        self.setVisible(check is not None)
        if check is None:
            self.setText("")
            return
        language = current_language()
        p = check.parsed
        captions = [(self.tr("Province"), p.province), (self.tr("City"), p.city), (self.tr("District"), p.district),
                    (self.tr("Street/town"), p.street), (self.tr("Rest"), p.rest)]
        parts = " · ".join(f"{caption}: <b>{value or '—'}</b>" for caption, value in captions)
        lines = [parts]
        if p.renamed:
            lines.append(self.tr("Former name read as today's: {0}").format(p.renamed))
        if p.ambiguous:
            lines.append(self.tr("This district name exists in several cities; check the city."))
        verdict = f"<span style='color:{_COLORS[check.verdict]}'><b>{check.summary(language)}</b></span>"
        lines.append(verdict)
        if check.resolutions:
            lines.append(self.tr("Fitting resolutions: {0}").format(
                "、".join(r.label(language) for r in check.resolutions)))
            if self.with_actions:
                link = self.tr("Choose a resolution…")
                lines.append(f"<a href='#resolution'>{link}</a>")
        if check.contact is not None:
            lines.append(self.tr("Suggested contact: {0}, to complete the address").format(
                check.contact.label(language)))
            if self.with_actions:
                link = self.tr("Log the contact…")
                lines.append(f"<a href='#contact'>{link}</a>")
        self.setText("<br>".join(lines))

    @property
    def verdict(self) -> AddressVerdict | None:
        return self.check.verdict if self.check else None


def attach_address_hint(ctx: DeskContext, edit: QLineEdit, *, recipient_side: bool = True) -> AddressHint:
    """Put a hint right under ``edit`` (in the cell holding it), following what is typed."""
    cell = edit.parentWidget()
    hint = AddressHint(ctx, cell, recipient_side=recipient_side)
    layout = cell.layout()
    index = layout.indexOf(edit)
    layout.insertWidget(index + 1, hint)  # type: ignore[attr-defined]
    edit.textChanged.connect(hint.set_address)
    hint.set_address(edit.text())
    return hint
