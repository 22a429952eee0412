"""Guards the PySide6 pin in pyproject.toml.

PySide6 6.12.0 on Python 3.11 drops a reference to ``None`` on every call that
returns nothing; after a few thousand calls the interpreter aborts. A desk
left open for a shift would crash, so the installed binding must not do it.
"""

import sys

from PySide6.QtWidgets import QLabel


def test_calls_returning_nothing_keep_none_alive(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(200):
        label.setText("x")
    assert sys.getrefcount(None) >= before - 20
