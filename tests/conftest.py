"""Shared fixtures: a fresh database per test, on SQLite and on PostgreSQL.

A migrated template is built once per run (an SQLite file, a PostgreSQL
template database) and copied for every test, so each test starts from the
real schema in milliseconds. PostgreSQL tests are skipped when no server can
be started, unless ``DEPOT_REQUIRE_PG=1`` (the README's test command sets
it), in which case they fail loudly.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from depot_app.db.engine import Database  # noqa: E402
from depot_app.db.migrate import upgrade  # noqa: E402
from depot_app.domain.clock import FixedClock  # noqa: E402
from depot_app.services import Services  # noqa: E402
from tests.pg_server import PgServer  # noqa: E402

#: Tests run at a fixed moment: Friday 2026-11-20 10:00 in Shanghai.
START = datetime(2026, 11, 20, 2, 0, 0)

_counter = itertools.count()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = Database(f"sqlite:///{path}")
    upgrade(db.engine)
    db.dispose()
    return path


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer | None]:
    server = PgServer()
    try:
        server.start()
    except Exception as exc:  # noqa: BLE001 - reported as skip or failure below
        server.stop()
        if os.environ.get("DEPOT_REQUIRE_PG") == "1":
            pytest.fail(f"PostgreSQL could not be started: {exc}", pytrace=False)
        yield None
        return
    import psycopg

    with psycopg.connect(f"host=127.0.0.1 port={server.port} user=postgres dbname=postgres",
                         autocommit=True) as conn:
        conn.execute("CREATE DATABASE depot_template")
    db = Database(server.url("depot_template"))
    upgrade(db.engine)
    db.dispose()
    yield server
    server.stop()


def _new_pg_database(server: PgServer) -> str:
    import psycopg

    name = f"t{os.getpid()}_{next(_counter)}"
    with psycopg.connect(f"host=127.0.0.1 port={server.port} user=postgres dbname=postgres",
                         autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE depot_template")
    return server.url(name)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    """A migrated, empty database of each kind, new for this test."""
    if request.param == "sqlite":
        target = tmp_path / "depot.db"
        shutil.copy(sqlite_template, target)
        return f"sqlite:///{target}"
    server = request.getfixturevalue("pg_server")
    if server is None:
        pytest.skip("PostgreSQL is not available here (apt-get install postgresql)")
    return _new_pg_database(server)


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> str:
    """A migrated, empty SQLite database only (for tests of SQLite specifics and the UI).

    Its own file, so a test may use it next to ``db_url``'s SQLite database.
    """
    target = tmp_path / "depot-sqlite.db"
    shutil.copy(sqlite_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def services(db_url: str, clock: FixedClock) -> Iterator[Services]:
    sv = Services.open(db_url, clock=clock)
    yield sv
    sv.close()


@pytest.fixture
def manager(services: Services) -> int:
    return services.operators.ensure_first().id


@pytest.fixture
def clerk(services: Services, manager: int) -> int:
    from depot_app.domain.vocabulary import Role

    return services.operators.add(name="李客服", role=Role.CLERK, by=manager).id
