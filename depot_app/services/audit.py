"""Writing the case timeline and the depot-wide audit trail.

Values are stored as text: enumerations by code, money as exact strings,
anything structured as compact JSON, so a record reads the same in ten years.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy.orm import Session

from depot_app.db.models import AuditEntry, CaseEvent, ProblemCase


def as_text(value: Any) -> str | None:
    """A stable text form of a recorded value."""
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat(timespec="seconds") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def record_event(session: Session, case: ProblemCase, *, at: datetime, operator_id: int, action: str,
                 field: str | None = None, before: Any = None, after: Any = None,
                 detail: str = "") -> CaseEvent:
    """Add one entry to a case's timeline (in the caller's transaction)."""
    # Setting the many-to-one side (not appending to case.events) adds the
    # entry without loading the case's whole timeline first.
    event = CaseEvent(case=case, at=at, operator_id=operator_id, action=action, field=field,
                      before=as_text(before), after=as_text(after), detail=detail)
    session.add(event)
    return event


def record_global(session: Session, *, at: datetime, operator_id: int | None, action: str,
                  case_id: int | None = None, field: str | None = None, before: Any = None,
                  after: Any = None, detail: str = "") -> None:
    """Add one entry to the depot-wide audit trail (in the caller's transaction)."""
    session.add(AuditEntry(at=at, operator_id=operator_id, action=action, case_id=case_id,
                           field=field, before=as_text(before), after=as_text(after), detail=detail))
