"""Plain read-only data: the case as the services read it, handed to the UI and the exporters.

Nothing here is attached to a database session, so the UI can keep these as
long as it likes and never triggers a query by touching an attribute.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from depot_app.domain.kinds import ProblemKind
from depot_app.domain.permissions import Permission, allowed
from depot_app.domain.scans import ScanView
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


@dataclass(frozen=True)
class OperatorView:
    """An operator as shown in pickers and on records."""

    id: int
    name: str
    role: Role
    active: bool
    #: Whether a PIN or password is set (an operator without one cannot sign in).
    has_secret: bool = False
    locked_until: datetime | None = None
    last_sign_in_at: datetime | None = None

    def can(self, permission: Permission) -> bool:
        """Whether this operator's role holds ``permission`` (to enable buttons;
        the services check again)."""
        return allowed(self.role, permission)


@dataclass(frozen=True)
class QueueRow:
    """One line of the case queue."""

    id: int
    case_no: str
    tracking_no: str
    carrier: str
    kind: ProblemKind
    status: CaseStatus
    priority: Priority
    assignee: str
    reported_at: datetime
    due_at: datetime
    last_contact_at: datetime | None
    last_contact_outcome: ContactOutcome | None
    recipient_name: str
    version: int
    last_scan_at: datetime | None = None
    last_scan_type: str | None = None  # a ``domain.scans.ScanType`` code


@dataclass(frozen=True)
class ParcelView:
    """Parcel facts; phones are masked unless revealed through the service."""

    id: int
    tracking_no: str
    carrier: str
    scope: ShipmentScope
    sender_name: str
    sender_phone: str
    sender_address: str
    recipient_name: str
    recipient_phone: str
    recipient_address: str
    item_description: str
    declared_value: Decimal | None
    insured_value: Decimal | None
    freight: Decimal | None
    cod_amount: Decimal | None
    weight_g: int | None
    last_scan_at: datetime | None
    phones_masked: bool
    version: int = 0  # moves with every saved change (live updates compare it)


@dataclass(frozen=True)
class ContactView:
    """One logged contact attempt."""

    id: int
    party: ContactParty
    channel: ContactChannel
    outcome: ContactOutcome
    note: str
    at: datetime
    operator: str


@dataclass(frozen=True)
class CompensationView:
    """Money for a compensate resolution."""

    id: int
    suggested_amount: Decimal
    amount: Decimal
    basis: str
    explanation: str
    adjust_reason: str
    approval_state: str
    approver: str | None
    approved_at: datetime | None
    approval_comment: str
    payment_method: PaymentMethod | None
    payment_reference: str
    payee_account: str
    paid_at: datetime | None
    paid_by: str | None


@dataclass(frozen=True)
class ResolutionView:
    """A chosen resolution with its facts."""

    id: int
    type: ResolutionType
    state: ResolutionState
    details: dict[str, Any]
    summary_zh: str
    summary_en: str
    chosen_at: datetime
    chosen_by: str
    started_at: datetime | None
    completed_at: datetime | None
    compensation: CompensationView | None


@dataclass(frozen=True)
class EventView:
    """One timeline entry."""

    id: int
    at: datetime
    operator: str
    action: str
    field: str | None
    before: str | None
    after: str | None
    detail: str


@dataclass(frozen=True)
class PhotoView:
    """Photo metadata (the file itself is in the photo store)."""

    id: int
    sha256: str
    slot: str
    caption: str
    original_name: str
    added_at: datetime
    added_by: str
    rotation: int
    deleted: bool


@dataclass(frozen=True)
class CaseDetail:
    """Everything about one case, for the workspace and the reports."""

    id: int
    case_no: str
    kind: ProblemKind
    status: CaseStatus
    priority: Priority
    report_channel: ReportChannel
    reporter_name: str
    reporter_contact: str
    description: str
    assignee_id: int | None
    assignee: str | None
    created_by: str
    reported_at: datetime
    updated_at: datetime
    due_at: datetime
    first_response_due_at: datetime | None
    first_contact_at: datetime | None
    closed_at: datetime | None
    final_outcome: FinalOutcome | None
    satisfaction: int | None
    close_note: str
    version: int
    parcel: ParcelView
    contacts: list[ContactView] = field(default_factory=list)
    resolutions: list[ResolutionView] = field(default_factory=list)
    events: list[EventView] = field(default_factory=list)
    photos: list[PhotoView] = field(default_factory=list)
    suggest_sender: bool = False
    #: The parcel's carrier scans, newest first (filled for the case report).
    scans: list[ScanView] = field(default_factory=list)

    @property
    def current_resolution(self) -> ResolutionView | None:
        """The live resolution (the latest not superseded or rejected)."""
        for res in reversed(self.resolutions):
            if res.state not in (ResolutionState.SUPERSEDED, ResolutionState.REJECTED):
                return res
        return None

    @property
    def is_open(self) -> bool:
        return self.status.is_open


@dataclass(frozen=True)
class QueueCounts:
    """Figures for the status bar."""

    open: int
    overdue: int
    due_soon: int
    awaiting_approval: int
