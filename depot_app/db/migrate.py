"""Bring a database to the current schema with Alembic, safely.

Called at every start. An SQLite file that needs migrating is first copied
(with SQLite's online backup API, so a live WAL is included) into the
backups folder; a failed migration therefore never costs data. A database
already at a revision this desk does not know (written by a newer version)
is refused rather than opened.

The start of a desk whose database is at head does not load Alembic: the
revision is read from ``alembic_version`` and compared with
:data:`REVISIONS`, the chain of migrations in order (a test keeps it equal to
what Alembic reads from ``migrations/versions``). Add a new migration's id
at its end.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from depot_app.domain.errors import ConfigurationError

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

#: Every migration's revision id, oldest first (each one's down_revision is the one before).
REVISIONS = ("0001", "0002", "0003", "0005", "0007", "0006", "0008", "0011", "0010", "0012", "0013")


def alembic_config(url: str) -> Config:
    """An Alembic configuration for ``url`` without any ini file."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def head_revision() -> str:
    """The newest migration's revision id."""
    return REVISIONS[-1]


def _revision_of(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    with engine.connect() as conn:
        return _revision_of(conn)


def newer_database_error(revision: str) -> ConfigurationError:
    return ConfigurationError(
        f"The database is at schema {revision}, which this version of Depot Desk does not know: it was "
        "written by a newer version. Install the newer version on this desk (ask the depot's administrator).",
        f"数据库的结构版本为 {revision}，本版本的网点问题件工作台无法识别：它由更新的版本写入。"
        "请在本机安装新版本（请联系网点管理员）。")


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
    if current is not None and current not in REVISIONS:
        raise newer_database_error(current)
    from alembic import command  # loaded only when there is something to migrate

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
            now = _revision_of(conn)
            if now == head:
                return None
            if now is not None and now not in REVISIONS:
                raise newer_database_error(now)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    log.info("Database migrated from %s to %s", current, head)
    return str(backup) if backup else None
