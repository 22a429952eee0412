"""The address check and the depot's delivery area (the ``delivery_area`` setting).

The area is changed by a manager, by hand or from a list (CSV/xlsx, one place
a row, whole or nothing); both go through :class:`SettingsService`, so every
change is in the audit trail. The check reads a case's recipient address
against the area; the bulk check does so for every open case.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select

from depot_app.db.engine import Database
from depot_app.db.models import DepotSetting, Parcel, ProblemCase
from depot_app.domain.clock import Clock
from depot_app.domain.delivery_area import (
    AddressCheck,
    AddressVerdict,
    DeliveryArea,
    area_from_rows,
    area_rows,
    check_address,
    split_excluded,
)
from depot_app.domain.divisions import divisions
from depot_app.domain.errors import NotFoundError
from depot_app.domain.permissions import Permission
from depot_app.services.audit import record_global
from depot_app.services.authz import authorize
from depot_app.services.importer import read_list_file
from depot_app.services.search_keys import place_readings
from depot_app.services.settings import SettingsService, read_setting, validate_setting


@dataclass(frozen=True)
class CaseAddressCheck:
    """One case of the bulk check: its number, the recipient address and the verdict."""

    case_id: int
    case_no: str
    tracking_no: str
    recipient_name: str
    check: AddressCheck


class AddressService:
    """Checks addresses and keeps the delivery area."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        self.settings = SettingsService(db, clock)

    def area(self) -> DeliveryArea:
        """The depot's delivery area as stored (empty until a manager sets it up)."""
        with self.db.read() as s:
            return DeliveryArea.from_setting(read_setting(s, "delivery_area"))

    def check(self, text: str, *, recipient_side: bool = True) -> AddressCheck:
        """The verdict on one address against the depot's area."""
        return check_address(text, self.area(), recipient_side=recipient_side)

    def check_case(self, case_id: int) -> AddressCheck:
        """The verdict on a case's recipient address."""
        with self.db.read() as s:
            address = s.scalar(select(Parcel.recipient_address).join(ProblemCase, ProblemCase.parcel_id == Parcel.id)
                               .where(ProblemCase.id == case_id))
            if address is None:
                raise NotFoundError(f"Case #{case_id} does not exist.", f"问题件 #{case_id} 不存在。")
            area = DeliveryArea.from_setting(read_setting(s, "delivery_area"))
        return check_address(address, area)

    def check_cases(self, *, open_only: bool = True, problems_only: bool = True,
                    limit: int | None = None) -> list[CaseAddressCheck]:
        """The bulk check: every (open) case's recipient address, newest first; each distinct address read once."""
        with self.db.read() as s:
            area = DeliveryArea.from_setting(read_setting(s, "delivery_area"))
            stmt = (select(ProblemCase.id, ProblemCase.case_no, Parcel.tracking_no, Parcel.recipient_name,
                           Parcel.recipient_address)
                    .join(Parcel, Parcel.id == ProblemCase.parcel_id)
                    .order_by(ProblemCase.reported_at.desc(), ProblemCase.id.desc()))
            if open_only:
                stmt = stmt.where(ProblemCase.is_open.is_(True))
            rows = s.execute(stmt).all()
        seen: dict[str, AddressCheck] = {}
        out: list[CaseAddressCheck] = []
        for case_id, case_no, tracking_no, name, address in rows:
            verdict = seen.get(address)
            if verdict is None:
                verdict = seen[address] = check_address(address or "", area)
            if problems_only and verdict.verdict is AddressVerdict.OK:
                continue
            out.append(CaseAddressCheck(case_id, case_no, tracking_no, name or "", verdict))
            if limit is not None and len(out) >= limit:
                break
        return out

    def set_area(self, *, area: DeliveryArea, by: int | None) -> None:
        """Store the area (a manager's change; ``by=None`` is the command line)."""
        self.settings.set(key="delivery_area", value=area.to_setting(), by=by)

    def export_area(self, *, path: str | Path, area: DeliveryArea | None = None) -> Path:
        """Write ``area`` (the stored one by default) as a list the import reads back (.csv or .xlsx)."""
        from depot_app.export.area_list import write_area_list  # openpyxl loads with the first list

        return write_area_list(path, area_list_rows(self.area() if area is None else area))

    def import_area(self, *, path: str | Path, by: int | None) -> DeliveryArea:
        """Replace the area by the list in ``path``: every row readable, or nothing changes.

        The new area and its two audit entries (the setting's change and the
        import with the file's name) are written in one transaction.
        """
        path = Path(path)
        area = area_from_rows(area_rows(read_list_file(path)))
        value = validate_setting("delivery_area", area.to_setting())
        now = self.clock.now()
        with self.db.write() as s:
            if by is not None:
                authorize(s, by, Permission.EDIT_SETTINGS)
            row = s.get(DepotSetting, "delivery_area")
            before = read_setting(s, "delivery_area")
            if row is None:
                s.add(DepotSetting(key="delivery_area", value=value, updated_at=now, updated_by_id=by))
            else:
                row.value = value
                row.updated_at = now
                row.updated_by_id = by
            record_global(s, at=now, operator_id=by, action="setting_changed", field="delivery_area",
                          before=before, after=value)
            record_global(s, at=now, operator_id=by, action="import", field="delivery_area",
                          detail=f"{path.name}: {len(area.districts)} districts, {len(area.streets)} streets, "
                                 f"{len(area.excluded)} excluded")
        return area


@dataclass(frozen=True)
class DivisionMatch:
    """A district or street/town found by name or pinyin, for the area editor."""

    code: str
    name: str
    full_name: str
    level: int  # 3 district, 4 street/town


@lru_cache(maxsize=1)
def _division_index() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(code, name, pinyin keys) of every district and street/town, built once (a few seconds)."""
    data = divisions()
    out: list[tuple[str, str, tuple[str, ...]]] = []
    for division in data.by_code.values():
        if division.level not in (3, 4) or division.placeholder:
            continue
        keys: list[str] = []
        for reading in place_readings(division.name):
            syllables = [s for s in reading if s]
            keys += ["".join(syllables), "".join(s[0] for s in syllables)]
        out.append((division.code, division.name, tuple(keys)))
    return tuple(out)


def find_divisions(query: str, *, limit: int = 200) -> list[DivisionMatch]:
    """Districts first, then streets/towns, whose name holds ``query`` or whose pinyin starts with it.

    ``浦东``, ``pudong`` and ``pd`` all find 浦东新区; at most ``limit`` matches.
    """
    text = query.strip()
    if not text:
        return []
    key = text.lower().replace(" ", "")
    latin = key.isascii() and key.isalpha()
    data = divisions()
    found: list[DivisionMatch] = []
    for code, name, keys in _division_index():
        if (text in name) if not latin else any(k.startswith(key) for k in keys):
            division = data.by_code[code]
            found.append(DivisionMatch(code, name, data.full_name(code), division.level))
    found.sort(key=lambda m: (m.level, m.code))
    return found[:limit]


def area_list_rows(area: DeliveryArea) -> list[list[str]]:
    """The area as the list the import reads: a header, every served place by full name, then the excluded
    (with the district an excluded place lies in, when it is excluded only there)."""
    data = divisions()
    rows = [["地区", "排除", "所属区县"]]
    rows += [[data.full_name(code), "", ""] for code in sorted(area.districts)]
    rows += [[data.full_name(code), "", ""] for code in sorted(area.streets)]
    for entry in area.excluded:
        code, name = split_excluded(entry)
        rows.append([name, "排除", data.full_name(code) if code else ""])
    return rows
