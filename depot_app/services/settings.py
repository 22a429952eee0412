"""Depot-wide settings stored in the database (code, name, time zone, policy)."""

from __future__ import annotations

import copy
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from depot_app.config import DEPOT_SETTINGS
from depot_app.db.engine import Database
from depot_app.db.models import DepotSetting
from depot_app.domain.case_numbers import normalize_depot_code
from depot_app.domain.clock import Clock
from depot_app.domain.errors import ValidationError
from depot_app.domain.identifiers import validate_phone
from depot_app.domain.permissions import Permission
from depot_app.domain.policy import Policy
from depot_app.services.audit import record_global
from depot_app.services.authz import authorize


def read_setting(session: Session, key: str) -> Any:
    """A setting's stored value, or its declared default."""
    if key not in DEPOT_SETTINGS:
        raise KeyError(key)
    row = session.get(DepotSetting, key)
    return copy.deepcopy(DEPOT_SETTINGS[key]) if row is None else row.value


def read_policy(session: Session) -> Policy:
    """The depot's policy as a value object."""
    return Policy.from_dict(read_setting(session, "policy"))


class SettingsService:
    """Reads and changes the depot's settings; changes are audited."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def get(self, key: str) -> Any:
        with self.db.read() as s:
            return read_setting(s, key)

    def all(self) -> dict[str, Any]:
        """Every setting, stored or default."""
        with self.db.read() as s:
            stored = {row.key: row.value for row in s.scalars(select(DepotSetting))}
        return {key: stored.get(key, copy.deepcopy(default)) for key, default in DEPOT_SETTINGS.items()}

    def policy(self) -> Policy:
        with self.db.read() as s:
            return read_policy(s)

    def set(self, *, key: str, value: Any, by: int | None) -> None:
        """Change one setting after validating it."""
        self.set_many(values={key: value}, by=by)

    def set_many(self, *, values: dict[str, Any], by: int | None) -> None:
        """Change several settings in one transaction: all are validated first,
        so either every one is stored or none is.

        Needs a manager (:attr:`Permission.EDIT_SETTINGS`); ``by=None`` is the
        command line on the machine holding the database, recorded as "system".
        """
        checked = {key: validate_setting(key, value) for key, value in values.items()}
        now = self.clock.now()
        with self.db.write() as s:
            if by is not None:
                authorize(s, by, Permission.EDIT_SETTINGS)
            for key, value in checked.items():
                row = s.get(DepotSetting, key)
                before = copy.deepcopy(DEPOT_SETTINGS[key]) if row is None else row.value
                if before == value:
                    continue
                if row is None:
                    s.add(DepotSetting(key=key, value=value, updated_at=now, updated_by_id=by))
                else:
                    row.value = value
                    row.updated_at = now
                    row.updated_by_id = by
                record_global(s, at=now, operator_id=by, action="setting_changed",
                              field=key, before=before, after=value)

    def set_policy(self, *, policy: Policy, by: int | None) -> None:
        self.set(key="policy", value=policy.to_dict(), by=by)


def validate_setting(key: str, value: Any) -> Any:
    """The value to store for ``key``, or a ValidationError saying what is wrong."""
    if key not in DEPOT_SETTINGS:
        raise ValidationError(f"Unknown setting “{key}”.", f"未知的设置项“{key}”。", field=key)
    if key == "depot_code":
        return normalize_depot_code(str(value))
    if key == "depot_name":
        name = str(value or "").strip()
        if not name or len(name) > 64:
            raise ValidationError("The depot name must be 1 to 64 characters.",
                                  "网点名称应为 1 到 64 个字。", field=key)
        return name
    if key == "depot_phone":
        raw = str(value or "").strip()
        return validate_phone(raw, field=key).number if raw else ""
    if key == "timezone":
        try:
            ZoneInfo(str(value))
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError(f"Unknown time zone “{value}” (e.g. Asia/Shanghai).",
                                  f"未知时区“{value}”（例如 Asia/Shanghai）。", field=key) from None
        return str(value)
    if key in _INTEGER_RANGES:
        low, high, en, zh = _INTEGER_RANGES[key]
        try:
            number = int(str(value).strip())
        except ValueError:
            number = None
        if number is None or isinstance(value, bool) or not low <= number <= high:
            raise ValidationError(f"{en} must be a whole number from {low} to {high}.",
                                  f"{zh}应为 {low} 到 {high} 之间的整数。", field=key)
        return number
    if key == "backup_daily":
        if not isinstance(value, bool):
            raise ValidationError("Daily backup is either on or off.", "每日备份只能开启或关闭。", field=key)
        return value
    if key == "policy":
        policy = value if isinstance(value, Policy) else Policy.from_dict(dict(value))
        _check_policy(policy)
        return policy.to_dict()
    return value


#: Integer settings: (lowest, highest, English name, Chinese name).
_INTEGER_RANGES: dict[str, tuple[int, int, str, str]] = {
    "idle_lock_minutes": (0, 240, "Idle minutes before the desk locks", "空闲锁定分钟数"),
    "sign_in_attempts": (3, 20, "Wrong PINs before an operator is locked out", "锁定前允许输错 PIN 的次数"),
    "sign_in_lockout_minutes": (1, 1440, "Lock-out minutes", "锁定分钟数"),
    "backup_keep": (1, 365, "Backups to keep", "保留的备份份数"),
}


def _check_policy(policy: Policy) -> None:
    if policy.uninsured_freight_multiple < 0 or policy.approval_threshold < 0:
        raise ValidationError("Policy amounts cannot be negative.", "赔偿政策中的金额不能为负数。",
                              field="policy")
    if policy.complaint_first_response_hours <= 0 or any(h <= 0 for h in policy.resolution_hours.values()):
        raise ValidationError("Deadline hours must be positive.", "时限小时数必须大于 0。", field="policy")
    if any(d <= 0 for d in policy.lost_after_days.values()):
        raise ValidationError("Treat-as-lost days must be positive.", "彻底延误天数必须大于 0。",
                              field="policy")
    if any(f <= 0 for f in policy.priority_factors.values()):
        raise ValidationError("Priority factors must be positive.", "优先级系数必须大于 0。", field="policy")
