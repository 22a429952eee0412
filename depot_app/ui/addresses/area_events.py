"""One signal for "the delivery area changed", so every open address hint checks again."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from depot_app.domain.delivery_area import DeliveryArea


class AreaEvents(QObject):
    """Emits :attr:`sig_area_changed` with the stored area after the editor saves or imports."""

    sig_area_changed = Signal(object)

    _instance: AreaEvents | None = None

    @classmethod
    def instance(cls) -> AreaEvents:
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    def announce(self, area: DeliveryArea) -> None:
        self.sig_area_changed.emit(area)
