"""Running database work off the GUI thread, with failures shown in one place.

``run_task(parent, fn, on_done)`` runs ``fn`` in the thread pool and calls
``on_done(result)`` back on the GUI thread; an exception goes to the error
presenter instead. Tests switch the runner to synchronous so they need no
waiting (``set_synchronous(True)``), like Anki's CollectionOp does in its tests.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from depot_app.ui.errors import ErrorPresenter

log = logging.getLogger(__name__)

_synchronous = False
_live: set[Relay] = set()


def set_synchronous(value: bool) -> None:
    """Run tasks inline on the calling thread (for tests)."""
    global _synchronous
    _synchronous = value


class Relay(QObject):
    """Carries a worker's result or exception back to the GUI thread."""

    sig_done = Signal(object)
    """The task's result, delivered on the GUI thread."""
    sig_failed = Signal(object)
    """The exception the task raised, delivered on the GUI thread."""


class CallRunnable(QRunnable):
    """Runs one callable in a pool and reports through a :class:`Relay`."""

    def __init__(self, fn: Callable[[], Any], relay: Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.relay.sig_failed.emit(exc)
        else:
            self.relay.sig_done.emit(result)


def run_task(parent: QObject | None, fn: Callable[[], Any],
             on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], bool] | None = None) -> None:
    """Run ``fn`` off the GUI thread; ``on_done(result)`` runs on the GUI thread.

    ``on_error(exc)`` may handle a failure itself by returning True; otherwise
    the error presenter shows it.
    """

    def failed(exc: BaseException) -> None:
        if on_error is not None and on_error(exc):
            return
        ErrorPresenter.instance().show_error(exc, parent)

    if _synchronous:
        try:
            result = fn()
        except Exception as exc:  # noqa: BLE001
            failed(exc)
            return
        if on_done is not None:
            on_done(result)
        return

    relay = Relay()
    _live.add(relay)

    def done(result: Any) -> None:
        _live.discard(relay)
        if on_done is not None:
            on_done(result)

    def fail(exc: BaseException) -> None:
        _live.discard(relay)
        failed(exc)

    relay.sig_done.connect(done)
    relay.sig_failed.connect(fail)
    QThreadPool.globalInstance().start(CallRunnable(fn, relay))
