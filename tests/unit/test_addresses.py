"""The address parser on real-shaped addresses from every provincial-level division, and the address check."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from depot_app.domain.addresses import parse_address, short_name
from depot_app.domain.delivery_area import (
    AddressProblem,
    AddressVerdict,
    AreaRow,
    DeliveryArea,
    area_from_rows,
    area_rows,
    check_address,
)
from depot_app.domain.divisions import DATA_DIR, divisions
from depot_app.domain.errors import ValidationError
from depot_app.domain.vocabulary import ContactParty, ResolutionType

DATA = Path(__file__).parent / "data"


def _cases(name: str) -> list[tuple[str, ...]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            cells = line.split("\t")
            rows.append(tuple(cells + [""] * (6 - len(cells))))
    return rows


REAL = _cases("addresses_real.tsv")
GENERATED = _cases("addresses_generated.tsv")


def test_the_address_files_cover_every_provincial_division() -> None:
    assert len(REAL) + len(GENERATED) >= 200
    provinces = {row[1] for row in REAL + GENERATED if row[1]}
    assert len(provinces) == 34 == len(divisions().provinces())


@pytest.mark.parametrize("row", REAL + GENERATED, ids=lambda row: row[0])
def test_parse(row: tuple[str, ...]) -> None:
    text, province, city, district, street, flags = row[:6]
    parsed = parse_address(text)
    assert (parsed.province, parsed.city, parsed.district, parsed.street) == (province, city, district, street)
    assert bool(parsed.renamed) == ("R" in flags)
    assert parsed.ambiguous == ("A" in flags)


def test_parts_codes_and_rest() -> None:
    p = parse_address("沪浦东新区张江镇碧波路690号")
    assert (p.province_code, p.city_code, p.district_code, p.street_code) == ("31", "3101", "310115", "310115125")
    assert p.rest == "碧波路690号" and p.has_house_number and p.code == "310115125"
    p = parse_address("  浙江省，杭州市，西湖区 文三路９０号 ")
    assert p.district == "西湖区" and p.rest == "文三路90号"


def test_abbreviations_need_a_place_after_them() -> None:
    assert parse_address("京朝阳区酒仙桥路10号").district_code == "110105"
    assert parse_address("内蒙包头市昆都仑区").province_code == "15"
    # 宁 is 宁夏's abbreviation, but 宁波 is a city of 浙江.
    assert parse_address("宁波市鄞州区天童南路588号").province == "浙江省"
    assert parse_address("新乡市红旗区").province == "河南省"
    assert parse_address("吉林市船营区").province == "吉林省"


def test_former_names() -> None:
    p = parse_address("北京市崇文区天坛路1号")
    assert p.district == "东城区" and p.renamed == "崇文区 → 东城区"
    assert parse_address("湖北襄樊樊城区人民路5号").city == "襄阳市"
    with (DATA_DIR / "former_names.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            division = divisions().get(row["current_code"])
            assert division is not None and division.name == row["current_name"], row


def test_names_that_are_roads_are_not_divisions() -> None:
    assert parse_address("中山路88号").province == ""
    assert parse_address("海淀区中关村南大街5号").rest == "中关村南大街5号"
    assert parse_address("上海市静安区南京西路1266号").rest == "南京西路1266号"


def test_cities_without_districts_and_municipalities() -> None:
    p = parse_address("广东省东莞市长安镇振安路368号")
    assert p.city_without_districts and p.has_district and p.district == "" and p.street == "长安镇"
    p = parse_address("北京市北京市海淀区中关村大街27号")
    assert (p.province, p.city, p.district) == ("北京市", "北京市", "海淀区")
    assert parse_address("重庆市巫山县巫峡镇").city_code == "5002"


@pytest.mark.parametrize("text", ["", "   ", "ＡＢＣ", "asdfghjkl", "12345", "!!!", "路路路路", "市市市区县",
                                  "x" * 500])
def test_garbage_never_raises(text: str) -> None:
    parsed = parse_address(text)
    assert parsed.province_code == "" and parsed.district_code == ""


def test_short_names() -> None:
    assert short_name("朝阳区", 3) == "朝阳"
    assert short_name("延边朝鲜族自治州", 2) == "延边"
    assert short_name("湘西土家族苗族自治州", 2) == "湘西"
    assert short_name("内蒙古自治区", 1) == "内蒙古"
    assert short_name("城区", 3) == ""
    assert short_name("望京街道", 4) == "望京"


AREA = DeliveryArea(districts=frozenset({"310115"}), streets=frozenset({"310112101"}), excluded=("世博家园",))


def test_check_clear_unclear_and_out_of_area() -> None:
    assert check_address("上海市浦东新区碧波路690号", AREA).verdict is AddressVerdict.OK
    assert check_address("上海市闵行区莘庄镇莘庄路1号", AREA).verdict is AddressVerdict.OK
    out = check_address("上海市闵行区七宝镇七莘路1号", AREA)
    assert out.verdict is AddressVerdict.OUT_OF_AREA and out.problems == (AddressProblem.OUTSIDE,)
    assert out.resolutions == (ResolutionType.TRANSFER, ResolutionType.SELF_PICKUP, ResolutionType.RETURN)
    assert out.summary("zh_CN") == "超区：不在本网点派送范围"
    assert out.summary("en") == "Out of area: Outside this depot's delivery area"
    assert check_address("上海市浦东新区世博家园3号", AREA).problems == (AddressProblem.EXCLUDED,)
    no_number = check_address("上海市浦东新区碧波路", AREA)
    assert no_number.verdict is AddressVerdict.UNCLEAR and no_number.problems == (AddressProblem.NO_HOUSE_NUMBER,)
    assert no_number.contact is ContactParty.RECIPIENT
    no_district = check_address("上海市碧波路690号", AREA, recipient_side=False)
    assert no_district.problems == (AddressProblem.NO_DISTRICT,) and no_district.contact is ContactParty.SENDER
    nothing = check_address("碧波路", AREA)
    assert nothing.problems == (AddressProblem.NO_PLACE, AddressProblem.NO_HOUSE_NUMBER)
    vague = check_address("朝阳区建国路88号")
    assert AddressProblem.AMBIGUOUS not in vague.problems  # the country reading settles on 北京 …
    assert vague.parsed.ambiguous  # … but says so
    assert check_address("上海市徐汇区漕溪北路88号").verdict is AddressVerdict.OK  # no area set up: never out
    assert check_address("3栋2单元", None).problems[0] is AddressProblem.NO_PLACE
    assert check_address("广东省东莞市长安镇振安路368号").verdict is AddressVerdict.OK
    data = out.to_json()
    assert data["verdict"] == "out_of_area" and data["codes"]["district"] == "310112"


def test_house_numbers() -> None:
    for rest in ("88号", "3栋2单元301", "5组", "12-3", "A12", "三号楼", "弄堂10弄"):
        assert parse_address("上海市浦东新区" + rest).has_house_number, rest
    for rest in ("碧波路", "张江高科技园区", "世纪公园旁"):
        assert not parse_address("上海市浦东新区" + rest).has_house_number, rest


def test_area_from_a_list_is_whole_or_nothing() -> None:
    rows = area_rows([["地区", "类型"], ["上海市浦东新区", ""], ["上海市闵行区莘庄镇"], ["世博家园", "排除"], [""],
                      ["# comment"]])
    assert rows == [AreaRow(2, "上海市浦东新区"), AreaRow(3, "上海市闵行区莘庄镇"), AreaRow(4, "世博家园", True)]
    area = area_from_rows(rows)
    assert area == AREA
    assert DeliveryArea.from_setting(area.to_setting()) == area
    with pytest.raises(ValidationError) as err:
        area_from_rows([AreaRow(2, "上海市浦东新区"), AreaRow(3, "火星"), AreaRow(4, "朝阳区")])
    assert "3, 4" in err.value.en and "3, 4" in err.value.zh
    with pytest.raises(ValidationError):
        area_from_rows([AreaRow(2, "世博家园", True)])
    with pytest.raises(ValidationError):
        DeliveryArea.from_setting({"districts": ["3101"]})  # a city, not a district
    assert area_from_rows([AreaRow(1, "广东省东莞市")]).districts == {"441900"}
    assert [name for _, name in AREA.names()] == ["上海市浦东新区", "上海市闵行区莘庄镇"]


def test_dataset() -> None:
    data = divisions()
    assert len(data.provinces()) == 34
    assert sum(1 for d in data.by_code.values() if d.level == 4) > 40_000
    assert data.full_name("310115125") == "上海市浦东新区张江镇"
    assert data.full_name("441900003") == "广东省东莞市东城街道"
