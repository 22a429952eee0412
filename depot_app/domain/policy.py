"""The depot's policy: compensation rules and deadline targets.

Every figure here is a per-depot default that a manager may change in the
settings; nothing in the rules is hard-wired. The policy is a frozen value
object so a calculation can never see it change half-way.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from decimal import Decimal
from typing import Any

from depot_app.domain.kinds import ProblemKind
from depot_app.domain.vocabulary import Priority, ShipmentScope


def _default_resolution_hours() -> dict[ProblemKind, int]:
    # Complaints and evidence-sensitive kinds get shorter targets; paperwork
    # kinds (money terms, customs) longer ones.
    hours = dict.fromkeys(ProblemKind, 72)
    hours.update({
        ProblemKind.SERVICE_COMPLAINT: 48,
        ProblemKind.FALSE_SIGN_FOR: 48,
        ProblemKind.HELD_AT_HUB: 24,
        ProblemKind.UNREACHABLE: 48,
        ProblemKind.RECIPIENT_INFO: 48,
        ProblemKind.REFUSED: 48,
        ProblemKind.DELAYED: 48,
        ProblemKind.LOST: 168,
        ProblemKind.CUSTOMS_HELD: 168,
        ProblemKind.SHORT_CONTENTS: 120,
    })
    return hours


def _default_priority_factors() -> dict[Priority, Decimal]:
    return {
        Priority.LOW: Decimal("1.5"),
        Priority.NORMAL: Decimal("1"),
        Priority.HIGH: Decimal("0.5"),
        Priority.URGENT: Decimal("0.25"),
    }


def _default_lost_after_days() -> dict[ShipmentScope, int]:
    # GB/T 27917 "彻底延误" limits: same city 3 days, domestic 7 days;
    # international set at 15 calendar days as a depot default.
    return {
        ShipmentScope.SAME_CITY: 3,
        ShipmentScope.DOMESTIC: 7,
        ShipmentScope.INTERNATIONAL: 15,
    }


@dataclass(frozen=True)
class Policy:
    """Compensation rules and deadline targets of one depot."""

    # --- compensation -----------------------------------------------------
    #: Uninsured loss is capped at this multiple of the freight charged.
    uninsured_freight_multiple: Decimal = Decimal("3")
    #: Delay compensation waives the freight (surcharges are not waived).
    delay_waives_freight: bool = True
    #: Amounts strictly above this need a manager's approval.
    approval_threshold: Decimal = Decimal("200.00")
    #: Force majeure also exempts insured items (the postal rule says it does not).
    force_majeure_exempts_insured: bool = False

    # --- deadlines --------------------------------------------------------
    #: First response to a complaint is due this many hours after the report.
    complaint_first_response_hours: int = 24
    #: Resolution due per kind, in hours, before the priority factor.
    resolution_hours: dict[ProblemKind, int] = field(default_factory=_default_resolution_hours)
    #: Multiplies the kind's hours: urgent cases are due sooner.
    priority_factors: dict[Priority, Decimal] = field(default_factory=_default_priority_factors)
    #: A case is "due soon" when less than this share of its time is left ...
    due_soon_fraction: Decimal = Decimal("0.25")
    #: ... or when fewer than this many hours are left, whichever comes first.
    due_soon_hours: int = 4
    #: Calendar days without a scan after which a parcel counts as lost.
    lost_after_days: dict[ShipmentScope, int] = field(default_factory=_default_lost_after_days)

    def with_changes(self, **changes: Any) -> Policy:
        """A copy with some values changed (the policy itself never changes)."""
        return replace(self, **changes)

    # --- persistence as plain JSON-able data ------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Plain data (strings and numbers) for storing in the settings table."""
        out: dict[str, Any] = {}
        for key, value in asdict(self).items():
            out[key] = _plain(value)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Policy:
        """Rebuild from :meth:`to_dict` output; unknown keys are ignored and
        missing ones keep their defaults, so an older stored policy still loads."""
        default = cls()
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in data:
                continue
            current = getattr(default, f.name)
            raw = data[f.name]
            if isinstance(current, bool):
                values[f.name] = bool(raw)
            elif isinstance(current, Decimal):
                values[f.name] = Decimal(str(raw))
            elif isinstance(current, int):
                values[f.name] = int(raw)
            elif isinstance(current, dict):
                key_type = type(next(iter(current)))
                value_type = type(next(iter(current.values())))
                merged = dict(current)
                for k, v in raw.items():
                    try:
                        merged[key_type(k)] = value_type(str(v)) if value_type is Decimal else value_type(v)
                    except ValueError:
                        continue  # a kind or scope this version no longer knows
                values[f.name] = merged
        return cls(**values)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value
