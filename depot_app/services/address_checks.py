"""The address check asked for the queue: which open cases are "address unclear" or "out of area".

The verdict is the address parser's (pure Python), so it cannot be a SQL
condition; the open cases' recipient addresses are read once and checked
in memory, each distinct address parsed once per process and its verdict
kept per (address, area), so a queue view or a count after the first costs
one small query, and a changed area only re-checks the kept parses (see
``benchmarks/bench_address_views.py``).
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from depot_app.db.models import Parcel, ProblemCase
from depot_app.domain.addresses import ParsedAddress, parse_address
from depot_app.domain.delivery_area import AddressVerdict, DeliveryArea, check_address
from depot_app.services.settings import read_setting

#: The verdicts a queue view lists (a clear address needs no view).
FLAGGED = (AddressVerdict.UNCLEAR, AddressVerdict.OUT_OF_AREA)


@lru_cache(maxsize=200_000)
def _parsed(address: str) -> ParsedAddress:
    return parse_address(address)


@lru_cache(maxsize=200_000)
def _verdict(address: str, area: DeliveryArea) -> AddressVerdict:
    # The parse (the costly part) is kept apart from the area: a new area checks the kept parses.
    return check_address(_parsed(address), area).verdict


def open_case_verdicts(s: Session) -> dict[int, AddressVerdict]:
    """Each open case's id → the verdict on its recipient address against the stored area."""
    area = DeliveryArea.from_setting(read_setting(s, "delivery_area"))
    rows = s.execute(select(ProblemCase.id, Parcel.recipient_address)
                     .join(Parcel, Parcel.id == ProblemCase.parcel_id)
                     .where(ProblemCase.is_open.is_(True))).all()
    return {case_id: _verdict(address or "", area) for case_id, address in rows}


def flagged_case_ids(s: Session, verdict: AddressVerdict) -> list[int]:
    """The open cases whose address check gives ``verdict``."""
    return sorted(case_id for case_id, v in open_case_verdicts(s).items() if v is verdict)


def verdict_counts(s: Session) -> dict[AddressVerdict, int]:
    """How many open cases each flagged verdict has."""
    counts = dict.fromkeys(FLAGGED, 0)
    for v in open_case_verdicts(s).values():
        if v in counts:
            counts[v] += 1
    return counts
