"""Long work (exports, imports, printing) in a thread of its own, with a progress
dialog and a Cancel button.

:func:`run_task` suits short queries; this is for work that reports progress
and can be stopped. The work is a callable ``work(progress, cancelled)``: the
services' exporters and importer take exactly these two callbacks.
``progress(done, total)`` moves the bar; ``cancelled()`` answers True once the
clerk pressed Cancel, and the service then stops (an exporter removes its
temporary file and raises ``ExportCancelled``). Results and failures come back
on the GUI thread through signals.

Unlike :func:`run_task` this never runs inline, not even in tests: a test
starts the job and waits for it (``qtbot.waitUntil(lambda: not job.running)``),
so the progress and cancel paths are the ones the desk really takes.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6

from PySide6.QtCore import QEvent, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]
Work = Callable[[ProgressFn, CancelledFn], Any]

#: Jobs still running; kept here so neither they nor their threads are collected mid-way.
_live: set[BackgroundJob] = set()


class _Thread(QThread):
    """Runs the work; its signals cross to the GUI thread as queued calls."""

    sig_progress = Signal(int, int)
    sig_done = Signal(object)
    sig_failed = Signal(object)

    def __init__(self, work: Work, flag: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._flag = flag

    def run(self) -> None:
        try:
            result = self._work(self.sig_progress.emit, self._flag.is_set)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.sig_failed.emit(exc)
        else:
            self.sig_done.emit(result)


class BackgroundJob(QObject):
    """One piece of long work in its own thread, with progress and a cancel flag."""

    sig_progress = Signal(int, int)
    """``(done, total)`` as the work reports it, on the GUI thread."""
    sig_finished = Signal(object)
    """The work's result, on the GUI thread."""
    sig_failed = Signal(object)
    """The exception the work raised (``ExportCancelled`` too), on the GUI thread."""
    sig_over = Signal()
    """Emitted last, after ``sig_finished`` or ``sig_failed``."""

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._flag = threading.Event()
        self._thread = _Thread(work, self._flag)
        self._thread.sig_progress.connect(self._on_progress)
        self._thread.sig_done.connect(self._on_done)
        self._thread.sig_failed.connect(self._on_failed)
        self._running = False

    @property
    def running(self) -> bool:
        return self._running

    @property
    def cancel_requested(self) -> bool:
        return self._flag.is_set()

    def start(self) -> None:
        self._running = True
        _live.add(self)
        self._thread.start()

    def cancel(self) -> None:
        """Ask the work to stop; it notices at its next ``cancelled()`` question."""
        self._flag.set()

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the thread ended (at shutdown only; the GUI freezes meanwhile)."""
        return self._thread.wait(msecs)

    def _on_progress(self, done: int, total: int) -> None:
        self.sig_progress.emit(done, total)

    def _on_done(self, result: object) -> None:
        self._end()
        self.sig_finished.emit(result)
        self.sig_over.emit()

    def _on_failed(self, exc: object) -> None:
        self._end()
        self.sig_failed.emit(exc)
        self.sig_over.emit()

    def _end(self) -> None:
        self._running = False
        self._thread.wait()  # the run() is returning: this is a matter of microseconds
        _live.discard(self)


def running_jobs() -> list[BackgroundJob]:
    return [job for job in _live if job.running]


def stop_all_jobs(msecs: int = 15_000) -> None:
    """Cancel every running job and wait for the threads (when the desk closes)."""
    for job in running_jobs():
        job.cancel()
    for job in running_jobs():
        if not job.wait(msecs):
            log.warning("A background job did not stop within %d ms", msecs)


class JobProgressDialog(QProgressDialog):
    """A window-modal progress dialog whose Cancel button cancels a :class:`BackgroundJob`.

    It stays up after Cancel (saying it is stopping) until the job really
    ended, so the clerk never sees "cancelled" while a file is still being
    written; the owner closes it when the job is over.
    """

    def __init__(self, job: BackgroundJob, *, title: str, label: str, object_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.job = job
        self._title = title
        self._label = label
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(0)
        self.setMinimumWidth(420)
        self.setRange(0, 0)  # a busy bar until the work says how much there is
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName(f"{object_name}Cancel")
        self.setCancelButton(self.cancel_button)
        self.canceled.connect(self._cancel)
        job.sig_progress.connect(self._on_progress)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self._title)
        self.setAccessibleName(self._title)
        if self.job.cancel_requested:
            self.setLabelText(self.tr("Stopping…"))
        else:
            self.setLabelText(self._label)
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel this work"))

    def set_texts(self, *, title: str, label: str) -> None:
        """New title and label (after a language switch, from the owner who knows what runs)."""
        self._title, self._label = title, label
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_progress(self, done: int, total: int) -> None:
        if self.job.cancel_requested:
            return
        total = max(total, 0)
        if self.maximum() != total:
            self.setRange(0, total)
        self.setValue(min(max(done, 0), total) if total else 0)

    def _cancel(self) -> None:
        self.job.cancel()
        self.cancel_button.setEnabled(False)
        self.retranslate()
        # QProgressDialog resets itself on Cancel; keep it on screen until the job ends.
        self.setRange(0, 0)
        self.show()


def run_with_progress(parent: QWidget | None, work: Work, *, title: str, label: str, object_name: str,
                      on_done: Callable[[Any], None],
                      on_error: Callable[[BaseException], None]) -> tuple[BackgroundJob, JobProgressDialog]:
    """Start ``work`` in its own thread behind a progress dialog; ``on_done`` or ``on_error`` follows.

    The dialog is closed before either callback runs.
    """
    job = BackgroundJob(work)
    dialog = JobProgressDialog(job, title=title, label=label, object_name=object_name, parent=parent)

    def finished(result: object) -> None:
        _close(dialog)
        on_done(result)

    def failed(exc: object) -> None:
        _close(dialog)
        on_error(exc)  # type: ignore[arg-type]

    job.sig_finished.connect(finished)
    job.sig_failed.connect(failed)
    job.start()
    dialog.show()
    return job, dialog


def _close(dialog: JobProgressDialog) -> None:
    if not shiboken6.isValid(dialog):
        return  # closed with its window
    dialog.canceled.disconnect()
    dialog.close()
    dialog.deleteLater()
