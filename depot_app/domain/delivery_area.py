"""The depot's delivery area and the address check: unclear, out of area, or fine.

The area is depot data (the ``delivery_area`` setting): the districts served
whole, single streets/towns served in other districts, and villages or
compounds excluded by name. :func:`check_address` gives the verdict a screen,
the command line and the bulk check show, with the fitting next steps.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from depot_app.domain.addresses import ParsedAddress, normalize, parse_address
from depot_app.domain.divisions import divisions
from depot_app.domain.errors import ValidationError
from depot_app.domain.vocabulary import ContactParty, ResolutionType

_WORDS: dict[str, tuple[str, str]] = {
    "ok": ("地址清楚", "Address is clear"),
    "unclear": ("地址不详", "Address unclear"),
    "out_of_area": ("超区", "Out of area"),
    "no_place": ("无法识别省市区", "No province, city or district recognised"),
    "no_district": ("缺少区县", "District missing"),
    "no_house_number": ("缺少门牌号", "House number missing"),
    "ambiguous": ("区县名在多地重名，请补充城市", "District name exists in several cities: add the city"),
    "outside": ("不在本网点派送范围", "Outside this depot's delivery area"),
    "excluded": ("属于不派送的村/小区", "In a village or compound this depot does not serve"),
}


class _Worded(StrEnum):
    def label(self, language: str = "zh_CN") -> str:
        zh, en = _WORDS[self.value]
        return zh if language.startswith("zh") else en


class AddressVerdict(_Worded):
    """The outcome of the address check."""

    OK = "ok"
    UNCLEAR = "unclear"
    OUT_OF_AREA = "out_of_area"


class AddressProblem(_Worded):
    """One reason behind a verdict."""

    NO_PLACE = "no_place"
    NO_DISTRICT = "no_district"
    NO_HOUSE_NUMBER = "no_house_number"
    AMBIGUOUS = "ambiguous"
    OUTSIDE = "outside"
    EXCLUDED = "excluded"


#: What the desk can offer for a parcel it does not deliver (超区件).
OUT_OF_AREA_RESOLUTIONS = (ResolutionType.TRANSFER, ResolutionType.SELF_PICKUP, ResolutionType.RETURN)


@dataclass(frozen=True)
class DeliveryArea:
    """Codes of the districts and streets served, and excluded place names (村, 小区).

    An excluded entry is a name (``三林世博家园``: excluded wherever it is
    written) or a district code and a name (``310115:三林世博家园``: only in
    that district), see :func:`excluded_entry`.
    """

    districts: frozenset[str] = frozenset()
    streets: frozenset[str] = frozenset()
    excluded: tuple[str, ...] = ()

    @property
    def configured(self) -> bool:
        """An empty area means "not set up yet": nothing is out of it."""
        return bool(self.districts or self.streets)

    def problem(self, parsed: ParsedAddress) -> AddressProblem | None:
        """Why ``parsed`` is outside the area, or None if it is inside (or the area is not set up)."""
        if not self.configured:
            return None
        place = normalize(parsed.text)
        for entry in self.excluded:
            code, name = split_excluded(entry)
            if name and name in place and (not code or code == parsed.district_code):
                return AddressProblem.EXCLUDED
        if parsed.street_code and parsed.street_code in self.streets:
            return None
        if parsed.district_code and parsed.district_code in self.districts:
            return None
        if parsed.city_without_districts and parsed.city_code:
            placeholder = parsed.city_code + "00"
            if placeholder in self.districts and not parsed.street_code:
                return None
        if not parsed.district_code and not parsed.city_without_districts:
            return None  # cannot tell: that is "address unclear", not out of area
        return AddressProblem.OUTSIDE

    def to_setting(self) -> dict[str, Any]:
        return {"districts": sorted(self.districts), "streets": sorted(self.streets),
                "excluded": list(self.excluded)}

    @classmethod
    def from_setting(cls, value: Any) -> DeliveryArea:
        """The area from its stored form, checking every code against the dataset."""
        value = value if isinstance(value, dict) else {}
        data = divisions()
        districts = [str(c) for c in value.get("districts", [])]
        streets = [str(c) for c in value.get("streets", [])]
        for code, level in [*((c, 3) for c in districts), *((c, 4) for c in streets)]:
            division = data.get(code)
            if division is None or division.level != level:
                raise ValidationError(f"“{code}” is not a {'district' if level == 3 else 'street or town'} code.",
                                      f"“{code}”不是{'区县' if level == 3 else '街道/乡镇'}代码。",
                                      field="delivery_area")
        excluded = tuple(dict.fromkeys(str(x).strip() for x in value.get("excluded", []) if str(x).strip()))
        for entry in excluded:
            code, name = split_excluded(entry)
            division = data.get(code) if code else None
            if code and (division is None or division.level != 3):
                raise ValidationError(f"“{code}” is not a district code (excluded place “{name}”).",
                                      f"“{code}”不是区县代码（不派送的地点“{name}”）。", field="delivery_area")
            if not name:
                raise ValidationError("An excluded place needs a name (a village or compound).",
                                      "不派送的地点需要填写名称（村或小区）。", field="delivery_area")
        return cls(frozenset(districts), frozenset(streets), excluded)

    def names(self) -> list[tuple[str, str]]:
        """(code, full name) of what is served, districts first, for screens."""
        data = divisions()
        return [(code, data.full_name(code)) for code in sorted(self.districts)] + \
               [(code, data.full_name(code)) for code in sorted(self.streets)]


def excluded_entry(name: str, district_code: str = "") -> str:
    """The stored form of an excluded place: ``名称`` or ``区县代码:名称``."""
    name = name.strip()
    return f"{district_code}:{name}" if district_code else name


def split_excluded(entry: str) -> tuple[str, str]:
    """(district code or "", name) of a stored excluded entry."""
    code, sep, name = entry.partition(":")
    if sep and code.isdigit() and len(code) == 6:
        return code, name.strip()
    return "", entry.strip()


@dataclass(frozen=True)
class AddressCheck:
    """The verdict on one address with what to do about it."""

    parsed: ParsedAddress
    verdict: AddressVerdict
    problems: tuple[AddressProblem, ...]
    #: For an out-of-area parcel: the resolutions that fit, in the usual order.
    resolutions: tuple[ResolutionType, ...] = ()
    #: For an unclear address: whom to call first.
    contact: ContactParty | None = None

    def summary(self, language: str = "zh_CN") -> str:
        """“超区：不在本网点派送范围” — the verdict and its reasons in one line."""
        if self.verdict is AddressVerdict.OK:
            return self.verdict.label(language)
        sep = "：" if language.startswith("zh") else ": "
        joiner = "；" if language.startswith("zh") else "; "
        return self.verdict.label(language) + sep + joiner.join(p.label(language) for p in self.problems)

    def to_json(self) -> dict[str, Any]:
        p = self.parsed
        return {"address": p.text, "parts": p.parts(),
                "codes": {"province": p.province_code, "city": p.city_code, "district": p.district_code,
                          "street": p.street_code},
                "renamed": p.renamed, "ambiguous": p.ambiguous, "verdict": self.verdict.value,
                "problems": [x.value for x in self.problems],
                "resolutions": [r.value for r in self.resolutions],
                "contact": self.contact.value if self.contact else None}


def check_address(text: str | ParsedAddress, area: DeliveryArea | None = None, *,
                  recipient_side: bool = True) -> AddressCheck:
    """The verdict on an address: unclear (cannot be delivered as written), out of area, or fine.

    ``recipient_side`` says the address is where the parcel goes; an unclear
    one suggests calling the recipient (the sender when it is the sender's).
    """
    parsed = text if isinstance(text, ParsedAddress) else parse_address(text)
    unclear: list[AddressProblem] = []
    if not parsed.province_code:
        unclear.append(AddressProblem.NO_PLACE)
    elif not parsed.has_district:
        unclear.append(AddressProblem.NO_DISTRICT)
    if parsed.ambiguous and not parsed.province_code:
        unclear.append(AddressProblem.AMBIGUOUS)
    if not parsed.has_house_number:
        unclear.append(AddressProblem.NO_HOUSE_NUMBER)
    outside = (area or DeliveryArea()).problem(parsed)
    if outside is not None:
        return AddressCheck(parsed, AddressVerdict.OUT_OF_AREA, (outside,), resolutions=OUT_OF_AREA_RESOLUTIONS)
    if unclear:
        contact = ContactParty.RECIPIENT if recipient_side else ContactParty.SENDER
        return AddressCheck(parsed, AddressVerdict.UNCLEAR, tuple(unclear), contact=contact)
    return AddressCheck(parsed, AddressVerdict.OK, ())


@dataclass(frozen=True)
class AreaRow:
    """One row of an imported area list: a place and whether it is served or excluded."""

    line: int
    place: str
    exclude: bool = False
    #: For an excluded place: the district it lies in, as written ("" = wherever the name is written).
    district: str = ""


_EXCLUDE_WORDS = {"exclude", "excluded", "排除", "不派送", "否", "no"}


def area_rows(rows: Iterable[Sequence[Any]]) -> list[AreaRow]:
    """Rows of a list: the place, optionally "排除"/"exclude", and for an excluded place its district."""
    out: list[AreaRow] = []
    for number, row in enumerate(rows, start=1):
        cells = [str(c).strip() if c is not None else "" for c in row]
        if not cells or not cells[0] or cells[0].startswith("#"):
            continue
        if number == 1 and cells[0].lower() in {"place", "area", "地区", "派送范围", "地址"}:
            continue  # a header row
        flag = cells[1].lower() if len(cells) > 1 else ""
        district = cells[2] if len(cells) > 2 else ""
        out.append(AreaRow(number, cells[0], flag in _EXCLUDE_WORDS, district))
    return out


def area_from_rows(rows: Sequence[AreaRow]) -> DeliveryArea:
    """The area a list describes: each served place must name a district or street; whole or nothing.

    An excluded row is kept as written (a village or compound name); a served
    row is read by the address parser and must resolve to one district or one
    street/town. All bad rows are named in one error.
    """
    districts: set[str] = set()
    streets: set[str] = set()
    excluded: list[str] = []
    bad: list[int] = []
    for row in rows:
        if row.exclude:
            if not row.district:
                excluded.append(row.place)
                continue
            where = parse_address(row.district)
            if where.rest or where.ambiguous or not where.district_code:
                bad.append(row.line)
            else:
                excluded.append(excluded_entry(row.place, where.district_code))
            continue
        parsed = parse_address(row.place)
        if parsed.rest or parsed.ambiguous or not (parsed.street_code or parsed.district_code
                                                   or parsed.city_without_districts):
            bad.append(row.line)
        elif parsed.street_code:
            streets.add(parsed.street_code)
        elif parsed.district_code:
            districts.add(parsed.district_code)
        else:
            districts.add(parsed.city_code + "00")
    if bad:
        lines = ", ".join(str(n) for n in bad[:20]) + (" …" if len(bad) > 20 else "")
        raise ValidationError(
            f"Rows {lines}: not a district or street/town that can be told apart (write e.g. "
            "上海市浦东新区 or 上海市浦东新区张江镇; an excluded place's district as 上海市浦东新区). "
            "Nothing was changed.",
            f"第 {lines} 行不是可识别的区县或街道/乡镇"
            "（例如写作“上海市浦东新区”或“上海市浦东新区张江镇”；不派送地点所属区县写作“上海市浦东新区”）。"
            "未做任何更改。",
            field="delivery_area")
    if not districts and not streets:
        raise ValidationError("The list names no district or street to serve. Nothing was changed.",
                              "清单中没有要派送的区县或街道。未做任何更改。", field="delivery_area")
    return DeliveryArea(frozenset(districts), frozenset(streets), tuple(dict.fromkeys(excluded)))

