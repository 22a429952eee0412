"""PDF exports of cases: the case report, the claim form and the closed-cases batch.

The service loads the plain views, hands them to the writers in
:mod:`depot_app.export`, and records every export: an ``export`` row in the
depot-wide audit trail (who, when, what, masked or not), and — when phones
are exported unmasked — an ``exported`` entry on each case's timeline. The
record is written after the document is complete and before it is moved into
place, so a file never exists without its audit entry and a cancelled export
leaves neither.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from depot_app.db.engine import Database
from depot_app.db.models import ProblemCase, Resolution
from depot_app.domain.clock import Clock, to_local, to_utc
from depot_app.domain.errors import NotFoundError, ValidationError
from depot_app.domain.permissions import Permission
from depot_app.domain.views import CaseDetail
from depot_app.domain.vocabulary import CaseStatus
from depot_app.export.context import (
    CancelledFn,
    ProgressFn,
    ReportContext,
    Ticker,
    compensation_of,
    no_compensation_error,
)
from depot_app.services import mapping
from depot_app.services.audit import record_event, record_global
from depot_app.services.authz import authorize
from depot_app.services.scan_store import scans_of
from depot_app.services.settings import read_setting

#: What each export is called in the audit trail and on the timeline.
_WHAT = {"case_report": "case report", "claim_form": "claim form", "closed_batch": "closed cases batch"}


def load_detail(s: Session, case_id: int, *, masked: bool) -> CaseDetail:
    """A case with everything it owns; phones masked or not."""
    case = s.scalars(
        select(ProblemCase).where(ProblemCase.id == case_id).options(
            selectinload(ProblemCase.parcel), selectinload(ProblemCase.contacts),
            selectinload(ProblemCase.resolutions).selectinload(Resolution.compensation),
            selectinload(ProblemCase.events), selectinload(ProblemCase.photos))
    ).first()
    if case is None:
        raise NotFoundError(f"Case #{case_id} does not exist.", f"问题件 #{case_id} 不存在。")
    detail = mapping.case_detail(case, mapping.operator_names(s), masked=masked)
    return replace(detail, scans=scans_of(s, case.parcel.tracking_no))


class ReportService:
    """Makes the PDFs of cases and records who exported what."""

    def __init__(self, db: Database, clock: Clock, *,
                 photo_path: Callable[[str], Path | None] | None = None) -> None:
        self.db = db
        self.clock = clock
        #: Finds a photo file by its SHA-256 (the photo store plugs in here).
        self.photo_path = photo_path

    # ----------------------------------------------------------------- lookups
    def case_id_by_no(self, case_no: str) -> int | None:
        """The id of the case with this number, or None."""
        with self.db.read() as s:
            return s.scalar(select(ProblemCase.id).where(ProblemCase.case_no == case_no.strip().upper()))

    def closed_case_ids(self, *, date_from: date, date_to: date) -> list[int]:
        """Cases closed on the depot's local calendar days ``date_from``…``date_to``, in closing order."""
        _check_period(date_from, date_to)
        with self.db.read() as s:
            tz = read_setting(s, "timezone")
            start = to_utc(datetime.combine(date_from, time()), tz)
            end = to_utc(datetime.combine(date_to + timedelta(days=1), time()), tz)
            rows = s.scalars(select(ProblemCase.id).where(
                ProblemCase.status == CaseStatus.CLOSED.value, ProblemCase.closed_at >= start,
                ProblemCase.closed_at < end).order_by(ProblemCase.closed_at, ProblemCase.case_no))
            return list(rows)

    # ----------------------------------------------------------------- exports
    def case_report(self, *, case_id: int, out: str | os.PathLike[str], by: int, unmasked: bool = False,
                    language: str = "zh_CN", progress: ProgressFn | None = None,
                    cancelled: CancelledFn | None = None) -> Path:
        """Write the case report of one case to ``out``; phones masked unless ``unmasked``."""
        ctx, detail = self._prepare(case_id, by=by, unmasked=unmasked, language=language)
        record = self._recorder("case_report", [detail], by=by, unmasked=unmasked, out=out, language=language)
        from depot_app.export.case_report import write_case_report  # reportlab loads with the first PDF

        return write_case_report(detail, ctx, out, progress=progress, cancelled=cancelled,
                                 before_replace=record)

    def claim_form(self, *, case_id: int, out: str | os.PathLike[str], by: int, unmasked: bool = False,
                   language: str = "zh_CN", progress: ProgressFn | None = None,
                   cancelled: CancelledFn | None = None) -> Path:
        """Write the claim form (赔偿申请单) of a compensation case to ``out``.

        Raises :class:`PolicyError` when the case has no compensation.
        """
        ctx, detail = self._prepare(case_id, by=by, unmasked=unmasked, language=language)
        if compensation_of(detail) is None:
            raise no_compensation_error(detail)
        record = self._recorder("claim_form", [detail], by=by, unmasked=unmasked, out=out, language=language)
        from depot_app.export.claim_form import write_claim_form

        return write_claim_form(detail, ctx, out, progress=progress, cancelled=cancelled,
                                before_replace=record)

    def closed_batch(self, *, date_from: date, date_to: date, out: str | os.PathLike[str], by: int,
                     unmasked: bool = False, language: str = "zh_CN", include_photos: bool = True,
                     progress: ProgressFn | None = None, cancelled: CancelledFn | None = None) -> Path:
        """Every case closed in the period (depot-local days, inclusive) in one PDF with contents.

        Raises :class:`ValidationError` when no case was closed in the period.
        """
        ids = self.closed_case_ids(date_from=date_from, date_to=date_to)
        if not ids:
            raise ValidationError(
                f"No cases were closed between {date_from.isoformat()} and {date_to.isoformat()}.",
                f"{date_from.isoformat()} 至 {date_to.isoformat()} 期间没有结案的问题件。", field="date_from")
        # Loading is the first fifth of the progress bar, writing the rest.
        loading = Ticker(None, cancelled)
        ctx = self._context(by=by, unmasked=unmasked, language=language)
        details: list[CaseDetail] = []
        with self.db.read() as s:
            for index, case_id in enumerate(ids):
                loading.check()
                details.append(load_detail(s, case_id, masked=not unmasked))
                if progress is not None:
                    progress(200 * (index + 1) // len(ids), 1000)

        def writing(done: int, total: int) -> None:
            if progress is not None:
                progress(200 + 800 * done // max(total, 1), 1000)

        period = f"{date_from.isoformat()}..{date_to.isoformat()}"
        record = self._recorder("closed_batch", details, by=by, unmasked=unmasked, out=out, language=language,
                                period=period)
        from depot_app.export.batch_report import write_batch_report

        return write_batch_report(details, ctx, out, date_from=date_from, date_to=date_to,
                                  include_photos=include_photos, progress=writing, cancelled=cancelled,
                                  before_replace=record)

    # ----------------------------------------------------------------- helpers
    def _context(self, *, by: int, unmasked: bool, language: str) -> ReportContext:
        if language not in ("zh_CN", "en"):
            raise ValidationError(f"Unknown report language “{language}” (zh_CN or en).",
                                  f"未知的报告语言“{language}”（zh_CN 或 en）。", field="language")
        with self.db.read() as s:
            operator = authorize(s, by, Permission.EXPORT_UNMASKED if unmasked else Permission.EXPORT_RECORDS)
            tz = read_setting(s, "timezone")
            return ReportContext(
                depot_code=read_setting(s, "depot_code"), depot_name=read_setting(s, "depot_name"),
                language=language, generated_at=to_local(self.clock.now(), tz).strftime("%Y-%m-%d %H:%M"),
                generated_by=operator.name, masked=not unmasked,
                photo_path=self.photo_path or (lambda _sha: None), timezone=tz,
                operators=mapping.operator_names(s))

    def _prepare(self, case_id: int, *, by: int, unmasked: bool,
                 language: str) -> tuple[ReportContext, CaseDetail]:
        ctx = self._context(by=by, unmasked=unmasked, language=language)
        with self.db.read() as s:
            return ctx, load_detail(s, case_id, masked=not unmasked)

    def _recorder(self, kind: str, details: list[CaseDetail], *, by: int, unmasked: bool,
                  out: str | os.PathLike[str], language: str, period: str = "") -> Callable[[], None]:
        """What runs once the document is complete: the audit rows and, when unmasked, timeline entries."""
        what = _WHAT[kind]
        mode = "unmasked" if unmasked else "masked"
        name = Path(out).name

        def record() -> None:
            now = self.clock.now()
            with self.db.write() as s:
                authorize(s, by, Permission.EXPORT_UNMASKED if unmasked else Permission.EXPORT_RECORDS)
                if kind == "closed_batch":
                    record_global(s, at=now, operator_id=by, action="export", field=kind, after=name,
                                  detail=f"{what} {mode} {period}: {len(details)} cases, {language}")
                for detail in details:
                    if kind != "closed_batch" or unmasked:
                        record_global(s, at=now, operator_id=by, action="export", case_id=detail.id,
                                      field=kind, after=name,
                                      detail=f"{what} {mode} {detail.case_no}, {language}")
                    if unmasked:
                        case = s.get(ProblemCase, detail.id)
                        if case is not None:
                            record_event(s, case, at=now, operator_id=by, action="exported",
                                         detail=f"{what} unmasked")
        return record


def _check_period(date_from: date, date_to: date) -> None:
    if date_from > date_to:
        raise ValidationError(
            f"The period starts ({date_from.isoformat()}) after it ends ({date_to.isoformat()}).",
            f"起始日期 {date_from.isoformat()} 晚于结束日期 {date_to.isoformat()}。", field="date_from")
