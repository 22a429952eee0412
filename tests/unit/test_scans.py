"""Scan types, times and what makes two scans one event."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from depot_app.domain.errors import ValidationError
from depot_app.domain.scans import (
    ScanType,
    fingerprint,
    kuaidi100_scan_type,
    parse_scan_time,
    scan_type_from_text,
    since_text,
    utc_naive,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("【上海转运中心】已揽收", ScanType.COLLECTED),
    ("快件已到达【上海转运中心】", ScanType.IN_TRANSIT),
    ("快件离开【杭州分拨中心】，发往【上海转运中心】", ScanType.IN_TRANSIT),
    ("到件扫描 浦东网点", ScanType.ARRIVED_AT_DEPOT),
    ("【浦东网点】派件员：张三 正在派件", ScanType.OUT_FOR_DELIVERY),
    ("派送失败：客户不在家", ScanType.DELIVERY_FAILED),
    ("快件已被收件人签收，签收人：本人", ScanType.SIGNED),
    ("快件已退回寄件人", ScanType.RETURNED),
    ("疑难件：地址不详", ScanType.EXCEPTION),
    ("signed", ScanType.SIGNED), ("已签收", ScanType.SIGNED), ("Out for delivery", ScanType.OUT_FOR_DELIVERY),
    ("Delivered to front desk", ScanType.SIGNED),
])
def test_carrier_words_become_our_types(text: str, expected: ScanType) -> None:
    assert scan_type_from_text(text) is expected


def test_the_first_text_that_names_a_type_wins_and_none_is_refused() -> None:
    assert scan_type_from_text("", None, "签收") is ScanType.SIGNED
    assert scan_type_from_text("派件", "签收") is ScanType.OUT_FOR_DELIVERY
    with pytest.raises(ValidationError) as err:
        scan_type_from_text("天气晴朗")
    assert err.value.field == "scan_type" and "天气晴朗" in err.value.zh
    with pytest.raises(ValidationError):
        scan_type_from_text("", None)


def test_kuaidi100_states_and_names() -> None:
    assert kuaidi100_scan_type("签收", "3", "已签收") is ScanType.SIGNED
    assert kuaidi100_scan_type("拒签", "14", "客户拒收") is ScanType.DELIVERY_FAILED
    assert kuaidi100_scan_type("在途", "0", "到达【浦东网点】到件扫描") is ScanType.ARRIVED_AT_DEPOT
    assert kuaidi100_scan_type("在途", "0", "离开杭州") is ScanType.IN_TRANSIT
    assert kuaidi100_scan_type("", "5", "天气晴朗") is ScanType.OUT_FOR_DELIVERY


@pytest.mark.parametrize(("text", "utc"), [
    ("2026-11-18 14:03", datetime(2026, 11, 18, 6, 3)),
    ("2026/11/18 14:03:22", datetime(2026, 11, 18, 6, 3, 22)),
    ("2026年11月18日 14时03分", datetime(2026, 11, 18, 6, 3)),
    ("2026-11-18T06:03:00Z", datetime(2026, 11, 18, 6, 3)),
    ("2026-11-18 09:03:00+03:00", datetime(2026, 11, 18, 6, 3)),
    ("2026-11-18", datetime(2026, 11, 17, 16, 0)),
])
def test_scan_times_in_the_forms_exports_write(text: str, utc: datetime) -> None:
    assert utc_naive(parse_scan_time(text, "Asia/Shanghai")) == utc


def test_bad_times_are_refused_with_the_field() -> None:
    for text in ("", "yesterday", "2026-02-30 10:00"):
        with pytest.raises(ValidationError) as err:
            parse_scan_time(text, "Asia/Shanghai")
        assert err.value.field == "time"
    naive = parse_scan_time(datetime(2026, 11, 18, 14, 3), "Asia/Shanghai")
    assert naive.utcoffset() == timedelta(hours=8)


def test_the_same_scan_from_two_sources_has_one_fingerprint() -> None:
    beijing = datetime(2026, 11, 18, 14, 3, 10, tzinfo=timezone(timedelta(hours=8)))
    utc = datetime(2026, 11, 18, 6, 3, 50, tzinfo=UTC)
    a = fingerprint("SF1234567890123", utc_naive(beijing), ScanType.SIGNED)
    assert a == fingerprint("SF1234567890123", utc_naive(utc), ScanType.SIGNED)
    assert a != fingerprint("SF1234567890123", utc_naive(utc), ScanType.OUT_FOR_DELIVERY)
    assert a != fingerprint("SF1234567890124", utc_naive(utc), ScanType.SIGNED)
    assert a != fingerprint("SF1234567890123", utc_naive(utc) + timedelta(minutes=1), ScanType.SIGNED)


def test_time_since_the_last_scan_in_both_languages() -> None:
    now = datetime(2026, 11, 20, 10, 0)
    assert since_text(now - timedelta(days=3, hours=5), now, "zh_CN") == "3天5小时前"
    assert since_text(now - timedelta(minutes=42), now, "en") == "42 min ago"
    assert since_text(None, now, "en") == "no scans"
