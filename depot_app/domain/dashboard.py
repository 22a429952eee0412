"""The manager's figures: their names in both languages, the age buckets, the period and its predecessor.

One definition of each figure, used by the dashboard service (SQL aggregates)
and by anything that reports the same figure. "On time" and "overdue" follow
the deadline rules of :mod:`depot_app.domain.deadlines`: a case is late once
``now`` is past its due time (the due minute itself is still on time), and a
closed case met its due time when it closed at or before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

#: Upper bounds (hours, exclusive) of the open-case age buckets; the last bucket is open-ended.
AGE_BUCKET_HOURS: tuple[int, ...] = (24, 72, 168, 360)

#: Bucket keys with their Chinese and English labels, youngest first.
AGE_BUCKETS: tuple[tuple[str, str, str], ...] = (
    ("lt_1d", "不足1天", "< 1 day"),
    ("1_3d", "1–3天", "1–3 days"),
    ("3_7d", "3–7天", "3–7 days"),
    ("7_15d", "7–15天", "7–15 days"),
    ("gt_15d", "超过15天", "> 15 days"),
)


@dataclass(frozen=True)
class FigureDef:
    """A figure's key and its labels."""

    key: str
    zh: str
    en: str

    def label(self, language: str = "zh_CN") -> str:
        return self.zh if language.startswith("zh") else self.en


#: Every headline figure, in the order reports show them.
FIGURES: tuple[FigureDef, ...] = (
    FigureDef("opened", "登记案件数", "Cases opened"),
    FigureDef("closed", "结案数", "Cases closed"),
    FigureDef("open_now", "未结案（期末）", "Open at period end"),
    FigureDef("overdue_now", "超时未结（期末）", "Overdue at period end"),
    FigureDef("on_time_rate", "时限达标率", "On-time resolution rate"),
    FigureDef("complaint_response_rate", "投诉24小时首次响应率", "Complaints answered within 24 h"),
    FigureDef("median_first_contact_s", "首次联系中位时长", "Median time to first contact"),
    FigureDef("median_close_s", "结案中位时长", "Median time to close"),
    FigureDef("average_rating", "平均满意度", "Average satisfaction"),
    FigureDef("rated_share", "评价覆盖率", "Share of closed cases rated"),
    FigureDef("compensation_paid", "已支付赔偿", "Compensation paid"),
    FigureDef("awaiting_approval", "待审批赔偿", "Compensation awaiting approval"),
    FigureDef("complaints", "投诉件数", "Complaints"),
    FigureDef("parcel_volume", "网点业务量（件）", "Parcels handled"),
    FigureDef("case_rate_per_10k", "问题件率（每万件）", "Problem cases per 10,000 parcels"),
    FigureDef("complaint_rate_per_10k", "投诉率（每万件）", "Complaints per 10,000 parcels"),
)

#: Figures the dashboard service computes beside the headline ones, for the
#: reports that list them (the monthly workbook's summary): counts behind the
#: rates, and the compensation of the period's cases (each case's live
#: resolution, as in the workbook's ledger).
DETAIL_FIGURES: tuple[FigureDef, ...] = (
    FigureDef("cancelled", "已撤销", "Cancelled"),
    FigureDef("met_due", "按时结案（件）", "Resolved on time"),
    FigureDef("missed_due", "未按时限结案（件）", "Not resolved on time"),
    FigureDef("pending_due", "未到期（件）", "Not yet due"),
    FigureDef("rated", "满意度评价数", "Ratings given"),
    FigureDef("compensations", "赔偿笔数", "Compensations"),
    FigureDef("compensation_total", "赔偿总额", "Compensation total"),
    FigureDef("compensation_total_paid", "其中已支付", "of which paid"),
)

#: Every figure by key, headline and detail.
FIGURE_BY_KEY: dict[str, FigureDef] = {f.key: f for f in FIGURES + DETAIL_FIGURES}

#: The monthly workbook's key figures, in the order its summary lists them.
MONTH_FIGURES: tuple[str, ...] = (
    "opened", "closed", "open_now", "overdue_now", "cancelled", "met_due", "missed_due", "pending_due",
    "on_time_rate", "complaints", "complaint_response_rate", "median_first_contact_s", "median_close_s",
    "average_rating", "rated", "rated_share", "compensations", "compensation_total",
    "compensation_total_paid", "compensation_paid", "awaiting_approval", "parcel_volume",
    "case_rate_per_10k", "complaint_rate_per_10k",
)

#: Figures that are shares (0–1), durations in seconds, and amounts of money (yuan).
RATE_FIGURES = frozenset({"on_time_rate", "complaint_response_rate", "rated_share"})
DURATION_FIGURES = frozenset({"median_first_contact_s", "median_close_s"})
MONEY_FIGURES = frozenset({"compensation_paid", "compensation_total", "compensation_total_paid"})


@dataclass(frozen=True)
class PeriodFigures:
    """Every figure of one period (None: nothing to measure, or the volume is missing)."""

    values: dict[str, float | None]
    age_buckets: dict[str, int]
    ratings: dict[int, int]
    opened_by_day: dict[str, int] = field(default_factory=dict)
    closed_by_day: dict[str, int] = field(default_factory=dict)
    volume_missing_days: int = 0
    """Days of the period without a parcel volume (the rates per 10,000 need all of them)."""


@dataclass(frozen=True)
class Period:
    """Depot-local calendar days ``first`` to ``last``, both inclusive."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"period ends ({self.last}) before it begins ({self.first})")

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        return Period(self.first - timedelta(days=self.days), self.first - timedelta(days=1))


def per_10k(count: int, volume: int | None) -> float | None:
    """``count`` per 10,000 parcels, or None without a volume."""
    if not volume:
        return None
    return round(count * 10_000 / volume, 2)


#: What the queue can show of the dashboard's figures, with their words in both languages.
DRILLS: dict[str, tuple[str, str]] = {
    "opened": ("本期登记", "Opened in the period"),
    "closed": ("本期结案", "Closed in the period"),
    "open_end": ("期末未结", "Open at the period's end"),
    "overdue_end": ("期末超时未结", "Overdue at the period's end"),
    "late": ("未按时限结案", "Not resolved on time"),
    "complaint_late": ("投诉未在24小时内响应", "Complaints not answered within 24 h"),
    "complaints": ("本期投诉", "Complaints in the period"),
    "rated": ("本期结案的评价", "Ratings of cases closed in the period"),
    "paid": ("本期已付赔偿", "Compensation paid in the period"),
    "awaiting_approval": ("待审批赔偿", "Compensation awaiting approval"),
}


@dataclass(frozen=True)
class Drill:
    """The cases behind one figure, bar or table cell of the dashboard.

    ``what`` is a key of :data:`DRILLS`; the optional parts narrow it down
    (one day of the period, one age bucket, one kind, handler, carrier or
    rating). ``assignee_id`` 0 means "nobody".
    """

    what: str
    period: Period
    day: date | None = None
    bucket: str | None = None
    kind: str | None = None
    assignee_id: int | None = None
    carrier: str | None = None
    rating: int | None = None

    def __post_init__(self) -> None:
        if self.what not in DRILLS:
            raise ValueError(f"unknown dashboard selection {self.what!r}")
        if self.bucket is not None and self.bucket not in {k for k, _z, _e in AGE_BUCKETS}:
            raise ValueError(f"unknown age bucket {self.bucket!r}")


def age_bucket(age_hours: float) -> str:
    """The bucket key of an open case ``age_hours`` old."""
    for (key, _zh, _en), bound in zip(AGE_BUCKETS, AGE_BUCKET_HOURS, strict=False):
        if age_hours < bound:
            return key
    return AGE_BUCKETS[-1][0]


def change(current: float | None, previous: float | None) -> float | None:
    """``current - previous``, or None when either is missing."""
    if current is None or previous is None:
        return None
    return round(current - previous, 4)
