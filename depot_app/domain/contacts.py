"""Contact attempts and the rule that says whom to call next."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from depot_app.domain.vocabulary import ContactChannel, ContactOutcome, ContactParty

#: Failed attempts on the recipient after which the sender should be contacted.
FAILED_RECIPIENT_ATTEMPTS_BEFORE_SENDER = 2


@dataclass(frozen=True, slots=True)
class Attempt:
    """One logged attempt to reach somebody about a case."""

    party: ContactParty
    channel: ContactChannel
    outcome: ContactOutcome
    at: datetime
    note: str = ""


def failed_recipient_streak(attempts: Iterable[Attempt]) -> int:
    """Failed attempts on the recipient since the recipient was last reached."""
    streak = 0
    for attempt in sorted(attempts, key=lambda a: a.at):
        if attempt.party is ContactParty.RECIPIENT:
            streak = 0 if attempt.outcome is ContactOutcome.REACHED else streak + 1
    return streak


def suggest_sender(attempts: Iterable[Attempt]) -> bool:
    """True when the recipient has failed twice in a row and the sender has not
    been contacted since: the usual practice is to ask the sender what to do."""
    ordered = sorted(attempts, key=lambda a: a.at)
    if failed_recipient_streak(ordered) < FAILED_RECIPIENT_ATTEMPTS_BEFORE_SENDER:
        return False
    last_recipient = max(a.at for a in ordered if a.party is ContactParty.RECIPIENT)
    return not any(a.party is ContactParty.SENDER and a.at >= last_recipient for a in ordered)
