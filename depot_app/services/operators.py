"""Operators: who works at the desk, their roles, PINs and sign-ins.

A PIN is stored only as a salted scrypt hash (:mod:`depot_app.domain.credentials`).
Wrong PINs are counted per operator in the database, so the lock-out holds
on every workstation of a depot; every sign-in, failure, lock-out and
change of role or PIN lands on the depot-wide audit trail.

``by=None`` on the methods that accept it means the command line on the
machine holding the database (``depot-app operators ...``): whoever can run
it can already open the database file, so it is recorded as "system".
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from depot_app.db.engine import Database
from depot_app.db.models import Operator
from depot_app.domain.clock import Clock
from depot_app.domain.credentials import check_strength, hash_secret, verify_secret
from depot_app.domain.errors import (
    AccountLockedError,
    NotFoundError,
    PermissionDeniedError,
    PolicyError,
    SignInError,
    ValidationError,
)
from depot_app.domain.permissions import Permission
from depot_app.domain.views import OperatorView
from depot_app.domain.vocabulary import Role
from depot_app.services import mapping
from depot_app.services.audit import record_global
from depot_app.services.authz import authorize
from depot_app.services.settings import read_setting

#: Why a session ended, as recorded on the audit trail.
SIGN_OUT_REASONS = ("switch", "idle", "quit")


def _clean_name(name: str) -> str:
    clean = " ".join(str(name or "").split())
    if not clean or len(clean) > 64:
        raise ValidationError("An operator's name must be 1 to 64 characters.",
                              "操作员姓名应为 1 到 64 个字。", field="name")
    return clean


def _minutes(delta: timedelta) -> int:
    return max(1, -(-int(delta.total_seconds()) // 60))


class OperatorService:
    """Adds, changes and signs in operators."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # ----------------------------------------------------------------- reading
    def list(self, *, include_inactive: bool = False) -> list[OperatorView]:
        with self.db.read() as s:
            stmt = select(Operator).order_by(Operator.id)
            if not include_inactive:
                stmt = stmt.where(Operator.active.is_(True))
            return [mapping.operator_view(o) for o in s.scalars(stmt)]

    def get(self, operator_id: int) -> OperatorView | None:
        with self.db.read() as s:
            op = s.get(Operator, operator_id)
            return mapping.operator_view(op) if op else None

    def find(self, name_or_id: str) -> OperatorView | None:
        """An operator by exact name or by numeric id (for the command line)."""
        with self.db.read() as s:
            op = s.scalar(select(Operator).where(Operator.name == " ".join(name_or_id.split())))
            if op is None and name_or_id.strip().isdigit():
                op = s.get(Operator, int(name_or_id))
            return mapping.operator_view(op) if op else None

    def is_empty(self) -> bool:
        """True before the first operator exists (the first start)."""
        with self.db.read() as s:
            return not s.scalar(select(func.count(Operator.id)))

    def needs_first_secret(self) -> bool:
        """True while operators exist but none has a PIN yet (a database made
        before sign-in existed, or by ``demo-data``): a manager then chooses
        their PIN at the first sign-in."""
        with self.db.read() as s:
            return bool(s.scalar(select(func.count(Operator.id)))) and not s.scalar(
                select(func.count(Operator.id)).where(Operator.secret_hash.is_not(None)))

    # ----------------------------------------------------------------- adding
    def create_first_manager(self, *, name: str, secret: str) -> OperatorView:
        """The first start: the first operator, a manager with a PIN.

        Refused once any operator exists, so it cannot be used to make a
        second manager behind the real one's back.
        """
        clean = _clean_name(name)
        hashed = hash_secret(check_strength(secret))
        now = self.clock.now()
        with self.db.write() as s:
            if s.scalar(select(func.count(Operator.id))):
                raise PolicyError("The first manager already exists; ask a manager to add you.",
                                  "首位网点负责人已经创建；请让网点负责人为你添加账号。")
            op = Operator(name=clean, role=Role.MANAGER.value, active=True, created_at=now,
                          secret_hash=hashed, failed_sign_ins=0)
            s.add(op)
            s.flush()
            record_global(s, at=now, operator_id=op.id, action="operator_added", field="role",
                          after=Role.MANAGER.value, detail=clean)
            return mapping.operator_view(op)

    def add(self, *, name: str, role: Role, by: int | None, secret: str | None = None) -> OperatorView:
        """Add an operator (managers only); names are unique (people pick themselves by name)."""
        clean = _clean_name(name)
        role = Role(role)
        hashed = hash_secret(check_strength(secret)) if secret is not None else None
        now = self.clock.now()
        with self.db.write() as s:
            if by is not None:
                authorize(s, by, Permission.MANAGE_OPERATORS)
            if role is not Role.MANAGER and not s.scalar(select(func.count(Operator.id))):
                raise PolicyError("The first operator of a depot must be a manager.",
                                  "本网点的第一位操作员必须是网点负责人。")
            exists = s.scalar(select(func.count(Operator.id)).where(Operator.name == clean))
            if exists:
                raise ValidationError(f"There is already an operator called {clean}.",
                                      f"已有名为“{clean}”的操作员。", field="name")
            op = Operator(name=clean, role=role.value, active=True, created_at=now, secret_hash=hashed,
                          failed_sign_ins=0)
            s.add(op)
            s.flush()
            record_global(s, at=now, operator_id=by, action="operator_added", field="role",
                          after=role.value, detail=clean)
            return mapping.operator_view(op)

    def ensure_first(self) -> OperatorView:
        """The first manager, created without a PIN when the database has no
        operator (scripts and sample data; the window asks for a name and PIN
        instead, see :meth:`create_first_manager`)."""
        existing = self.list()
        managers = [op for op in existing if op.role is Role.MANAGER]
        if managers:
            return managers[0]
        if existing:
            return existing[0]
        return self.add(name="网点负责人", role=Role.MANAGER, by=None)

    # ---------------------------------------------------------------- changing
    def _target(self, s: Session, operator_id: int) -> Operator:
        op = s.get(Operator, operator_id)
        if op is None:
            raise NotFoundError(f"Operator #{operator_id} does not exist.", f"操作员 #{operator_id} 不存在。")
        return op

    @staticmethod
    def _refuse_losing_last_manager(s: Session, op: Operator) -> None:
        others = s.scalar(select(func.count(Operator.id)).where(
            Operator.role == Role.MANAGER.value, Operator.active.is_(True), Operator.id != op.id))
        if not others:
            raise PolicyError(f"{op.name} is the only active manager; make someone else a manager first.",
                              f"{op.name} 是唯一在用的网点负责人；请先指定另一位网点负责人。")

    def set_role(self, *, operator_id: int, role: Role, by: int | None) -> OperatorView:
        """Change an operator's role (managers only; the last manager stays one)."""
        role = Role(role)
        now = self.clock.now()
        with self.db.write() as s:
            if by is not None:
                authorize(s, by, Permission.MANAGE_OPERATORS)
            op = self._target(s, operator_id)
            if op.role == role.value:
                return mapping.operator_view(op)
            if op.role == Role.MANAGER.value and op.active:
                self._refuse_losing_last_manager(s, op)
            record_global(s, at=now, operator_id=by, action="operator_changed", field="role",
                          before=op.role, after=role.value, detail=op.name)
            op.role = role.value
            s.flush()
            return mapping.operator_view(op)

    def set_active(self, *, operator_id: int, active: bool, by: int | None) -> OperatorView:
        """Deactivate (someone left; their records keep their name) or reactivate an operator."""
        now = self.clock.now()
        with self.db.write() as s:
            if by is not None:
                authorize(s, by, Permission.MANAGE_OPERATORS)
            op = self._target(s, operator_id)
            if op.active == active:
                return mapping.operator_view(op)
            if not active and op.role == Role.MANAGER.value:
                self._refuse_losing_last_manager(s, op)
            record_global(s, at=now, operator_id=by, action="operator_changed", field="active",
                          before=op.active, after=active, detail=op.name)
            op.active = active
            s.flush()
            return mapping.operator_view(op)

    def set_secret(self, *, operator_id: int, secret: str, by: int | None,
                   current: str | None = None) -> OperatorView:
        """Set a PIN or password.

        Operators change their own by giving the ``current`` one; a manager
        (or the command line, ``by=None``) sets anyone's, e.g. after a
        forgotten PIN, which also lifts a lock-out.
        """
        hashed = hash_secret(check_strength(secret))
        now = self.clock.now()
        with self.db.write() as s:
            op = self._target(s, operator_id)
            own = by is not None and by == operator_id
            if by is not None and not own:
                authorize(s, by, Permission.MANAGE_OPERATORS)
            if own:
                if not op.active:
                    raise NotFoundError(f"Operator {op.name} is no longer active.", f"操作员 {op.name} 已停用。")
                if op.secret_hash and not verify_secret(current or "", op.secret_hash):
                    raise SignInError("The current PIN is wrong; the PIN was not changed.",
                                      "当前 PIN 不正确，PIN 未修改。")
            op.secret_hash = hashed
            op.failed_sign_ins = 0
            op.locked_until = None
            record_global(s, at=now, operator_id=by, action="secret_changed" if own else "secret_reset",
                          detail=op.name)
            s.flush()
            return mapping.operator_view(op)

    def set_initial_secret(self, *, operator_id: int, secret: str) -> OperatorView:
        """A manager chooses the first PIN of the depot at sign-in (only while
        no operator has a PIN, see :meth:`needs_first_secret`)."""
        hashed = hash_secret(check_strength(secret))
        now = self.clock.now()
        with self.db.write() as s:
            op = self._target(s, operator_id)
            if s.scalar(select(func.count(Operator.id)).where(Operator.secret_hash.is_not(None))):
                raise PermissionDeniedError(
                    "PINs are already in use at this depot; ask a manager to set yours.",
                    "本网点已启用 PIN；请让网点负责人为你设置。", permission=Permission.MANAGE_OPERATORS.value)
            if not op.active or op.role != Role.MANAGER.value:
                raise PermissionDeniedError(
                    "The first PIN of a depot must be a manager's.", "本网点的第一个 PIN 须由网点负责人设置。",
                    permission=Permission.MANAGE_OPERATORS.value)
            op.secret_hash = hashed
            op.last_sign_in_at = now
            record_global(s, at=now, operator_id=op.id, action="secret_changed", detail=op.name)
            record_global(s, at=now, operator_id=op.id, action="signed_in", detail=op.name)
            s.flush()
            return mapping.operator_view(op)

    def unlock(self, *, operator_id: int, by: int | None) -> OperatorView:
        """Lift a lock-out after too many wrong PINs (managers only)."""
        now = self.clock.now()
        with self.db.write() as s:
            if by is not None:
                authorize(s, by, Permission.MANAGE_OPERATORS)
            op = self._target(s, operator_id)
            op.failed_sign_ins = 0
            if op.locked_until is not None:
                op.locked_until = None
                record_global(s, at=now, operator_id=by, action="operator_unlocked", detail=op.name)
            s.flush()
            return mapping.operator_view(op)

    # ---------------------------------------------------------------- sign-in
    def sign_in(self, *, operator_id: int, secret: str, workstation: str = "") -> OperatorView:
        """Check the PIN; success, failure and lock-out are all recorded.

        Raises :class:`AccountLockedError` while the operator is locked out
        (even with the right PIN) and :class:`SignInError` with the attempts
        left for a wrong one.
        """
        with self.db.read() as s:
            op = s.get(Operator, operator_id)
            if op is None or not op.active:
                raise SignInError("This operator is unknown or no longer active.", "该操作员不存在或已停用。")
            stored = op.secret_hash
            name = op.name
        # The slow hash runs outside any transaction so it never holds a lock.
        correct = verify_secret(secret, stored)
        now = self.clock.now()
        # Details are language-neutral (name · figures · workstation); the
        # action code says what happened and is translated where shown.
        where = f" · {workstation}" if workstation else ""
        with self.db.write() as s:
            op = self._target(s, operator_id)
            attempts = int(read_setting(s, "sign_in_attempts"))
            lockout = timedelta(minutes=int(read_setting(s, "sign_in_lockout_minutes")))
            if op.locked_until is not None and op.locked_until > now:
                record_global(s, at=now, operator_id=op.id, action="sign_in_refused",
                              detail=f"{name}{where}")
                locked: SignInError = AccountLockedError(
                    f"{name} is locked after too many wrong PINs; try again in "
                    f"{_minutes(op.locked_until - now)} min or ask a manager to unlock.",
                    f"{name} 因多次输错 PIN 已被锁定；请 {_minutes(op.locked_until - now)} 分钟后再试，"
                    f"或请网点负责人解锁。", until=op.locked_until)
                failure: SignInError | None = locked
            elif stored is None:
                failure = SignInError(f"{name} has no PIN yet; a manager sets it under Operators.",
                                      f"{name} 尚未设置 PIN；请网点负责人在“操作员”中设置。")
            elif not correct:
                op.failed_sign_ins = (op.failed_sign_ins or 0) + 1
                left = attempts - op.failed_sign_ins
                record_global(s, at=now, operator_id=op.id, action="sign_in_failed",
                              detail=f"{name} · {op.failed_sign_ins}/{attempts}{where}")
                if left <= 0:
                    op.locked_until = now + lockout
                    op.failed_sign_ins = 0
                    record_global(s, at=now, operator_id=op.id, action="sign_in_locked",
                                  detail=f"{name} · {_minutes(lockout)} min{where}")
                    failure = AccountLockedError(
                        f"Wrong PIN. {name} is now locked for {_minutes(lockout)} min; a manager can unlock sooner.",
                        f"PIN 错误。{name} 已被锁定 {_minutes(lockout)} 分钟；网点负责人可提前解锁。",
                        until=op.locked_until)
                else:
                    failure = SignInError(f"Wrong PIN. {left} attempt(s) left before {name} is locked.",
                                          f"PIN 错误。再输错 {left} 次，{name} 将被锁定。", attempts_left=left)
            else:
                failure = None
                op.failed_sign_ins = 0
                op.locked_until = None
                op.last_sign_in_at = now
                record_global(s, at=now, operator_id=op.id, action="signed_in", detail=f"{name}{where}")
            view = mapping.operator_view(op)
        # Raised after the commit, so the failed attempt stays counted.
        if failure is not None:
            raise failure
        return view

    def sign_out(self, *, operator_id: int, reason: str = "switch", workstation: str = "") -> None:
        """Record the end of a session: ``switch`` (another operator takes
        the desk), ``idle`` (the desk locked itself) or ``quit``."""
        if reason not in SIGN_OUT_REASONS:
            raise ValidationError(f"Unknown sign-out reason “{reason}”.", f"未知的退出原因“{reason}”。",
                                  field="reason")
        now = self.clock.now()
        # Details are language-neutral (name · figures · workstation); the
        # action code says what happened and is translated where shown.
        where = f" · {workstation}" if workstation else ""
        with self.db.write() as s:
            op = self._target(s, operator_id)
            record_global(s, at=now, operator_id=op.id, action="signed_out", field=reason,
                          detail=f"{op.name}{where}")
