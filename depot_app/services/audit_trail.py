"""Reading the depot-wide audit trail (managers only).

There is deliberately no method here, or anywhere, that changes or deletes
an entry; the ORM and the database both refuse it (see ``db.models.AppendOnly``
and migration 0002).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import aliased

from depot_app.db.engine import Database
from depot_app.db.models import AuditEntry, Operator, ProblemCase
from depot_app.domain.clock import Clock
from depot_app.domain.permissions import Permission
from depot_app.export.files import check_target
from depot_app.services.audit import record_global
from depot_app.services.authz import authorize


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to show; ``date_to`` is exclusive (UTC, like every stored time)."""

    operator_id: int | None = None
    action: str | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None
    text: str = ""


@dataclass(frozen=True)
class AuditRow:
    """One line of the audit trail as shown to a manager."""

    id: int
    at: datetime
    operator: str
    action: str
    case_no: str | None
    field: str | None
    before: str | None
    after: str | None
    detail: str


__all__ = ["AuditFilter", "AuditRow", "AuditTrailService", "check_target"]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class AuditTrailService:
    """Lists the audit trail for managers, newest first, in pages."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def _filtered(self, stmt: Select, flt: AuditFilter) -> Select:  # type: ignore[type-arg]
        if flt.operator_id is not None:
            stmt = stmt.where(AuditEntry.operator_id == flt.operator_id)
        if flt.action:
            stmt = stmt.where(AuditEntry.action == flt.action)
        if flt.date_from is not None:
            stmt = stmt.where(AuditEntry.at >= flt.date_from)
        if flt.date_to is not None:
            stmt = stmt.where(AuditEntry.at < flt.date_to)
        text = flt.text.strip()
        if text:
            like = "%" + _escape_like(text) + "%"
            stmt = stmt.where(AuditEntry.detail.like(like, escape="\\")
                              | AuditEntry.after.like(like, escape="\\")
                              | AuditEntry.before.like(like, escape="\\")
                              | AuditEntry.field.like(like, escape="\\"))
        return stmt

    def entries(self, *, by: int, filter: AuditFilter | None = None, offset: int = 0,
                limit: int = 200) -> list[AuditRow]:
        """A page of entries matching ``filter``, newest first."""
        flt = filter or AuditFilter()
        with self.db.read() as s:
            authorize(s, by, Permission.VIEW_AUDIT)
            who = aliased(Operator)
            stmt = (select(AuditEntry, who.name, ProblemCase.case_no)
                    .outerjoin(who, who.id == AuditEntry.operator_id)
                    .outerjoin(ProblemCase, ProblemCase.id == AuditEntry.case_id))
            stmt = self._filtered(stmt, flt).order_by(AuditEntry.id.desc()).offset(offset).limit(limit)
            return [AuditRow(id=e.id, at=e.at, operator=name or "system", action=e.action, case_no=case_no,
                             field=e.field, before=e.before, after=e.after, detail=e.detail or "")
                    for e, name, case_no in s.execute(stmt)]

    def count(self, *, by: int, filter: AuditFilter | None = None) -> int:
        with self.db.read() as s:
            authorize(s, by, Permission.VIEW_AUDIT)
            stmt = self._filtered(select(func.count(AuditEntry.id)), filter or AuditFilter())
            return int(s.scalar(stmt) or 0)

    def record_export(self, *, by: int, file_name: str, count: int) -> None:
        """Note on the trail that ``by`` exported ``count`` entries of it to ``file_name``."""
        with self.db.write() as s:
            authorize(s, by, Permission.VIEW_AUDIT)
            record_global(s, at=self.clock.now(), operator_id=by, action="export", field="audit_trail",
                          after=file_name, detail=f"{count} entries")

    def actions(self, *, by: int) -> list[str]:
        """Every action code present in the trail (for the filter list)."""
        with self.db.read() as s:
            authorize(s, by, Permission.VIEW_AUDIT)
            return sorted(a for (a,) in s.execute(select(AuditEntry.action).distinct()))
