"""Carrier scans of a parcel (快递轨迹): their types, times, and what makes two the same.

A scan comes from a head office's tracking export, from a real-time query
service (Kuaidi100-style) or from the desk itself (a parcel scanned at the
counter has arrived at the depot). Every source words its scans differently;
:func:`scan_type_from_text` brings them to the eight :class:`ScanType` values
the desk reasons with, and keeps the original text beside it.

The same scan often comes from two sources (the head office's export and the
query service both list "signed at 14:03"). :func:`fingerprint` names a scan
by its parcel, its minute (in UTC) and its type; a second scan with the same
fingerprint is the same event, and only its source is added.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from depot_app.domain.errors import ValidationError
from depot_app.domain.vocabulary import Labelled, register_labels


class ScanType(Labelled):
    """What a carrier scan says happened to the parcel."""

    COLLECTED = "collected"
    IN_TRANSIT = "in_transit"
    ARRIVED_AT_DEPOT = "arrived_at_depot"
    OUT_FOR_DELIVERY = "out_for_delivery"
    DELIVERY_FAILED = "delivery_failed"
    SIGNED = "signed"
    RETURNED = "returned"
    EXCEPTION = "exception"

    @property
    def ends_journey(self) -> bool:
        """Signed for or returned: the parcel's journey is over."""
        return self in (ScanType.SIGNED, ScanType.RETURNED)


register_labels(ScanType, {
    ScanType.COLLECTED: ("已揽收", "Collected"),
    ScanType.IN_TRANSIT: ("运输中", "In transit"),
    ScanType.ARRIVED_AT_DEPOT: ("到达网点", "Arrived at depot"),
    ScanType.OUT_FOR_DELIVERY: ("派送中", "Out for delivery"),
    ScanType.DELIVERY_FAILED: ("派送失败", "Delivery failed"),
    ScanType.SIGNED: ("已签收", "Signed for"),
    ScanType.RETURNED: ("已退回", "Returned"),
    ScanType.EXCEPTION: ("异常", "Exception"),
})

#: Source name of the desk's own counter scans.
DESK_SOURCE = "desk"
#: Source name of the real-time query service.
QUERY_SOURCE = "kuaidi100"

_SOURCE_LABELS: dict[str, tuple[str, str]] = {
    DESK_SOURCE: ("本网点扫描", "Desk scan"),
    QUERY_SOURCE: ("快递100查询", "Kuaidi100 query"),
}


def source_label(source: str, language: str = "zh_CN") -> str:
    """The name of a scan's source (an import's own source name is shown as given)."""
    pair = _SOURCE_LABELS.get(source)
    if pair is None:
        return source
    return pair[0] if language.startswith("zh") else pair[1]


# ---------------------------------------------------------------- scan types
#: Words per type, most specific first: the first type with a matching word wins,
#: so "派送失败" is a failed delivery and not out for delivery, "已签收" is signed
#: even though it contains "收".
_TYPE_WORDS: tuple[tuple[ScanType, tuple[str, ...]], ...] = (
    (ScanType.RETURNED, ("退回", "退件", "退签", "返回寄件人", "退还寄件人", "已退货", "return to sender",
                         "returned", "returning")),
    (ScanType.DELIVERY_FAILED, ("派送失败", "投递失败", "派件失败", "派送不成功", "未妥投", "拒收", "拒签",
                                "派送异常", "无法派送", "delivery failed", "failed delivery",
                                "delivery attempt", "refused", "undeliverable")),
    (ScanType.SIGNED, ("签收", "已签", "妥投", "投递成功", "代收", "已取件", "signed", "delivered")),
    (ScanType.EXCEPTION, ("疑难", "异常", "问题件", "滞留", "留仓", "扣留", "清关异常", "破损", "丢失",
                          "exception", "held", "damaged", "lost")),
    (ScanType.OUT_FOR_DELIVERY, ("派件", "派送", "投递中", "正在投递", "待派", "out for delivery",
                                 "on vehicle for delivery", "with courier")),
    (ScanType.ARRIVED_AT_DEPOT, ("到达网点", "到件", "到达派件网点", "到达投递", "到达营业部", "到达本网点",
                                 "网点扫描", "arrived at depot", "arrived at station",
                                 "arrived at delivery", "at local depot")),
    (ScanType.COLLECTED, ("揽收", "揽件", "已揽", "收件", "已取件成功", "上门取件", "collected",
                          "picked up", "pickup", "accepted")),
    (ScanType.IN_TRANSIT, ("在途", "运输", "发往", "到达", "离开", "中转", "分拣", "装车", "发车", "转运",
                           "转投", "清关", "集散", "in transit", "transit", "departed", "arrived",
                           "sorted", "processed", "shipped")),
)

_CODE_NAMES: dict[str, ScanType] = {}
for _member in ScanType:
    for _name in (_member.value, _member.zh, _member.en):
        _CODE_NAMES[_name.lower().replace(" ", "")] = _member


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").strip().lower()


def scan_type_from_text(*texts: str | None) -> ScanType:
    """The scan type named by the first of ``texts`` that names one.

    Each text may be one of our codes or labels ("signed", "已签收") or a
    carrier's wording ("【上海浦东】已签收，签收人：本人"). Raises
    :class:`ValidationError` (``field="scan_type"``) when none names a type.
    """
    for raw in texts:
        text = _folded(raw or "")
        if not text:
            continue
        exact = _CODE_NAMES.get(text.replace(" ", ""))
        if exact is not None:
            return exact
        for scan_type, words in _TYPE_WORDS:
            if any(word in text for word in words):
                return scan_type
    shown = next((t for t in texts if t and t.strip()), "")
    if not shown:
        raise ValidationError("The scan has no type and no text to tell it from.",
                              "这条轨迹没有扫描类型，也没有可识别的描述。", field="scan_type")
    raise ValidationError(
        f"Unknown scan type “{shown}”: use one of {', '.join(t.en for t in ScanType)}.",
        f"无法识别的扫描类型“{shown}”，可用：{'、'.join(t.zh for t in ScanType)}。", field="scan_type")


#: Kuaidi100's parcel states (its ``state`` field) as our types.
KUAIDI100_STATES: dict[str, ScanType] = {
    "0": ScanType.IN_TRANSIT,  # 在途
    "1": ScanType.COLLECTED,  # 揽收
    "2": ScanType.EXCEPTION,  # 疑难
    "3": ScanType.SIGNED,  # 签收
    "4": ScanType.RETURNED,  # 退签
    "5": ScanType.OUT_FOR_DELIVERY,  # 派件
    "6": ScanType.RETURNED,  # 退回
    "7": ScanType.IN_TRANSIT,  # 转投
    "8": ScanType.IN_TRANSIT,  # 清关
    "10": ScanType.IN_TRANSIT,  # 待清关
    "11": ScanType.IN_TRANSIT,  # 清关中
    "12": ScanType.IN_TRANSIT,  # 已清关
    "13": ScanType.EXCEPTION,  # 清关异常
    "14": ScanType.DELIVERY_FAILED,  # 拒签
}

#: The state names Kuaidi100 puts on each scan (``data[].status`` with resultv2=1).
KUAIDI100_STATE_NAMES: dict[str, ScanType] = {
    "在途": ScanType.IN_TRANSIT, "揽收": ScanType.COLLECTED, "疑难": ScanType.EXCEPTION,
    "签收": ScanType.SIGNED, "退签": ScanType.RETURNED, "派件": ScanType.OUT_FOR_DELIVERY,
    "退回": ScanType.RETURNED, "转投": ScanType.IN_TRANSIT, "清关": ScanType.IN_TRANSIT,
    "待清关": ScanType.IN_TRANSIT, "清关中": ScanType.IN_TRANSIT, "已清关": ScanType.IN_TRANSIT,
    "清关异常": ScanType.EXCEPTION, "拒签": ScanType.DELIVERY_FAILED,
}


def kuaidi100_scan_type(status_name: str, state_code: str, context: str) -> ScanType:
    """One Kuaidi100 scan as our type: its state name, else its text, else the parcel's state.

    Kuaidi100 has no "arrived at the delivering outlet" state (it is 在途), so an
    in-transit scan whose text says it reached the outlet is refined from the text.
    """
    named = KUAIDI100_STATE_NAMES.get((status_name or "").strip())
    if named is not None and named is not ScanType.IN_TRANSIT:
        return named
    try:
        from_text = scan_type_from_text(context)
    except ValidationError:
        from_text = None
    if named is ScanType.IN_TRANSIT:
        return ScanType.ARRIVED_AT_DEPOT if from_text is ScanType.ARRIVED_AT_DEPOT else named
    if from_text is not None:
        return from_text
    return KUAIDI100_STATES.get(str(state_code).strip(), ScanType.IN_TRANSIT)


# --------------------------------------------------------------------- times
_TIME_PATTERN = re.compile(
    r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
    r"(?:[ T]+(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})(?:\.\d+)?秒?)?分?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?$", re.IGNORECASE)


def zone_for(name: str) -> ZoneInfo:
    """The time zone ``name`` (e.g. Asia/Shanghai), or a ValidationError."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(f"Unknown time zone “{name}” (e.g. Asia/Shanghai).",
                              f"未知时区“{name}”（例如 Asia/Shanghai）。", field="timezone") from None


def parse_scan_time(value: object, default_zone: str) -> datetime:
    """A scan's time as an aware datetime.

    Accepts what exports and services write: ``2026-11-18 14:03``,
    ``2026/11/18 14:03:22``, ``2026年11月18日 14时03分``, ISO with an offset
    (``2026-11-18T06:03:00Z``, ``+08:00``) and workbook date-times. A time
    without a zone is in ``default_zone`` (the source's or the depot's).
    """
    zone = zone_for(default_zone)
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=zone)
    text = unicodedata.normalize("NFKC", str(value or "")).strip()
    if not text:
        raise ValidationError("The scan time is empty.", "扫描时间为空。", field="time")
    match = _TIME_PATTERN.match(text)
    if match is None:
        raise ValidationError(f"“{text}” is not a time like 2026-11-18 14:03.",
                              f"“{text}”不是有效时间（例如 2026-11-18 14:03）。", field="time")
    year, month, day, hour, minute, second, offset = match.groups()
    tz: timezone | ZoneInfo = zone
    if offset:
        upper = offset.upper()
        if upper in ("Z", "UTC", "GMT"):
            tz = UTC
        else:
            digits = upper.replace(":", "")
            sign = -1 if digits[0] == "-" else 1
            tz = timezone(sign * timedelta(hours=int(digits[1:3]), minutes=int(digits[3:5])))
    try:
        return datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0),
                        tzinfo=tz)
    except ValueError:
        raise ValidationError(f"“{text}” is not a real date and time.",
                              f"“{text}”不是真实存在的日期时间。", field="time") from None


def utc_naive(moment: datetime) -> datetime:
    """An aware moment as the naive UTC the database stores."""
    return moment.astimezone(UTC).replace(tzinfo=None)


def offset_minutes(moment: datetime) -> int:
    """The aware moment's UTC offset in minutes (+480 for Beijing time)."""
    delta = moment.utcoffset()
    return int(delta.total_seconds() // 60) if delta is not None else 0


def fingerprint(tracking_no: str, at_utc: datetime, scan_type: ScanType) -> str:
    """What makes two scans the same event: parcel, minute (UTC) and type."""
    key = f"{tracking_no}|{at_utc:%Y%m%d%H%M}|{scan_type.value}"
    return hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).hexdigest()


# ----------------------------------------------------------------- records
@dataclass(frozen=True)
class NewScan:
    """A scan as read from a source, before it is stored."""

    tracking_no: str
    at: datetime  # aware
    scan_type: ScanType
    place: str = ""
    text: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        if self.at.tzinfo is None or self.at.utcoffset() is None:
            raise ValueError("a scan's time must carry its zone")


@dataclass(frozen=True)
class ScanView:
    """One stored scan event."""

    id: int
    tracking_no: str
    at: datetime  # naive UTC
    utc_offset_minutes: int
    scan_type: ScanType
    place: str
    text: str
    sources: tuple[str, ...]

    @property
    def local_at(self) -> datetime:
        """The time as the source stated it (naive, in the source's zone)."""
        return self.at + timedelta(minutes=self.utc_offset_minutes)

    @property
    def zone_text(self) -> str:
        """``UTC+08:00`` for the zone the time was stated in."""
        sign = "-" if self.utc_offset_minutes < 0 else "+"
        hours, minutes = divmod(abs(self.utc_offset_minutes), 60)
        return f"UTC{sign}{hours:02d}:{minutes:02d}"


def since_text(last: datetime | None, now: datetime, language: str) -> str:
    """How long ago the last scan was: ``3天5小时`` / ``3 d 5 h``; no scan → a dash-like word."""
    zh = language.startswith("zh")
    if last is None:
        return "无扫描记录" if zh else "no scans"
    seconds = max(0, int((now - last).total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"{days}天{hours}小时前" if zh else f"{days} d {hours} h ago"
    if hours:
        return f"{hours}小时{minutes}分前" if zh else f"{hours} h {minutes} min ago"
    return f"{minutes}分钟前" if zh else f"{minutes} min ago"
