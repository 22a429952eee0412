"""Operators' PINs, sign-in, lock-out and the append-only audit trail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError

from depot_app.db.models import AuditEntry, CaseEvent, Operator
from depot_app.domain.credentials import check_strength, hash_secret, verify_secret
from depot_app.domain.errors import (
    AccountLockedError,
    AppendOnlyError,
    PermissionDeniedError,
    PolicyError,
    SignInError,
    ValidationError,
)
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.vocabulary import Role
from depot_app.services import Services
from depot_app.services.audit_trail import AuditFilter
from tests.conftest import START


def actions(sv: Services, by: int) -> list[str]:
    return [row.action for row in reversed(sv.audit.entries(by=by))]


@pytest.fixture
def desk(services: Services) -> tuple[Services, int, int]:
    boss = services.operators.create_first_manager(name="张经理", secret="7391")
    clerk = services.operators.add(name="李客服", role=Role.CLERK, by=boss.id, secret="2580")
    return services, boss.id, clerk.id


# ------------------------------------------------------------------ secrets


@pytest.mark.parametrize("weak", ["", "123", "1111", "1234", "4321", "0123456789", " 2580", "aaaaaa", "x" * 65])
def test_weak_or_malformed_pins_are_refused(weak: str) -> None:
    with pytest.raises(ValidationError) as info:
        check_strength(weak)
    assert info.value.field == "secret"


def test_only_a_salted_slow_hash_is_stored(desk: tuple[Services, int, int]) -> None:
    sv, boss, _clerk = desk
    sv.operators.add(name="王快递", role=Role.COURIER, by=boss, secret="7391")  # same PIN as the manager
    with sv.db.read() as s:
        hashes = {op.name: op.secret_hash for op in s.scalars(select(Operator))}
    assert all(h and h.startswith("scrypt$16384$8$1$") for h in hashes.values())
    assert "7391" not in "".join(hashes.values())  # type: ignore[arg-type]
    assert hashes["张经理"] != hashes["王快递"]  # different salts
    assert verify_secret("7391", hashes["王快递"]) and not verify_secret("7392", hashes["王快递"])


def test_unreadable_hashes_never_verify() -> None:
    assert not verify_secret("2580", None)
    assert not verify_secret("2580", "plain:2580")
    assert not verify_secret("2580", hash_secret("2580").replace("scrypt", "md5"))


# ------------------------------------------------------------------ first start


def test_the_first_manager_is_created_once(services: Services) -> None:
    assert services.operators.is_empty()
    boss = services.operators.create_first_manager(name=" 张  经理 ", secret="7391")
    assert (boss.name, boss.role, boss.has_secret) == ("张 经理", Role.MANAGER, True)
    with pytest.raises(PolicyError):
        services.operators.create_first_manager(name="冒充者", secret="9999x")
    assert [op.name for op in services.operators.list()] == ["张 经理"]


def test_a_database_without_pins_lets_a_manager_choose_the_first(services: Services) -> None:
    boss = services.operators.ensure_first()  # as demo-data or an older version left it
    clerk = services.operators.add(name="李客服", role=Role.CLERK, by=boss.id)
    assert services.operators.needs_first_secret()
    with pytest.raises(PermissionDeniedError):
        services.operators.set_initial_secret(operator_id=clerk.id, secret="2580")
    with pytest.raises(SignInError):
        services.operators.sign_in(operator_id=boss.id, secret="")
    services.operators.set_initial_secret(operator_id=boss.id, secret="7391")
    assert not services.operators.needs_first_secret()
    with pytest.raises(PermissionDeniedError):  # once one PIN exists, only a manager sets others
        services.operators.set_initial_secret(operator_id=boss.id, secret="0000x")
    assert services.operators.sign_in(operator_id=boss.id, secret="7391").id == boss.id
    with pytest.raises(SignInError, match="no PIN yet"):
        services.operators.sign_in(operator_id=clerk.id, secret="2580")


# ------------------------------------------------------------------ sign-in


def test_sign_in_is_recorded(desk: tuple[Services, int, int]) -> None:
    sv, boss, clerk = desk
    view = sv.operators.sign_in(operator_id=clerk, secret="2580", workstation="柜台1")
    assert view.last_sign_in_at == START
    sv.operators.sign_out(operator_id=clerk, reason="idle", workstation="柜台1")
    trail = sv.audit.entries(by=boss, filter=AuditFilter(operator_id=clerk))
    assert [(r.action, r.field, r.detail) for r in reversed(trail)] == [
        ("signed_in", None, "李客服 · 柜台1"), ("signed_out", "idle", "李客服 · 柜台1")]


def test_wrong_pins_lock_the_operator_out_on_every_workstation(desk: tuple[Services, int, int],
                                                               clock) -> None:
    sv, boss, clerk = desk
    sv.settings.set_many(values={"sign_in_attempts": 3, "sign_in_lockout_minutes": 10}, by=boss)
    lefts = []
    for _ in range(2):
        with pytest.raises(SignInError) as info:
            sv.operators.sign_in(operator_id=clerk, secret="0000x")
        assert not isinstance(info.value, AccountLockedError)
        lefts.append(info.value.attempts_left)
    assert lefts == [2, 1]
    with pytest.raises(AccountLockedError) as locked:
        sv.operators.sign_in(operator_id=clerk, secret="0000x")
    assert locked.value.until == START + timedelta(minutes=10)
    # The right PIN does not help while locked, from this or another desk.
    other_desk = Services.open(sv.db.url, clock=clock, migrate=False)
    try:
        with pytest.raises(AccountLockedError, match="10 min"):
            other_desk.operators.sign_in(operator_id=clerk, secret="2580")
    finally:
        other_desk.close()
    clock.advance(minutes=10, seconds=1)
    assert sv.operators.sign_in(operator_id=clerk, secret="2580").locked_until is None
    assert actions(sv, boss)[-6:] == ["sign_in_failed", "sign_in_failed", "sign_in_failed", "sign_in_locked",
                                      "sign_in_refused", "signed_in"]


def test_a_manager_unlocks_at_once(desk: tuple[Services, int, int]) -> None:
    sv, boss, clerk = desk
    for _ in range(5):
        with pytest.raises(SignInError):
            sv.operators.sign_in(operator_id=clerk, secret="9999x")
    assert sv.operators.get(clerk).locked_until is not None  # type: ignore[union-attr]
    with pytest.raises(PermissionDeniedError):
        sv.operators.unlock(operator_id=clerk, by=clerk)
    sv.operators.unlock(operator_id=clerk, by=boss)
    assert sv.operators.sign_in(operator_id=clerk, secret="2580").id == clerk
    assert "operator_unlocked" in actions(sv, boss)


def test_a_success_resets_the_count(desk: tuple[Services, int, int]) -> None:
    sv, _boss, clerk = desk
    for _ in range(3):
        for _ in range(4):
            with pytest.raises(SignInError) as info:
                sv.operators.sign_in(operator_id=clerk, secret="9999x")
            assert not isinstance(info.value, AccountLockedError)
        sv.operators.sign_in(operator_id=clerk, secret="2580")


def test_inactive_operators_cannot_sign_in(desk: tuple[Services, int, int]) -> None:
    sv, boss, clerk = desk
    sv.operators.set_active(operator_id=clerk, active=False, by=boss)
    with pytest.raises(SignInError, match="no longer active"):
        sv.operators.sign_in(operator_id=clerk, secret="2580")


def test_changing_ones_own_pin_needs_the_current_one(desk: tuple[Services, int, int]) -> None:
    sv, boss, clerk = desk
    with pytest.raises(SignInError):
        sv.operators.set_secret(operator_id=clerk, secret="8642", by=clerk, current="1357x")
    sv.operators.set_secret(operator_id=clerk, secret="8642", by=clerk, current="2580")
    sv.operators.sign_in(operator_id=clerk, secret="8642")
    # A manager resets a forgotten PIN without knowing it.
    sv.operators.set_secret(operator_id=clerk, secret="9753", by=boss)
    sv.operators.sign_in(operator_id=clerk, secret="9753")
    assert {"secret_changed", "secret_reset"} <= set(actions(sv, boss))


def test_the_last_manager_stays_a_manager(desk: tuple[Services, int, int]) -> None:
    sv, boss, clerk = desk
    with pytest.raises(PolicyError):
        sv.operators.set_role(operator_id=boss, role=Role.CLERK, by=boss)
    with pytest.raises(PolicyError):
        sv.operators.set_active(operator_id=boss, active=False, by=boss)
    sv.operators.set_role(operator_id=clerk, role=Role.MANAGER, by=boss)
    sv.operators.set_active(operator_id=boss, active=False, by=clerk)
    assert [op.name for op in sv.operators.list()] == ["李客服"]


# ------------------------------------------------------------------ audit trail


def test_the_audit_trail_filters_by_operator_action_date_and_text(desk: tuple[Services, int, int],
                                                                  clock) -> None:
    sv, boss, clerk = desk
    sv.operators.sign_in(operator_id=clerk, secret="2580")
    clock.advance(days=1)
    case = sv.cases.register_case(tracking_no="SF1000000000001", kind=ProblemKind.DAMAGED, by=clerk,
                                  parcel={"recipient_phone": "13987654321"})
    sv.cases.reveal_contacts(case_id=case.id, by=clerk)
    sv.settings.set(key="depot_name", value="上海张江网点", by=boss)
    everything = sv.audit.entries(by=boss)
    assert everything[0].action == "setting_changed" and everything[0].operator == "张经理"
    revealed = sv.audit.entries(by=boss, filter=AuditFilter(action="contacts_revealed"))
    assert [(r.operator, r.case_no) for r in revealed] == [("李客服", case.case_no)]
    day_two = AuditFilter(date_from=START + timedelta(days=1))
    assert {r.action for r in sv.audit.entries(by=boss, filter=day_two)} == {"contacts_revealed",
                                                                            "setting_changed"}
    assert sv.audit.count(by=boss, filter=AuditFilter(text="张江")) == 1
    assert sv.audit.count(by=boss, filter=AuditFilter(text="%")) == 0  # wildcards are literal
    assert sv.audit.count(by=boss, filter=AuditFilter(operator_id=clerk)) == 2
    assert {"signed_in", "operator_added", "contacts_revealed", "setting_changed"} <= set(
        sv.audit.actions(by=boss))
    page = sv.audit.entries(by=boss, offset=1, limit=2)
    assert [r.id for r in page] == [r.id for r in everything[1:3]]
    sv.audit.record_export(by=boss, file_name="audit-trail-20261121.csv", count=len(everything))
    (exported,) = sv.audit.entries(by=boss, filter=AuditFilter(action="export"))
    assert (exported.field, exported.after, exported.operator) == ("audit_trail", "audit-trail-20261121.csv", "张经理")


@pytest.mark.parametrize("model", [AuditEntry, CaseEvent])
def test_the_orm_refuses_to_change_or_delete_records(desk: tuple[Services, int, int], model: type) -> None:
    sv, boss, _clerk = desk
    sv.cases.register_case(tracking_no="SF1000000000001", kind=ProblemKind.DAMAGED, by=boss)
    with pytest.raises(AppendOnlyError):
        with sv.db.write() as s:
            row = s.scalars(select(model)).first()
            row.detail = "rewritten"
    with pytest.raises(AppendOnlyError):
        with sv.db.write() as s:
            s.delete(s.scalars(select(model)).first())
    with pytest.raises(AppendOnlyError):
        with sv.db.write() as s:
            s.execute(update(model).values(detail="rewritten"))
    with pytest.raises(AppendOnlyError):
        with sv.db.write() as s:
            s.execute(delete(model))
    with sv.db.read() as s:
        assert all(r.detail != "rewritten" for r in s.scalars(select(model)))


def test_the_database_refuses_to_change_the_audit_trail(desk: tuple[Services, int, int]) -> None:
    """Even plain SQL past the ORM (a script with the database password) is refused."""
    sv, _boss, _clerk = desk
    for sql in ("UPDATE audit_entry SET detail = 'x'", "DELETE FROM audit_entry"):
        with pytest.raises(DBAPIError, match="append-only"):
            with sv.db.engine.begin() as conn:
                conn.execute(text(sql))
    if not sv.db.is_sqlite:
        with pytest.raises(DBAPIError, match="append-only"):
            with sv.db.engine.begin() as conn:
                conn.execute(text("TRUNCATE audit_entry CASCADE"))
    with sv.db.read() as s:
        assert s.scalar(select(AuditEntry).where(AuditEntry.detail == "x")) is None


def test_only_managers_read_the_trail(desk: tuple[Services, int, int]) -> None:
    sv, _boss, clerk = desk
    for call in (lambda: sv.audit.entries(by=clerk), lambda: sv.audit.count(by=clerk),
                 lambda: sv.audit.actions(by=clerk)):
        with pytest.raises(PermissionDeniedError) as info:
            call()
        assert info.value.permission == "view_audit"
