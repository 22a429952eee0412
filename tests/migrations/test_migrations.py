"""The migrations give exactly the ORM's schema, on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from depot_app.db import migrate
from depot_app.db.engine import Database
from depot_app.db.models import Base
from depot_app.domain.errors import ConfigurationError
from depot_app.domain.kinds import ProblemKind
from depot_app.services import Services


def test_upgrade_head_matches_orm(db_url: str) -> None:
    db = Database(db_url)
    try:
        with db.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(ctx, Base.metadata)
        assert diff == [], f"migrations and models differ: {diff}"
        assert migrate.current_revision(db.engine) == migrate.head_revision()
    finally:
        db.dispose()


def test_known_revisions_are_the_migration_chain() -> None:
    """migrate.REVISIONS (read at every start without Alembic) is the chain Alembic reads from the files."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config("sqlite://"))
    chain = [rev.revision for rev in script.walk_revisions()]
    assert tuple(reversed(chain)) == migrate.REVISIONS
    assert script.get_current_head() == migrate.head_revision()


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    db_file = tmp_path / "depot.db"
    db = Database(f"sqlite:///{db_file}")
    try:
        migrate.upgrade(db.engine)
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
        with pytest.raises(ConfigurationError) as refused:
            migrate.upgrade(db.engine, backup_dir=tmp_path / "backups")
        assert "0099" in refused.value.en and "newer version" in refused.value.en
        assert "更新的版本" in refused.value.zh
        assert not (tmp_path / "backups").exists()  # nothing copied, nothing run
        assert migrate.current_revision(db.engine) == "0099"
    finally:
        db.dispose()


def test_fresh_sqlite_file_is_migrated_without_backup(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'new.db'}")
    try:
        assert migrate.upgrade(db.engine, backup_dir=tmp_path / "backups") is None
        assert migrate.current_revision(db.engine) == migrate.head_revision()
        assert not (tmp_path / "backups").exists()
        # Running again at head does nothing.
        assert migrate.upgrade(db.engine, backup_dir=tmp_path / "backups") is None
    finally:
        db.dispose()


def test_sqlite_is_backed_up_before_migrating(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db_file = tmp_path / "depot.db"
    db = Database(f"sqlite:///{db_file}")
    migrate.upgrade(db.engine)
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO day_counter (key, value) VALUES ('SH01-261120', 7)"))
    # Pretend a newer schema exists: the file must be copied before anything runs.
    monkeypatch.setattr(migrate, "head_revision", lambda: "9999_newer")
    ran: list[str] = []
    monkeypatch.setattr(command, "upgrade", lambda cfg, rev: ran.append(rev))
    backup = migrate.upgrade(db.engine, backup_dir=tmp_path / "backups")
    db.dispose()
    assert ran == ["head"]
    assert backup is not None and Path(backup).exists()
    copy = sqlite3.connect(backup)
    try:
        assert copy.execute("SELECT value FROM day_counter").fetchone() == (7,)
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        copy.close()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    try:
        with db.read() as s:
            assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        with pytest.raises(IntegrityError):
            with db.write() as s:
                s.execute(text("INSERT INTO contact_attempt (case_id, party, channel, outcome, note, at, "
                               "operator_id) VALUES (999, 'sender', 'phone', 'reached', '', "
                               "'2026-11-20 00:00:00', 999)"))
    finally:
        db.dispose()


def _indexes(db: Database) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for table in ("case_event", "problem_case", "audit_entry"):
        found.update({str(ix["name"]): [str(c) for c in ix["column_names"]]
                      for ix in inspect(db.engine).get_indexes(table)})
    return found


#: Indexes migration 0003 adds, by name.
ADDED_IN_0003 = {"ix_case_event_case_id_id": ["case_id", "id"],
                 "ix_problem_case_status_closed": ["status", "closed_at"],
                 "ix_audit_entry_operator_id_id": ["operator_id", "id"]}


def test_0003_indexes_upgrade_and_downgrade_with_data(db_url: str) -> None:
    """0003 adds its indexes (dropping case_event's case_id-only one) and takes them back, keeping the rows."""
    sv = Services.open(db_url)
    try:
        by = sv.operators.ensure_first().id
        case_id = sv.cases.register_case(tracking_no="SF9300000000099", kind=ProblemKind.DAMAGED, by=by).id
    finally:
        sv.close()
    db = Database(db_url)
    try:
        at_head = _indexes(db)
        assert {name: at_head.get(name) for name in ADDED_IN_0003} == ADDED_IN_0003
        assert "ix_case_event_case_id" not in at_head
        cfg = migrate.alembic_config(db_url)
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0002")
        assert migrate.current_revision(db.engine) == "0002"
        after_down = _indexes(db)
        assert after_down.get("ix_case_event_case_id") == ["case_id"]
        assert not set(ADDED_IN_0003) & set(after_down)
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        assert migrate.current_revision(db.engine) == migrate.head_revision()
        assert _indexes(db) == at_head
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM case_event WHERE case_id = :c"),
                                {"c": case_id}).scalar() == 1
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                    Base.metadata)
        assert diff == [], f"migrations and models differ after a round trip: {diff}"
    finally:
        db.dispose()
