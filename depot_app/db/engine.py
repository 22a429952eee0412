"""Engine and session factory for SQLite (embedded) and PostgreSQL (shared).

SQLite runs in WAL mode with foreign keys on. Its writing transactions start
with ``BEGIN IMMEDIATE`` so two processes never deadlock upgrading a read
lock to a write lock; reading transactions stay deferred and never block.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

_WRITE_OPTION = "depot_write"


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine with this app's connection settings for ``url``."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the driver so BEGIN is ours.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        in_memory = engine.url.database in (None, "", ":memory:")
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        # NORMAL is durable in WAL mode except against power loss of the last
        # transaction; FULL costs a sync per commit. Losing a case is worse.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get(_WRITE_OPTION):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


class Database:
    """The app's handle on one database: an engine and two session factories."""

    def __init__(self, url: str, *, engine: Engine | None = None) -> None:
        self.url = url
        self._marker: InUseMarker | None = None
        self.engine = engine or make_engine(url)
        self._read = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._write = sessionmaker(bind=self.engine.execution_options(**{_WRITE_OPTION: True}),
                                   expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; rolled back at the end (reads change nothing)."""
        with self._read() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on error."""
        with self._write.begin() as session:
            yield session

    @property
    def in_memory(self) -> bool:
        """An SQLite database in memory (each thread's connection would be a database of its own)."""
        return self.engine.dialect.name == "sqlite" and self.engine.url.database in (None, "", ":memory:")

    def hold_in_use_marker(self) -> None:
        """Keep a restore from swapping the file under this process (see :class:`InUseMarker`)."""
        db_file = sqlite_file(self.url)
        if db_file is None or self._marker is not None:
            return
        try:
            self._marker = InUseMarker(db_file)
        except BlockingIOError as exc:  # a restore holds it exclusively right now
            from depot_app.domain.errors import ConfigurationError

            raise ConfigurationError(
                f"The database {db_file} is being restored from a backup; start again when that has finished.",
                f"数据库 {db_file} 正在从备份恢复；恢复完成后再启动。") from exc
        except OSError:
            # A read-only folder or a file system without locks: the desk still works;
            # only a restore on this machine loses its "desk open" check.
            logging.getLogger(__name__).warning("No in-use marker beside %s", db_file, exc_info=True)

    def dispose(self) -> None:
        self.engine.dispose()
        if self._marker is not None:
            self._marker.release()
            self._marker = None


class InUseMarker:
    """Says "a program has this SQLite database open" to a restore on the same machine.

    Every process holding the database open keeps a *shared* advisory lock on
    ``<db>.inuse``; a restore takes it *exclusively* (without waiting), so it
    is refused while any desk — busy or idle — has the file open, and no desk
    can open the file while the restore swaps it. POSIX ``flock``; on systems
    without it the marker does nothing and the restore relies on its other
    checks.
    """

    def __init__(self, db_file: Path, *, exclusive: bool = False) -> None:
        self.path = db_file.with_name(db_file.name + ".inuse")
        self._fd: int | None = None
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the lock
            self._fd = None


def upsert_insert(session: Session) -> Any:
    """The dialect's ``insert`` (with ``on_conflict_do_*``) for the session's database.

    Imported at use: loading SQLAlchemy's PostgreSQL dialect package pulls in
    its async drivers' modules too, which an SQLite desk does not need at start.
    """
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert
    from sqlalchemy.dialects import sqlite

    return sqlite.insert


def sqlite_file(url: str) -> Path | None:
    """The database file of an SQLite URL (None for memory or a server)."""
    if not url.startswith("sqlite"):
        return None
    _, _, rest = url.partition(":///")
    return Path(rest) if rest and rest != ":memory:" else None
