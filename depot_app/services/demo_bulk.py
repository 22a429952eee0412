"""Sample data in bulk: a million cases in minutes, for benchmarks and load tests.

:func:`generate_bulk_demo_data` first writes a *template* of up to
:data:`TEMPLATE_CASES` cases through the real services
(:func:`~depot_app.services.demo.generate_demo_data`: every kind, status,
resolution, contact, approval, payment and outbox message is the services'
own), then copies those rows inside SQLite with ``INSERT … SELECT``:

* every copy is moved back by a whole number of days (up to about two
  years), so dashboards and monthly workbooks have history; every time of a
  case moves by the same amount, so its deadlines (hours after the report)
  still follow the policy. Only copies that stay where the template is
  (no shift) include the open cases, so the open queue stays recent;
* each copied parcel gets a fresh tracking number of its carrier's format,
  new sender and recipient names, phones and addresses from the demo's pools;
  each case a fresh case number from the per-day counter of its new day;
* timeline entries, resolution details and messages have their case number,
  tracking tail, phones and dates rewritten to match; outbox messages get
  fresh idempotency keys;
* the pinyin search keys of the new parcels are filled afterwards.

SQLite only (the load uses SQLite's own date functions and PRAGMAs); the
normal PRAGMAs are restored when it is done. Only into an empty database.
"""

from __future__ import annotations

import random
import re
import sqlite3
import time as _time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from depot_app.domain.clock import local_date, to_local
from depot_app.domain.errors import ConfigurationError
from depot_app.domain.identifiers import Carrier
from depot_app.domain.kinds import ProblemKind
from depot_app.services import Services
from depot_app.services.demo import (
    _SENDER_PLACES,
    _SHOPS,
    DemoSummary,
    demo_tracking_number,
    generate_demo_data,
)
from depot_app.services.demo import _Planner as _NamePlanner
from depot_app.services.search_keys import parcel_keys

__all__ = ["TEMPLATE_CASES", "BulkStep", "generate_bulk_demo_data"]

#: Cases written through the services before the bulk copy.
TEMPLATE_CASES = 1000
#: How far back (days) a copy may be moved.
MAX_SHIFT_DAYS = 610
#: One copy in this many stays at the template's own dates (with its open cases).
UNSHIFTED_EVERY = 60

_TS = "%Y-%m-%d %H:%M:%S.%f"
_ISO_DAY = re.compile(r"(?<!\d)(20\d\d)-(\d\d)-(\d\d)(?!\d)")
_YMD = re.compile(r"(?<!\d)(20\d\d)(\d\d)(\d\d)(?=\d{4})")
_MONTH_DAY = re.compile(r"(\d{1,2})月(\d{1,2})日")
_MONTH_DAY_ESC = re.compile(r"(\d{1,2})\\u6708(\d{1,2})\\u65e5")
_SHOP_NAMES = frozenset(name for name, _area in _SHOPS)


@dataclass(frozen=True)
class BulkStep:
    """A progress report: which step, how many of how many."""

    step: str
    done: int
    total: int


#: SQL: a copied message that had been waiting was sent long ago, unless it belongs to a copy of a case
#: still open at the template's own dates (the recent desk): a depot's history holds sent messages, and
#: the sender and the outbox figures should not face millions of messages "due" years back.
_SENT = ("(x.state IN ('pending', 'sending') AND (m.shift > 0 OR EXISTS (SELECT 1 FROM problem_case sc "
         "WHERE sc.id = m.src_case AND NOT sc.is_open)))")


def _shift_text(text: str | None, days: int, year: int) -> str | None:
    """Dates written in ``text`` (2026-08-12, 20260812…, 8月13日) moved back by ``days``."""
    if text is None or days == 0:
        return text
    delta = timedelta(days=days)

    def moved(m: re.Match[str], fmt: str) -> str:
        try:
            return (date(int(m[1]), int(m[2]), int(m[3])) - delta).strftime(fmt)
        except ValueError:  # digits that only look like a date
            return m[0]

    def iso(m: re.Match[str]) -> str:
        return moved(m, "%Y-%m-%d")

    def ymd(m: re.Match[str]) -> str:
        return moved(m, "%Y%m%d")

    def month_day(fmt: str) -> Callable[[re.Match[str]], str]:
        def sub(m: re.Match[str]) -> str:
            try:
                day = date(year, int(m[1]), int(m[2])) - delta
            except ValueError:
                return m[0]
            return fmt.format(day.month, day.day)
        return sub

    text = _ISO_DAY.sub(iso, text)
    text = _YMD.sub(ymd, text)
    text = _MONTH_DAY.sub(month_day("{}月{}日"), text)
    return _MONTH_DAY_ESC.sub(month_day("{}\\u6708{}\\u65e5"), text)


def _e164_digits(phone: str) -> str:
    """The digits a phone keeps in its +86 form (area code without its 0)."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return digits.lstrip("0") if phone.startswith("0") else digits


def _d(column: str) -> str:
    """SQL: a stored timestamp column moved back by ``m.shift`` days (time of day kept exactly)."""
    return (f"CASE WHEN {column} IS NULL THEN NULL ELSE "
            f"date(substr({column}, 1, 10), '-' || m.shift || ' days') || substr({column}, 11) END")


def _t(column: str) -> str:
    """SQL: a text column with its dates moved (only when it holds something date-like)."""
    return (f"CASE WHEN m.shift = 0 OR {column} IS NULL OR {column} NOT GLOB '*[0-9][0-9]*' THEN {column} "
            f"ELSE bulk_shift_text({column}, m.shift, m.year) END")


def _swap(column: str) -> str:
    """SQL: the copied case's numbers and people in a text column."""
    return (f"replace(replace(replace(replace(replace(replace({column}, m.src_case_no, m.case_no), "
            f"m.src_tracking, m.tracking), m.src_rphone, m.rphone), m.src_sphone, m.sphone), "
            f"m.src_rname, m.rname), m.src_sname, m.sname)")


def generate_bulk_demo_data(services: Services, *, cases: int, seed: int = 7, template: int = TEMPLATE_CASES,
                            end: datetime | None = None,
                            progress: Callable[[BulkStep], None] | None = None) -> DemoSummary:
    """Fill an empty SQLite database with ``cases`` cases: a template through the services, then copies."""
    began = _time.perf_counter()
    if cases < 1:
        raise ValueError("cases must be positive")
    if not services.db.is_sqlite:
        raise ConfigurationError(
            "Bulk sample data is written on SQLite only; on PostgreSQL use fewer cases "
            "(they are written through the services).",
            "批量演示数据只能写入 SQLite；PostgreSQL 请减少案件数（逐件经业务服务写入）。")

    def report(step: str, done: int, total: int) -> None:
        if progress is not None:
            progress(BulkStep(step, done, total))

    n_template = min(cases, template)
    every = max(1, n_template // 10)
    summary = generate_demo_data(
        services, cases=n_template, seed=seed, end=end,
        progress=lambda done, total: report("template", done, total)
        if done % every == 0 or done == total else None)
    if cases == n_template:
        return summary
    tz: str = services.settings.get("timezone")
    raw = services.db.engine.raw_connection()
    try:
        con = raw.driver_connection
        assert isinstance(con, sqlite3.Connection)
        con.commit()
        saved_level = con.isolation_level
        con.isolation_level = None
        con.execute("PRAGMA foreign_keys=OFF")
        con.execute("PRAGMA synchronous=OFF")
        con.execute("PRAGMA cache_size=-400000")
        con.execute("PRAGMA temp_store=MEMORY")
        try:
            copied = _copy(con, cases - n_template, seed=seed, tz=tz, report=report)
        finally:
            con.execute("PRAGMA synchronous=FULL")
            con.execute("PRAGMA cache_size=-2000")
            con.execute("PRAGMA foreign_keys=ON")
            con.isolation_level = saved_level
    finally:
        raw.close()
    return DemoSummary(
        cases=summary.cases + copied.cases, open=summary.open + copied.open,
        closed=summary.closed + copied.closed, cancelled=summary.cancelled + copied.cancelled,
        compensated=summary.compensated + copied.compensated, operators=summary.operators,
        elapsed_seconds=round(_time.perf_counter() - began, 3))


def _copy(con: sqlite3.Connection, extra: int, *, seed: int, tz: str,
          report: Callable[[str, int, int], None]) -> DemoSummary:
    rng = random.Random(seed * 7919 + 17)
    names = _NamePlanner(rng, end=datetime(2000, 1, 1), tz=tz, policy=None,  # type: ignore[arg-type]
                         staff={"manager": [0], "clerk": [0], "courier": [0]})
    names.numbers = {row[0] for row in con.execute("SELECT tracking_no FROM parcel")}
    src = con.execute(
        "SELECT c.id, c.case_no, c.kind, c.status, c.is_open, c.reported_at, c.parcel_id, p.tracking_no, "
        "p.carrier, p.scope, p.sender_name, p.sender_phone, p.sender_address, p.recipient_name, "
        "p.recipient_phone, p.recipient_address, "
        "EXISTS(SELECT 1 FROM compensation k WHERE k.case_id = c.id AND k.paid_at IS NOT NULL) "
        "FROM problem_case c JOIN parcel p ON p.id = c.parcel_id ORDER BY c.id").fetchall()
    stride = {table: con.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
              for table in ("parcel", "problem_case", "contact_attempt", "resolution", "compensation",
                            "case_event", "outbox_message", "photo")}
    counters = dict(con.execute("SELECT key, value FROM day_counter").fetchall())
    closed = [row for row in src if not row[4]]
    shanghai = [p for p in _SENDER_PLACES if p[0].startswith("上海")]
    elsewhere = [p for p in _SENDER_PLACES if not p[0].startswith("上海")]

    con.execute("DROP TABLE IF EXISTS temp.bulk_map")
    con.execute(
        "CREATE TEMP TABLE bulk_map (case_id INTEGER PRIMARY KEY, src_case INTEGER, parcel_id INTEGER, "
        "src_parcel INTEGER, copy INTEGER, shift INTEGER, year INTEGER, case_no TEXT, src_case_no TEXT, "
        "tracking TEXT, src_tracking TEXT, sname TEXT, src_sname TEXT, sphone TEXT, src_sphone TEXT, "
        "saddress TEXT, rname TEXT, src_rname TEXT, rphone TEXT, src_rphone TEXT, raddress TEXT, "
        "last4 TEXT, src_last4 TEXT)")
    con.create_function("bulk_shift_text", 3, _shift_text, deterministic=True)
    rows: list[tuple[Any, ...]] = []
    counts = {"open": 0, "closed": 0, "cancelled": 0, "compensated": 0}
    copy = 0
    made = 0
    while made < extra:
        copy += 1
        shift = 0 if copy % UNSHIFTED_EVERY == 1 else rng.randint(1, MAX_SHIFT_DAYS)
        for (case_id, case_no, kind, status, is_open, reported, parcel_id, tracking, carrier, scope,
             sname, sphone, saddress, rname, rphone, _raddress, paid) in (src if shift == 0 else closed):
            if made >= extra:
                break
            made += 1
            reported_at = datetime.strptime(reported, _TS) - timedelta(days=shift)
            day = local_date(reported_at, tz)
            prefix = case_no.rsplit("-", 2)[0]
            key = f"{prefix}-{day:%y%m%d}"
            counters[key] = counters.get(key, 0) + 1
            width = 4 if counters[key] < 10_000 else 6
            new_case_no = f"{key}-{counters[key]:0{width}d}"
            country = tracking[-2:] if carrier == Carrier.UPU_INTL.value else "CN"
            new_tracking = demo_tracking_number(rng, Carrier(carrier), country, names.numbers)
            if sname in _SHOP_NAMES:
                new_sname, new_sphone, new_saddress = sname, sphone, saddress
            else:
                new_sname = names.name()
                new_sphone = names.mobile() if not sphone.startswith("0") else names.landline()
                if kind == ProblemKind.CUSTOMS_HELD.value:
                    new_saddress = saddress
                else:
                    area, _roads = rng.choice(shanghai if scope == "same_city" else elsewhere)
                    new_saddress = names.sender_address(area)
            new_rname = names.name()
            new_rphone = names.mobile() if not rphone.startswith("0") else names.landline()
            new_raddress = names.recipient_address(ProblemKind(kind))
            rows.append((case_id + copy * stride["problem_case"], case_id, parcel_id + copy * stride["parcel"],
                         parcel_id, copy, shift, to_local(datetime.strptime(reported, _TS), tz).year,
                         new_case_no, case_no,
                         new_tracking, tracking, new_sname, sname, new_sphone, sphone, new_saddress,
                         new_rname, rname, new_rphone, rphone, new_raddress, new_tracking[-4:], tracking[-4:]))
            counts["open" if is_open else "cancelled" if status == "cancelled" else "closed"] += 1
            counts["compensated"] += bool(paid)
    report("plan", made, extra)
    con.execute("BEGIN")
    try:
        con.executemany(f"INSERT INTO temp.bulk_map VALUES ({', '.join('?' * 23)})", rows)
        con.execute("CREATE INDEX temp.ix_bulk_map_src ON bulk_map (src_case)")
        con.execute("CREATE INDEX temp.ix_bulk_map_parcel ON bulk_map (parcel_id)")
        con.executemany("INSERT INTO day_counter (key, value) VALUES (?, ?) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value", list(counters.items()))
        # The copies' index entries are built once at the end, by sorting, rather than row by row.
        indexes = con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN "
            f"({', '.join('?' * len(_COPIED))})", _COPIED).fetchall()
        for name, _sql in indexes:
            con.execute(f'DROP INDEX "{name}"')
        _insert_rows(con, stride, report)
        for n, (_name, sql) in enumerate(indexes, start=1):
            con.execute(sql)
            report("indexes", n, len(indexes))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    _fill_keys(con, report)
    con.execute("DROP TABLE temp.bulk_map")
    return DemoSummary(cases=made, open=counts["open"], closed=counts["closed"], cancelled=counts["cancelled"],
                       compensated=counts["compensated"], operators=0, elapsed_seconds=0.0)


#: The tables the copy writes (besides the search keys, filled afterwards).
_COPIED = ("parcel", "problem_case", "contact_attempt", "resolution", "compensation", "case_event",
           "outbox_message", "photo")


def _insert_rows(con: sqlite3.Connection, stride: dict[str, int],
                 report: Callable[[str, int, int], None]) -> None:
    def e164(column: str) -> str:
        return (f"CASE WHEN {column} GLOB '0*' THEN ltrim(replace({column}, '-', ''), '0') "
                f"ELSE replace({column}, '-', '') END")

    steps = [
        ("parcel",
         "INSERT INTO parcel (id, tracking_no, carrier, scope, sender_name, sender_phone, sender_phone_last4, "
         "sender_address, recipient_name, recipient_phone, recipient_phone_last4, recipient_address, "
         "item_description, declared_value, insured_value, freight, cod_amount, weight_g, last_scan_at, "
         "last_scan_type, created_at, updated_at, version) "
         "SELECT m.parcel_id, m.tracking, p.carrier, p.scope, m.sname, m.sphone, substr(m.sphone, -4), "
         "m.saddress, m.rname, m.rphone, substr(m.rphone, -4), m.raddress, p.item_description, "
         "p.declared_value, p.insured_value, p.freight, p.cod_amount, p.weight_g, "
         f"{_d('p.last_scan_at')}, p.last_scan_type, {_d('p.created_at')}, {_d('p.updated_at')}, p.version "
         "FROM temp.bulk_map m JOIN parcel p ON p.id = m.src_parcel ORDER BY m.case_id"),
        ("problem_case",
         "INSERT INTO problem_case (id, case_no, parcel_id, carrier, kind, status, priority, report_channel, "
         "reporter_name, reporter_contact, description, assignee_id, created_by_id, reported_at, updated_at, "
         "due_at, first_response_due_at, first_contact_at, last_contact_at, last_contact_outcome, closed_at, "
         "final_outcome, satisfaction, close_note, is_open, version) "
         "SELECT m.case_id, m.case_no, m.parcel_id, c.carrier, c.kind, c.status, c.priority, c.report_channel, "
         "CASE c.reporter_name WHEN m.src_sname THEN m.sname WHEN m.src_rname THEN m.rname "
         "ELSE c.reporter_name END, "
         "CASE c.reporter_contact WHEN m.src_sphone THEN m.sphone WHEN m.src_rphone THEN m.rphone "
         "ELSE c.reporter_contact END, "
         f"c.description, c.assignee_id, c.created_by_id, {_d('c.reported_at')}, {_d('c.updated_at')}, "
         f"{_d('c.due_at')}, {_d('c.first_response_due_at')}, {_d('c.first_contact_at')}, "
         f"{_d('c.last_contact_at')}, c.last_contact_outcome, {_d('c.closed_at')}, c.final_outcome, "
         "c.satisfaction, c.close_note, c.is_open, c.version "
         "FROM temp.bulk_map m JOIN problem_case c ON c.id = m.src_case ORDER BY m.case_id"),
        ("contact_attempt",
         "INSERT INTO contact_attempt (id, case_id, party, channel, outcome, note, at, operator_id) "
         f"SELECT x.id + m.copy * {stride['contact_attempt']}, m.case_id, x.party, x.channel, x.outcome, "
         f"x.note, {_d('x.at')}, x.operator_id FROM temp.bulk_map m JOIN contact_attempt x ON x.case_id = m.src_case"),
        ("resolution",
         "INSERT INTO resolution (id, case_id, type, state, details, chosen_at, chosen_by_id, started_at, "
         f"completed_at) SELECT x.id + m.copy * {stride['resolution']}, m.case_id, x.type, x.state, "
         f"{_t(_swap('x.details'))}, {_d('x.chosen_at')}, x.chosen_by_id, {_d('x.started_at')}, "
         f"{_d('x.completed_at')} FROM temp.bulk_map m JOIN resolution x ON x.case_id = m.src_case"),
        ("compensation",
         "INSERT INTO compensation (id, resolution_id, case_id, suggested_amount, amount, basis, explanation, "
         "adjust_reason, approval_state, approver_id, approved_at, approval_comment, payment_method, "
         "payment_reference, payee_account, paid_at, paid_by_id) "
         f"SELECT x.id + m.copy * {stride['compensation']}, x.resolution_id + m.copy * {stride['resolution']}, "
         "m.case_id, x.suggested_amount, x.amount, x.basis, x.explanation, x.adjust_reason, x.approval_state, "
         f"x.approver_id, {_d('x.approved_at')}, x.approval_comment, x.payment_method, "
         f"{_t('x.payment_reference')}, x.payee_account, {_d('x.paid_at')}, x.paid_by_id "
         "FROM temp.bulk_map m JOIN compensation x ON x.case_id = m.src_case"),
        ("case_event",
         "INSERT INTO case_event (id, case_id, at, operator_id, action, field, before, after, detail) "
         f"SELECT x.id + m.copy * {stride['case_event']}, m.case_id, {_d('x.at')}, x.operator_id, x.action, "
         f"x.field, {_t(_swap('x.before'))}, {_t(_swap('x.after'))}, {_t(_swap('x.detail'))} "
         "FROM temp.bulk_map m JOIN case_event x ON x.case_id = m.src_case ORDER BY 1"),
        ("outbox_message",
         "INSERT INTO outbox_message (id, idempotency_key, case_id, event, channel, recipient, party, language, "
         "subject, body, params, state, tries, max_tries, send_now, created_at, created_by_id, next_attempt_at, "
         "claimed_until, last_attempt_at, last_outcome, last_error, sent_at, sent_by_id, provider_ref) "
         f"SELECT x.id + m.copy * {stride['outbox_message']}, lower(hex(randomblob(16))), m.case_id, x.event, "
         f"x.channel, replace(replace(x.recipient, {e164('m.src_rphone')}, {e164('m.rphone')}), "
         f"{e164('m.src_sphone')}, {e164('m.sphone')}), x.party, x.language, "
         f"{_t(_swap('x.subject'))}, "
         f"{_t(_swap(chr(10).join(['replace(x.body, m.src_last4, m.last4)'])))}, "
         f"{_t(_swap('replace(x.params, char(34) || m.src_last4 || char(34), char(34) || m.last4 || char(34))'))}, "
         f"CASE WHEN {_SENT} THEN 'sent' ELSE x.state END, CASE WHEN {_SENT} THEN max(x.tries, 1) ELSE x.tries "
         f"END, x.max_tries, x.send_now, {_d('x.created_at')}, x.created_by_id, {_d('x.next_attempt_at')}, "
         f"CASE WHEN {_SENT} THEN NULL ELSE {_d('x.claimed_until')} END, "
         f"CASE WHEN {_SENT} THEN {_d('x.next_attempt_at')} ELSE {_d('x.last_attempt_at')} END, "
         f"CASE WHEN {_SENT} THEN 'sent' ELSE x.last_outcome END, CASE WHEN {_SENT} THEN '' ELSE x.last_error END, "
         f"CASE WHEN {_SENT} THEN {_d('x.next_attempt_at')} ELSE {_d('x.sent_at')} END, "
         f"CASE WHEN {_SENT} AND x.channel = 'manual' THEN x.created_by_id ELSE x.sent_by_id END, x.provider_ref "
         "FROM temp.bulk_map m JOIN outbox_message x ON x.case_id = m.src_case"),
        ("photo",
         "INSERT INTO photo (id, case_id, sha256, slot, caption, original_name, media_type, size_bytes, width, "
         "height, rotation, added_at, added_by_id, deleted_at, deleted_by_id, delete_reason) "
         f"SELECT x.id + m.copy * {stride['photo']}, m.case_id, x.sha256, x.slot, x.caption, x.original_name, "
         f"x.media_type, x.size_bytes, x.width, x.height, x.rotation, {_d('x.added_at')}, x.added_by_id, "
         f"{_d('x.deleted_at')}, x.deleted_by_id, x.delete_reason "
         "FROM temp.bulk_map m JOIN photo x ON x.case_id = m.src_case"),
    ]
    for n, (table, sql) in enumerate(steps, start=1):
        con.execute(sql)
        report(table, n, len(steps))


_KEY_INDEX = "ix_parcel_search_key_key_parcel_id"


def _fill_keys(con: sqlite3.Connection, report: Callable[[str, int, int], None], batch: int = 50_000) -> None:
    """The pinyin keys of the copied parcels, with the key index built once at the end."""
    total = con.execute("SELECT count(*) FROM temp.bulk_map").fetchone()[0]
    con.execute("BEGIN")
    try:
        con.execute(f"DROP INDEX IF EXISTS {_KEY_INDEX}")
        done = 0
        last = 0
        while True:
            rows = con.execute(
                "SELECT m.parcel_id, m.sname, m.rname, m.saddress, m.raddress FROM temp.bulk_map m "
                "WHERE m.parcel_id > ? ORDER BY m.parcel_id LIMIT ?", (last, batch)).fetchall()
            if not rows:
                break
            con.executemany(
                "INSERT INTO parcel_search_key (parcel_id, key) VALUES (?, ?)",
                [(pid, key) for pid, sn, rn, sa, ra in rows
                 for key in sorted(parcel_keys(sender_name=sn, recipient_name=rn, sender_address=sa,
                                               recipient_address=ra))])
            last = rows[-1][0]
            done += len(rows)
            report("search keys", done, total)
        con.execute(f"CREATE INDEX {_KEY_INDEX} ON parcel_search_key (key, parcel_id)")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
