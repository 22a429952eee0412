"""Every permission rule, checked at the service level for every role.

Each action is tried by a courier, a clerk and a manager. Where the role
lacks the permission the call raises PermissionDeniedError naming exactly the
missing permission, and nothing was written (the case's timeline and the audit
trail are as before).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from depot_app.db.models import AuditEntry, CaseEvent, Operator
from depot_app.domain.dashboard import Period
from depot_app.domain.errors import NotFoundError, PermissionDeniedError
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.permissions import ROLE_PERMISSIONS, Permission, allowed, require
from depot_app.domain.vocabulary import (
    CaseStatus,
    ContactChannel,
    ContactOutcome,
    ContactParty,
    LossExtent,
    PhotoSlot,
    ResolutionType,
    Role,
)
from depot_app.services import Services
from depot_app.services.backup import BackupService
from depot_app.services.cases import ClaimInput
from tests.services.test_photos import jpeg

PARCEL = {"declared_value": "1000", "insured_value": "800", "freight": "25",
          "sender_phone": "13812345678", "recipient_phone": "13987654321"}


@dataclass
class World:
    """A depot with one operator of each role and cases to act on."""

    sv: Services
    ids: dict[Role, int]
    case_id: int
    pending_id: int
    deleted_photo_id: int
    live_photo_id: int
    tmp: Path


@pytest.fixture
def world(services: Services, tmp_path: Path) -> World:
    manager = services.operators.ensure_first().id
    clerk = services.operators.add(name="李客服", role=Role.CLERK, by=manager).id
    courier = services.operators.add(name="王快递", role=Role.COURIER, by=manager).id
    case = services.cases.register_case(tracking_no="SF1000000000001", kind=ProblemKind.DAMAGED, by=manager,
                                        parcel=PARCEL)
    pending = services.cases.register_case(tracking_no="SF1000000000002", kind=ProblemKind.LOST, by=manager,
                                           parcel=PARCEL)
    services.cases.choose_resolution(case_id=pending.id, expected_version=pending.version,
                                     type=ResolutionType.COMPENSATE, details={}, by=manager,
                                     claim=ClaimInput(loss=LossExtent.TOTAL))
    added = services.photos.add_photos(case_id=case.id, files=[("a.jpg", jpeg()), ("b.jpg", jpeg())],
                                       slot=PhotoSlot.EXTERIOR, by=manager)
    gone, live = added.added
    services.photos.delete(photo_id=gone.id, reason="拍错了", by=manager)
    return World(sv=services, ids={Role.COURIER: courier, Role.CLERK: clerk, Role.MANAGER: manager},
                 case_id=case.id, pending_id=pending.id, deleted_photo_id=gone.id, live_photo_id=live.id,
                 tmp=tmp_path)


def _version(w: World, case_id: int) -> int:
    return w.sv.cases.detail(case_id).version


def _import_file(w: World) -> Path:
    path = w.tmp / "list.csv"
    path.write_text("运单号,问题类型\nSF1000000000099,破损\n", encoding="utf-8")
    return path


#: (name, permission needed, the call)
ACTIONS: list[tuple[str, Permission, Callable[[World, int], Any]]] = [
    ("register case", Permission.REGISTER_CASE,
     lambda w, by: w.sv.cases.register_case(tracking_no="SF1000000000050", kind=ProblemKind.DELAYED, by=by)),
    ("add photos", Permission.ADD_PHOTOS,
     lambda w, by: w.sv.photos.add_photos(case_id=w.case_id, files=[("c.jpg", jpeg())],
                                          slot=PhotoSlot.CONTENTS, by=by)),
    ("caption a photo", Permission.ADD_PHOTOS,
     lambda w, by: w.sv.photos.set_caption(photo_id=w.live_photo_id, caption="外箱压痕", by=by)),
    ("log contact", Permission.LOG_CONTACT,
     lambda w, by: w.sv.cases.log_contact(case_id=w.case_id, party=ContactParty.RECIPIENT,
                                          channel=ContactChannel.PHONE, outcome=ContactOutcome.NO_ANSWER, by=by)),
    ("reveal phones", Permission.REVEAL_CONTACTS,
     lambda w, by: w.sv.cases.reveal_contacts(case_id=w.case_id, by=by)),
    ("edit facts", Permission.WORK_CASES,
     lambda w, by: w.sv.cases.update_parcel(case_id=w.case_id, expected_version=_version(w, w.case_id),
                                            changes={"recipient_name": "赵六"}, by=by)),
    ("change status", Permission.WORK_CASES,
     lambda w, by: w.sv.cases.set_status(case_id=w.case_id, expected_version=None,
                                         status=CaseStatus.VERIFYING, by=by)),
    ("choose resolution", Permission.WORK_CASES,
     lambda w, by: w.sv.cases.choose_resolution(case_id=w.case_id, expected_version=None,
                                                type=ResolutionType.COMPENSATE, details={}, by=by,
                                                claim=ClaimInput(loss=LossExtent.TOTAL))),
    ("cancel case", Permission.WORK_CASES,
     lambda w, by: w.sv.cases.cancel_case(case_id=w.case_id, reason="重复登记", by=by)),
    ("delete photo", Permission.WORK_CASES,
     lambda w, by: w.sv.photos.delete(photo_id=w.live_photo_id, reason="模糊", by=by)),
    ("export masked report", Permission.EXPORT_RECORDS,
     lambda w, by: w.sv.reports.case_report(case_id=w.case_id, out=w.tmp / "r.pdf", by=by)),
    ("export masked workbook", Permission.EXPORT_RECORDS,
     lambda w, by: w.sv.monthly.export_month(year=2026, month=11, out=w.tmp / "m.xlsx", by=by)),
    ("import a list", Permission.IMPORT_CASES,
     lambda w, by: w.sv.importer.import_file(path=_import_file(w), by=by)),
    ("approve compensation", Permission.APPROVE_COMPENSATION,
     lambda w, by: w.sv.cases.decide_approval(case_id=w.pending_id, approve=True, comment="同意", by=by)),
    ("export unmasked report", Permission.EXPORT_UNMASKED,
     lambda w, by: w.sv.reports.case_report(case_id=w.case_id, out=w.tmp / "u.pdf", by=by, unmasked=True)),
    ("export unmasked workbook", Permission.EXPORT_UNMASKED,
     lambda w, by: w.sv.monthly.export_month(year=2026, month=11, out=w.tmp / "u.xlsx", by=by, unmasked=True)),
    ("edit settings", Permission.EDIT_SETTINGS,
     lambda w, by: w.sv.settings.set(key="depot_name", value="上海张江网点", by=by)),
    ("edit policy", Permission.EDIT_SETTINGS,
     lambda w, by: w.sv.settings.set(key="idle_lock_minutes", value=3, by=by)),
    ("add operator", Permission.MANAGE_OPERATORS,
     lambda w, by: w.sv.operators.add(name="新同事", role=Role.CLERK, by=by, secret="2580")),
    ("change a role", Permission.MANAGE_OPERATORS,
     lambda w, by: w.sv.operators.set_role(operator_id=w.ids[Role.COURIER], role=Role.CLERK, by=by)),
    ("reset someone's PIN", Permission.MANAGE_OPERATORS,
     lambda w, by: w.sv.operators.set_secret(operator_id=w.ids[Role.MANAGER] if by != w.ids[Role.MANAGER]
                                             else w.ids[Role.CLERK], secret="9753", by=by)),
    ("deactivate an operator", Permission.MANAGE_OPERATORS,
     lambda w, by: w.sv.operators.set_active(operator_id=w.ids[Role.COURIER] if by != w.ids[Role.COURIER]
                                             else w.ids[Role.CLERK], active=False, by=by)),
    ("unlock an operator", Permission.MANAGE_OPERATORS,
     lambda w, by: w.sv.operators.unlock(operator_id=w.ids[Role.CLERK], by=by)),
    ("purge photo", Permission.PURGE_PHOTOS,
     lambda w, by: w.sv.photos.purge(photo_id=w.deleted_photo_id, by=by)),
    ("read the audit trail", Permission.VIEW_AUDIT,
     lambda w, by: w.sv.audit.entries(by=by)),
    ("make a backup", Permission.MAKE_BACKUPS, lambda w, by: _backup(w, by)),
    ("read the dashboard", Permission.VIEW_DASHBOARD,
     lambda w, by: w.sv.dashboard.figures(period=Period(date(2026, 11, 1), date(2026, 11, 30)), by=by)),
    ("record the parcel volume", Permission.EDIT_SETTINGS,
     lambda w, by: w.sv.volume.set_days(values={date(2026, 11, 2): 1800}, by=by)),
]


def _backup(w: World, by: int) -> Any:
    if not w.sv.db.is_sqlite:  # a server database is backed up with pg_dump, not by the desk
        pytest.skip("backups of PostgreSQL use pg_dump")
    return BackupService(w.sv.db, w.sv.clock, w.sv.photos.store).create(out_dir=w.tmp / "backups", by=by)


def _written(w: World) -> tuple[int, int]:
    with w.sv.db.read() as s:
        return (int(s.scalar(select(func.count(CaseEvent.id))) or 0),
                int(s.scalar(select(func.count(AuditEntry.id))) or 0))


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
@pytest.mark.parametrize(("name", "permission", "call"), ACTIONS, ids=[a[0] for a in ACTIONS])
def test_each_rule_is_enforced_by_the_service(world: World, role: Role, name: str, permission: Permission,
                                              call: Callable[[World, int], Any]) -> None:
    by = world.ids[role]
    if allowed(role, permission):
        call(world, by)
        return
    before = _written(world)
    with pytest.raises(PermissionDeniedError) as info:
        call(world, by)
    assert info.value.permission == permission.value
    assert permission.en in info.value.en and permission.zh in info.value.zh
    assert _written(world) == before, f"{name}: a refused call wrote something"


def test_the_role_table() -> None:
    assert ROLE_PERMISSIONS[Role.COURIER] == {Permission.REGISTER_CASE, Permission.ADD_PHOTOS,
                                              Permission.LOG_CONTACT, Permission.REVEAL_CONTACTS}
    assert ROLE_PERMISSIONS[Role.COURIER] < ROLE_PERMISSIONS[Role.CLERK] < ROLE_PERMISSIONS[Role.MANAGER]
    assert ROLE_PERMISSIONS[Role.MANAGER] == set(Permission)
    manager_only = ROLE_PERMISSIONS[Role.MANAGER] - ROLE_PERMISSIONS[Role.CLERK]
    assert manager_only == {Permission.APPROVE_COMPENSATION, Permission.EXPORT_UNMASKED,
                            Permission.EDIT_SETTINGS, Permission.MANAGE_OPERATORS, Permission.PURGE_PHOTOS,
                            Permission.VIEW_AUDIT, Permission.MAKE_BACKUPS,
                            Permission.VIEW_DASHBOARD}


def test_every_permission_is_exercised_here() -> None:
    covered = {permission for _name, permission, _call in ACTIONS}
    assert covered == set(Permission)


def test_the_message_names_the_person_role_and_permission() -> None:
    with pytest.raises(PermissionDeniedError) as info:
        require(Role.COURIER, Permission.WORK_CASES, who="王快递")
    assert info.value.en.startswith("王快递 (Courier) may not work on cases")
    assert "王快递（快递员）" in info.value.zh and "处理问题件" in info.value.zh


def test_a_deactivated_operator_can_do_nothing(world: World) -> None:
    clerk = world.ids[Role.CLERK]
    world.sv.operators.set_active(operator_id=clerk, active=False, by=world.ids[Role.MANAGER])
    with pytest.raises(NotFoundError):
        world.sv.cases.register_case(tracking_no="SF1000000000077", kind=ProblemKind.DAMAGED, by=clerk)


def test_roles_are_read_fresh_on_every_call(world: World) -> None:
    """A demotion takes effect at once, also for a session already open."""
    clerk = world.ids[Role.CLERK]
    world.sv.cases.set_status(case_id=world.case_id, expected_version=None, status=CaseStatus.VERIFYING,
                              by=clerk)
    world.sv.operators.set_role(operator_id=clerk, role=Role.COURIER, by=world.ids[Role.MANAGER])
    with pytest.raises(PermissionDeniedError):
        world.sv.cases.set_status(case_id=world.case_id, expected_version=None,
                                  status=CaseStatus.INVESTIGATING, by=clerk)
    with world.sv.db.read() as s:
        assert s.get(Operator, clerk).role == "courier"  # type: ignore[union-attr]


def test_a_case_a_courier_registers_waits_unassigned_for_a_clerk(world: World) -> None:
    by_courier = world.sv.cases.register_case(tracking_no="SF1000000000088", kind=ProblemKind.DAMAGED,
                                              by=world.ids[Role.COURIER])
    by_clerk = world.sv.cases.register_case(tracking_no="SF1000000000089", kind=ProblemKind.DAMAGED,
                                            by=world.ids[Role.CLERK])
    assert by_courier.assignee_id is None
    assert by_clerk.assignee_id == world.ids[Role.CLERK]
