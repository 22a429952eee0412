"""Bring a database to the current schema with Alembic, safely.

Called at every start. An SQLite file that needs migrating is first copied
(with SQLite's online backup API, so a live WAL is included) into the
backups folder; a failed migration therefore never costs data.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(url: str) -> Config:
    """An Alembic configuration for ``url`` without any ini file."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def head_revision() -> str:
    """The newest migration's revision id."""
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup_sqlite(db_file: Path, backup_dir: Path, label: str) -> Path:
    """Copy a live SQLite database consistently into ``backup_dir``."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backup_dir / f"{db_file.stem}-{stamp}-{label}.db"
    source = sqlite3.connect(str(db_file))
    try:
        dest = sqlite3.connect(str(target))
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target


#: PostgreSQL advisory lock key held while migrating (any constant; "DEPOTMIG" in ASCII).
_MIGRATION_LOCK = 0x4445504F544D4947


def upgrade(engine: Engine, *, backup_dir: Path | None = None) -> str | None:
    """Migrate to head. Returns the path of the pre-migration backup, if one was made."""
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return None
    backup: Path | None = None
    db_file = engine.url.database
    if engine.dialect.name == "sqlite" and current is not None and db_file and db_file != ":memory:":
        backup = backup_sqlite(Path(db_file), backup_dir or Path(db_file).parent / "backups",
                               f"before-{head}")
        log.info("Backed up %s to %s before migrating %s -> %s", db_file, backup, current, head)
    cfg = alembic_config(str(engine.url.render_as_string(hide_password=False)))
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            # Several desks may start the new version at once: one migrates, the
            # others wait here (the lock ends with the transaction) and then find
            # the schema at head instead of failing on "relation already exists".
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
            if MigrationContext.configure(conn).get_current_revision() == head:
                return None
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    log.info("Database migrated from %s to %s", current, head)
    return str(backup) if backup else None
