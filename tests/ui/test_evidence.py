"""The Evidence tab, the photo viewer, the camera dialog and barcodes read from pictures.

Real services on a fresh database (the photo store lives in the test's tmp
folder). Imports run in a worker thread (``jobs.py`` never runs inline) and
thumbnails in the image pool, so tests wait for them with ``qtbot.waitUntil``;
everything else (``run_task``) is synchronous in tests. Chinese text goes in
with ``setText`` only.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage, QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget

from depot_app.config import UserPreferences
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.vocabulary import PhotoSlot, Role
from depot_app.services.photos import PhotoItem
from depot_app.ui.application import build_context
from depot_app.ui.common import files as files_module
from depot_app.ui.common.background import Pool, pending
from depot_app.ui.evidence import camera as camera_module
from depot_app.ui.evidence import photo_details as details_module
from depot_app.ui.evidence.evidence_tab import EvidenceTab
from depot_app.ui.evidence.thumbnails import ROLE_ID, ROLE_KIND
from depot_app.ui.main_window import MainWindow
from depot_app.ui.registration.registration_dialog import RegistrationDialog
from depot_app.ui.workspace.case_workspace import TAB_EVIDENCE, CaseWorkspace
from tests.services.test_barcodes import as_jpeg, code128, in_a_photo

SF = "SF1234567890123"
JD = "JD0012345678901"
MANAGER = "网点负责人"


# =================================================================== helpers
def jpeg_file(folder: Path, name: str, *, size: tuple[int, int] = (640, 480), seed: int = 1,
              orientation: int | None = None) -> Path:
    """A JPEG with noise in a colour of its own (a new seed gives new bytes)."""
    noise = Image.effect_noise(size, 20 + seed).convert("RGB")
    tint = Image.new("RGB", size, ((seed * 67) % 256, (seed * 29) % 256, (seed * 113) % 256))
    image = Image.blend(noise, tint, 0.6)
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    path = folder / name
    image.save(path, "JPEG", quality=85, exif=exif)
    return path


def png_file(folder: Path, name: str) -> Path:
    path = folder / name
    Image.linear_gradient("L").resize((300, 200)).convert("RGB").save(path, "PNG")
    return path


def drop_on(widget: QWidget, mime: QMimeData) -> QDropEvent:
    """A drag that enters ``widget`` and is dropped on it, as the window system delivers one."""
    pos = QPoint(20, 20)
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted(), "the widget refused the drag"
    drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    return drop


def files_mime(paths: list[Path]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def settle(qtbot, tab: EvidenceTab) -> None:  # noqa: ANN001
    """Wait for the import worker and every thumbnail."""
    qtbot.waitUntil(lambda: not tab.importing, timeout=20_000)
    qtbot.waitUntil(lambda: tab.thumbnails_pending == 0 and pending(Pool.IMAGES) == 0, timeout=20_000)


def import_files(qtbot, tab: EvidenceTab, paths: list[Path], slot: PhotoSlot | None = None) -> None:  # noqa: ANN001
    if slot is not None:
        tab.set_chosen_slot(slot)
    drop_on(tab, files_mime(paths))
    settle(qtbot, tab)


def gallery_rows(tab: EvidenceTab, slot: PhotoSlot) -> list[dict[str, object]]:
    model = tab.gallery(slot).photo_model
    return [{"id": model.item(r).data(ROLE_ID), "kind": model.item(r).data(ROLE_KIND),
             "text": model.item(r).text(), "tooltip": model.item(r).toolTip()} for r in range(model.rowCount())]


def timeline_actions(ws: CaseWorkspace) -> list[tuple[str, str]]:
    tree = ws.timeline.list
    return [(tree.topLevelItem(i).text(2), tree.topLevelItem(i).text(5)) for i in range(tree.topLevelItemCount())]


def service_photos(ctx, case_id: int, include_deleted: bool = True) -> list[PhotoItem]:  # noqa: ANN001
    return ctx.services.photos.photos(case_id, include_deleted=include_deleted)


@pytest.fixture
def case(ctx):  # noqa: ANN001, ANN201
    return ctx.services.cases.register_case(tracking_no=SF, kind=ProblemKind.DAMAGED, by=ctx.operator.id,
                                            reporter_name="王小明", reporter_contact="13812345678")


def open_workspace(qtbot, ctx, case_id: int) -> CaseWorkspace:  # noqa: ANN001
    ws = CaseWorkspace(ctx, case_id)
    qtbot.addWidget(ws)
    ws.resize(1300, 800)
    ws.show()
    qtbot.waitExposed(ws)
    ws.tabs.setCurrentIndex(TAB_EVIDENCE)
    return ws


@pytest.fixture
def ws(qtbot, ctx, case) -> CaseWorkspace:  # noqa: ANN001
    return open_workspace(qtbot, ctx, case.id)


@pytest.fixture
def tab(ws: CaseWorkspace) -> EvidenceTab:
    assert ws.tabs.currentWidget() is ws.evidence
    return ws.evidence


# ================================================================ importing
def test_the_tab_sits_after_contacts_with_its_names(ws: CaseWorkspace, tab: EvidenceTab) -> None:
    assert ws.tabs.indexOf(tab) == TAB_EVIDENCE == 2
    assert ws.tabs.tabText(TAB_EVIDENCE) == "证据照片"
    assert ws.tabs.tabToolTip(TAB_EVIDENCE) == "Alt+3"
    for name in ("evidenceTab", "evidenceSlot", "evidenceAdd", "evidenceCamera", "evidenceShowDeleted",
                 "evidenceRefusals", *(f"evidenceGallery_{s.value}" for s in PhotoSlot)):
        widget = ws.findChild(QWidget, name)
        assert widget is not None, name
        assert widget.accessibleName(), name
    assert [tab.slot_combo.itemText(i) for i in range(tab.slot_combo.count())] == [
        "外包装", "内件", "面单", "称重", "签收/交接", "其他"]
    assert tab.add_button.text() == "添加照片(&A)…"
    assert all(not tab.gallery(s).isVisibleTo(tab) for s in PhotoSlot)  # nothing yet: "暂无照片"
    assert tab.slot_empty[PhotoSlot.EXTERIOR].text() == "暂无照片"


def test_dropped_files_appear_as_thumbnails_in_the_chosen_slot(qtbot, ctx, ws,  # noqa: ANN001
                                                               tab, tmp_path, errors) -> None:
    files = [jpeg_file(tmp_path, "label-1.jpg", seed=1), png_file(tmp_path, "label-2.png")]
    tab.set_chosen_slot(PhotoSlot.LABEL)
    drop = drop_on(tab, files_mime(files))
    assert drop.isAccepted()
    assert tab.importing  # in a worker, behind a progress dialog with Cancel
    assert tab.progress_dialog is not None and tab.progress_dialog.objectName() == "photoImportProgress"
    settle(qtbot, tab)

    rows = gallery_rows(tab, PhotoSlot.LABEL)
    assert len(rows) == 2
    assert all(r["kind"] == "photo" for r in rows)
    assert all(r["text"] == f"（无说明）\n{MANAGER} · 11-20 10:00" for r in rows)
    for slot in PhotoSlot:
        assert tab.gallery(slot).isVisibleTo(tab) == (slot is PhotoSlot.LABEL), slot
    assert tab.slot_titles[PhotoSlot.LABEL].text() == "面单（2）"
    # The thumbnails came from the image pool: every photo has its decoded thumbnail now.
    stored = service_photos(ctx, ws.case_id)
    assert {p.slot for p in stored} == {PhotoSlot.LABEL}
    assert {p.original_name for p in stored} == {"label-1.jpg", "label-2.png"}
    assert all(p.sha256 in tab._images for p in stored)
    assert tab.status_label.text() == "已添加 2 张照片。"
    assert not tab.refusals_box.isVisibleTo(tab)
    # The timeline shows the additions in Chinese.
    assert [a for a, _d in timeline_actions(ws)].count("添加照片") == 2
    assert errors == []


def test_a_bad_file_is_refused_with_its_reason_while_the_rest_import(qtbot, ctx, ws, tab, tmp_path,  # noqa: ANN001
                                                                       errors) -> None:
    from depot_app.ui.common.i18n import LanguageManager

    good = jpeg_file(tmp_path, "box.jpg", seed=3)
    text = tmp_path / "notes.txt"
    text.write_text("收件人说外箱破了", encoding="utf-8")
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(jpeg_file(tmp_path, "whole.jpg", seed=4).read_bytes()[:1500])
    other = png_file(tmp_path, "side.png")
    import_files(qtbot, tab, [good, text, broken, other], PhotoSlot.EXTERIOR)

    assert [r["kind"] for r in gallery_rows(tab, PhotoSlot.EXTERIOR)] == ["photo", "photo"]
    assert tab.refusals_box.isVisibleTo(tab)
    lines = tab.refusal_texts()
    assert [kind for kind, _t in lines] == ["refused", "refused"]
    assert lines[0][1].startswith("notes.txt 不是照片（纯文本）")
    assert lines[1][1].startswith("broken.jpg 不完整")
    assert tab.status_label.text() == "已添加 2 张照片。2 个文件未添加，见下方列表。"
    # The reasons follow the interface language.
    try:
        LanguageManager.instance().set_language("en")
        assert tab.refusal_texts()[0][1].startswith("notes.txt is not a photo (plain text)")
        assert tab.status_label.text() == "2 photo(s) added. 2 file(s) not added: see the list."
    finally:
        LanguageManager.instance().set_language("zh_CN")
    assert tab.refusal_texts()[0][1].startswith("notes.txt 不是照片")
    tab.refusals_dismiss.click()
    assert not tab.refusals_box.isVisibleTo(tab)
    assert errors == []


def test_a_photo_already_on_the_case_is_reported_as_a_duplicate(qtbot, tab, tmp_path) -> None:  # noqa: ANN001
    photo = jpeg_file(tmp_path, "dent.jpg", seed=5)
    import_files(qtbot, tab, [photo], PhotoSlot.EXTERIOR)
    photo_id = gallery_rows(tab, PhotoSlot.EXTERIOR)[0]["id"]
    copy = tmp_path / "dent-copy.jpg"
    copy.write_bytes(photo.read_bytes())
    import_files(qtbot, tab, [copy], PhotoSlot.CONTENTS)
    assert len(gallery_rows(tab, PhotoSlot.EXTERIOR)) == 1
    assert gallery_rows(tab, PhotoSlot.CONTENTS) == []
    assert tab.refusal_texts() == [
        ("duplicate", f"dent-copy.jpg 已在本问题件中（照片 #{photo_id}），未重复添加。")]
    assert tab.status_label.text() == "已添加 0 张照片。1 张已在本问题件中。"


def test_add_photos_uses_a_replaceable_file_dialog(qtbot, ctx, tab, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    chosen = [jpeg_file(tmp_path, f"scale-{n}.jpg", seed=10 + n) for n in range(3)]
    asked: list[str] = []

    def fake_dialog(parent, title, name_filter, then):  # noqa: ANN001, ANN202
        asked.append(title)
        then(chosen)

    monkeypatch.setattr(files_module, "choose_photo_files", fake_dialog)
    tab.set_chosen_slot(PhotoSlot.SCALE)
    tab.add_button.click()
    settle(qtbot, tab)
    assert asked == ["添加照片到“称重”"]
    assert len(gallery_rows(tab, PhotoSlot.SCALE)) == 3


def test_ctrl_v_pastes_a_picture_from_the_clipboard(qtbot, ctx, ws, tab) -> None:  # noqa: ANN001
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkYellow)
    QGuiApplication.clipboard().setImage(image)
    tab.set_chosen_slot(PhotoSlot.HANDOVER)
    tab.show_deleted.setFocus()
    qtbot.keyClick(tab.show_deleted, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, tab)
    stored = service_photos(ctx, ws.case_id)
    assert len(stored) == 1
    assert stored[0].slot is PhotoSlot.HANDOVER
    assert stored[0].original_name.startswith("clipboard-") and stored[0].media_type == "image/png"
    # Nothing usable on the clipboard: said, not failed.
    QGuiApplication.clipboard().setText("hello")
    tab.paste()
    assert tab.status_label.text() == "剪贴板中没有图片，也没有照片文件。"


# ================================================================== editing
def test_caption_and_rotation_are_saved_and_shown(qtbot, ctx, ws, tab, tmp_path) -> None:  # noqa: ANN001
    import_files(qtbot, tab, [jpeg_file(tmp_path, "box.jpg")], PhotoSlot.EXTERIOR)
    photo_id = int(gallery_rows(tab, PhotoSlot.EXTERIOR)[0]["id"])
    tab.select_photo(photo_id)
    assert tab.caption_edit.isEnabled()
    tab.caption_edit.setText("右上角压痕")
    qtbot.keyClick(tab.caption_edit, Qt.Key.Key_Return)
    assert service_photos(ctx, ws.case_id)[0].caption == "右上角压痕"
    assert gallery_rows(tab, PhotoSlot.EXTERIOR)[0]["text"].startswith("右上角压痕\n")

    tab.rotate_right_button.click()
    assert service_photos(ctx, ws.case_id)[0].rotation == 90
    tab.rotate_left_button.click()
    tab.rotate_left_button.click()
    assert service_photos(ctx, ws.case_id)[0].rotation == 270
    assert "显示时旋转 270°" in tab.info.text()
    # The slot box files it elsewhere.
    tab.move_combo.setCurrentIndex(tab.move_combo.findData(PhotoSlot.CONTENTS.value))
    tab.move_combo.activated.emit(tab.move_combo.currentIndex())
    assert service_photos(ctx, ws.case_id)[0].slot is PhotoSlot.CONTENTS
    assert [r["id"] for r in gallery_rows(tab, PhotoSlot.CONTENTS)] == [photo_id]
    assert tab.current_id == photo_id  # still selected after the move

    # Read back from the database by a fresh workspace: it all persisted.
    again = open_workspace(qtbot, ctx, ws.case_id).evidence
    settle(qtbot, again)
    stored = again.item(photo_id)
    assert stored is not None and (stored.caption, stored.rotation, stored.slot) == (
        "右上角压痕", 270, PhotoSlot.CONTENTS)
    edits = [d for a, d in timeline_actions(ws) if a == "修改照片"]
    assert len(edits) == 5  # caption, three turns, slot


def test_delete_asks_why_hides_the_photo_and_records_it(qtbot, ctx, ws, tab, tmp_path, errors) -> None:  # noqa: ANN001
    import_files(qtbot, tab, [jpeg_file(tmp_path, "blurred.jpg")], PhotoSlot.LABEL)
    photo_id = int(gallery_rows(tab, PhotoSlot.LABEL)[0]["id"])
    tab.select_photo(photo_id)
    tab.delete_button.click()
    dialog = tab.reason_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.objectName() == "photoDeleteDialog"
    assert not dialog.ok_button.isEnabled()  # a reason is required
    dialog.text_edit.setText("照片模糊，已重拍")
    dialog.ok_button.click()

    assert gallery_rows(tab, PhotoSlot.LABEL) == []  # hidden by default
    stored = service_photos(ctx, ws.case_id)[0]
    assert stored.deleted and stored.delete_reason == "照片模糊，已重拍"
    assert ("删除照片", f"照片 #{photo_id} blurred.jpg: 照片模糊，已重拍") in timeline_actions(ws)
    assert service_photos(ctx, ws.case_id, include_deleted=False) == []

    tab.show_deleted.setChecked(True)
    rows = gallery_rows(tab, PhotoSlot.LABEL)
    assert [r["kind"] for r in rows] == ["deleted"]
    assert rows[0]["text"].startswith("已删除：（无说明）")
    tab.select_photo(photo_id)
    assert not tab.caption_edit.isEnabled() and not tab.delete_button.isEnabled()
    assert tab.deleted_note.text().endswith("删除：照片模糊，已重拍")
    assert errors == []


def _deleted_photo(ctx, case_id: int, folder: Path) -> int:  # noqa: ANN001
    result = ctx.services.photos.add_photos(case_id=case_id, files=[jpeg_file(folder, "wrong.jpg", seed=9)],
                                            slot=PhotoSlot.OTHER, by=ctx.services.operators.ensure_first().id)
    photo_id = result.added[0].id
    ctx.services.photos.delete(photo_id=photo_id, reason="拍错了快件", by=ctx.services.operators.ensure_first().id)
    return photo_id


def test_a_clerk_cannot_purge(qtbot, ctx, case, tmp_path) -> None:  # noqa: ANN001
    photo_id = _deleted_photo(ctx, case.id, tmp_path)
    clerk = ctx.services.operators.add(name="李客服", role=Role.CLERK, by=ctx.operator.id)
    clerk_ctx = build_context(ctx.config, ctx.services, clerk, UserPreferences(language="zh_CN"))
    tab = open_workspace(qtbot, clerk_ctx, case.id).evidence
    tab.show_deleted.setChecked(True)
    tab.select_photo(photo_id)
    assert tab.purge_button.isVisibleTo(tab)
    assert not tab.purge_button.isEnabled()
    assert tab.purge_button.toolTip() == "只有网点负责人可以彻底清除照片"
    assert tab.purge_note.isVisibleTo(tab)
    tab.request_purge(photo_id)
    assert tab.status_label.text() == "只有网点负责人可以彻底清除照片。"
    assert [p.id for p in service_photos(ctx, case.id)] == [photo_id]


def test_a_manager_purges_a_deleted_photo_after_confirming(qtbot, ctx, ws, tab, tmp_path,  # noqa: ANN001
                                                           monkeypatch) -> None:
    photo_id = _deleted_photo(ctx, ws.case_id, tmp_path)
    sha = service_photos(ctx, ws.case_id)[0].sha256
    ws.reload()
    asked: list[str] = []
    answers = iter([False, True])

    def confirm(parent, title, text, then):  # noqa: ANN001, ANN202
        asked.append(text)
        if next(answers):
            then()

    monkeypatch.setattr(details_module, "ask_confirmation", confirm)
    tab.show_deleted.setChecked(True)
    tab.select_photo(photo_id)
    assert tab.purge_button.isVisibleTo(tab) and tab.purge_button.isEnabled()
    tab.purge_button.click()  # answered No
    assert [p.id for p in service_photos(ctx, ws.case_id)] == [photo_id]
    tab.purge_button.click()  # answered Yes
    assert asked[0].startswith("彻底清除“wrong.jpg”？")
    assert service_photos(ctx, ws.case_id) == []
    assert ctx.services.photos.path_for(sha) is None
    assert gallery_rows(tab, PhotoSlot.OTHER) == []
    purged = [d for a, d in timeline_actions(ws) if a == "彻底清除照片"]
    assert purged == [f"照片 #{photo_id} wrong.jpg（SHA-256 {sha[:12]}…）；删除原因：拍错了快件"]


def test_a_missing_file_shows_a_placeholder_not_a_crash(qtbot, ctx, ws, tab, tmp_path, errors) -> None:  # noqa: ANN001
    import_files(qtbot, tab, [jpeg_file(tmp_path, "gone.jpg")], PhotoSlot.EXTERIOR)
    stored = service_photos(ctx, ws.case_id)[0]
    original = ctx.services.photos.path_for(stored.sha256)
    assert original is not None
    original.chmod(0o644)
    original.unlink()
    for thumb in (tmp_path / "photos" / "thumbs").glob(f"{stored.sha256}-*.jpg"):
        thumb.unlink()  # a new desk: no cached thumbnail either
    tab._images.clear()
    ws.reload()
    settle(qtbot, tab)

    rows = gallery_rows(tab, PhotoSlot.EXTERIOR)
    assert [r["kind"] for r in rows] == ["missing"]
    assert "照片文件夹中缺少该文件" in str(rows[0]["tooltip"])
    tab.select_photo(stored.id)
    assert "照片文件夹中缺少该文件" in tab.info.text()
    assert tab.preview.pixmap() is not None and not tab.preview.pixmap().isNull()
    viewer = tab.open_viewer(stored.id)
    assert viewer is not None
    assert viewer.image_state == "missing"
    assert viewer.view.message_item is not None
    message = viewer.view.message_item.toPlainText()
    assert message.startswith("文件缺失：gone.jpg 的原图不在照片文件夹中")
    viewer.reject()
    assert errors == []


# =================================================================== viewer
def test_the_viewer_steps_zooms_rotates_and_edits_the_caption(qtbot, ctx, ws, tab, tmp_path) -> None:  # noqa: ANN001
    files = [jpeg_file(tmp_path, f"p{n}.jpg", size=(1600, 1200), seed=20 + n) for n in range(3)]
    import_files(qtbot, tab, files, PhotoSlot.CONTENTS)
    ids = [int(r["id"]) for r in gallery_rows(tab, PhotoSlot.CONTENTS)]
    tab.select_photo(ids[0])
    tab.view_button.click()
    viewer = tab.viewer
    assert viewer is not None and viewer.isVisible() and viewer.objectName() == "photoViewer"
    qtbot.waitUntil(lambda: viewer.image_state == "ready", timeout=10_000)
    assert viewer.windowTitle() == "照片 1/3"
    view = viewer.view
    view.setFocus()

    # Fitted to the window (smaller than 100 %); +, −, 1 and 0 from the keyboard; the wheel.
    fitted = view.zoom()
    assert 0.05 < fitted < 1.0
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.zoom() == pytest.approx(fitted * 1.25)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.zoom() == pytest.approx(fitted)
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert view.zoom() == pytest.approx(1.0)
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert view.zoom() == pytest.approx(fitted)
    centre = QPointF(view.viewport().rect().center())
    wheel = QWheelEvent(centre, view.viewport().mapToGlobal(centre), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoom() == pytest.approx(fitted * 1.25)
    assert viewer.zoom_label.text() == f"{round(fitted * 125)}%"
    assert view.dragMode() == view.DragMode.ScrollHandDrag  # dragging pans

    # Next / previous with the arrow keys and PgUp/PgDn; the buttons stop at the ends.
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert viewer.index == 1 and viewer.windowTitle() == "照片 2/3"
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert viewer.index == 2 and not viewer.next_button.isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert viewer.index == 2
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert viewer.index == 0 and not viewer.prev_button.isEnabled()
    viewer.next_button.click()
    assert viewer.index == 1
    assert tab.current_id == ids[1]  # the gallery follows
    qtbot.waitUntil(lambda: viewer.image_state == "ready", timeout=10_000)

    # Rotation is stored and applied to the view.
    viewer.rotate_right_button.click()
    assert ctx.services.photos.photos(ws.case_id)[1].rotation == 90
    assert view.rotation == 90
    assert viewer.current().rotation == 90
    viewer.rotate_left_button.click()
    viewer.rotate_left_button.click()
    assert ctx.services.photos.photos(ws.case_id)[1].rotation == 270
    assert view.rotation == 270

    # The caption: Enter saves it.
    viewer.caption_edit.setText("玻璃杯碎片")
    qtbot.keyClick(viewer.caption_edit, Qt.Key.Key_Return)
    assert ctx.services.photos.photos(ws.case_id)[1].caption == "玻璃杯碎片"
    assert gallery_rows(tab, PhotoSlot.CONTENTS)[1]["text"].startswith("玻璃杯碎片\n")
    viewer.close_button.click()
    assert not viewer.isVisible()


def test_the_viewer_honours_exif_orientation_and_shows_no_location(qtbot, ctx, ws,  # noqa: ANN001
                                                                   tab, tmp_path) -> None:
    # Stored 400×300 landscape, EXIF says "turn 90° clockwise": a 300×400 portrait on screen.
    path = tmp_path / "portrait.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6
    gps = exif.get_ifd(0x8825)
    gps[2] = (31.0, 14.0, 0.0)  # a latitude: must never show up
    Image.effect_noise((400, 300), 30).convert("RGB").save(path, "JPEG", exif=exif)
    import_files(qtbot, tab, [path], PhotoSlot.LABEL)
    viewer = tab.open_viewer(int(gallery_rows(tab, PhotoSlot.LABEL)[0]["id"]))
    assert viewer is not None
    qtbot.waitUntil(lambda: viewer.image_state == "ready", timeout=10_000)
    pixmap = viewer.view.pixmap_item.pixmap()
    assert (pixmap.width(), pixmap.height()) == (300, 400)
    assert "300×400" in viewer.info_label.text()
    assert "31" not in viewer.info_label.text().replace("300×400", "")
    viewer.reject()


# =================================================================== camera
def test_no_camera_disables_take_photos_and_the_dialog_says_so(qtbot, ctx, case, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(camera_module, "list_cameras", list)
    tab = open_workspace(qtbot, ctx, case.id).evidence
    assert not tab.camera_button.isEnabled()
    assert tab.camera_button.toolTip() == "未找到摄像头"
    assert tab.camera_note.isVisibleTo(tab) and tab.camera_note.text() == "未找到摄像头"

    dialog = tab.open_camera()
    assert dialog.isVisible() and dialog.objectName() == "cameraDialog"
    assert dialog.stack.currentWidget() is dialog.no_camera
    assert dialog.no_camera.objectName() == "cameraNoCamera"
    assert dialog.message().startswith("未找到摄像头\n")
    assert "请连接 USB 摄像头或高拍仪" in dialog.message()
    assert not dialog.chooser.isEnabled() and dialog.chooser.count() == 0
    assert not dialog.capture_button.isEnabled()
    assert not dialog.use_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Space)  # nothing to capture with: nothing happens
    assert dialog.shots == []
    assert dialog.destination_label.text() == "照片归入：外包装"
    dialog.reject()


def test_shots_from_the_camera_dialog_are_imported_into_the_slot(qtbot, ctx, ws,  # noqa: ANN001
                                                                 tab, monkeypatch) -> None:
    monkeypatch.setattr(camera_module, "list_cameras", list)
    tab.set_chosen_slot(PhotoSlot.SCALE)
    dialog = tab.open_camera()
    for colour in (Qt.GlobalColor.red, Qt.GlobalColor.blue):  # what QImageCapture delivers
        shot = QImage(640, 480, QImage.Format.Format_RGB32)
        shot.fill(colour)
        dialog.add_shot(shot)
    assert dialog.strip.count() == 2 and dialog.count_label.text() == "已拍 2 张"
    dialog.strip.setCurrentRow(0)
    dialog.remove_button.click()
    assert dialog.strip.count() == 1
    assert dialog.use_button.isEnabled()
    dialog.use_button.click()
    settle(qtbot, tab)
    stored = service_photos(ctx, ws.case_id)
    assert len(stored) == 1
    assert stored[0].slot is PhotoSlot.SCALE and stored[0].media_type == "image/jpeg"
    assert stored[0].original_name.startswith("camera-")


# ================================================================= barcodes
@pytest.fixture
def window(qtbot, ctx) -> MainWindow:  # noqa: ANN001
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def label_photo(folder: Path, *numbers: str) -> Path:
    """A counter photo of a label with a Code 128 barcode per number, side by side."""
    bars = [code128(n) for n in numbers]
    strip = Image.new("L", (sum(b.width for b in bars) + 60 * (len(bars) - 1), max(b.height for b in bars)), 255)
    x = 0
    for b in bars:
        strip.paste(b, (x, 0))
        x += b.width + 60
    path = folder / "label.jpg"
    path.write_bytes(as_jpeg(in_a_photo(strip, angle=3, size=(1400, 1000), label_width=600 * len(numbers))))
    return path


def no_barcode_photo(folder: Path) -> Path:
    path = folder / "box.jpg"
    path.write_bytes(as_jpeg(in_a_photo(Image.new("L", (300, 120), 255), size=(800, 600), label_width=200)))
    return path


def test_a_label_photo_dropped_on_the_scan_box_registers_its_number(qtbot, ctx, window,  # noqa: ANN001
                                                                    tmp_path, errors) -> None:
    drop_on(window.scan_box, files_mime([label_photo(tmp_path, SF)]))
    dialog = getattr(window, "_registration", None)
    assert isinstance(dialog, RegistrationDialog) and dialog.isVisible()
    assert dialog.tracking_edit.text() == SF
    assert dialog.carrier_combo.currentData() == "sf"
    assert not window.scan_message.isVisible()
    assert errors == []


def test_a_pasted_picture_with_a_known_number_opens_its_case(qtbot, ctx, window, tmp_path) -> None:  # noqa: ANN001
    case = ctx.services.cases.register_case(tracking_no=SF, kind=ProblemKind.DAMAGED, by=ctx.operator.id)
    QGuiApplication.clipboard().setImage(QImage(str(label_photo(tmp_path, SF))))
    window.scan_box.setFocus()
    qtbot.keyClick(window.scan_box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.workspace(case.id)
    assert getattr(window, "_registration", None) is None


def test_a_picture_without_a_barcode_says_so_under_the_scan_box(qtbot, ctx, window, tmp_path) -> None:  # noqa: ANN001
    drop_on(window.scan_box, files_mime([no_barcode_photo(tmp_path)]))
    assert window.scan_message.isVisible()
    assert window.scan_message.text() == "图片中未找到运单号"
    assert getattr(window, "_registration", None) is None


def test_several_numbers_in_one_picture_offer_a_chooser(qtbot, ctx, window, tmp_path) -> None:  # noqa: ANN001
    drop_on(window.scan_box, files_mime([label_photo(tmp_path, SF, JD)]))
    chooser = window._barcode_chooser
    assert chooser is not None and chooser.isVisible() and chooser.objectName() == "barcodeChooser"
    assert window.scan_message.text() == "图片中有 2 个运单号，请选择一个。"
    numbers = [chooser.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(chooser.list.count())]
    assert sorted(numbers) == sorted([SF, JD])
    chooser.list.setCurrentRow(numbers.index(JD))
    chooser.accept()
    dialog = getattr(window, "_registration", None)
    assert isinstance(dialog, RegistrationDialog) and dialog.tracking_edit.text() == JD


def test_the_registration_reads_the_number_from_a_label_photo(qtbot, ctx, tmp_path,  # noqa: ANN001
                                                              monkeypatch) -> None:
    photos = iter([label_photo(tmp_path, SF), no_barcode_photo(tmp_path)])
    monkeypatch.setattr(files_module, "choose_label_photo",
                        lambda parent, title, name_filter, then: then(next(photos)))
    dialog = RegistrationDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    button = dialog.findChild(QWidget, "regReadFromPhoto")
    assert button is dialog.read_photo_button and button.accessibleName() == "从面单照片识别运单号"
    assert button.text() == "从照片识别(&H)…"
    button.click()
    assert dialog.tracking_edit.text() == SF
    assert dialog.carrier_combo.currentData() == "sf"
    assert dialog.field_error("tracking_no") == ""
    assert QApplication.focusWidget() is dialog.kind_combo or not dialog.isActiveWindow()
    button.click()  # a photo without a barcode
    assert dialog.field_error("tracking_no") == "图片中未找到运单号"


def test_image_sources_from_a_drop(tmp_path: Path) -> None:
    from depot_app.ui.common.image_sources import sources_from_mime

    photo = jpeg_file(tmp_path, "a.jpg")
    note = tmp_path / "b.txt"
    note.write_text("x")
    mime = files_mime([photo, note])
    assert sources_from_mime(mime) == [photo, note]  # the import says why it refuses b.txt
    assert sources_from_mime(mime, images_only=True) == [photo]
    raw = QMimeData()
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "PNG")
    raw.setData("image/png", buffer.getvalue())
    [(name, data)] = sources_from_mime(raw)
    assert name.endswith(".png") and data == buffer.getvalue()
