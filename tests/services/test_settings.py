"""Depot settings are validated, stored together, and audited."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from depot_app.db.models import AuditEntry, DepotSetting
from depot_app.domain.errors import ValidationError


def test_depot_phone_is_validated_and_normalised(services, manager) -> None:
    services.settings.set(key="depot_phone", value="021 5888 0000", by=manager)
    assert services.settings.get("depot_phone") == "021-58880000"
    with pytest.raises(ValidationError) as err:
        services.settings.set(key="depot_phone", value="12345", by=manager)
    assert err.value.field == "depot_phone"


def test_set_many_stores_all_or_nothing(services, manager) -> None:
    with pytest.raises(ValidationError) as err:
        services.settings.set_many(values={"depot_name": "新名称网点", "depot_code": "x!"}, by=manager)
    assert err.value.field == "depot_code"
    assert services.settings.get("depot_name") == "上海浦东网点"
    services.settings.set_many(values={"depot_name": "新名称网点", "depot_code": "hz02"}, by=manager)
    assert (services.settings.get("depot_name"), services.settings.get("depot_code")) == ("新名称网点", "HZ02")
    with services.db.read() as s:
        assert s.scalar(select(func.count()).select_from(DepotSetting)) == 2
        changes = s.scalars(select(AuditEntry.field).where(AuditEntry.action == "setting_changed")).all()
    assert sorted(changes) == ["depot_code", "depot_name"]


def test_unchanged_value_writes_no_audit_entry(services, manager) -> None:
    services.settings.set(key="depot_name", value="上海浦东网点", by=manager)
    with services.db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)
                        .where(AuditEntry.action == "setting_changed")) == 0
