"""Depot-wide settings stored in the database (code, name, time zone, policy)."""

from __future__ import annotations

import copy
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from depot_app.config import DEPOT_SETTINGS, SECRET_SETTINGS
from depot_app.config import SECRET_MASK as SECRET_MASK  # re-exported: screens and tracking use it from here
from depot_app.db.engine import Database
from depot_app.db.models import DepotSetting
from depot_app.domain.case_numbers import normalize_depot_code
from depot_app.domain.clock import Clock
from depot_app.domain.delivery_area import DeliveryArea
from depot_app.domain.errors import ValidationError
from depot_app.domain.identifiers import validate_phone
from depot_app.domain.notifications import Channel, QuietHours, check_templates_setting
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
        # Secrets leave the service as •••• only (see shown_setting).
        return {key: shown_setting(key, stored.get(key, copy.deepcopy(default)))
                for key, default in DEPOT_SETTINGS.items()}

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
        if isinstance(values.get("tracking_query"), dict) and values["tracking_query"].get("key") == SECRET_MASK:
            # •••• from a screen means "keep the stored key".
            with self.db.read() as s:
                stored_key = read_setting(s, "tracking_query").get("key", "")
            values = {**values, "tracking_query": {**values["tracking_query"], "key": stored_key}}
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
                              field=key, before=shown_setting(key, before), after=shown_setting(key, value))

    def set_policy(self, *, policy: Policy, by: int | None) -> None:
        self.set(key="policy", value=policy.to_dict(), by=by)


def shown_setting(key: str, value: Any) -> Any:
    """A setting's value as it may be shown or recorded: secrets replaced by •••• (SECRET_MASK)."""
    if key in SECRET_SETTINGS:  # that it is set, never what to
        return SECRET_MASK if value else ""
    if key == "tracking_query" and isinstance(value, dict) and value.get("key"):
        return {**value, "key": SECRET_MASK}
    return value


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
    if key == "delivery_area":
        area = value if isinstance(value, DeliveryArea) else DeliveryArea.from_setting(value)
        return area.to_setting()
    if key == "backup_daily":
        if not isinstance(value, bool):
            raise ValidationError("Daily backup is either on or off.", "每日备份只能开启或关闭。", field=key)
        return value
    if key == "tracking_import_mappings":
        return _check_mappings(value)
    if key == "tracking_query":
        return check_query_settings(value)
    if key in _NOTIFY_CHECKS:
        return _NOTIFY_CHECKS[key](key, value)
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
    "photo_cache_mb": (64, 1_048_576, "MB of photos each desk keeps", "每个工作台缓存的照片 MB 数"),
    "notify_max_per_case_day": (0, 50, "Messages per case and day", "每个问题件每天的消息数"),
    "outbox_max_tries": (1, 50, "Tries before a message fails", "消息失败前的尝试次数"),
    "outbox_backoff_seconds": (1, 86400, "First retry after seconds", "首次重试间隔秒数"),
    "smtp_port": (1, 65535, "SMTP port", "SMTP 端口"),
    "outbox_claim_seconds": (1, 86400, "Seconds a sender's claim on a message lasts", "发送占用消息的秒数"),
}


def _one_of(options: tuple[str, ...], en: str, zh: str) -> Any:
    def check(key: str, value: Any) -> str:
        text = str(value or "").strip().lower()
        if text not in options:
            raise ValidationError(f"{en} is one of: {', '.join(options)}.", f"{zh}只能是：{'、'.join(options)}。",
                                  field=key)
        return text
    return check


def _text(limit: int, *, url: bool = False, email: bool = False) -> Any:
    def check(key: str, value: Any) -> str:
        text = str(value or "").strip()
        if len(text) > limit:
            raise ValidationError(f"“{key}” is at most {limit} characters.", f"“{key}”最多 {limit} 个字符。",
                                  field=key)
        if text and url and not text.startswith(("http://", "https://")):
            raise ValidationError(f"“{key}” is an address starting with https:// (or http://).",
                                  f"“{key}”应为以 https://（或 http://）开头的地址。", field=key)
        if text and email and ("@" not in text or " " in text.split("<")[-1]):
            raise ValidationError(f"“{key}” is an e-mail address such as desk@depot.example.",
                                  f"“{key}”应为电子邮件地址，例如 desk@depot.example。", field=key)
        return text
    return check


def _channels(key: str, value: Any) -> list[str]:
    items = value if isinstance(value, list) else [p for p in str(value or "").replace(",", " ").split() if p]
    known = [c.value for c in Channel]
    bad = [str(v) for v in items if str(v) not in known]
    if bad:
        raise ValidationError(f"Unknown channel {', '.join(bad)}; channels are {', '.join(known)}.",
                              f"未知的渠道 {', '.join(bad)}；可用渠道：{', '.join(known)}。", field=key)
    return [c for c in known if c in {str(v) for v in items}]


def _quiet_hours(key: str, value: Any) -> str:
    return QuietHours.parse(str(value or "")).text()


def _template_codes(key: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ValidationError("SMS template codes are a table of event → code, e.g. {\"registered\": \"SMS_1234\"}.",
                              "短信模板编号应为“事件 → 编号”的表，例如 {\"registered\": \"SMS_1234\"}。", field=key)
    return {str(k): v.strip() for k, v in value.items()}


def _flag(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(f"“{key}” is either true or false.", f"“{key}”只能是 true 或 false。", field=key)
    return value


_NOTIFY_CHECKS: dict[str, Any] = {
    "notify_channels": _channels,
    "notify_language": _one_of(("zh_CN", "en"), "The customers' language", "通知语言"),
    "notice_templates": lambda key, value: check_templates_setting(value),
    "quiet_hours": _quiet_hours,
    "outbox_sender_enabled": _flag,
    "smtp_host": _text(255),
    "smtp_security": _one_of(("starttls", "ssl", "none"), "SMTP security", "SMTP 加密方式"),
    "smtp_user": _text(255),
    "smtp_password": _text(255),
    "smtp_from": _text(255, email=True),
    "smtp_ca_file": _text(1024),
    "sms_endpoint": _text(255, url=True),
    "sms_access_key_id": _text(128),
    "sms_access_key_secret": _text(255),
    "sms_sign_name": _text(32),
    "sms_template_codes": _template_codes,
    "webhook_url": _text(1024, url=True),
    "webhook_secret": _text(255),
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


def _check_mappings(value: Any) -> dict[str, dict[str, str]]:
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(m, dict) and all(isinstance(f, str) and isinstance(h, str)
                                                               for f, h in m.items())
            for k, m in value.items()):
        raise ValidationError("Saved column mappings are source → field → column header.",
                              "保存的列对应关系应为：来源 → 字段 → 列名。", field="tracking_import_mappings")
    return {k: dict(m) for k, m in value.items()}


def check_query_settings(value: Any) -> dict[str, Any]:
    """The tracking query service's settings, checked (URL, customer code, key, time-out)."""
    if not isinstance(value, dict):
        raise ValidationError("Tracking query settings are incomplete.", "轨迹查询设置不完整。",
                              field="tracking_query")
    merged = {**DEPOT_SETTINGS["tracking_query"], **value}
    url = str(merged["url"] or "").strip()
    if not url.startswith(("http://", "https://")):
        raise ValidationError("The query address must start with http:// or https://.",
                              "查询地址必须以 http:// 或 https:// 开头。", field="tracking_query.url")
    try:
        timeout = int(merged["timeout_seconds"])
    except (TypeError, ValueError):
        timeout = 0
    if not 1 <= timeout <= 60:
        raise ValidationError("The query time-out must be 1 to 60 seconds.", "查询超时应为 1 到 60 秒。",
                              field="tracking_query.timeout_seconds")
    enabled = bool(merged["enabled"])
    customer, key = str(merged["customer"] or "").strip(), str(merged["key"] or "").strip()
    if enabled and not (customer and key):
        raise ValidationError("Give the customer code and the key the query service issued, or turn it off.",
                              "请填写查询服务分配的 customer 编号和授权 key，或关闭查询。",
                              field="tracking_query.key")
    return {"enabled": enabled, "url": url, "customer": customer, "key": key, "timeout_seconds": timeout}
