"""Case numbers (问题件登记号): unique across workstations, readable over the
phone, sortable by date.

Form: ``DEPOT-YYMMDD-NNNN``, e.g. ``SH01-261122-0007``. The depot code keeps
numbers from different depots apart; the date in the depot's local time makes
them sort by day; the sequence comes from a per-day counter row the database
increments atomically, so two workstations never draw the same number. Digits
are read out in groups of four or fewer, as people do with phone numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from depot_app.domain.errors import ValidationError

_DEPOT_CODE = re.compile(r"^[A-Z0-9]{2,8}$")
_CASE_NO = re.compile(r"^([A-Z0-9]{2,8})-(\d{2})(\d{2})(\d{2})-(\d{4,6})$")


def normalize_depot_code(raw: str) -> str:
    """Upper-case and check a depot code (2 to 8 letters or digits)."""
    code = (raw or "").strip().upper()
    if not _DEPOT_CODE.match(code):
        raise ValidationError(
            f"Depot code “{raw}” must be 2 to 8 letters or digits, e.g. SH01.",
            f"网点代码“{raw}”应为 2 到 8 位字母或数字，例如 SH01。", field="depot_code")
    return code


def day_key(day: date) -> str:
    """The counter key of one local day: ``YYMMDD``."""
    return day.strftime("%y%m%d")


def format_case_no(depot_code: str, day: date, sequence: int) -> str:
    """Build the case number for the ``sequence``-th case of ``day``."""
    if sequence < 1:
        raise ValueError("sequence starts at 1")
    width = 4 if sequence < 10_000 else 6
    return f"{normalize_depot_code(depot_code)}-{day_key(day)}-{sequence:0{width}d}"


@dataclass(frozen=True, slots=True)
class CaseNumber:
    """A parsed case number."""

    depot_code: str
    day: date
    sequence: int


def parse_case_no(text: str) -> CaseNumber | None:
    """Parse a case number as typed by a clerk (case and spaces forgiven).

    Groups may be separated by a dash, an underscore or just spaces, as a
    number read out over the phone is typed ("sh01 261122 0007").
    """
    cleaned = re.sub(r"\s*[-_]\s*|\s+", "-", (text or "").strip()).upper()
    match = _CASE_NO.match(cleaned)
    if not match:
        return None
    code, yy, mm, dd, seq = match.groups()
    try:
        day = date(2000 + int(yy), int(mm), int(dd))
    except ValueError:
        return None
    return CaseNumber(code, day, int(seq))
