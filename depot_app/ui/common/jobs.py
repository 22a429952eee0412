"""Long work (exports, imports, backups, photo batches) behind a progress dialog with Cancel.

The work runs as a :class:`~depot_app.ui.common.background.BackgroundJob`
(a callable ``work(progress, cancelled)``, in the long-work pool) owned by
the window that shows the dialog; this module is the dialog and the one call
that puts the two together. The job never runs inline, not even in tests: a
test starts it and waits for it (``qtbot.waitUntil(lambda: not job.running)``
or on ``job.sig_over``), so the progress and cancel paths are the ones the
desk really takes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from depot_app.ui.common.background import BackgroundJob, CancelledFn, ProgressFn, Work
from depot_app.ui.common.i18n import RetranslatesOnLanguageChange

__all__ = ["BackgroundJob", "CancelledFn", "JobProgressDialog", "ProgressFn", "Work", "run_with_progress"]

log = logging.getLogger(__name__)


class JobProgressDialog(RetranslatesOnLanguageChange, QProgressDialog):
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


def run_with_progress(parent: QWidget, work: Work, *, title: str, label: str, object_name: str,
                      on_done: Callable[[Any], None],
                      on_error: Callable[[BaseException], None]) -> tuple[BackgroundJob, JobProgressDialog]:
    """Start ``work`` in its own thread behind a progress dialog; ``on_done`` or ``on_error`` follows.

    ``parent`` owns the job: nothing is delivered once it is gone. The
    dialog is closed before either callback runs.
    """
    job = BackgroundJob(work, parent)
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
