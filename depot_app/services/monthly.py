"""The monthly export: one workbook of a month's cases for head office and finance.

The cases are streamed from the database in batches (a server-side cursor on
PostgreSQL) straight into the streaming workbook writer, which counts the
summary as the rows pass; nothing holds the whole month in memory. The file
is written under a temporary name beside the target and moved into place only
when complete, so a cancelled or failed export never leaves a partial file.

Phones, names and addresses are masked unless a manager asks otherwise. Every
export is recorded in the audit trail (who, when, which month, masked or not).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session, aliased

from depot_app.db.engine import Database
from depot_app.db.models import Compensation, Operator, Parcel, ProblemCase, Resolution, ScanEvent
from depot_app.domain.clock import Clock, to_utc
from depot_app.domain.dashboard import Period
from depot_app.domain.errors import (
    ValidationError,
)
from depot_app.domain.permissions import Permission
from depot_app.export.context import ExportCancelled
from depot_app.export.files import check_target
from depot_app.services.audit import record_global
from depot_app.services.authz import authorize
from depot_app.services.dashboard import figures_of, live_resolutions
from depot_app.services.settings import read_setting

if TYPE_CHECKING:
    from depot_app.export.excel_month import MonthStats

__all__ = ["BATCH_SIZE", "ExportCancelled", "MonthlyExportResult", "MonthlyExportService", "month_bounds"]

log = logging.getLogger(__name__)

#: Rows fetched from the database per round trip.
BATCH_SIZE = 2000

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class MonthlyExportResult:
    """What an export wrote."""

    path: Path
    year: int
    month: int
    masked: bool
    case_count: int
    compensation_count: int
    compensation_total: Decimal
    compensation_paid_total: Decimal
    stats: MonthStats


def month_bounds(year: int, month: int, tz: str) -> tuple[datetime, datetime]:
    """The month's first and next month's first local midnight, as naive UTC."""
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise ValidationError(f"{year}-{month:02d} is not a month this desk can export.",
                              f"{year}-{month:02d} 不是可导出的月份。", field="month")
    start = datetime.combine(date(year, month, 1), time())
    end = datetime.combine(date(year + (month == 12), month % 12 + 1, 1), time())
    return to_utc(start, tz), to_utc(end, tz)


class MonthlyExportService:
    """Writes the monthly workbook (案件明细, 汇总, 赔偿台账, 按处理人)."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def export_month(self, *, year: int, month: int, out: str | os.PathLike[str], by: int,
                     unmasked: bool = False, language: str = "zh_CN",
                     progress: Progress | None = None,
                     cancelled: Cancelled | None = None) -> MonthlyExportResult:
        """Write the workbook of cases reported in ``year``-``month`` (depot local time) to ``out``.

        ``progress(done, total)`` is called after every batch of rows;
        ``cancelled()`` is asked as often, and when it answers true the
        temporary file is removed and :class:`ExportCancelled` raised.
        ``unmasked`` needs a manager (:class:`PermissionDeniedError`).
        """
        # openpyxl loads with the first workbook, not with the desk.
        from depot_app.export.excel_month import (
            CaseRecord,
            CompensationRecord,
            WorkbookMeta,
            write_monthly_workbook,
        )

        target = Path(out)
        now = self.clock.now()
        with self.db.read() as s:
            operator = authorize(s, by, Permission.EXPORT_UNMASKED if unmasked else Permission.EXPORT_RECORDS)
            tz = read_setting(s, "timezone")
            meta = WorkbookMeta(depot_code=read_setting(s, "depot_code"),
                                depot_name=read_setting(s, "depot_name"), year=year, month=month,
                                timezone=tz, exported_by=operator.name, exported_at=now,
                                masked=not unmasked, language=language)
        start, end = month_bounds(year, month, tz)
        check_target(target)
        if not target.parent.is_dir():
            raise ValidationError(f"The folder {target.parent} does not exist.",
                                  f"文件夹 {target.parent} 不存在。", field="out")
        tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
        try:
            with self.db.read() as s:
                if s.get_bind().dialect.name == "postgresql":
                    # One snapshot for cases, ledger and closures, so the totals agree.
                    s.connection(execution_options={"isolation_level": "REPEATABLE READ"})
                in_month = and_(ProblemCase.reported_at >= start, ProblemCase.reported_at < end)
                live = live_resolutions(in_month)
                n_cases = int(s.scalar(select(func.count(ProblemCase.id)).where(in_month)) or 0)
                n_comps = int(s.scalar(select(func.count(Compensation.id)).join(
                    live, Compensation.resolution_id == live.c.rid)) or 0)
                ticker = _Ticker(n_cases + n_comps, progress, cancelled)
                ticker.tick(0)
                stats = write_monthly_workbook(
                    tmp, meta,
                    cases=(CaseRecord._make(row) for row in
                           _stream(s, _cases_query(in_month, live), ticker)),
                    compensations=(CompensationRecord._make(row) for row in
                                   _stream(s, _ledger_query(live), ticker)),
                    # The summary's figures are the dashboard's, for the month as a period.
                    figures=figures_of(s, period=Period(*meta.month_days()), now=now, series=True))
            with self.db.write() as s:
                record_global(s, at=self.clock.now(), operator_id=by, action="export",
                              field="monthly_workbook", after=target.name,
                              detail=f"monthly workbook {year}-{month:02d}, "
                                     f"{'unmasked' if unmasked else 'masked'}, {stats.total} cases")
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        log.info("Monthly workbook %d-%02d written to %s by operator %s (%s, %d cases)", year, month,
                 target, by, "unmasked" if unmasked else "masked", stats.total)
        return MonthlyExportResult(path=target, year=year, month=month, masked=not unmasked,
                                   case_count=stats.total, compensation_count=stats.compensation_count,
                                   compensation_total=stats.compensation_total,
                                   compensation_paid_total=stats.compensation_paid_total, stats=stats)


class _Ticker:
    """Reports progress and checks for a cancel once per batch."""

    def __init__(self, total: int, progress: Progress | None, cancelled: Cancelled | None) -> None:
        self.total = total
        self.done = 0
        self.progress = progress
        self.cancelled = cancelled

    def tick(self, rows: int) -> None:
        self.done += rows
        if self.cancelled is not None and self.cancelled():
            raise ExportCancelled()
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)


def _stream(s: Session, stmt: Select[*tuple[Any, ...]], ticker: _Ticker | None) -> Iterator[Any]:
    """Rows of ``stmt`` fetched ``BATCH_SIZE`` at a time (a server-side cursor on PostgreSQL)."""
    result = s.connection().execute(stmt, execution_options={"yield_per": BATCH_SIZE})
    try:
        for batch in result.partitions():
            yield from batch
            if ticker is not None:
                ticker.tick(len(batch))
    finally:
        result.close()


def _cases_query(in_month: Any, live: Any) -> Select[*tuple[Any, ...]]:
    assignee = aliased(Operator)
    res = aliased(Resolution)
    comp = aliased(Compensation)
    # Column order is CaseRecord's field order.
    return (
        select(ProblemCase.case_no, Parcel.tracking_no, Parcel.carrier, ProblemCase.kind,
               ProblemCase.status, ProblemCase.priority, ProblemCase.report_channel, assignee.name,
               ProblemCase.reported_at, ProblemCase.due_at, ProblemCase.first_response_due_at,
               ProblemCase.first_contact_at, ProblemCase.closed_at, Parcel.sender_name,
               Parcel.sender_phone, Parcel.sender_address, Parcel.recipient_name, Parcel.recipient_phone,
               Parcel.recipient_address, Parcel.item_description, Parcel.declared_value,
               Parcel.insured_value, Parcel.freight, Parcel.cod_amount, Parcel.weight_g, res.type,
               comp.amount, ProblemCase.final_outcome, ProblemCase.satisfaction, ProblemCase.description,
               # Counted off the (tracking_no, at) index, one probe per case.
               select(func.count(ScanEvent.id)).where(ScanEvent.tracking_no == Parcel.tracking_no)
               .correlate(Parcel).scalar_subquery())
        .join(Parcel, Parcel.id == ProblemCase.parcel_id)
        .outerjoin(assignee, assignee.id == ProblemCase.assignee_id)
        .outerjoin(live, live.c.case_id == ProblemCase.id)
        .outerjoin(res, res.id == live.c.rid)
        .outerjoin(comp, comp.resolution_id == live.c.rid)
        .where(in_month)
        .order_by(ProblemCase.reported_at, ProblemCase.id))


def _ledger_query(live: Any) -> Select[*tuple[Any, ...]]:
    approver = aliased(Operator)
    payer = aliased(Operator)
    # Column order is CompensationRecord's field order.
    return (
        select(ProblemCase.case_no, Parcel.tracking_no, ProblemCase.kind, Compensation.suggested_amount,
               Compensation.amount, Compensation.basis, Compensation.approval_state, approver.name,
               Compensation.approved_at, Compensation.paid_at, Compensation.payment_method,
               Compensation.payment_reference, Compensation.payee_account, payer.name)
        .join(live, Compensation.resolution_id == live.c.rid)
        .join(ProblemCase, ProblemCase.id == Compensation.case_id)
        .join(Parcel, Parcel.id == ProblemCase.parcel_id)
        .outerjoin(approver, approver.id == Compensation.approver_id)
        .outerjoin(payer, payer.id == Compensation.paid_by_id)
        .order_by(ProblemCase.reported_at, ProblemCase.id))
