"""Excluded villages and compounds tied to one district: check, validation, list import and export,
on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from depot_app.domain.delivery_area import (
    AddressProblem,
    AddressVerdict,
    DeliveryArea,
    area_from_rows,
    area_rows,
    excluded_entry,
    split_excluded,
)
from depot_app.domain.errors import ValidationError
from depot_app.services import Services

PUDONG = "310115"
MINHANG = "310112"


def test_an_excluded_place_can_belong_to_one_district(services: Services, manager: int) -> None:
    area = DeliveryArea(districts=frozenset({PUDONG, MINHANG}), excluded=(excluded_entry("幸福村", PUDONG),))
    services.addresses.set_area(area=area, by=manager)
    assert split_excluded(services.addresses.area().excluded[0]) == (PUDONG, "幸福村")
    assert services.addresses.check("上海市浦东新区幸福村3号").problems == (AddressProblem.EXCLUDED,)
    # The same name in another served district is delivered.
    assert services.addresses.check("上海市闵行区幸福村3号").verdict is AddressVerdict.OK
    with pytest.raises(ValidationError) as err:
        services.addresses.set_area(area=DeliveryArea(districts=frozenset({PUDONG}), excluded=("310100:某小区",)),
                                    by=manager)
    assert "310100" in err.value.en and "310100" in err.value.zh
    with pytest.raises(ValidationError):
        services.addresses.set_area(area=DeliveryArea(districts=frozenset({PUDONG}), excluded=(f"{PUDONG}:",)),
                                    by=manager)
    assert services.addresses.area() == area  # a refused change leaves the stored area alone


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_reads_back_by_the_import(services: Services, manager: int, tmp_path: Path, suffix: str) -> None:
    area = DeliveryArea(districts=frozenset({PUDONG}), streets=frozenset({"310112102"}),
                        excluded=("三林世博家园", excluded_entry("幸福村", PUDONG)))
    services.addresses.set_area(area=area, by=manager)
    out = services.addresses.export_area(path=tmp_path / f"area{suffix}")
    if suffix == ".xlsx":
        rows = [[c or "" for c in r] for r in load_workbook(out).active.iter_rows(values_only=True)]
        assert rows[0] == ["地区", "排除", "所属区县"]
        assert ["幸福村", "排除", "上海市浦东新区"] in rows and ["三林世博家园", "排除", ""] in rows
    services.addresses.set_area(area=DeliveryArea(districts=frozenset({MINHANG})), by=manager)
    assert services.addresses.import_area(path=out, by=manager) == area
    assert services.addresses.area() == area


def test_a_bad_district_of_an_excluded_place_names_its_row() -> None:
    rows = area_rows([["地区", "排除", "所属区县"], ["上海市浦东新区"], ["幸福村", "排除", "火星区"]])
    with pytest.raises(ValidationError) as err:
        area_from_rows(rows)
    assert "Rows 3" in err.value.en and "第 3 行" in err.value.zh
