"""Use cases: the only way the UI, the exporters and the command line change data."""

from __future__ import annotations

from dataclasses import dataclass

from depot_app.db.engine import Database
from depot_app.db.migrate import upgrade
from depot_app.domain.clock import Clock
from depot_app.services.cases import CaseService
from depot_app.services.operators import OperatorService
from depot_app.services.queries import QueryService
from depot_app.services.reports import ReportService
from depot_app.services.settings import SettingsService


@dataclass
class Services:
    """Every service, sharing one database and one clock."""

    db: Database
    clock: Clock
    cases: CaseService
    queries: QueryService
    settings: SettingsService
    operators: OperatorService
    reports: ReportService

    @classmethod
    def open(cls, url: str, *, clock: Clock | None = None, migrate: bool = True,
             backup_dir: str | None = None) -> Services:
        """Connect to ``url``, migrate it to the current schema, wire the services."""
        from pathlib import Path

        db = Database(url)
        if migrate:
            upgrade(db.engine, backup_dir=Path(backup_dir) if backup_dir else None)
        clk = clock or Clock()
        return cls(db=db, clock=clk, cases=CaseService(db, clk), queries=QueryService(db, clk),
                   settings=SettingsService(db, clk), operators=OperatorService(db, clk),
                   reports=ReportService(db, clk))

    def close(self) -> None:
        self.db.dispose()
