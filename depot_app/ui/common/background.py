"""Background work for the desk: the one way anything runs off the GUI thread.

Every piece of work has an **owner**, a living :class:`QObject` (the window,
tab or dialog that will show the result). The result, a failure or progress
comes back on the GUI thread *only while the owner lives*: it is delivered to
a small receiver object that is a child of the owner, so when the owner is
destroyed Qt itself drops the connection and any result still queued for it,
and the owner's work is cancelled (work that asks ``cancelled()`` stops; a
database query simply finishes and its result is thrown away). A tab that
closes, an operator who switches, a window that quits while loads are in
flight: nothing reaches a deleted widget.

Work given a ``key`` is **coalesced** per owner: a newer request with the
same key supersedes the older one, whose result is dropped (and which does
not start at all if it was still waiting for a thread). The queue's reload,
a workspace's reload and the live-update poll use this, so a burst of
requests shows only the newest answer.

Four pools keep different work from queueing behind each other:

* ``Pool.DATA`` — short database reads and writes (Qt's global pool);
* ``Pool.FIGURES`` — the desk's own background figures (the queue views'
  counts, the outbox figures): one thread of their own, so a count over a
  large database never holds up a scan, a queue page or a case opening;
* ``Pool.IMAGES`` — decoding pictures (two threads of their own);
* ``Pool.LONG`` — exports, imports, backups, photo batches with progress and
  Cancel (:class:`BackgroundJob`).

Tests may run ``Pool.DATA`` and ``Pool.FIGURES`` work inline (:func:`set_synchronous`), the way
Anki's CollectionOp does in its tests; picture decoding and long jobs always
run in their threads, so their progress and cancel paths are the real ones.
Tests wait for them with ``qtbot.waitUntil(lambda: pending() == 0)`` or on
the job's ``sig_over`` signal.
"""

from __future__ import annotations

import enum
import itertools
import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from depot_app.ui.common.errors import ErrorPresenter

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]
Work = Callable[[ProgressFn, CancelledFn], Any]

_synchronous = False


def set_synchronous(value: bool) -> None:
    """Run ``Pool.DATA`` and ``Pool.FIGURES`` work inline on the calling thread (for tests)."""
    global _synchronous
    _synchronous = value


class Pool(enum.Enum):
    """Which threads a piece of work runs on."""

    DATA = "data"
    FIGURES = "figures"
    IMAGES = "images"
    LONG = "long"


_pools: dict[Pool, QThreadPool] = {}


def thread_pool(pool: Pool) -> QThreadPool:
    """The Qt thread pool behind ``pool`` (created on first use)."""
    found = _pools.get(pool)
    if found is None:
        if pool is Pool.DATA:
            found = QThreadPool.globalInstance()
        else:
            found = QThreadPool()
            found.setObjectName(f"{pool.value}Pool")
            # Two decoders keep the GUI fed without starving the database reads;
            # long jobs are few and each may wait on the disk for a while.
            found.setMaxThreadCount({Pool.IMAGES: 2, Pool.FIGURES: 1}.get(pool, 4))
        _pools[pool] = found
    return found


class Ticket:
    """One piece of work handed to the background: its stop flag and its state.

    *Stopping* is a request to the work (``is_stopping()`` is the
    ``cancelled()`` callback long work asks); the owner still hears how it
    ended. *Dropping* (owner gone, or superseded by a newer request with the
    same key) also means nothing is delivered at all.
    """

    _numbers = itertools.count(1)

    def __init__(self, pool: Pool, key: str | None) -> None:
        self.number = next(Ticket._numbers)
        self.pool = pool
        self.key = key
        self._stop = threading.Event()
        self.dropped = False
        self.finished = False
        """True once the work has ended (delivered, dropped or failed)."""
        self._relay: _Relay | None = None

    def request_stop(self) -> None:
        """Ask the work to stop at its next ``is_stopping()`` question."""
        self._stop.set()

    def drop(self) -> None:
        """Stop the work and deliver nothing of it."""
        self.dropped = True
        self._stop.set()

    def is_stopping(self) -> bool:
        return self._stop.is_set()

    def progress(self, done: int, total: int) -> None:
        """Report progress from the worker (queued to the owner's receiver)."""
        relay = self._relay
        if relay is not None and not self.dropped:
            relay.sig_progress.emit(self, done, total)


#: Work handed to a pool and not yet ended, by pool (for tests, screenshots and shutdown).
_in_flight: dict[Pool, set[Ticket]] = {pool: set() for pool in Pool}
_lock = threading.Lock()


def pending(pool: Pool | None = None) -> int:
    """How many pieces of work (in ``pool``, or in all) have not ended yet."""
    with _lock:
        if pool is not None:
            return len(_in_flight[pool])
        return sum(len(tickets) for tickets in _in_flight.values())


def _track(ticket: Ticket) -> None:
    with _lock:
        _in_flight[ticket.pool].add(ticket)


def _untrack(ticket: Ticket) -> None:
    ticket.finished = True
    with _lock:
        _in_flight[ticket.pool].discard(ticket)


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits through it (queued to the receiver)."""

    sig_done = Signal(object, object)
    sig_failed = Signal(object, object)
    sig_progress = Signal(object, int, int)


class _Runnable(QRunnable):
    """Runs one callable in a pool and reports through the ticket's :class:`_Relay`."""

    def __init__(self, ticket: Ticket, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.ticket = ticket
        self.fn: Callable[[], Any] | None = fn
        self.relay = relay

    def run(self) -> None:
        ticket, relay, fn = self.ticket, self.relay, self.fn
        self.fn = None  # the closure (and what it holds) goes with this run
        try:
            if ticket.dropped or fn is None:
                return  # superseded, or its owner went away, before a thread was free
            try:
                result = fn()
            except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
                exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
                if not ticket.dropped:
                    relay.sig_failed.emit(ticket, exc)
            else:
                if not ticket.dropped:
                    relay.sig_done.emit(ticket, result)
        finally:
            _untrack(ticket)


class _Delivery:
    """What to call back for one ticket (held by the receiver, on the GUI thread)."""

    __slots__ = ("on_done", "on_error", "on_progress", "relay")

    def __init__(self, on_done: Callable[[Any], None] | None, on_error: Callable[[BaseException], None],
                 on_progress: ProgressFn | None, relay: _Relay) -> None:
        self.on_done = on_done
        self.on_error = on_error
        self.on_progress = on_progress
        self.relay = relay


class _Receiver(QObject):
    """A child of the owner: results for the owner arrive here, and die with it.

    The relays' signals are connected to this object's slots, so Qt drops
    them (and any result already queued) when the owner, and with it this
    receiver, is destroyed.
    """

    def __init__(self, owner: QObject) -> None:
        super().__init__(owner)
        self.setObjectName("backgroundReceiver")
        self._deliveries: dict[Ticket, _Delivery] = {}
        self._latest: dict[str, Ticket] = {}
        owner.destroyed.connect(self.drop_all)

    @classmethod
    def of(cls, owner: QObject) -> _Receiver:
        receiver = getattr(owner, "_background_receiver", None)
        if receiver is None or not shiboken6.isValid(receiver):
            receiver = cls(owner)
            owner._background_receiver = receiver  # type: ignore[attr-defined]
        return receiver

    def supersede(self, ticket: Ticket) -> None:
        """``ticket`` is now the newest of its key: the older one is dropped."""
        if ticket.key is None:
            return
        older = self._latest.get(ticket.key)
        if older is not None and older is not ticket:
            older.drop()
            self._forget(older)
        self._latest[ticket.key] = ticket

    def add(self, ticket: Ticket, delivery: _Delivery) -> None:
        self.supersede(ticket)
        self._deliveries[ticket] = delivery
        relay = delivery.relay
        relay.sig_done.connect(self._on_done)
        relay.sig_failed.connect(self._on_failed)
        relay.sig_progress.connect(self._on_progress)

    def _forget(self, ticket: Ticket) -> _Delivery | None:
        delivery = self._deliveries.pop(ticket, None)
        if ticket.key is not None and self._latest.get(ticket.key) is ticket:
            del self._latest[ticket.key]
        if delivery is not None:
            delivery.relay.deleteLater()
        return delivery

    def _take(self, ticket: Ticket) -> _Delivery | None:
        delivery = self._forget(ticket)
        return None if ticket.dropped else delivery

    @Slot(object, object)
    def _on_done(self, ticket: Ticket, result: Any) -> None:
        delivery = self._take(ticket)
        if delivery is not None and delivery.on_done is not None:
            delivery.on_done(result)

    @Slot(object, object)
    def _on_failed(self, ticket: Ticket, exc: BaseException) -> None:
        delivery = self._take(ticket)
        if delivery is not None:
            delivery.on_error(exc)

    @Slot(object, int, int)
    def _on_progress(self, ticket: Ticket, done: int, total: int) -> None:
        delivery = self._deliveries.get(ticket)
        if delivery is not None and delivery.on_progress is not None and not ticket.dropped:
            delivery.on_progress(done, total)

    @Slot()
    def drop_all(self) -> None:
        """The owner is going: its work is asked to stop and nothing of it is delivered."""
        for ticket in list(self._deliveries):
            ticket.drop()


def submit(owner: QObject, fn: Callable[[], Any], *, on_done: Callable[[Any], None] | None,
           on_error: Callable[[BaseException], None], on_progress: ProgressFn | None = None,
           key: str | None = None, pool: Pool = Pool.DATA, ticket: Ticket | None = None) -> Ticket:
    """Run ``fn()`` in ``pool``; ``on_done``/``on_error``/``on_progress`` run on the GUI thread while ``owner`` lives.

    The lowest level: screens use :func:`run_task` and :class:`BackgroundJob`.
    """
    if not shiboken6.isValid(owner):
        raise RuntimeError("background work needs a living owner")
    ticket = ticket or Ticket(pool, key)
    receiver = _Receiver.of(owner)
    if _synchronous and pool in (Pool.DATA, Pool.FIGURES):
        receiver.supersede(ticket)
        try:
            result = fn()
        except Exception as exc:  # noqa: BLE001 - shown like a worker's failure
            outcome: tuple[Callable[[Any], None] | None, Any] = (on_error, exc)
        else:
            outcome = (on_done, result)
        ticket.finished = True
        receiver._forget(ticket)
        callback, value = outcome
        if callback is not None and not ticket.dropped and shiboken6.isValid(owner):
            callback(value)
        return ticket
    relay = _Relay()
    ticket._relay = relay
    receiver.add(ticket, _Delivery(on_done, on_error, on_progress, relay))
    _track(ticket)
    thread_pool(pool).start(_Runnable(ticket, fn, relay))
    return ticket


def _presenting(owner: QObject, on_error: Callable[[BaseException], bool] | None) -> Callable[[BaseException], None]:
    """``on_error`` may handle a failure itself by returning True; otherwise the presenter shows it."""

    def failed(exc: BaseException) -> None:
        if on_error is not None and on_error(exc):
            return
        ErrorPresenter.instance().show_error(exc, owner)

    return failed


def run_task(owner: QObject, fn: Callable[[], Any],
             on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], bool] | None = None, *,
             key: str | None = None, pool: Pool = Pool.DATA) -> Ticket:
    """Run ``fn`` off the GUI thread; ``on_done(result)`` runs on the GUI thread while ``owner`` lives.

    ``on_error(exc)`` may handle a failure itself by returning True; otherwise
    the error presenter shows it. ``key``: a newer call with the same owner
    and key supersedes this one (its result is dropped).
    """
    return submit(owner, fn, on_done=on_done, on_error=_presenting(owner, on_error), key=key, pool=pool)


class BackgroundJob(QObject):
    """Long work with progress and Cancel, a child of the object that shows it.

    The work is a callable ``work(progress, cancelled)``: the services'
    exporters and importer take exactly these two callbacks.
    ``progress(done, total)`` moves a bar; ``cancelled()`` answers True once
    the clerk pressed Cancel or the owner went away, and the service then
    stops (an exporter removes its temporary file and raises
    ``ExportCancelled``). After a Cancel the job still reports how it ended,
    so the owner can close its progress display; after its owner is gone it
    reports nothing.
    """

    sig_progress = Signal(int, int)
    """``(done, total)`` as the work reports it, on the GUI thread."""
    sig_finished = Signal(object)
    """The work's result, on the GUI thread."""
    sig_failed = Signal(object)
    """The exception the work raised (``ExportCancelled`` too), on the GUI thread."""
    sig_over = Signal()
    """Emitted last, after ``sig_finished`` or ``sig_failed``."""

    def __init__(self, work: Work, parent: QObject) -> None:
        super().__init__(parent)
        self._work = work
        self._ticket = Ticket(Pool.LONG, None)
        self._running = False

    @property
    def running(self) -> bool:
        return self._running

    @property
    def cancel_requested(self) -> bool:
        return self._ticket.is_stopping()

    def start(self) -> None:
        self._running = True
        ticket, work = self._ticket, self._work
        submit(self, lambda: work(ticket.progress, ticket.is_stopping), on_done=self._on_done,
               on_error=self._on_failed, on_progress=self.sig_progress.emit, pool=Pool.LONG, ticket=ticket)

    def cancel(self) -> None:
        """Ask the work to stop; it notices at its next ``cancelled()`` question."""
        self._ticket.request_stop()

    def _on_done(self, result: object) -> None:
        self._running = False
        self.sig_finished.emit(result)
        self.sig_over.emit()

    def _on_failed(self, exc: BaseException) -> None:
        self._running = False
        self.sig_failed.emit(exc)
        self.sig_over.emit()


def stop_long_work(msecs: int = 15_000) -> bool:
    """Ask every long job to stop and wait for the threads (when the desk closes)."""
    with _lock:
        tickets = list(_in_flight[Pool.LONG])
    for ticket in tickets:
        ticket.request_stop()
    done = thread_pool(Pool.LONG).waitForDone(msecs)
    if not done:
        log.warning("A background job did not stop within %d ms", msecs)
    return done
