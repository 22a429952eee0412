"""What a parcel's scans suggest about its case.

* signed while the case says lost or delayed (not received) → possibly a false sign-for (虚假签收);
* no scan for the policy's treat-as-lost days (per shipment scope) → may be treated as lost (彻底延误);
* signed or returned → suggest closing with that outcome;
* a scan after a lost parcel was reported → the parcel has been found.

:func:`scan_hints` is the rule for one case; ``services.scan_hints`` asks the
same of the database for the queue's view and its count, from the parcel's
newest scan (``last_scan_at``, ``last_scan_type``).
"""

from __future__ import annotations

from datetime import datetime

from depot_app.domain.deadlines import treat_as_lost
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.policy import Policy
from depot_app.domain.scans import ScanType
from depot_app.domain.vocabulary import FinalOutcome, Labelled, ShipmentScope, register_labels

#: Kinds that say the recipient has not got the parcel.
NOT_RECEIVED_KINDS = frozenset({ProblemKind.LOST, ProblemKind.DELAYED})


class ScanHint(Labelled):
    """A hint the scans give on an open case."""

    FALSE_SIGN_FOR = "false_sign_for"
    MAY_TREAT_AS_LOST = "may_treat_as_lost"
    CLOSE_SIGNED = "close_signed"
    CLOSE_RETURNED = "close_returned"
    FOUND = "found"

    @property
    def outcome(self) -> FinalOutcome | None:
        """The outcome to close with, for the closing suggestions."""
        return {ScanHint.CLOSE_SIGNED: FinalOutcome.SIGNED,
                ScanHint.CLOSE_RETURNED: FinalOutcome.RETURNED}.get(self)

    def explanation(self, language: str = "zh_CN") -> str:
        """One sentence for the case's Tracking tab."""
        zh, en = _EXPLANATIONS[self]
        return zh if language.startswith("zh") else en


register_labels(ScanHint, {
    ScanHint.FALSE_SIGN_FOR: ("疑似虚假签收", "Possible false sign-for"),
    ScanHint.MAY_TREAT_AS_LOST: ("可按彻底延误处理", "May be treated as lost"),
    ScanHint.CLOSE_SIGNED: ("已签收，建议结案", "Signed for: close the case"),
    ScanHint.CLOSE_RETURNED: ("已退回，建议结案", "Returned: close the case"),
    ScanHint.FOUND: ("快件已找到", "Parcel found"),
})

_EXPLANATIONS: dict[ScanHint, tuple[str, str]] = {
    ScanHint.FALSE_SIGN_FOR: ("轨迹显示已签收，但问题件登记为未收到：请核实签收人与签收时间，排查虚假签收。",
                              "The scans say signed for, but the case says the parcel was not received: "
                              "check who signed and when (possible false sign-for)."),
    ScanHint.MAY_TREAT_AS_LOST: ("超过政策规定天数没有新的扫描：可按彻底延误（视为遗失）处理并赔偿。",
                                 "No scan for longer than the policy's limit: the parcel may be treated as "
                                 "lost and compensated."),
    ScanHint.CLOSE_SIGNED: ("轨迹显示已签收：确认后可按“已签收”结案。",
                            "The scans say signed for: once confirmed, close the case as signed."),
    ScanHint.CLOSE_RETURNED: ("轨迹显示已退回寄件人：确认后可按“已退回”结案。",
                              "The scans say returned to sender: once confirmed, close the case as returned."),
    ScanHint.FOUND: ("登记遗失后又有新的扫描：快件已找到，请联系收件人安排派送。",
                     "A scan after the parcel was reported lost: it has been found; arrange delivery."),
}


def scan_hints(*, kind: ProblemKind, is_open: bool, reported_at: datetime, last_scan_at: datetime | None,
               last_scan_type: ScanType | None, scope: ShipmentScope, now: datetime,
               policy: Policy) -> list[ScanHint]:
    """The hints the newest scan gives on a case (none on a closed case or without scans)."""
    if not is_open or last_scan_at is None or last_scan_type is None:
        return []
    hints: list[ScanHint] = []
    if last_scan_type is ScanType.SIGNED and kind in NOT_RECEIVED_KINDS:
        hints.append(ScanHint.FALSE_SIGN_FOR)
    elif last_scan_type is ScanType.SIGNED and kind is not ProblemKind.FALSE_SIGN_FOR:
        hints.append(ScanHint.CLOSE_SIGNED)
    elif last_scan_type is ScanType.RETURNED:
        hints.append(ScanHint.CLOSE_RETURNED)
    if last_scan_type.ends_journey:
        return hints
    if kind is ProblemKind.LOST and last_scan_at > reported_at:
        hints.append(ScanHint.FOUND)
    elif treat_as_lost(last_scan_at, now, scope, policy):
        hints.append(ScanHint.MAY_TREAT_AS_LOST)
    return hints
