"""The database schema as SQLAlchemy 2 typed models.

Conventions:
* Times are naive UTC (``domain.clock.utcnow``); the UI shows local time.
* Money is stored as whole fen in a BIGINT (:class:`Money`) so SQLite, which
  has no exact decimal type, never rounds through a float.
* Enumerations are stored as their short string codes.
* Cases and parcels carry a ``version`` column: SQLAlchemy refuses an UPDATE
  whose version no longer matches (optimistic concurrency between desks).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Computed,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    event,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    ORMExecuteState,
    Session,
    mapped_column,
    relationship,
)
from sqlalchemy.sql.expression import ColumnElement

from depot_app.domain.errors import AppendOnlyError
from depot_app.domain.money import fen, from_fen

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class SecondsBetween(ColumnElement[float]):
    """``later - earlier`` in seconds (NULL when either is NULL), for a generated column's expression.

    Written per database (SQLite: julianday; PostgreSQL: the interval's
    epoch); the columns are named, as a generated column refers to its own
    row's columns by name. Only for DDL (``Computed``), so not cached.
    """

    inherit_cache = False
    type = Float()

    def __init__(self, later: str, earlier: str) -> None:
        self.later = later
        self.earlier = earlier


@compiles(SecondsBetween, "sqlite")
def _seconds_sqlite(element: SecondsBetween, _compiler: Any, **_kw: Any) -> str:
    return f"(julianday({element.later}) - julianday({element.earlier})) * 86400.0"


@compiles(SecondsBetween, "postgresql")
def _seconds_postgresql(element: SecondsBetween, _compiler: Any, **_kw: Any) -> str:
    return f"CAST(EXTRACT(EPOCH FROM ({element.later} - {element.earlier})) AS DOUBLE PRECISION)"


class Money(TypeDecorator[Decimal]):
    """Exact yuan amounts stored as integer fen."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> int | None:
        return None if value is None else fen(value)

    def process_result_value(self, value: int | None, dialect: Dialect) -> Decimal | None:
        return None if value is None else from_fen(int(value))


class Base(DeclarativeBase):
    """Declarative base with stable constraint names for Alembic."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class AppendOnly:
    """Marks a model whose rows are written once and never changed or deleted.

    Enforced twice: the ORM refuses (below), and for the audit trail the
    database refuses too (triggers from migration 0002).
    """


def _append_only_refusal(model: type) -> AppendOnlyError:
    table = getattr(model, "__tablename__", model.__name__)
    return AppendOnlyError(f"Records in {table} can only be added, never changed or deleted.",
                           f"{table} 中的记录只能新增，不能修改或删除。")


@event.listens_for(Session, "before_flush")
def _refuse_append_only_changes(session: Session, _context: Any, _instances: Any) -> None:
    for obj in session.deleted:
        if isinstance(obj, AppendOnly):
            raise _append_only_refusal(type(obj))
    for obj in session.dirty:
        if isinstance(obj, AppendOnly) and session.is_modified(obj, include_collections=False):
            raise _append_only_refusal(type(obj))


@event.listens_for(Session, "do_orm_execute")
def _refuse_append_only_statements(state: ORMExecuteState) -> None:
    if state.is_update or state.is_delete:
        for mapper in state.all_mappers:
            if issubclass(mapper.class_, AppendOnly):
                raise _append_only_refusal(mapper.class_)


class Operator(Base):
    """A person working at the desk; recorded on every change."""

    __tablename__ = "operator"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16), default="clerk")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    #: scrypt hash of the PIN or password (``domain.credentials``); never the secret.
    secret_hash: Mapped[str | None] = mapped_column(String(200), default=None)
    #: Wrong PINs in a row since the last successful sign-in.
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


class Parcel(Base):
    """The shipment's facts as on the waybill; shared by all its cases."""

    __tablename__ = "parcel"

    id: Mapped[int] = mapped_column(primary_key=True)
    tracking_no: Mapped[str] = mapped_column(String(40), unique=True)
    carrier: Mapped[str] = mapped_column(String(16))
    scope: Mapped[str] = mapped_column(String(16), default="domestic")
    sender_name: Mapped[str] = mapped_column(String(64), default="", index=True)
    sender_phone: Mapped[str] = mapped_column(String(32), default="", index=True)
    sender_phone_last4: Mapped[str] = mapped_column(String(4), default="", index=True)
    sender_address: Mapped[str] = mapped_column(String(255), default="")
    recipient_name: Mapped[str] = mapped_column(String(64), default="", index=True)
    recipient_phone: Mapped[str] = mapped_column(String(32), default="", index=True)
    recipient_phone_last4: Mapped[str] = mapped_column(String(4), default="", index=True)
    recipient_address: Mapped[str] = mapped_column(String(255), default="")
    item_description: Mapped[str] = mapped_column(String(255), default="")
    declared_value: Mapped[Decimal | None] = mapped_column(Money)
    insured_value: Mapped[Decimal | None] = mapped_column(Money)
    freight: Mapped[Decimal | None] = mapped_column(Money)
    cod_amount: Mapped[Decimal | None] = mapped_column(Money)
    weight_g: Mapped[int | None] = mapped_column(Integer)
    last_scan_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: The type (``domain.scans.ScanType``) of the newest carrier scan, kept with ``last_scan_at``.
    last_scan_type: Mapped[str | None] = mapped_column(String(24))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    cases: Mapped[list[ProblemCase]] = relationship(back_populates="parcel")
    #: Pinyin keys of the names and addresses (``services.search_keys`` keeps them current).
    search_keys: Mapped[list[ParcelSearchKey]] = relationship(
        back_populates="parcel", cascade="all, delete-orphan", passive_deletes=True)

    __mapper_args__ = {"version_id_col": version}


class ParcelSearchKey(Base):
    """One search key of a parcel: the full pinyin or the initials of a name or an address part.

    One row per key, so ``key >= 'zs' AND key < 'zt'`` on the (key, parcel_id)
    index finds 张三 by any prefix of any key without reading the parcels.
    """

    __tablename__ = "parcel_search_key"

    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcel.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)

    parcel: Mapped[Parcel] = relationship(back_populates="search_keys")

    __table_args__ = (Index("ix_parcel_search_key_key_parcel_id", "key", "parcel_id"),)


class ProblemCase(Base):
    """One problem (问题件) on one parcel, from report to close."""

    __tablename__ = "problem_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_no: Mapped[str] = mapped_column(String(32), unique=True)
    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcel.id"), index=True)
    #: The parcel's carrier (it never changes), copied here so the dashboard counts by carrier off the indexes.
    carrier: Mapped[str] = mapped_column(String(16), server_default="")
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(24))
    priority: Mapped[str] = mapped_column(String(16), default="normal")
    report_channel: Mapped[str] = mapped_column(String(16))
    reporter_name: Mapped[str] = mapped_column(String(64), default="")
    reporter_contact: Mapped[str] = mapped_column(String(64), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("operator.id"))
    #: Indexed by ix_problem_case_reported_figures, which leads with it (migration 0013).
    reported_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    due_at: Mapped[datetime] = mapped_column(DateTime)
    first_response_due_at: Mapped[datetime | None] = mapped_column(DateTime)
    first_contact_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_contact_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_contact_outcome: Mapped[str | None] = mapped_column(String(16))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    final_outcome: Mapped[str | None] = mapped_column(String(24))
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    close_note: Mapped[str] = mapped_column(Text, default="")
    is_open: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    #: Seconds from report to first contact and to closing (closed or cancelled), computed by the database
    #: (SQLite: virtual; PostgreSQL: stored) so the dashboard's medians read them off an index (migration 0013).
    seconds_to_first_contact: Mapped[float | None] = mapped_column(
        Float, Computed(SecondsBetween("first_contact_at", "reported_at")))
    seconds_to_close: Mapped[float | None] = mapped_column(Float, Computed(SecondsBetween("closed_at", "reported_at")))

    parcel: Mapped[Parcel] = relationship(back_populates="cases")
    assignee: Mapped[Operator | None] = relationship(foreign_keys=[assignee_id])
    created_by: Mapped[Operator] = relationship(foreign_keys=[created_by_id])
    contacts: Mapped[list[ContactAttempt]] = relationship(
        back_populates="case", order_by="ContactAttempt.at", cascade="all, delete-orphan")
    resolutions: Mapped[list[Resolution]] = relationship(
        back_populates="case", order_by="Resolution.id", cascade="all, delete-orphan")
    events: Mapped[list[CaseEvent]] = relationship(
        back_populates="case", order_by="CaseEvent.id", cascade="all, delete-orphan")
    photos: Mapped[list[Photo]] = relationship(
        back_populates="case", order_by="Photo.id", cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        # The queue's common shapes, each ending in due_at so the first page
        # sorted by due time is read off the index instead of sorting every
        # matching row (benchmarks/bench_queue.py, 1M cases: 0.7-1.6 s -> <25 ms).
        # SQLite's implicit rowid suffix also serves the "due_at, id" tie-break.
        Index("ix_problem_case_due", "due_at"),
        Index("ix_problem_case_open_due", "is_open", "due_at"),
        Index("ix_problem_case_status_due", "status", "due_at"),
        Index("ix_problem_case_kind_due", "kind", "due_at"),
        Index("ix_problem_case_kind_open_due", "kind", "is_open", "due_at"),
        Index("ix_problem_case_assignee_due", "assignee_id", "due_at"),
        Index("ix_problem_case_assignee_open_due", "assignee_id", "is_open", "due_at"),
        # "Closed this month" and the monthly figures ask status = closed AND a
        # closed_at range; by status alone that is nearly every case, each read
        # from the table for its closed_at (migration 0003).
        Index("ix_problem_case_status_closed", "status", "closed_at"),
        # The dashboard's three sets of cases (reported in the period, open at
        # its end, closed in it), each with every column its figures read, so
        # they are counted off the index alone (migrations 0011, 0012, 0013). The first also serves the
        # queue sorted by reported time (its id breaks ties, as the single-column index's rowid did).
        Index("ix_problem_case_reported_figures", "reported_at", "id", "status", "due_at", "closed_at",
              "first_response_due_at", "first_contact_at", "kind", "assignee_id", "carrier",
              "seconds_to_first_contact", "seconds_to_close"),
        Index("ix_problem_case_open_figures", "is_open", "reported_at", "due_at", "first_response_due_at",
              "first_contact_at", "kind", "assignee_id", "carrier"),
        Index("ix_problem_case_closed_figures", "closed_at", "status", "is_open", "reported_at", "due_at",
              "first_response_due_at", "first_contact_at", "satisfaction", "kind", "assignee_id", "carrier"),
    )


class ContactAttempt(Base):
    """One call, message or visit, and what came of it."""

    __tablename__ = "contact_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("problem_case.id"), index=True)
    party: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(16))
    outcome: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operator.id"))

    case: Mapped[ProblemCase] = relationship(back_populates="contacts")
    operator: Mapped[Operator] = relationship()


class Resolution(Base):
    """A chosen way of handling the case; only the latest one is live."""

    __tablename__ = "resolution"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("problem_case.id"), index=True)
    type: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(24))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    chosen_at: Mapped[datetime] = mapped_column(DateTime)
    chosen_by_id: Mapped[int] = mapped_column(ForeignKey("operator.id"))
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime)

    case: Mapped[ProblemCase] = relationship(back_populates="resolutions")
    chosen_by: Mapped[Operator] = relationship()
    compensation: Mapped[Compensation | None] = relationship(
        back_populates="resolution", uselist=False, cascade="all, delete-orphan")


class Compensation(Base):
    """Money paid for a compensate resolution: amount, basis, approval, payment."""

    __tablename__ = "compensation"

    id: Mapped[int] = mapped_column(primary_key=True)
    resolution_id: Mapped[int] = mapped_column(ForeignKey("resolution.id"), unique=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("problem_case.id"), index=True)
    suggested_amount: Mapped[Decimal] = mapped_column(Money)
    amount: Mapped[Decimal] = mapped_column(Money)
    basis: Mapped[str] = mapped_column(String(32), default="")
    explanation: Mapped[str] = mapped_column(Text, default="")
    adjust_reason: Mapped[str] = mapped_column(Text, default="")
    approval_state: Mapped[str] = mapped_column(String(16))  # not_needed/pending/approved/rejected
    approver_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)
    approval_comment: Mapped[str] = mapped_column(Text, default="")
    payment_method: Mapped[str | None] = mapped_column(String(16))
    payment_reference: Mapped[str] = mapped_column(String(64), default="")
    payee_account: Mapped[str] = mapped_column(String(128), default="")
    paid_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    paid_by_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))

    resolution: Mapped[Resolution] = relationship(back_populates="compensation")
    approver: Mapped[Operator | None] = relationship(foreign_keys=[approver_id])
    paid_by: Mapped[Operator | None] = relationship(foreign_keys=[paid_by_id])


class Photo(Base):
    """Metadata of one photo of evidence; the file lives in the photo store."""

    __tablename__ = "photo"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("problem_case.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    slot: Mapped[str] = mapped_column(String(24))
    caption: Mapped[str] = mapped_column(Text, default="")
    original_name: Mapped[str] = mapped_column(String(255), default="")
    media_type: Mapped[str] = mapped_column(String(32), default="image/jpeg")
    size_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    rotation: Mapped[int] = mapped_column(Integer, default=0)
    added_at: Mapped[datetime] = mapped_column(DateTime)
    added_by_id: Mapped[int] = mapped_column(ForeignKey("operator.id"))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))
    delete_reason: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[ProblemCase] = relationship(back_populates="photos")


class CaseEvent(AppendOnly, Base):
    """One entry on a case's timeline: who did what, when, before and after."""

    __tablename__ = "case_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("problem_case.id"))
    at: Mapped[datetime] = mapped_column(DateTime)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operator.id"))
    action: Mapped[str] = mapped_column(String(32))
    field: Mapped[str | None] = mapped_column(String(48))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[ProblemCase] = relationship(back_populates="events")
    operator: Mapped[Operator] = relationship()

    __table_args__ = (
        # A case's timeline in order, and its newest entry (the tab's stamp), read
        # off one index on both databases: PostgreSQL's indexes carry no primary
        # key, so a case_id-only index had to fetch and sort every entry. Also
        # serves the foreign key (it replaced ix_case_event_case_id, migration 0003).
        Index("ix_case_event_case_id_id", "case_id", "id"),
    )


class DayCounter(Base):
    """Per-day sequence for case numbers; incremented atomically by the database."""

    __tablename__ = "day_counter"

    key: Mapped[str] = mapped_column(String(24), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class ParcelVolume(Base):
    """How many parcels the depot handled on one depot-local day (for rates per 10,000 parcels)."""

    __tablename__ = "parcel_volume"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    parcels: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(16), default="manual")
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))


class DepotSetting(Base):
    """One depot-wide setting (see ``config.DEPOT_SETTINGS``) as JSON."""

    __tablename__ = "depot_setting"

    key: Mapped[str] = mapped_column(String(48), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))


class AuditEntry(AppendOnly, Base):
    """Depot-wide audit trail (settings, operators, exports, sign-ins).

    Append-only: the services only ever insert here.
    """

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))
    action: Mapped[str] = mapped_column(String(32), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("problem_case.id"))
    field: Mapped[str | None] = mapped_column(String(48))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        # The trail filtered by operator, newest first, in pages (migration 0003).
        Index("ix_audit_entry_operator_id_id", "operator_id", "id"),
    )


class ScanEvent(Base):
    """One carrier scan of a parcel (快递轨迹), from any source, stored once.

    Keyed by tracking number rather than by parcel: a head office's export
    lists parcels the desk has no case for yet, and their scans are there
    when one is registered. ``fingerprint`` (``domain.scans.fingerprint``)
    makes the same scan from a second source the same row; that source is
    added to ``sources``.
    """

    __tablename__ = "scan_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    tracking_no: Mapped[str] = mapped_column(String(40))
    #: Naive UTC, and the offset the source stated the time in (+480 = Beijing).
    at: Mapped[datetime] = mapped_column(DateTime)
    utc_offset_minutes: Mapped[int] = mapped_column(Integer, default=480)
    scan_type: Mapped[str] = mapped_column(String(24))
    place: Mapped[str] = mapped_column(String(128), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    #: Comma-separated source names, first source first.
    sources: Mapped[str] = mapped_column(String(255), default="")
    fingerprint: Mapped[str] = mapped_column(String(40), unique=True)
    recorded_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        # A parcel's scans in time order, and its newest.
        Index("ix_scan_event_tracking_no_at", "tracking_no", "at"),
    )


class OutboxMessage(Base):
    """One message to a customer, written in the transaction of the case change that causes it.

    The sender claims due rows (``state`` pending, or a ``sending`` claim that
    ran out), delivers them with ``idempotency_key`` and records the result.
    """

    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("problem_case.id"))
    event: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(16))
    recipient: Mapped[str] = mapped_column(String(255))
    party: Mapped[str] = mapped_column(String(16), default="")
    language: Mapped[str] = mapped_column(String(8))
    subject: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text)
    params: Mapped[Any] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(16))
    tries: Mapped[int] = mapped_column(Integer, default=0)
    max_tries: Mapped[int] = mapped_column(Integer)
    send_now: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime)
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime)
    last_attempt_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_outcome: Mapped[str] = mapped_column(String(16), default="")
    last_error: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))
    provider_ref: Mapped[str] = mapped_column(String(128), default="")

    __table_args__ = (
        # The sender's question: what is due in which state.
        Index("ix_outbox_message_state_next_attempt_at", "state", "next_attempt_at"),
        # A case's messages on its timeline, and the daily limit per case.
        Index("ix_outbox_message_case_id_created_at", "case_id", "created_at"),
    )


class PhoneOptOut(Base):
    """A phone (E.164) or e-mail address that asked not to be messaged again."""

    __tablename__ = "phone_opt_out"

    address: Mapped[str] = mapped_column(String(255), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text, default="")
    by_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))


class PhotoBlob(Base):
    """One original photo stored in the database (PostgreSQL depots), keyed by its SHA-256.

    The bytes are in :class:`PhotoBlobChunk` rows of at most ``chunk_size``
    bytes, numbered from 0; ``chunk_count`` and ``size_bytes`` say what a
    complete blob has, so a missing or cut chunk shows in ``depot-app check``.
    """

    __tablename__ = "photo_blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    chunk_size: Mapped[int] = mapped_column(Integer)
    chunk_count: Mapped[int] = mapped_column(Integer)
    extension: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class PhotoBlobChunk(Base):
    """One piece of a stored original, in order (``seq`` from 0)."""

    __tablename__ = "photo_blob_chunk"

    sha256: Mapped[str] = mapped_column(ForeignKey("photo_blob.sha256", ondelete="CASCADE"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
