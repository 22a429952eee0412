"""Due times, due states, countdowns and treat-as-lost, at their exact boundaries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from depot_app.domain.deadlines import (
    DueState,
    due_state,
    first_response_due,
    format_countdown,
    lost_on,
    remaining,
    resolution_due,
    treat_as_lost,
)
from depot_app.domain.errors import ConfigurationError
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.policy import Policy
from depot_app.domain.vocabulary import Priority, ShipmentScope

POLICY = Policy()
K = ProblemKind
P = Priority


# --- resolution due --------------------------------------------------------


def test_normal_priority_uses_the_kinds_hours() -> None:
    assert resolution_due(datetime(2025, 3, 10, 9, 0), K.DAMAGED, P.NORMAL, POLICY) == datetime(
        2025, 3, 13, 9, 0
    )


def test_urgent_is_a_quarter_of_72_hours() -> None:
    assert resolution_due(datetime(2025, 3, 10, 9, 0), K.DAMAGED, P.URGENT, POLICY) == datetime(
        2025, 3, 11, 3, 0
    )


@pytest.mark.parametrize(
    ("priority", "hours"),
    [(P.LOW, 108), (P.NORMAL, 72), (P.HIGH, 36), (P.URGENT, 18)],
)
def test_priority_factors(priority: Priority, hours: int) -> None:
    start = datetime(2025, 6, 1, 0, 0)
    assert resolution_due(start, K.DAMAGED, priority, POLICY) - start == timedelta(hours=hours)


def test_due_time_crosses_midnight() -> None:
    # held at hub: 24 h × 0.25 = 6 h
    assert resolution_due(datetime(2025, 3, 10, 21, 30), K.HELD_AT_HUB, P.URGENT, POLICY) == (
        datetime(2025, 3, 11, 3, 30)
    )


def test_due_time_crosses_a_month_end() -> None:
    assert resolution_due(datetime(2025, 1, 31, 10, 0), K.DAMAGED, P.NORMAL, POLICY) == (
        datetime(2025, 2, 3, 10, 0)
    )
    assert resolution_due(datetime(2025, 4, 30, 23, 0), K.HELD_AT_HUB, P.NORMAL, POLICY) == (
        datetime(2025, 5, 1, 23, 0)
    )


def test_due_time_crosses_a_leap_day() -> None:
    assert resolution_due(datetime(2028, 2, 28, 12, 0), K.HELD_AT_HUB, P.NORMAL, POLICY) == (
        datetime(2028, 2, 29, 12, 0)
    )
    assert resolution_due(datetime(2028, 2, 28, 12, 0), K.DAMAGED, P.NORMAL, POLICY) == (
        datetime(2028, 3, 2, 12, 0)
    )
    # Not a leap year: Feb 28 + 72 h is Mar 3.
    assert resolution_due(datetime(2027, 2, 28, 12, 0), K.DAMAGED, P.NORMAL, POLICY) == (
        datetime(2027, 3, 3, 12, 0)
    )


def test_due_time_crosses_a_year_end() -> None:
    assert resolution_due(datetime(2025, 12, 31, 20, 0), K.LOST, P.NORMAL, POLICY) == (
        datetime(2026, 1, 7, 20, 0)
    )


def test_fractional_hours_are_exact_to_the_minute() -> None:
    policy = POLICY.with_changes(priority_factors={**POLICY.priority_factors, P.HIGH: Decimal("0.33")})
    # 72 h × 0.33 = 23.76 h = 23 h 45.6 min → 23 h 46 min (half-up to the minute)
    start = datetime(2025, 3, 10, 0, 0)
    assert resolution_due(start, K.DAMAGED, P.HIGH, policy) == datetime(2025, 3, 10, 23, 46)


def test_seconds_of_the_report_time_are_kept() -> None:
    start = datetime(2025, 3, 10, 9, 0, 17)
    assert resolution_due(start, K.DAMAGED, P.NORMAL, POLICY) == datetime(2025, 3, 13, 9, 0, 17)


def test_policy_hours_are_used() -> None:
    policy = POLICY.with_changes(resolution_hours={**POLICY.resolution_hours, K.DAMAGED: 10})
    assert resolution_due(datetime(2025, 3, 10, 0, 0), K.DAMAGED, P.NORMAL, policy) == datetime(
        2025, 3, 10, 10, 0
    )


def test_missing_policy_entry_is_a_configuration_error() -> None:
    policy = POLICY.with_changes(resolution_hours={K.LOST: 1})
    with pytest.raises(ConfigurationError, match="Damaged"):
        resolution_due(datetime(2025, 3, 10), K.DAMAGED, P.NORMAL, policy)


def test_aware_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="naive UTC"):
        resolution_due(datetime(2025, 3, 10, tzinfo=UTC), K.DAMAGED, P.NORMAL, POLICY)


# --- first response ----------------------------------------------------------


@pytest.mark.parametrize("kind", [K.SERVICE_COMPLAINT, K.FALSE_SIGN_FOR])
def test_complaints_get_a_first_response_within_24_hours(kind: ProblemKind) -> None:
    assert first_response_due(datetime(2025, 2, 28, 18, 45), kind, POLICY) == datetime(
        2025, 3, 1, 18, 45
    )


def test_non_complaints_have_no_first_response_due() -> None:
    assert first_response_due(datetime(2025, 2, 28, 18, 45), K.DAMAGED, POLICY) is None


def test_first_response_hours_come_from_the_policy() -> None:
    policy = POLICY.with_changes(complaint_first_response_hours=12)
    assert first_response_due(datetime(2025, 1, 1), K.SERVICE_COMPLAINT, policy) == datetime(
        2025, 1, 1, 12
    )


# --- due state -----------------------------------------------------------------

START = datetime(2025, 3, 10, 0, 0)
DUE = START + timedelta(hours=72)  # due-soon fraction 0.25 → last 18 h


def state(now: datetime, *, closed: bool = False, started_at: datetime = START,
          due_at: datetime = DUE, policy: Policy = POLICY) -> DueState:
    return due_state(due_at, now, started_at=started_at, closed=closed, policy=policy)


def test_ok_while_plenty_of_time_is_left() -> None:
    assert state(START) is DueState.OK
    assert state(DUE - timedelta(hours=18)) is DueState.OK  # exactly the fraction: not yet


def test_due_soon_when_less_than_the_fraction_is_left() -> None:
    assert state(DUE - timedelta(hours=18) + timedelta(microseconds=1)) is DueState.DUE_SOON
    assert state(DUE - timedelta(hours=1)) is DueState.DUE_SOON


def test_due_soon_by_hours_for_a_long_window() -> None:
    # 400 h window: a quarter is 100 h, so the fraction would warn first anyway;
    # with a tiny fraction the 4-hour rule is what fires.
    policy = POLICY.with_changes(due_soon_fraction=Decimal("0.001"))
    due = START + timedelta(hours=400)
    assert state(due - timedelta(hours=4), due_at=due, policy=policy) is DueState.OK
    assert state(due - timedelta(hours=4) + timedelta(seconds=1), due_at=due,
                 policy=policy) is DueState.DUE_SOON


def test_due_soon_by_hours_for_a_short_window() -> None:
    # 6 h window: a quarter is 1.5 h, but fewer than 4 h left already warns.
    due = START + timedelta(hours=6)
    assert state(START, due_at=due) is DueState.OK
    assert state(START + timedelta(hours=2), due_at=due) is DueState.OK
    assert state(START + timedelta(hours=2, seconds=1), due_at=due) is DueState.DUE_SOON


def test_at_the_exact_due_time_it_is_not_yet_overdue() -> None:
    assert state(DUE) is DueState.DUE_SOON


def test_overdue_just_after_the_due_time() -> None:
    assert state(DUE + timedelta(microseconds=1)) is DueState.OVERDUE
    assert state(DUE + timedelta(days=3)) is DueState.OVERDUE


def test_closed_is_done_even_when_late() -> None:
    assert state(DUE + timedelta(days=3), closed=True) is DueState.DONE
    assert state(START, closed=True) is DueState.DONE


def test_due_state_labels() -> None:
    assert [s.zh for s in DueState] == ["正常", "即将到期", "已超时", "已完成"]
    assert DueState.OVERDUE.label("en") == "Overdue"
    assert DueState.OVERDUE.label("zh_CN") == "已超时"
    assert DueState.DUE_SOON.value == "due_soon"


# --- remaining and countdown -------------------------------------------------------


def test_remaining_is_signed() -> None:
    assert remaining(DUE, DUE - timedelta(hours=2)) == timedelta(hours=2)
    assert remaining(DUE, DUE + timedelta(hours=5)) == timedelta(hours=-5)


@pytest.mark.parametrize(
    ("delta", "zh", "en"),
    [
        (timedelta(days=2, hours=3), "2天3小时", "2d 3h"),
        (timedelta(days=2, hours=3, minutes=59), "2天3小时", "2d 3h"),
        (timedelta(days=2), "2天", "2d"),
        (timedelta(hours=3, minutes=15), "3小时15分钟", "3h 15m"),
        (timedelta(hours=5), "5小时", "5h"),
        (timedelta(minutes=45), "45分钟", "45m"),
        (timedelta(minutes=45, seconds=59), "45分钟", "45m"),  # time left rounds down
        (timedelta(seconds=30), "0分钟", "0m"),
        (timedelta(0), "0分钟", "0m"),
        (timedelta(hours=-5), "超时 5小时", "overdue 5h"),
        (timedelta(hours=-5, minutes=-20), "超时 5小时20分钟", "overdue 5h 20m"),
        (timedelta(seconds=-1), "超时 1分钟", "overdue 1m"),  # lateness rounds up
        (timedelta(days=-1, hours=-2), "超时 1天2小时", "overdue 1d 2h"),
    ],
)
def test_format_countdown(delta: timedelta, zh: str, en: str) -> None:
    assert format_countdown(delta, "zh_CN") == zh
    assert format_countdown(delta, "en") == en


def test_countdown_defaults_to_chinese() -> None:
    assert format_countdown(timedelta(minutes=45)) == "45分钟"


# --- treat as lost ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("scope", "days"),
    [(ShipmentScope.SAME_CITY, 3), (ShipmentScope.DOMESTIC, 7), (ShipmentScope.INTERNATIONAL, 15)],
)
def test_treat_as_lost_at_the_boundary(scope: ShipmentScope, days: int) -> None:
    last_scan = datetime(2025, 1, 30, 16, 20)
    boundary = last_scan + timedelta(days=days)
    assert lost_on(last_scan, scope, POLICY) == boundary
    assert not treat_as_lost(last_scan, boundary - timedelta(seconds=1), scope, POLICY)
    assert treat_as_lost(last_scan, boundary, scope, POLICY)
    assert treat_as_lost(last_scan, boundary + timedelta(days=1), scope, POLICY)


def test_lost_on_counts_calendar_days_across_month_ends() -> None:
    assert lost_on(datetime(2025, 1, 30, 8, 0), ShipmentScope.SAME_CITY, POLICY) == datetime(
        2025, 2, 2, 8, 0
    )
    assert lost_on(datetime(2028, 2, 25, 8, 0), ShipmentScope.SAME_CITY, POLICY) == datetime(
        2028, 2, 28, 8, 0
    )
    assert lost_on(datetime(2028, 2, 27, 8, 0), ShipmentScope.SAME_CITY, POLICY) == datetime(
        2028, 3, 1, 8, 0
    )
    assert lost_on(datetime(2027, 2, 27, 8, 0), ShipmentScope.SAME_CITY, POLICY) == datetime(
        2027, 3, 2, 8, 0
    )


def test_lost_limits_come_from_the_policy() -> None:
    policy = POLICY.with_changes(lost_after_days={**POLICY.lost_after_days, ShipmentScope.DOMESTIC: 10})
    assert lost_on(datetime(2025, 5, 1), ShipmentScope.DOMESTIC, policy) == datetime(2025, 5, 11)
