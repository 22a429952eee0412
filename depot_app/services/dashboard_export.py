"""The dashboard on paper: the service's figures as a plain view, written as a one-page PDF.

The figures are the dashboard service's (one definition of each); this module
only turns its result into the :class:`~depot_app.domain.dashboard_view.DashboardView`
the writer takes, and records the export in the audit trail once the document
is complete and before it is moved into place.
"""

from __future__ import annotations

import os
from pathlib import Path

from depot_app.db.engine import Database
from depot_app.domain.clock import Clock, to_local
from depot_app.domain.dashboard import FIGURES, Period
from depot_app.domain.dashboard_view import VOLUME_FIGURES, DashboardView, FigureLine
from depot_app.domain.permissions import Permission
from depot_app.export.context import ReportContext
from depot_app.services.audit import record_global
from depot_app.services.authz import authorize
from depot_app.services.dashboard import Dashboard, DashboardService
from depot_app.services.settings import read_setting


def dashboard_view(board: Dashboard) -> DashboardView:
    """The plain view of a dashboard result (what the PDF is drawn from)."""
    cur, prev = board.current, board.previous
    figures = tuple(
        FigureLine(key=f.key, current=cur.values.get(f.key), previous=prev.values.get(f.key),
                   current_missing=(f.key in VOLUME_FIGURES and cur.values.get(f.key) is None
                                    and cur.volume_missing_days > 0),
                   previous_missing=(f.key in VOLUME_FIGURES and prev.values.get(f.key) is None
                                     and prev.volume_missing_days > 0))
        for f in FIGURES)
    days = tuple((day, int(n), int(cur.closed_by_day.get(day, 0))) for day, n in sorted(cur.opened_by_day.items()))
    breakdowns = tuple((name, tuple(rows)) for name, rows in board.breakdowns.items())
    return DashboardView(
        period=board.period, previous_period=board.period.previous(), figures=figures, days=days,
        age_buckets=tuple(cur.age_buckets.items()), ratings=tuple(sorted(cur.ratings.items())),
        breakdowns=breakdowns, volume_missing_days=cur.volume_missing_days,
        previous_volume_missing_days=prev.volume_missing_days)


class DashboardExportService:
    """Writes the dashboard of a period as a one-page PDF (managers: the dashboard permission)."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        self.dashboard = DashboardService(db, clock)

    def _context(self, *, by: int, language: str) -> ReportContext:
        with self.db.read() as s:
            operator = authorize(s, by, Permission.VIEW_DASHBOARD)
            tz = read_setting(s, "timezone")
            return ReportContext(
                depot_code=read_setting(s, "depot_code"), depot_name=read_setting(s, "depot_name"),
                language=language, generated_at=to_local(self.clock.now(), tz).strftime("%Y-%m-%d %H:%M"),
                generated_by=operator.name, timezone=tz)

    def write_pdf(self, *, period: Period, by: int, out: str | os.PathLike[str],
                  language: str = "zh_CN", board: Dashboard | None = None) -> Path:
        """Write the period's dashboard to ``out``; ``board``: figures already read for this period."""
        ctx = self._context(by=by, language=language)
        if board is None or board.period != period:
            board = self.dashboard.figures(period=period, by=by)
        view = dashboard_view(board)
        name = Path(out).name

        def record() -> None:
            with self.db.write() as s:
                authorize(s, by, Permission.VIEW_DASHBOARD)
                record_global(s, at=self.clock.now(), operator_id=by, action="export", field="dashboard",
                              after=name, detail=f"dashboard {period.first.isoformat()} – "
                                                 f"{period.last.isoformat()}, {language}")

        from depot_app.export.dashboard_pdf import write_dashboard_pdf  # reportlab loads with the first PDF

        return write_dashboard_pdf(view, ctx, out, before_replace=record)
