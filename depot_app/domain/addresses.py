"""Reading a free-text Chinese address into province / city / district / street / rest.

The parser matches the names of :mod:`depot_app.domain.divisions` from the
start of the address, level by level, and keeps the reading that explains
the most: full names (浙江省杭州市西湖区), short names (浙江杭州西湖), the one-
character abbreviations (沪, 京, 粤 — only when a city or district follows),
``内蒙``, a missing province or city (朝阳区… is looked up across the country;
a name found in several places is marked ``ambiguous``), municipalities
(北京市朝阳区, also written 北京市北京市朝阳区), county-level cities straight
under a province (河南省济源市), cities without districts (东莞市长安镇) and
former names (崇文区 → 东城区, 襄樊 → 襄阳, ``resources/divisions/former_names.csv``).

PyPI's ``cpca`` does this with pandas and a 2018 code table; this reads the
2023 codes with the standard library only, so the desk does not carry pandas.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from depot_app.domain.divisions import Division, Divisions, divisions

#: One-character abbreviations (简称) of the provincial-level divisions.
ABBREVIATIONS: dict[str, str] = {
    "京": "11", "津": "12", "冀": "13", "晋": "14", "蒙": "15", "辽": "21", "吉": "22", "黑": "23",
    "沪": "31", "苏": "32", "浙": "33", "皖": "34", "闽": "35", "赣": "36", "鲁": "37", "豫": "41",
    "鄂": "42", "湘": "43", "粤": "44", "桂": "45", "琼": "46", "渝": "50", "川": "51", "蜀": "51",
    "贵": "52", "黔": "52", "云": "53", "滇": "53", "藏": "54", "陕": "61", "秦": "61", "甘": "62",
    "陇": "62", "青": "63", "宁": "64", "新": "65", "台": "71", "港": "81", "澳": "82",
}
MUNICIPALITIES = frozenset({"11", "12", "31", "50"})

_ETHNIC = ("蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 "
           "景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 "
           "保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各").split()
_ETHNIC_TAIL = re.compile("(?:" + "|".join(sorted(_ETHNIC, key=len, reverse=True)) + ")族$")
_SUFFIXES = {
    1: ("壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市"),
    2: ("自治州", "地区", "盟", "市"),
    3: ("自治县", "自治旗", "林区", "特区", "新区", "区", "县", "市", "旗"),
    4: ("街道办事处", "街道", "民族乡", "苏木", "镇", "乡"),
}
#: After a short name (中山, 建国) these say it was the start of a road or place, not a division.
_ROAD_WORDS = ("路", "街", "道", "巷", "弄", "里", "号", "村", "大道", "大街", "大桥", "桥", "广场", "园", "楼",
               "站", "门", "口")


_DIRECTED_ROAD = re.compile(r"[东西南北中][一二三四五六七八九十]?(?:路|街|大街|大道|巷|里)")


def _road_follows(text: str, pos: int) -> bool:
    """中山|路, 中关村|南大街, 万东|北路: what follows a short name makes it a road's name."""
    return text.startswith(_ROAD_WORDS, pos) or bool(_DIRECTED_ROAD.match(text, pos))
_HOUSE_NUMBER = re.compile(
    r"(\d+|[一二三四五六七八九十百零〇]+)\s*(号|弄|栋|幢|座|室|单元|组|楼|层|门|户|铺|档|#)"
    r"|\d+-\d+|[A-Za-z]\d+|\d{2,}\s*$")
_BLANKS = re.compile(r"[\s,，、;；:：/|]+")


def short_name(name: str, level: int) -> str:
    """朝阳区 → 朝阳, 延边朝鲜族自治州 → 延边, 内蒙古自治区 → 内蒙古; "" when too short to stand alone."""
    for suffix in _SUFFIXES[level]:
        if name.endswith(suffix) and len(name) > len(suffix):
            base = name[: -len(suffix)]
            if suffix.startswith("自治") or suffix == "民族乡":
                while _ETHNIC_TAIL.search(base) and len(base) > 2:
                    base = _ETHNIC_TAIL.sub("", base)
            return base if len(base) >= 2 and base != name else ""
    return ""


@dataclass(frozen=True)
class ParsedAddress:
    """What an address says, as far as the divisions go; codes are "" where unknown."""

    text: str
    province: str = ""
    city: str = ""
    district: str = ""
    street: str = ""
    rest: str = ""
    province_code: str = ""
    city_code: str = ""
    district_code: str = ""
    street_code: str = ""
    #: The district (or city) name was found in more than one place and none fitted better.
    ambiguous: bool = False
    #: A former name that was read as today's division ("崇文区 → 东城区").
    renamed: str = ""
    #: The city has no districts (东莞, 中山, 儋州, 嘉峪关): towns sit straight under it.
    city_without_districts: bool = False

    @property
    def has_house_number(self) -> bool:
        """The rest names a door: 88号, 3栋2单元, 5组, 12-3 …"""
        return bool(_HOUSE_NUMBER.search(self.rest))

    @property
    def has_district(self) -> bool:
        return bool(self.district_code) or self.city_without_districts

    @property
    def code(self) -> str:
        """The most precise code found."""
        return self.street_code or self.district_code or self.city_code or self.province_code

    def parts(self) -> dict[str, str]:
        """The parts by name, for screens, JSON and reports."""
        return {"province": self.province, "city": self.city, "district": self.district,
                "street": self.street, "rest": self.rest}


@dataclass
class _Index:
    """Names (full, short) → divisions, per parent and across the country."""

    data: Divisions
    by_parent: dict[str, dict[str, list[tuple[Division, bool]]]] = field(default_factory=dict)
    national: dict[int, dict[str, list[tuple[Division, bool]]]] = field(default_factory=dict)
    longest: int = 1
    #: Former names of each level by first character, with their short form and today's division.
    former_by_level: dict[int, dict[str, list[tuple[str, str, Division]]]] = field(default_factory=dict)

    def former_names(self, level: int, first: str) -> list[tuple[str, str, Division]]:
        """The former names of ``level`` that start with ``first`` (a short name starts as its name does)."""
        table = self.former_by_level.get(level)
        if table is None:
            table = {}
            for name, code in self.data.former.items():
                division = self.data.get(code)
                if division is not None and division.level == level and name:
                    table.setdefault(name[0], []).append((name, short_name(name, level), division))
            self.former_by_level[level] = table
        return table.get(first, [])

    def add(self, division: Division, *parents: str) -> None:
        official = unicodedata.normalize("NFKC", division.name)
        names = [(official, False)]
        if "(" in official:  # 嘉模堂区(氹仔): also without the bracket
            names.append((official[: official.index("(")], False))
        short = short_name(names[-1][0], division.level)
        if short:
            names.append((short, True))
        if division.code == "15":
            names.append(("内蒙", True))
        for name, is_short in names:
            for parent in parents:
                self.by_parent.setdefault(parent, {}).setdefault(name, []).append((division, is_short))
            if division.level < 4:
                self.national.setdefault(division.level, {}).setdefault(name, []).append((division, is_short))
            self.longest = max(self.longest, len(name))


@cache
def _index() -> _Index:
    data = divisions()
    index = _Index(data)
    for province in data.provinces():
        index.add(province, "")
        for city in data.kids(province.code):
            if not city.placeholder:
                index.add(city, province.code)
            for district in data.kids(city.code):
                if district.name != city.name:  # not 东莞市's placeholder area
                    # Reachable from its city and, when the city is left out, from its province.
                    index.add(district, city.code, "p" + province.code)
                for street in data.kids(district.code):
                    index.add(street, district.code)
    return index


def _matches(table: dict[str, list[tuple[Division, bool]]], text: str, pos: int, longest: int,
             *, shorts: bool = True) -> list[tuple[Division, int, bool]]:
    """Every division named at ``text[pos:]``: (division, characters used, was a short name)."""
    found: list[tuple[Division, int, bool]] = []
    for length in range(min(longest, len(text) - pos), 0, -1):
        for division, is_short in table.get(text[pos: pos + length], ()):
            if is_short and not shorts:
                continue
            if is_short and _road_follows(text, pos + length):
                continue
            if is_short:
                # 犀浦镇 written for today's 犀浦街道: the old suffix goes with the name.
                suffix = next((x for x in _SUFFIXES[division.level] if text.startswith(x, pos + length)), "")
                found.append((division, length + len(suffix), True))
                continue
            found.append((division, length, is_short))
    return found


@dataclass(frozen=True)
class _Reading:
    province: Division | None = None
    city: Division | None = None
    district: Division | None = None
    street: Division | None = None
    used: int = 0
    shorts: int = 0
    abbreviated: bool = False
    renamed: str = ""

    def score(self) -> tuple[int, int, int]:
        levels = sum(x is not None for x in (self.province, self.city, self.district, self.street))
        return (levels * 2 + (self.district is not None) * 3 + (self.street is not None), self.used, -self.shorts)


def normalize(text: str) -> str:
    """Full-width to half-width, separators and blanks between parts dropped."""
    return _BLANKS.sub("", unicodedata.normalize("NFKC", text or "")).strip("-_.。")


def parse_address(text: str) -> ParsedAddress:
    """Read ``text``; parts that cannot be found stay empty (never raises)."""
    raw = normalize(text)
    index = _index()
    data = index.data
    readings: list[_Reading] = []
    province_options: list[_Reading] = [_Reading()]
    for division, used, is_short in _matches(index.by_parent[""], raw, 0, index.longest):
        province_options.append(_Reading(province=division, used=used, shorts=int(is_short)))
    if raw[:1] in ABBREVIATIONS:
        province = data.get(ABBREVIATIONS[raw[0]])
        province_options.append(_Reading(province=province, used=1, shorts=1, abbreviated=True))
    for start in province_options:
        readings.extend(_read_city(index, raw, start))
    readings = [r for r in readings if not r.abbreviated or r.city is not None or r.district is not None]
    best_score = max(r.score() for r in readings)
    best = [r for r in readings if r.score() == best_score]
    chosen = min(best, key=lambda r: (r.street or r.district or r.city or r.province or _EMPTY).code)
    distinct = {(r.district or r.city or r.province or _EMPTY).code for r in best}
    return _result(data, text, raw, chosen, ambiguous=len(distinct) > 1)


_EMPTY = Division("", "", "", 0)


def _read_city(index: _Index, raw: str, start: _Reading) -> list[_Reading]:
    pos = start.used
    province = start.province
    out: list[_Reading] = []
    options: list[_Reading] = [start]
    if province is not None:
        if province.code in MUNICIPALITIES:
            # 上海市上海市浦东新区: the municipality written again where the city goes.
            for name in (province.name, province.name[:-1]):
                if raw.startswith(name, pos):
                    options.append(_replace(start, used=pos + len(name)))
                    break
        table = index.by_parent.get(province.code, {})
        for city, used, is_short in _matches(table, raw, pos, index.longest):
            if city.level == 2:
                options.append(_replace(start, city=city, used=pos + used, shorts=start.shorts + is_short))
        former = _former(index, raw, pos, level=2)
        if former is not None and former[0].parent == province.code:
            options.append(_replace(start, city=former[0], used=pos + former[1], renamed=former[2]))
    else:
        for city, used, is_short in _matches(index.national.get(2, {}), raw, pos, index.longest):
            options.append(_replace(start, province=index.data.get(city.parent), city=city, used=pos + used,
                                    shorts=start.shorts + is_short))
        former = _former(index, raw, pos, level=2)
        if former is not None:
            city, used, name = former
            options.append(_replace(start, province=index.data.get(city.parent), city=city, used=pos + used,
                                    renamed=name))
    for option in options:
        out.extend(_read_district(index, raw, option))
    return out


def _former(index: _Index, raw: str, pos: int, *, level: int) -> tuple[Division, int, str] | None:
    """A former name at ``pos`` (崇文区, 襄樊市 or 襄樊) read as today's division of ``level``."""
    if pos >= len(raw):
        return None
    for name, short, division in index.former_names(level, raw[pos]):
        for written in (name, short):
            if written and raw.startswith(written, pos) and (written == name
                                                             or not _road_follows(raw, pos + len(written))):
                return division, len(written), f"{name} → {division.name}"
    return None


def _read_district(index: _Index, raw: str, start: _Reading) -> list[_Reading]:
    pos = start.used
    data = index.data
    options: list[_Reading] = [start]
    if start.city is not None:
        placeholder = _districtless(data, start.city)
        if placeholder is not None:
            return [_read_street(index, raw, start, placeholder.code)]
        table = index.by_parent.get(start.city.code, {})
        matches = _matches(table, raw, pos, index.longest)
    elif start.province is not None:
        table = index.by_parent.get("p" + start.province.code, {})
        matches = _matches(table, raw, pos, index.longest)
    else:
        matches = _matches(index.national.get(3, {}), raw, pos, index.longest, shorts=False)
    for district, used, is_short in matches:
        if district.level != 3:
            continue
        city = data.get(district.parent)
        province = start.province or (data.get(city.parent) if city else None)
        options.append(_replace(start, province=province, city=city, district=district, used=pos + used,
                                shorts=start.shorts + is_short))
    former = _former(index, raw, pos, level=3)
    if former is not None:
        district, used, name = former
        city = data.get(district.parent)
        fits = start.city is None or start.city is city
        fits = fits and (start.province is None or (city is not None and city.parent == start.province.code))
        if fits:
            options.append(_replace(start, province=data.get(city.parent) if city else None, city=city,
                                    district=district, used=pos + used, renamed=name))
    return [_read_street(index, raw, o, o.district.code) if o.district is not None else o for o in options]


def _districtless(data: Divisions, city: Division) -> Division | None:
    kids = data.kids(city.code)
    return kids[0] if len(kids) == 1 and kids[0].name == city.name else None


def _read_street(index: _Index, raw: str, start: _Reading, parent: str) -> _Reading:
    matches = [m for m in _matches(index.by_parent.get(parent, {}), raw, start.used, index.longest)
               if m[0].level == 4]
    if not matches:
        return start
    street, used, is_short = matches[0]
    if is_short and short_name(street.name, 4)[-1:] in ("路", "街", "道", "巷"):
        return start  # 南京西路(街道)1266号: the road, kept in the rest
    return _replace(start, street=street, used=start.used + used, shorts=start.shorts + is_short)


def _replace(reading: _Reading, **changes: object) -> _Reading:
    values = {**reading.__dict__, **changes}
    return _Reading(**values)


def _result(data: Divisions, text: str, raw: str, r: _Reading, *, ambiguous: bool) -> ParsedAddress:
    province = r.province
    city = r.city
    if city is None and r.district is not None:
        city = data.get(r.district.parent)
    city_name = ""
    if city is not None and not city.placeholder:
        city_name = city.name
    elif province is not None and province.code in MUNICIPALITIES:
        city_name = province.name
    districtless = city is not None and _districtless(data, city) is not None
    rest = raw[r.used:].lstrip("-_.,，。")
    return ParsedAddress(
        text=text, province=province.name if province else "", city=city_name,
        district=r.district.name if r.district else "", street=r.street.name if r.street else "", rest=rest,
        province_code=province.code if province else "", city_code=city.code if city else "",
        district_code=r.district.code if r.district else "", street_code=r.street.code if r.street else "",
        ambiguous=ambiguous, renamed=r.renamed, city_without_districts=districtless)
