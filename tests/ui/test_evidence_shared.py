"""The Evidence tab of a second desk of a PostgreSQL depot shows photos another desk added.

The photos are in the database; the second desk has never seen them, so
each thumbnail is made from an original fetched into its own cache. With
``DEPOT_RENDER_DIR`` set the tab is saved there as a PNG in each language.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete

from depot_app.config import AppConfig, UserPreferences
from depot_app.db.models import PhotoBlob, PhotoBlobChunk
from depot_app.domain.clock import FixedClock
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.vocabulary import PhotoSlot
from depot_app.services import Services
from depot_app.services.photo_blobs import BlobPhotoStore
from depot_app.ui.application import build_context
from depot_app.ui.common.background import Pool, pending
from depot_app.ui.common.i18n import LanguageManager
from depot_app.ui.evidence.thumbnails import ROLE_KIND
from depot_app.ui.workspace.case_workspace import TAB_EVIDENCE, CaseWorkspace
from tests.conftest import START, _new_pg_database
from tests.services.test_photos import jpeg

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_url(pg_server) -> str:  # noqa: ANN001
    if pg_server is None:
        pytest.skip("PostgreSQL is not available here (apt-get install postgresql)")
    return _new_pg_database(pg_server)


@pytest.fixture(params=["zh_CN", "en"])
def desks(request: pytest.FixtureRequest, pg_url: str, tmp_path: Path) -> Iterator[tuple[Services, Services, str]]:
    LanguageManager.instance().set_language(request.param)
    here = Services.open(pg_url, clock=FixedClock(START), photo_dir=tmp_path / "desk-1" / "photos")
    there = Services.open(pg_url, clock=FixedClock(START), migrate=False, photo_dir=tmp_path / "desk-2" / "photos")
    yield here, there, request.param
    here.close()
    there.close()
    LanguageManager.instance().set_language("zh_CN")


def test_the_other_desk_shows_the_photos_from_the_database(qtbot, desks, tmp_path, errors) -> None:  # noqa: ANN001
    here, there, language = desks
    manager = here.operators.ensure_first()
    case = here.cases.register_case(tracking_no="SF1234567890123", kind=ProblemKind.DAMAGED, by=manager.id)
    here.photos.add_photos(case_id=case.id, files=[(f"box-{i}.jpg", jpeg((900, 600), seed=i)) for i in range(3)],
                           slot=PhotoSlot.EXTERIOR, by=manager.id, caption="外箱破损")
    here.photos.add_photos(case_id=case.id, files=[("label.jpg", jpeg((600, 800), seed=9))],
                           slot=PhotoSlot.LABEL, by=manager.id)
    lost = here.photos.add_photos(case_id=case.id, files=[("scale.jpg", jpeg((600, 800), seed=11))],
                                  slot=PhotoSlot.SCALE, by=manager.id).added[0]
    with here.db.write() as s:  # as if restored from a dump made before this photo was added
        s.execute(delete(PhotoBlobChunk).where(PhotoBlobChunk.sha256 == lost.sha256))
        s.execute(delete(PhotoBlob).where(PhotoBlob.sha256 == lost.sha256))
    store = there.photos.store
    assert isinstance(store, BlobPhotoStore) and store.cache_usage() == (0, 0)

    ctx = build_context(AppConfig(data_dir=tmp_path / "desk-2", db_url=pg_url), there, manager,
                        UserPreferences(language=language))
    ws = CaseWorkspace(ctx, case.id)
    qtbot.addWidget(ws)
    ws.resize(1300, 800)
    ws.show()
    qtbot.waitExposed(ws)
    ws.tabs.setCurrentIndex(TAB_EVIDENCE)
    tab = ws.evidence
    qtbot.waitUntil(lambda: len(tab.items) == 5, timeout=20_000)
    qtbot.waitUntil(lambda: tab.thumbnails_pending == 0 and pending(Pool.IMAGES) == 0, timeout=20_000)
    assert len(tab._images) == 4 and not tab._thumb_errors
    model = tab.gallery(PhotoSlot.EXTERIOR).photo_model
    assert [model.item(r).data(ROLE_KIND) for r in range(model.rowCount())] == ["photo"] * 3
    assert store.cache_usage()[0] == 4, "each thumbnail came from an original fetched into this desk's cache"
    scale = tab.gallery(PhotoSlot.SCALE).photo_model.item(0)
    assert scale.data(ROLE_KIND) == "missing"
    assert ("数据库中缺少原图" if language == "zh_CN" else "Original missing from the database") in scale.toolTip()
    out = os.environ.get("DEPOT_RENDER_DIR")
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        ws.grab().save(str(Path(out) / f"{language}-evidence-second-desk.png"))
    # The viewer fetches in its worker; the photo whose blob is gone says so instead of an image.
    label = next(i for i in tab.items if i.slot is PhotoSlot.LABEL)
    viewer = tab.open_viewer(label.id)
    assert viewer is not None
    qtbot.addWidget(viewer)
    qtbot.waitUntil(lambda: viewer.image_state == "ready", timeout=10_000)
    viewer.close()
    missing = tab.open_viewer(lost.id)
    assert missing is not None
    qtbot.addWidget(missing)
    assert missing.image_state == "missing"
    missing.close()
    assert errors == []


def test_the_backups_dialog_of_a_postgres_desk_says_the_dump_holds_the_photos(qtbot, desks, tmp_path,  # noqa: ANN001
                                                                              errors) -> None:
    from depot_app.ui.records.backup_dialog import BackupDialog

    _here, there, language = desks
    manager = there.operators.ensure_first()
    ctx = build_context(AppConfig(data_dir=tmp_path / "desk-2", db_url=there.db.url), there, manager,
                        UserPreferences(language=language))
    dialog = BackupDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    note = dialog.postgres_note.text()
    assert "pg_dump" in note and str(tmp_path / "desk-2" / "photo-cache") in note
    assert ("照片也存于数据库中，备份已包含照片" if language == "zh_CN" else "so the dump holds them") in note
    out = os.environ.get("DEPOT_RENDER_DIR")
    if out:
        dialog.grab().save(str(Path(out) / f"{language}-backups-postgres.png"))
