"""China's administrative divisions, as shipped in ``resources/divisions`` (see its README).

Loaded once per process (:func:`divisions`) and kept in memory: about 45,000
names. Levels: province (2-digit code), city (4), district (6, 区/县/县级市/旗),
street (9, 街道/镇/乡). Hong Kong, Macao and Taiwan come from a names-only file
and get codes 81, 82 and 71 with their regions and districts numbered in order.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[2] / "resources" / "divisions"

#: Cities that only group districts (municipalities, county-level cities straight under a province).
PLACEHOLDER_CITIES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})

_SAR_CODES = {"香港特别行政区": "81", "澳门特别行政区": "82", "台湾省": "71"}


@dataclass(frozen=True)
class Division:
    """One division: its code, official name and parent's code ("" for a province)."""

    code: str
    name: str
    parent: str
    level: int  # 1 province, 2 city, 3 district, 4 street

    @property
    def placeholder(self) -> bool:
        """A grouping without a name of its own (北京's 市辖区, 东莞's area 东莞市)."""
        return self.name in PLACEHOLDER_CITIES


@dataclass
class Divisions:
    """Every division by code, with the children of each."""

    by_code: dict[str, Division] = field(default_factory=dict)
    children: dict[str, list[Division]] = field(default_factory=dict)
    #: Former name → code of the division that holds it today.
    former: dict[str, str] = field(default_factory=dict)

    def add(self, division: Division) -> None:
        self.by_code[division.code] = division
        self.children.setdefault(division.parent, []).append(division)

    def get(self, code: str) -> Division | None:
        return self.by_code.get(code)

    def kids(self, code: str) -> list[Division]:
        return self.children.get(code, [])

    def provinces(self) -> list[Division]:
        return self.kids("")

    def chain(self, code: str) -> list[Division]:
        """The division and its ancestors, province first."""
        out: list[Division] = []
        division = self.by_code.get(code)
        while division is not None:
            out.append(division)
            division = self.by_code.get(division.parent)
        return out[::-1]

    def full_name(self, code: str) -> str:
        """浙江省杭州市西湖区 — placeholders left out."""
        return "".join(d.name for d in self.chain(code) if not d.placeholder and not _same_as_parent(self, d))


def _same_as_parent(data: Divisions, division: Division) -> bool:
    parent = data.by_code.get(division.parent)
    return parent is not None and parent.name == division.name


def _rows(name: str) -> list[dict[str, str]]:
    path = DATA_DIR / name
    if name.endswith(".gz"):
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def divisions() -> Divisions:
    """The dataset, read on first use (about 0.3 s) and shared after."""
    data = Divisions()
    for row in _rows("provinces.csv"):
        data.add(Division(row["code"], row["name"], "", 1))
    for row in _rows("cities.csv"):
        data.add(Division(row["code"], row["name"], row["provinceCode"], 2))
    for row in _rows("areas.csv"):
        data.add(Division(row["code"], row["name"], row["cityCode"], 3))
    for row in _rows("streets.csv.gz"):
        data.add(Division(row["code"], row["name"], row["areaCode"], 4))
    sar = json.loads((DATA_DIR / "HK-MO-TW.json").read_text(encoding="utf-8"))
    for province_name, regions in sar.items():
        province_code = _SAR_CODES[province_name]
        data.add(Division(province_code, province_name, "", 1))
        for i, (region_name, districts) in enumerate(regions.items(), start=1):
            city_code = f"{province_code}{i:02d}"
            data.add(Division(city_code, region_name, province_code, 2))
            for j, district_name in enumerate(districts, start=1):
                data.add(Division(f"{city_code}{j:02d}", district_name, city_code, 3))
    for row in _rows("former_names.csv"):
        data.former[row["former_name"]] = row["current_code"]
    return data
