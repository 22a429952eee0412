"""Pinyin search keys, the delivery area and the address check, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import insert, select

from depot_app.db.models import AuditEntry, Parcel, ParcelSearchKey
from depot_app.domain.delivery_area import AddressProblem, AddressVerdict, DeliveryArea
from depot_app.domain.errors import PermissionDeniedError, ValidationError
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.vocabulary import ContactParty, ResolutionType
from depot_app.services import Services
from depot_app.services.queries import QueueFilter
from depot_app.services.search_keys import ensure_search_keys, fill_search_keys, name_keys

PUDONG = "310115"
ZHANGJIANG = "310115125"  # 张江镇


def register(services: Services, by: int, number: str, **parcel: str) -> int:
    return services.cases.register_case(tracking_no=number, kind=ProblemKind.DELAYED, by=by, parcel=parcel).id


def found(services: Services, text: str) -> set[int]:
    return {row.id for row in services.queries.fetch(QueueFilter(text=text))}


def keys_of(services: Services, case_id: int) -> set[str]:
    with services.db.read() as s:
        parcel_id = services.cases.detail(case_id).parcel.id
        return set(s.scalars(select(ParcelSearchKey.key).where(ParcelSearchKey.parcel_id == parcel_id)))


def test_names_and_addresses_are_found_by_pinyin_and_initials(services: Services, manager: int) -> None:
    zhang = register(services, manager, "SF1000000000001", recipient_name="张三", sender_name="曾小明",
                     recipient_address="上海市浦东新区张江镇碧波路690号")
    shan = register(services, manager, "SF1000000000002", recipient_name="单田芳",
                    recipient_address="北京市朝阳区望京街道阜通东大街6号")
    assert found(services, "zhangsan") == {zhang}
    assert found(services, "ZS") == {zhang}
    assert found(services, "Zhang San") == {zhang}
    assert found(services, "zengxiao") == {zhang}  # 曾 read as the surname zēng
    assert found(services, "shantianfang") == {shan}  # 单 as the surname shàn
    assert found(services, "dantianfang") == {shan}  # and the everyday reading still finds it
    assert found(services, "bibolu") == {zhang}
    assert found(services, "chaoyang") == {shan}
    assert found(services, "wangjing") == {shan}
    assert found(services, "lisi") == set()
    assert services.queries.count(QueueFilter(text="pudong")) == 1


def test_keys_follow_every_change_of_name_or_address(services: Services, manager: int) -> None:
    case_id = register(services, manager, "SF1000000000003", recipient_name="王五")
    assert {"wangwu", "ww"} <= keys_of(services, case_id)
    detail = services.cases.detail(case_id)
    services.cases.update_parcel(case_id=case_id, expected_version=detail.version,
                                 changes={"recipient_name": "区志强"}, by=manager)
    keys = keys_of(services, case_id)
    assert {"ouzhiqiang", "ozq"} <= keys and "wangwu" not in keys
    assert found(services, "ozq") == {case_id} and found(services, "wangwu") == set()
    # A change of another field leaves the keys alone.
    detail = services.cases.detail(case_id)
    services.cases.update_parcel(case_id=case_id, expected_version=detail.version,
                                 changes={"item_description": "书"}, by=manager)
    assert keys_of(services, case_id) == keys


def test_fill_search_keys_for_bulk_inserted_parcels(services: Services, manager: int) -> None:
    register(services, manager, "SF1000000000004", recipient_name="仇晓")
    now = services.clock.now()
    with services.db.write() as s:
        s.execute(insert(Parcel), [{"tracking_no": f"YT{n:013d}", "carrier": "yto", "recipient_name": "查良镛",
                                    "recipient_address": "浙江省杭州市西湖区文三路90号", "created_at": now,
                                    "updated_at": now} for n in range(50)])
        assert s.scalar(select(ParcelSearchKey.key).where(ParcelSearchKey.key == "zhaliangyong")) is None
        written = fill_search_keys(s)
    assert written >= 51 * 4
    with services.db.read() as s:
        rows = set(s.scalars(select(ParcelSearchKey.parcel_id).where(ParcelSearchKey.key == "zly")))
        assert len(rows) == 50
        assert s.scalar(select(ParcelSearchKey.parcel_id).where(ParcelSearchKey.key == "qiuxiao")) is not None
    with services.db.write() as s:
        some = sorted(rows)[:3]
        s.execute(ParcelSearchKey.__table__.delete().where(ParcelSearchKey.parcel_id.in_(some)))
        assert fill_search_keys(s, some) > 0
    with services.db.read() as s:
        assert len(set(s.scalars(select(ParcelSearchKey.parcel_id).where(ParcelSearchKey.key == "zly")))) == 50


def test_keys_are_filled_once_after_an_upgrade(services: Services, manager: int) -> None:
    case_id = register(services, manager, "SF1000000000005", recipient_name="欧阳娜娜")
    assert ensure_search_keys(services.db, services.clock) is False  # keys are there
    with services.db.write() as s:
        s.execute(ParcelSearchKey.__table__.delete())  # as after the upgrade that added them
    assert ensure_search_keys(services.db, services.clock) is True
    assert "oynn" in keys_of(services, case_id)
    assert ensure_search_keys(services.db, services.clock) is False


def test_surname_readings() -> None:
    assert {"shanxiong", "sx"} <= name_keys("单雄")
    assert {"zengguofan"} <= name_keys("曾国藩")
    assert {"ouyangxiu", "oyx"} <= name_keys("欧阳修")
    assert {"xiejin", "xj"} <= name_keys("解缙")
    assert {"piaoshu"} <= name_keys("朴树")
    assert name_keys("") == frozenset()


def test_delivery_area_and_the_address_check(services: Services, manager: int, clerk: int) -> None:
    area = DeliveryArea(districts=frozenset({PUDONG}), excluded=("三林世博家园",))
    with pytest.raises(PermissionDeniedError):
        services.addresses.set_area(area=area, by=clerk)
    services.addresses.set_area(area=area, by=manager)
    assert services.addresses.area() == area
    inside = services.addresses.check("上海市浦东新区张江镇碧波路690号")
    assert inside.verdict is AddressVerdict.OK
    outside = services.addresses.check("上海市徐汇区漕溪北路88号")
    assert outside.verdict is AddressVerdict.OUT_OF_AREA
    assert outside.resolutions == (ResolutionType.TRANSFER, ResolutionType.SELF_PICKUP, ResolutionType.RETURN)
    excluded = services.addresses.check("上海市浦东新区三林世博家园12号")
    assert excluded.problems == (AddressProblem.EXCLUDED,)
    unclear = services.addresses.check("上海市浦东新区碧波路")
    assert unclear.verdict is AddressVerdict.UNCLEAR and unclear.contact is ContactParty.RECIPIENT
    assert AddressProblem.NO_HOUSE_NUMBER in unclear.problems
    with pytest.raises(ValidationError):
        services.settings.set(key="delivery_area", value={"districts": ["999999"]}, by=manager)

    good = register(services, manager, "SF1000000000006", recipient_address="上海市浦东新区张江镇碧波路690号")
    far = register(services, manager, "SF1000000000007", recipient_address="上海市徐汇区漕溪北路88号")
    vague = register(services, manager, "SF1000000000008", recipient_address="碧波路")
    assert services.addresses.check_case(far).verdict is AddressVerdict.OUT_OF_AREA
    checked = {c.case_id: c.check.verdict for c in services.addresses.check_cases()}
    assert checked == {far: AddressVerdict.OUT_OF_AREA, vague: AddressVerdict.UNCLEAR}
    assert good in {c.case_id for c in services.addresses.check_cases(problems_only=False)}


def test_area_import_is_whole_or_nothing_and_audited(services: Services, manager: int, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("地区,类型\n上海市浦东新区,\n火星市,\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        services.addresses.import_area(path=bad, by=manager)
    assert "3" in err.value.en
    assert not services.addresses.area().configured
    book = tmp_path / "area.xlsx"
    wb = Workbook()
    ws = wb.active
    for row in (("地区", "类型"), ("上海市浦东新区", ""), ("上海市闵行区莘庄镇", ""), ("三林世博家园", "排除")):
        ws.append(row)
    wb.save(book)
    area = services.addresses.import_area(path=book, by=manager)
    assert area.districts == {PUDONG} and len(area.streets) == 1 and area.excluded == ("三林世博家园",)
    assert services.addresses.area() == area
    with services.db.read() as s:
        actions = [(e.action, e.field) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert ("setting_changed", "delivery_area") in actions and ("import", "delivery_area") in actions
    assert services.addresses.check("上海市闵行区莘庄镇莘庄路1号").verdict is AddressVerdict.OK
    assert services.addresses.check("上海市闵行区七宝镇七莘路1号").verdict is AddressVerdict.OUT_OF_AREA
    assert ZHANGJIANG.startswith(PUDONG)


def test_area_export_reads_back_the_same_area(services: Services, manager: int, tmp_path: Path) -> None:
    from depot_app.services.addresses import find_divisions

    area = DeliveryArea(districts=frozenset({PUDONG}), streets=frozenset({"310112102"}), excluded=("三林世博家园",))
    services.addresses.set_area(area=area, by=manager)
    for name in ("area.csv", "area.xlsx"):
        path = services.addresses.export_area(path=tmp_path / name)
        assert services.addresses.import_area(path=path, by=manager) == area
    assert services.addresses.area() == area
    # The editor's search: by name, by full pinyin, by initials; districts before streets.
    for query in ("浦东", "pudong", "pdxq"):
        assert find_divisions(query)[0].code == PUDONG
    assert [m.full_name for m in find_divisions("张江")] == ["上海市浦东新区张江镇", "上海市浦东新区张江高科技园区"]
    assert find_divisions("   ") == [] and find_divisions("qqqqzz") == []


def test_queue_filters_open_cases_by_address_verdict(services: Services, manager: int) -> None:
    services.addresses.set_area(area=DeliveryArea(districts=frozenset({PUDONG})), by=manager)
    far = register(services, manager, "SF1000000000041", recipient_address="上海市闵行区七宝镇七莘路1839号")
    vague = register(services, manager, "SF1000000000042", recipient_address="上海浦东碧波路")
    register(services, manager, "SF1000000000043", recipient_address="上海市浦东新区碧波路690号")
    closed_far = register(services, manager, "SF1000000000044", recipient_address="北京市朝阳区建国路88号")
    services.cases.cancel_case(case_id=closed_far, reason="登记重复", by=manager)

    def ids(verdict: AddressVerdict) -> set[int]:
        return {row.id for row in services.queries.fetch(QueueFilter(address_verdict=verdict))}

    assert ids(AddressVerdict.OUT_OF_AREA) == {far} and ids(AddressVerdict.UNCLEAR) == {vague}
    assert services.queries.count(QueueFilter(address_verdict=AddressVerdict.OUT_OF_AREA)) == 1
    assert services.queries.address_counts() == {AddressVerdict.UNCLEAR: 1, AddressVerdict.OUT_OF_AREA: 1}
    # The views follow the stored area: serving 闵行区 too leaves nothing out of area.
    services.addresses.set_area(area=DeliveryArea(districts=frozenset({PUDONG, "310112"})), by=manager)
    assert ids(AddressVerdict.OUT_OF_AREA) == set()
    assert services.queries.address_counts()[AddressVerdict.OUT_OF_AREA] == 0


def test_place_names_keep_their_own_reading() -> None:
    from depot_app.services.addresses import find_divisions
    from depot_app.services.search_keys import address_keys

    keys = address_keys("山东省菏泽市单县北城街道舜师路12号")
    assert {"shanxian", "sx", "danxian", "beicheng", "shunshilu"} <= keys
    assert "hongtong" in address_keys("山西省临汾市洪洞县大槐树镇古槐路3号")
    assert [m.full_name for m in find_divisions("shanxian")] == ["山东省菏泽市单县"]
    assert "四川省成都市郫都区" in [m.full_name for m in find_divisions("pidu")]
