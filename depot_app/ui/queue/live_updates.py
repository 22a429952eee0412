"""Noticing what the other workstations changed, by polling a cheap marker.

Several desks share one database. Every few seconds :class:`LiveUpdates`
reads :meth:`QueryService.change_marker` (one index-only statement) off the
GUI thread and emits ``sig_changed`` when it moved; the main window then
reloads its queue and asks the open case tabs whether their case changed.
Polling works the same on SQLite and PostgreSQL and needs no server set-up
(LISTEN/NOTIFY would be PostgreSQL-only and still needs a fallback).

A poll is only started once the previous one has finished (a single-shot
timer re-armed on completion), so a slow or unreachable server never piles up
queries. The window tells it what it has already seen (:meth:`note_seen`)
after its own reloads, so its own changes do not come back as "news".
"""

from __future__ import annotations

import logging
import os

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from depot_app.services.queries import ChangeMarker, QueryService
from depot_app.ui.common.background import run_task

log = logging.getLogger(__name__)

#: How often a desk looks for changes made elsewhere.
DEFAULT_INTERVAL_MS = 3000


def default_interval_ms() -> int:
    """The poll interval: ``DEPOT_POLL_SECONDS`` if set (e.g. 1.5), else 3 s."""
    raw = os.environ.get("DEPOT_POLL_SECONDS", "").strip()
    try:
        seconds = float(raw) if raw else DEFAULT_INTERVAL_MS / 1000
    except ValueError:
        log.warning("DEPOT_POLL_SECONDS=%r is not a number; polling every %d ms", raw, DEFAULT_INTERVAL_MS)
        return DEFAULT_INTERVAL_MS
    return max(int(seconds * 1000), 100)


class LiveUpdates(QObject):
    """Polls the database's change marker and says when another desk changed something."""

    sig_changed = Signal(object)
    """Emitted with the new :class:`ChangeMarker` when it differs from the last one seen."""
    sig_polled = Signal()
    """Emitted after every poll that ended (answered or failed), changed or not."""

    def __init__(self, queries: QueryService, *, interval_ms: int | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queries = queries
        self._baseline: ChangeMarker | None = None
        # Bumped whenever the baseline is set from elsewhere: a poll that was
        # already running read an older state and its answer is dropped.
        self._generation = 0
        self._polling = False
        self._running = False
        self._failing = False
        self._timer = QTimer(self)
        self._timer.setObjectName("liveUpdatesTimer")
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(int(interval_ms if interval_ms is not None else default_interval_ms()), 10))
        self._timer.timeout.connect(self.poll_now)

    # ---------------------------------------------------------------- control
    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def set_interval(self, interval_ms: int) -> None:
        """Poll every ``interval_ms`` milliseconds from the next poll on."""
        self._timer.setInterval(max(int(interval_ms), 10))
        if self._running and self._timer.isActive():
            self._timer.start()

    def start(self) -> None:
        """Start polling (the first answer only sets the baseline)."""
        self._running = True
        if not self._polling:
            self._timer.start()

    def stop(self) -> None:
        """Stop polling; an answer still on its way is ignored."""
        self._running = False
        self._generation += 1
        self._timer.stop()

    def is_running(self) -> bool:
        return self._running

    def is_polling(self) -> bool:
        """Whether a poll is on its way now."""
        return self._polling

    def baseline(self) -> ChangeMarker | None:
        """The marker last seen (by a poll or by the window's own reload)."""
        return self._baseline

    def discard_pending(self) -> None:
        """Drop the answer of a poll already on its way (the window is reloading anyway)."""
        self._generation += 1

    def note_seen(self, marker: ChangeMarker) -> bool:
        """The window showed data at least as new as ``marker``: take it as the baseline.

        Returns True when it differs from the previous baseline (something
        changed since, possibly at another desk too).
        """
        self._generation += 1
        moved = self._baseline is not None and marker != self._baseline
        self._baseline = marker
        return moved

    # ------------------------------------------------------------------- poll
    def poll_now(self) -> None:
        """Read the marker now, unless a poll is already on its way."""
        if self._polling:
            return
        self._polling = True
        generation = self._generation
        queries = self._queries

        def done(marker: ChangeMarker) -> None:
            if not shiboken6.isValid(self):
                return
            self._finished()
            if self._failing:
                log.info("Live updates: the database answers again")
                self._failing = False
            if generation != self._generation or not self._running:
                return
            if self._baseline is None:
                self._baseline = marker
                return
            if marker != self._baseline:
                self._baseline = marker
                self.sig_changed.emit(marker)

        def failed(exc: BaseException) -> bool:
            if not shiboken6.isValid(self):
                return True
            self._finished()
            # The desk keeps working on what it shows; the error presenter is
            # for the clerk's own actions, not for a poll every few seconds.
            if not self._failing:
                log.warning("Live updates: could not read the change marker (%s); retrying", exc)
                self._failing = True
            return True

        run_task(self, queries.change_marker, done, failed)

    def _finished(self) -> None:
        self._polling = False
        if self._running:
            self._timer.start()
        self.sig_polled.emit()
