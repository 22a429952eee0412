"""Turning database rows into the plain views of :mod:`services.views`."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from depot_app.db.models import Compensation, Operator, Parcel, ProblemCase, Resolution
from depot_app.domain.identifiers import mask_phone
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.resolutions import parse_details
from depot_app.domain.views import (
    CaseDetail,
    CompensationView,
    ContactView,
    EventView,
    OperatorView,
    ParcelView,
    PhotoView,
    ResolutionView,
)
from depot_app.domain.vocabulary import (
    CaseStatus,
    ContactChannel,
    ContactOutcome,
    ContactParty,
    FinalOutcome,
    PaymentMethod,
    Priority,
    ReportChannel,
    ResolutionState,
    ResolutionType,
    Role,
    ShipmentScope,
)


def operator_names(s: Session) -> dict[int, str]:
    """Every operator's name by id (a depot has a handful)."""
    return {row[0]: row[1] for row in s.execute(select(Operator.id, Operator.name))}


def operator_view(op: Operator) -> OperatorView:
    return OperatorView(id=op.id, name=op.name, role=Role(op.role), active=op.active,
                        has_secret=bool(op.secret_hash), locked_until=op.locked_until,
                        last_sign_in_at=op.last_sign_in_at)


def parcel_view(p: Parcel, *, masked: bool = True) -> ParcelView:
    return ParcelView(
        id=p.id, tracking_no=p.tracking_no, carrier=p.carrier, scope=ShipmentScope(p.scope),
        sender_name=p.sender_name, sender_address=p.sender_address,
        sender_phone=mask_phone(p.sender_phone) if masked else p.sender_phone,
        recipient_name=p.recipient_name, recipient_address=p.recipient_address,
        recipient_phone=mask_phone(p.recipient_phone) if masked else p.recipient_phone,
        item_description=p.item_description, declared_value=p.declared_value,
        insured_value=p.insured_value, freight=p.freight, cod_amount=p.cod_amount,
        weight_g=p.weight_g, last_scan_at=p.last_scan_at, phones_masked=masked, version=p.version)


def compensation_view(c: Compensation, names: dict[int, str]) -> CompensationView:
    return CompensationView(
        id=c.id, suggested_amount=c.suggested_amount, amount=c.amount, basis=c.basis,
        explanation=c.explanation, adjust_reason=c.adjust_reason, approval_state=c.approval_state,
        approver=names.get(c.approver_id) if c.approver_id else None, approved_at=c.approved_at,
        approval_comment=c.approval_comment,
        payment_method=PaymentMethod(c.payment_method) if c.payment_method else None,
        payment_reference=c.payment_reference, payee_account=c.payee_account, paid_at=c.paid_at,
        paid_by=names.get(c.paid_by_id) if c.paid_by_id else None)


def resolution_view(r: Resolution, names: dict[int, str]) -> ResolutionView:
    rtype = ResolutionType(r.type)
    try:
        parsed = parse_details(rtype, r.details)
        zh, en = parsed.summary("zh_CN"), parsed.summary("en")
    except Exception:  # noqa: BLE001 - a record written by an older version still shows
        zh = en = f"{rtype.value}: {r.details}"
    return ResolutionView(
        id=r.id, type=rtype, state=ResolutionState(r.state), details=dict(r.details),
        summary_zh=zh, summary_en=en, chosen_at=r.chosen_at, chosen_by=names.get(r.chosen_by_id, "?"),
        started_at=r.started_at, completed_at=r.completed_at,
        compensation=compensation_view(r.compensation, names) if r.compensation else None)


def case_detail(case: ProblemCase, names: dict[int, str], *, masked: bool = True) -> CaseDetail:
    """The full view of a loaded case."""
    return CaseDetail(
        id=case.id, case_no=case.case_no, kind=ProblemKind(case.kind), status=CaseStatus(case.status),
        priority=Priority(case.priority), report_channel=ReportChannel(case.report_channel),
        reporter_name=case.reporter_name, reporter_contact=case.reporter_contact,
        description=case.description, assignee_id=case.assignee_id,
        assignee=names.get(case.assignee_id) if case.assignee_id else None,
        created_by=names.get(case.created_by_id, "?"), reported_at=case.reported_at,
        updated_at=case.updated_at, due_at=case.due_at, first_response_due_at=case.first_response_due_at,
        first_contact_at=case.first_contact_at, closed_at=case.closed_at,
        final_outcome=FinalOutcome(case.final_outcome) if case.final_outcome else None,
        satisfaction=case.satisfaction, close_note=case.close_note, version=case.version,
        parcel=parcel_view(case.parcel, masked=masked),
        contacts=[ContactView(id=c.id, party=ContactParty(c.party), channel=ContactChannel(c.channel),
                              outcome=ContactOutcome(c.outcome), note=c.note, at=c.at,
                              operator=names.get(c.operator_id, "?")) for c in case.contacts],
        resolutions=[resolution_view(r, names) for r in case.resolutions],
        events=[EventView(id=e.id, at=e.at, operator=names.get(e.operator_id, "?"), action=e.action,
                          field=e.field, before=e.before, after=e.after, detail=e.detail)
                for e in case.events],
        photos=[PhotoView(id=p.id, sha256=p.sha256, slot=p.slot, caption=p.caption,
                          original_name=p.original_name, added_at=p.added_at,
                          added_by=names.get(p.added_by_id, "?"), rotation=p.rotation,
                          deleted=p.deleted_at is not None) for p in case.photos],
    )
