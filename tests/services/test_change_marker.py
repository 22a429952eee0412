"""The change marker the desks poll for live updates, and the stamps of open cases.

Every kind of change must move the marker (else a desk would not notice it);
a save that changes nothing must move neither the marker nor the version.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from depot_app.domain.kinds import ProblemKind
from depot_app.domain.vocabulary import (
    CaseStatus,
    ContactChannel,
    ContactOutcome,
    ContactParty,
)
from depot_app.services import Services
from depot_app.services.photos import PhotoService, PhotoStore
from depot_app.services.queries import ChangeMarker, stamp_of


def _jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buf, "JPEG")
    return buf.getvalue()


def test_every_kind_of_change_moves_the_marker_and_the_case_stamp(services: Services, manager: int,
                                                                  tmp_path: Path) -> None:
    queries, cases = services.queries, services.cases
    empty = queries.change_marker()
    assert empty == ChangeMarker(last_event_id=0, recent_ids_sum=0, last_audit_id=empty.last_audit_id)
    photos = PhotoService(services.db, services.clock, PhotoStore(tmp_path / "photos"))
    d = cases.register_case(tracking_no="SF9400000000001", kind=ProblemKind.DAMAGED, by=manager)
    seen = [empty]

    def moved() -> None:
        marker = queries.change_marker()
        assert marker not in seen, marker
        seen.append(marker)
        stamp = queries.case_stamps([d.id])[d.id]
        assert stamp == stamp_of(cases.detail(d.id))  # what a fresh load shows is what the stamp says

    moved()  # registration
    d = cases.update_facts(case_id=d.id, expected_version=d.version, by=manager,
                           case_changes={"description": "外箱压痕"})
    moved()
    d = cases.set_status(case_id=d.id, expected_version=d.version, status=CaseStatus.INVESTIGATING, by=manager)
    moved()
    d = cases.log_contact(case_id=d.id, party=ContactParty.RECIPIENT, channel=ContactChannel.PHONE,
                          outcome=ContactOutcome.REACHED, by=manager)
    moved()
    before = queries.case_stamps([d.id])[d.id]
    added = photos.add_photos(case_id=d.id, files=[("box.jpg", _jpeg())], slot="exterior", by=manager)
    moved()
    after = queries.case_stamps([d.id])[d.id]
    # A photo does not make the clerk's open form stale, but the stamp tells the tab to show it.
    assert after.version == before.version and after.last_event_id > before.last_event_id
    photo_id = added.added[0].id
    photos.set_caption(photo_id=photo_id, caption="外箱", by=manager)
    moved()
    photos.delete(photo_id=photo_id, reason="拍错了", by=manager)
    moved()

    # Saving a form where nothing changed is not a change.
    d = cases.detail(d.id)
    unchanged = cases.update_facts(case_id=d.id, expected_version=d.version, by=manager,
                                   case_changes={"description": "外箱压痕"}, parcel_changes={})
    assert unchanged.version == d.version
    assert queries.change_marker() == seen[-1]


def test_a_parcel_corrected_through_another_case_changes_this_cases_stamp(services: Services,
                                                                          manager: int) -> None:
    a = services.cases.register_case(tracking_no="SF9400000000002", kind=ProblemKind.DAMAGED, by=manager)
    b = services.cases.register_case(tracking_no="SF9400000000002", kind=ProblemKind.DELAYED, by=manager)
    stamp_b = services.queries.case_stamps([b.id])[b.id]
    services.cases.update_facts(case_id=a.id, expected_version=a.version, by=manager,
                                parcel_changes={"recipient_name": "赵六"})
    assert services.queries.case_stamps([b.id])[b.id] != stamp_b  # b shows the same parcel
    assert services.queries.case_stamps([]) == {}
    assert set(services.queries.case_stamps([a.id, b.id, 999_999])) == {a.id, b.id}
