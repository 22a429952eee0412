"""Use cases: the only way the UI, the exporters and the command line change data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from depot_app.db.engine import Database
from depot_app.db.migrate import upgrade
from depot_app.domain.clock import Clock
from depot_app.services.addresses import AddressService
from depot_app.services.audit_trail import AuditTrailService
from depot_app.services.cases import CaseService
from depot_app.services.dashboard import DashboardService
from depot_app.services.importer import ImportService
from depot_app.services.monthly import MonthlyExportService
from depot_app.services.operators import OperatorService
from depot_app.services.outbox import OutboxService
from depot_app.services.photo_blobs import BlobPhotoStore
from depot_app.services.photos import PhotoService, PhotoStore
from depot_app.services.queries import QueryService
from depot_app.services.reports import ReportService
from depot_app.services.search_keys import ensure_search_keys
from depot_app.services.settings import SettingsService
from depot_app.services.tracking import TrackingService
from depot_app.services.tracking_import import TrackingImportService
from depot_app.services.volume import VolumeService


def default_photo_dir(url: str) -> Path:
    """Photos live beside an SQLite file; for a server database in the user's data folder."""
    if url.startswith("sqlite"):
        _, _, rest = url.partition(":///")
        if rest and rest != ":memory:":
            return Path(rest).parent / "photos"
    from depot_app.config import default_data_dir

    return default_data_dir() / "photos"


@dataclass
class Services:
    """Every service, sharing one database, one clock and one photo store."""

    db: Database
    clock: Clock
    cases: CaseService
    queries: QueryService
    settings: SettingsService
    operators: OperatorService
    reports: ReportService
    photos: PhotoService
    monthly: MonthlyExportService
    importer: ImportService
    audit: AuditTrailService
    dashboard: DashboardService
    volume: VolumeService
    tracking: TrackingService
    tracking_import: TrackingImportService
    outbox: OutboxService
    addresses: AddressService

    @classmethod
    def open(cls, url: str, *, clock: Clock | None = None, migrate: bool = True,
             backup_dir: str | None = None, photo_dir: str | Path | None = None,
             photo_cache_dir: str | Path | None = None) -> Services:
        """Connect to ``url``, migrate it to the current schema, wire the services.

        An SQLite depot keeps its photos as files in ``photo_dir``; a
        PostgreSQL depot keeps them in the database, each desk caching what it
        shows in ``photo_cache_dir`` (default: ``photo-cache`` beside ``photo_dir``).
        """
        db = Database(url)
        db.hold_in_use_marker()
        if migrate:
            upgrade(db.engine, backup_dir=Path(backup_dir) if backup_dir else None)
        clk = clock or Clock()
        if migrate:
            ensure_search_keys(db, clk)
        folder = Path(photo_dir) if photo_dir else default_photo_dir(url)
        store = PhotoStore(folder) if db.is_sqlite else BlobPhotoStore(
            db, Path(photo_cache_dir) if photo_cache_dir else folder.with_name("photo-cache"), legacy_dir=folder)
        return cls(db=db, clock=clk, cases=CaseService(db, clk), queries=QueryService(db, clk),
                   settings=SettingsService(db, clk), operators=OperatorService(db, clk),
                   reports=ReportService(db, clk, photo_path=store.path_for),
                   photos=PhotoService(db, clk, store), monthly=MonthlyExportService(db, clk),
                   importer=ImportService(db, clk), audit=AuditTrailService(db, clk),
                   dashboard=DashboardService(db, clk), volume=VolumeService(db, clk),
                   tracking=TrackingService(db, clk), tracking_import=TrackingImportService(db, clk),
                   outbox=OutboxService(db, clk), addresses=AddressService(db, clk))

    def close(self) -> None:
        self.db.dispose()
