"""Small helpers every screen uses."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def name(widget: QWidget, object_name: str, accessible: str | None = None) -> QWidget:
    """Give a widget its stable objectName (for automation) and accessible name."""
    widget.setObjectName(object_name)
    if accessible is not None:
        widget.setAccessibleName(accessible)
    return widget
