"""The settings page of the real-time tracking query service: address, customer code, key, time-out.

The key is a secret: it is shown as •••• (the services never hand it out),
and leaving •••• in the box keeps the stored one.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from depot_app.services.settings import shown_setting


class TrackingPage(QWidget):
    """The ``tracking_query`` setting as a form."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsTrackingPage")
        form = QFormLayout(self)
        self.enabled = QCheckBox(self)
        self.enabled.setObjectName("trackingEnabled")
        self.url = QLineEdit(self)
        self.url.setObjectName("trackingUrl")
        self.customer = QLineEdit(self)
        self.customer.setObjectName("trackingCustomer")
        self.key = QLineEdit(self)
        self.key.setObjectName("trackingKey")
        self.key.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.timeout = QSpinBox(self)
        self.timeout.setObjectName("trackingTimeout")
        self.timeout.setRange(1, 60)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.labels = [QLabel(self) for _ in range(4)]
        form.addRow(self.enabled)
        for label, field in zip(self.labels, (self.url, self.customer, self.key, self.timeout), strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow(self.note)
        self.retranslate()

    def retranslate(self) -> None:
        self.enabled.setText(QCoreApplication.translate(
            "TrackingPage", "Ask the tracking query service (Kuaidi100-style) for scans"))
        texts = (QCoreApplication.translate("TrackingPage", "Query address:"),
                 QCoreApplication.translate("TrackingPage", "Customer code:"),
                 QCoreApplication.translate("TrackingPage", "Key:"),
                 QCoreApplication.translate("TrackingPage", "Time-out, seconds:"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.note.setText(QCoreApplication.translate(
            "TrackingPage", "The key is kept secret: it shows as •••• and stays as stored unless you type a new one."))

    def set_read_only(self, read_only: bool) -> None:
        for field in (self.enabled, self.url, self.customer, self.key, self.timeout):
            field.setEnabled(not read_only)

    def load(self, values: dict[str, Any]) -> None:
        query = shown_setting("tracking_query", dict(values.get("tracking_query") or {}))
        self.enabled.setChecked(bool(query.get("enabled")))
        self.url.setText(str(query.get("url", "")))
        self.customer.setText(str(query.get("customer", "")))
        self.key.setText(str(query.get("key", "")))
        self.timeout.setValue(int(query.get("timeout_seconds", 10)))

    def values(self) -> dict[str, Any]:
        """The setting to store (•••• in the key box keeps the stored key)."""
        return {"tracking_query": {"enabled": self.enabled.isChecked(), "url": self.url.text().strip(),
                                   "customer": self.customer.text().strip(),
                                   "key": self.key.text().strip(), "timeout_seconds": self.timeout.value()}}

