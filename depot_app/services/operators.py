"""Operators: the people recorded on every change."""

from __future__ import annotations

from sqlalchemy import func, select

from depot_app.db.engine import Database
from depot_app.db.models import Operator
from depot_app.domain.clock import Clock
from depot_app.domain.errors import ValidationError
from depot_app.domain.vocabulary import Role
from depot_app.services import mapping
from depot_app.services.audit import record_global
from depot_app.services.views import OperatorView


class OperatorService:
    """Adds and lists operators."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def list(self, *, include_inactive: bool = False) -> list[OperatorView]:
        with self.db.read() as s:
            stmt = select(Operator).order_by(Operator.id)
            if not include_inactive:
                stmt = stmt.where(Operator.active.is_(True))
            return [mapping.operator_view(o) for o in s.scalars(stmt)]

    def add(self, *, name: str, role: Role, by: int | None) -> OperatorView:
        """Add an operator; names are unique (people pick themselves by name)."""
        clean = " ".join(name.split())
        if not clean or len(clean) > 64:
            raise ValidationError("An operator's name must be 1 to 64 characters.",
                                  "操作员姓名应为 1 到 64 个字。", field="name")
        with self.db.write() as s:
            exists = s.scalar(select(func.count(Operator.id)).where(Operator.name == clean))
            if exists:
                raise ValidationError(f"There is already an operator called {clean}.",
                                      f"已有名为“{clean}”的操作员。", field="name")
            op = Operator(name=clean, role=role.value, active=True, created_at=self.clock.now())
            s.add(op)
            s.flush()
            record_global(s, at=self.clock.now(), operator_id=by, action="operator_added",
                          after=f"{clean} ({role.value})")
            return mapping.operator_view(op)

    def get(self, operator_id: int) -> OperatorView | None:
        with self.db.read() as s:
            op = s.get(Operator, operator_id)
            return mapping.operator_view(op) if op else None

    def ensure_first(self) -> OperatorView:
        """A fresh database gets one manager so the desk can be used at once."""
        existing = self.list()
        if existing:
            return existing[0]
        return self.add(name="网点负责人", role=Role.MANAGER, by=None)
