"""The life of a case: which status may follow which, and why not otherwise.

The services call :func:`check_transition` before every status change, so a
screen that offers a button the rules no longer allow gets a clear refusal
instead of a corrupted case.
"""

from __future__ import annotations

from depot_app.domain.errors import IllegalTransitionError
from depot_app.domain.vocabulary import CaseStatus

S = CaseStatus

#: Allowed next statuses. Reopening (closed/cancelled → investigating) is
#: listed here too but needs a reason, which :func:`check_transition` enforces.
TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    S.REGISTERED: frozenset({S.VERIFYING, S.INVESTIGATING, S.AWAITING_CUSTOMER,
                             S.RESOLUTION_CHOSEN, S.AWAITING_APPROVAL, S.CANCELLED}),
    S.VERIFYING: frozenset({S.INVESTIGATING, S.AWAITING_CUSTOMER, S.RESOLUTION_CHOSEN,
                            S.AWAITING_APPROVAL, S.CANCELLED}),
    S.INVESTIGATING: frozenset({S.VERIFYING, S.AWAITING_CUSTOMER, S.RESOLUTION_CHOSEN,
                                S.AWAITING_APPROVAL, S.CANCELLED}),
    S.AWAITING_CUSTOMER: frozenset({S.VERIFYING, S.INVESTIGATING, S.RESOLUTION_CHOSEN,
                                    S.AWAITING_APPROVAL, S.CANCELLED}),
    # A chosen resolution can still be replaced (back to awaiting the customer,
    # or straight to another resolution) before work on it starts.
    S.RESOLUTION_CHOSEN: frozenset({S.IN_PROGRESS, S.AWAITING_CUSTOMER, S.INVESTIGATING,
                                    S.RESOLUTION_CHOSEN, S.AWAITING_APPROVAL, S.CANCELLED}),
    # Approval leads to the chosen resolution; rejection back to investigating.
    S.AWAITING_APPROVAL: frozenset({S.RESOLUTION_CHOSEN, S.INVESTIGATING, S.CANCELLED}),
    # Work under way ends in closing, or fails and needs a new decision.
    S.IN_PROGRESS: frozenset({S.CLOSED, S.AWAITING_CUSTOMER, S.RESOLUTION_CHOSEN,
                              S.AWAITING_APPROVAL}),
    S.CLOSED: frozenset({S.INVESTIGATING}),
    S.CANCELLED: frozenset({S.INVESTIGATING}),
}

#: Statuses from which a case may be closed directly (e.g. the parcel was
#: simply signed for after a call) besides through a resolution in progress.
CLOSABLE: frozenset[CaseStatus] = frozenset({
    S.IN_PROGRESS, S.RESOLUTION_CHOSEN, S.AWAITING_CUSTOMER, S.INVESTIGATING,
    S.VERIFYING, S.REGISTERED,
})

TRANSITIONS = {
    status: targets | ({S.CLOSED} if status in CLOSABLE else frozenset())
    for status, targets in TRANSITIONS.items()
}


def allowed_from(status: CaseStatus) -> frozenset[CaseStatus]:
    """Every status a case in ``status`` may move to."""
    return TRANSITIONS[status]


def _names(statuses: frozenset[CaseStatus], language: str) -> str:
    ordered = [s for s in CaseStatus if s in statuses]
    sep = "、" if language.startswith("zh") else ", "
    return sep.join(s.label(language) for s in ordered)


def check_transition(current: CaseStatus, target: CaseStatus, *, reason: str | None = None) -> None:
    """Raise :class:`IllegalTransitionError` unless ``current → target`` is allowed.

    Reopening a closed or cancelled case needs a non-empty ``reason``.
    """
    allowed = TRANSITIONS[current]
    if target not in allowed:
        raise IllegalTransitionError(
            f"A case that is {current.en.lower()} cannot become {target.en.lower()}. "
            f"From here it can become: {_names(allowed, 'en')}.",
            f"“{current.zh}”的问题件不能转为“{target.zh}”。当前可转为：{_names(allowed, 'zh_CN')}。",
        )
    if not current.is_open and not (reason and reason.strip()):
        raise IllegalTransitionError(
            "Reopening a case needs a reason: say why it is being reopened.",
            "重新打开问题件必须填写原因。",
        )
