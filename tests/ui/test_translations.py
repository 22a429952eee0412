"""The Chinese interface: the catalogue is complete, compiled, in step with the
code, and the main screens show no English under zh_CN.

* ``depot_zh_CN.ts`` has no unfinished or empty translation, and every
  translation keeps its placeholders, keyboard hints and mnemonic;
* the committed ``depot_zh_CN.qm`` is exactly what ``pyside6-lrelease`` makes
  of the committed ``.ts`` (nobody forgot ``scripts/i18n.py release``);
* ``pyside6-lupdate`` over ``depot_app/ui`` (as ``scripts/i18n.py update`` runs
  it) finds no ``tr()`` string the ``.ts`` lacks;
* a walk over the main window, the registration dialog, every tab of a case
  workspace, the settings dialog and the sign-in dialogs finds no visible text
  without Chinese characters, apart from names, codes and keyboard hints; the
  same walk under English finds plenty (so the walk does see the text), and
  switching back to Chinese leaves nothing English behind.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenuBar,
    QPlainTextEdit,
    QSpinBox,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)

from depot_app.domain.kinds import ProblemKind
from depot_app.ui.common.i18n import LanguageManager, current_language

ROOT = Path(__file__).resolve().parents[2]
I18N_DIR = ROOT / "resources" / "i18n"
TS_FILE = I18N_DIR / "depot_zh_CN.ts"
QM_FILE = I18N_DIR / "depot_zh_CN.qm"
TRACKING_NO = "SF1234567890123"


# ============================================================== the catalogue
def _i18n_script() -> ModuleType:
    """``scripts/i18n.py`` as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("depot_i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _qt_tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    found = str(exe) if exe.exists() else shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed")
    return found


def _messages(ts: Path) -> Iterator[tuple[str, str, list[str]]]:
    """(context, source, translations) of every live message; numerus forms are listed one by one."""
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            tr = message.find("translation")
            if tr is not None and tr.get("type") in ("vanished", "obsolete"):
                continue
            forms = [] if tr is None else ([f.text or "" for f in tr.iter("numerusform")]
                                           if message.get("numerus") == "yes" else [tr.text or ""])
            yield name, message.findtext("source") or "", forms


def test_catalogue_has_no_unfinished_translation() -> None:
    missing = _i18n_script().untranslated("zh_CN")
    assert missing == [], "untranslated in depot_zh_CN.ts (context|source):\n" + "\n".join(
        f"{c}|{s}" for c, s in missing)
    empty = [(c, s) for c, s, forms in _messages(TS_FILE) if not forms or not all(f.strip() for f in forms)]
    assert empty == [], f"empty translations: {empty}"


_PLACEHOLDER = re.compile(r"\{\w*\}|%n|%L?\d")
_HINT = re.compile(r"Ctrl\+\w+|Alt\+\w+|\bF\d{1,2}\b|\bEsc\b")
_MNEMONIC = re.compile(r"&(?!&)(\w)")


def test_translations_keep_placeholders_hints_and_mnemonics() -> None:
    problems = []
    for context, source, forms in _messages(TS_FILE):
        for text in forms:
            where = f"{context}|{source} → {text}"
            if sorted(_PLACEHOLDER.findall(source)) != sorted(_PLACEHOLDER.findall(text)):
                problems.append(f"placeholders differ: {where}")
            for hint in _HINT.findall(source):
                if hint not in text:
                    problems.append(f"keyboard hint {hint} lost: {where}")
            wanted = _MNEMONIC.findall(source)
            given = _MNEMONIC.findall(text)
            if len(given) != len(wanted) or [g.upper() for g in given] != [w.upper() for w in wanted]:
                problems.append(f"mnemonic differs: {where}")
            elif wanted and re.search(r"[\u3400-\u9fff]", text) and not re.search(r"\(&\w\)", text):
                problems.append(f"Chinese mnemonic should read “文字(&X)”: {where}")
    assert problems == [], "\n".join(problems)


def test_committed_qm_is_compiled_from_the_committed_ts(tmp_path: Path) -> None:
    assert QM_FILE.exists(), "depot_zh_CN.qm is missing: run scripts/i18n.py release"
    fresh = tmp_path / "depot_zh_CN.qm"
    subprocess.run([_qt_tool("pyside6-lrelease"), str(TS_FILE), "-qm", str(fresh)],
                   check=True, cwd=ROOT, capture_output=True)
    assert fresh.read_bytes() == QM_FILE.read_bytes(), (
        "depot_zh_CN.qm does not match depot_zh_CN.ts: run scripts/i18n.py release")


def test_every_tr_string_of_the_ui_is_in_the_catalogue(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    script = _i18n_script()
    copy = tmp_path / TS_FILE.name
    shutil.copy(TS_FILE, copy)
    # Exactly what ``scripts/i18n.py update`` runs, on a copy of the committed catalogue.
    subprocess.run([_qt_tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *script.sources(),
                    "-ts", str(copy)], check=True, cwd=ROOT, capture_output=True)
    monkeypatch.setattr(script, "I18N", tmp_path)
    new = script.untranslated("zh_CN")
    assert new == [], ("tr() strings missing from depot_zh_CN.ts (run scripts/i18n.py update, "
                       "translate, release):\n" + "\n".join(f"{c}|{s}" for c, s in new))


# ============================================================== the screens
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
#: Latin text that stays Latin in Chinese: keyboard hints, brand and unit
#: names, language names shown in their own language, and codes (case,
#: tracking and depot numbers, IANA time zones).
_ALLOWED = re.compile(r"""
      (?:Ctrl|Alt|Shift)\+\S+ | \bF\d{1,2}\b | \b(?:Esc|Enter|Tab)\b
    | \bDepot\ Desk\b | \bEnglish\b
    | \b(?:EMS|SF|JD|YTO|ZTO|STO|J&T|UPU|S10|App)\b
    | \bkg\b
    | \b[A-Z]*\d[A-Z0-9]*(?:-[A-Z0-9]+)*\b | \b[A-Z]{2}\d{9}[A-Z]{2}\b
    | \b[A-Z][a-z]+/[A-Za-z_]+\b | \bUTC\b | \bPIN\b | \bCSV\b
    | ^/\S+$
""", re.VERBOSE)


def _plain(text: str) -> str:
    """The text as read: without mnemonic markers."""
    return re.sub(r"\(&(\w)\)", r"(\1)", text).replace("&&", "\0").replace("&", "").replace("\0", "&")


def untranslated_looking(text: str) -> bool:
    """True for text with Latin words and no Chinese, beyond the allowed names and codes."""
    text = _plain(text)
    if _CJK.search(text):
        return False
    return bool(_LATIN.search(_ALLOWED.sub(" ", text)))


def _settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every text a person sees in ``root`` right now."""
    found: list[tuple[str, str]] = []

    def add(widget: QWidget, what: str, text: object) -> None:
        if isinstance(text, str) and text.strip():
            found.append((f"{type(widget).__name__}#{widget.objectName() or '-'}.{what}", text))

    for widget in (root, *root.findChildren(QWidget)):
        if not widget.isVisible():
            continue
        if widget.isWindow():
            add(widget, "windowTitle", widget.windowTitle())
        if isinstance(widget, QLabel):
            add(widget, "text", widget.text())
        if isinstance(widget, QAbstractButton):
            add(widget, "text", widget.text())
            add(widget, "toolTip", widget.toolTip())
        if isinstance(widget, QGroupBox):
            add(widget, "title", widget.title())
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(widget, f"tab[{i}]", widget.tabText(i))
                add(widget, f"tabToolTip[{i}]", widget.tabToolTip(i))
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            add(widget, "placeholderText", widget.placeholderText())
        if isinstance(widget, QComboBox):
            add(widget, "placeholderText", widget.placeholderText())
            for i in range(widget.count()):
                add(widget, f"item[{i}]", widget.itemText(i))
        if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
            add(widget, "prefix", widget.prefix())
            add(widget, "suffix", widget.suffix())
            if widget.value() == widget.minimum():
                add(widget, "specialValueText", widget.specialValueText())
        # Headers are read through the view they belong to.
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView) \
                and widget.model() is not None:
            model = widget.model()
            rows = model.rowCount(QModelIndex())
            try:
                cols = model.columnCount(QModelIndex())
            except TypeError:  # a list model keeps columnCount() private: one column
                cols = 1
            shown = {Qt.Orientation.Horizontal: True, Qt.Orientation.Vertical: False}
            if isinstance(widget, QTableView):
                shown = {Qt.Orientation.Horizontal: widget.horizontalHeader().isVisible(),
                         Qt.Orientation.Vertical: widget.verticalHeader().isVisible()}
            elif isinstance(widget, QTreeView):
                shown[Qt.Orientation.Horizontal] = widget.header().isVisible()
            for orientation, count in ((Qt.Orientation.Horizontal, cols), (Qt.Orientation.Vertical, rows)):
                if shown[orientation]:
                    for section in range(count):
                        add(widget, f"header[{section}]", model.headerData(section, orientation))
            for row in range(min(rows, 50)):
                for col in range(cols):
                    add(widget, f"cell[{row},{col}]", model.data(model.index(row, col)))
        if isinstance(widget, QMenuBar):
            for action in widget.actions():
                add(widget, "menu", action.text())
                menu = action.menu()
                for item in (menu.actions() if menu is not None else []):
                    if not item.isSeparator():
                        add(widget, f"menu[{_plain(action.text())}]", item.text())
    return found


@pytest.fixture
def screens(qtbot, ctx):  # noqa: ANN001, ANN201
    """The main screens, built in Chinese, with one case on file."""
    from depot_app.ui.main_window import MainWindow
    from depot_app.ui.people.session import ChangePinDialog
    from depot_app.ui.people.sign_in import FirstManagerDialog, SignInDialog
    from depot_app.ui.registration.registration_dialog import RegistrationDialog
    from depot_app.ui.settings.settings_dialog import SettingsDialog

    assert current_language() == "zh_CN"
    case = ctx.services.cases.register_case(
        tracking_no=TRACKING_NO, kind=ProblemKind.DAMAGED, by=ctx.operator.id,
        reporter_name="王小明", reporter_contact="13812345678", description="外箱压扁，内件破碎。",
        parcel={"sender_name": "杭州好物电商有限公司", "sender_phone": "0571-87654321",
                "sender_address": "浙江省杭州市余杭区文一西路969号", "recipient_name": "王小明",
                "recipient_phone": "13812345678", "recipient_address": "上海市浦东新区张江路88弄5号302室",
                "item_description": "玻璃水杯 2 只", "declared_value": "168.00", "insured_value": "100.00",
                "freight": "12.00", "weight_g": 1250})

    # Photos on the case, so the Evidence tab shows its galleries and a deleted photo.
    from depot_app.services.demo_photos import demo_photos

    shots = demo_photos(TRACKING_NO, size=(480, 360))
    for shot in shots:
        ctx.services.photos.add_photos(case_id=case.id, files=[(shot.name, shot.data)], slot=shot.slot,
                                       by=ctx.operator.id, caption=shot.caption)
    other = demo_photos(TRACKING_NO, size=(480, 360), seed=8)[0]
    gone = ctx.services.photos.add_photos(case_id=case.id, files=[("wrong.jpg", other.data)], slot="other",
                                          by=ctx.operator.id)
    ctx.services.photos.delete(photo_id=gone.added[0].id, reason="拍错了快件", by=ctx.operator.id)

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1360, 820)
    window.show()
    qtbot.waitExposed(window)

    # The same parcel again: the form shows the known parcel; another kind saves. Out of
    # area offers the resolutions a damaged parcel does not (self-pickup, transfer, terms).
    registration = RegistrationDialog(ctx, tracking_no=TRACKING_NO)
    qtbot.addWidget(registration)
    registration.show()
    _settle()
    form_texts = visible_texts(registration)
    registration.kind_combo.setCurrentIndex(registration.kind_combo.findData(ProblemKind.OUT_OF_AREA.value))
    registration.reporter_name_edit.setText("王小明")
    registration.reporter_contact_edit.setText("13812345678")
    registration.save()
    assert registration.case_no is not None, "the registration did not save"
    second_case_id = ctx.services.queries.case_id_by_no(registration.case_no)

    settings = SettingsDialog(ctx)
    qtbot.addWidget(settings)
    settings.show()

    picker = SignInDialog(ctx.services)
    lock = SignInDialog(ctx.services, locked=ctx.operator)
    first = FirstManagerDialog(ctx.services)
    change_pin = ChangePinDialog(ctx.services, ctx.operator)
    from depot_app.ui.people.audit_view import AuditTrailDialog
    from depot_app.ui.people.operators_dialog import OperatorsDialog
    from depot_app.ui.records.backup_dialog import BackupDialog

    dialogs = {"sign-in": picker, "lock": lock, "first-manager": first, "change-pin": change_pin,
               "operators": OperatorsDialog(ctx), "audit-trail": AuditTrailDialog(ctx), "backups": BackupDialog(ctx)}
    for dialog in dialogs.values():
        qtbot.addWidget(dialog)
        dialog.show()
    _settle()
    return {"case_id": case.id, "second_case_id": second_case_id, "window": window, "registration": registration,
            "settings": settings, "picker": picker, "dialogs": dialogs, "form_texts": form_texts}


def walk(screens: dict) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    """Every visible text of every screen, page by page."""
    _settle()
    window, registration, settings = screens["window"], screens["registration"], screens["settings"]
    texts: list[tuple[str, str]] = []
    window.tabs.setCurrentIndex(0)
    _settle()
    texts += visible_texts(window)  # the queue

    window.open_case(screens["case_id"])
    workspace = window.workspace(screens["case_id"])
    assert workspace is not None
    for index in range(workspace.tabs.count()):
        workspace.tabs.setCurrentIndex(index)
        _settle()
        texts += [(f"workspace tab {index}: {w}", t) for w, t in visible_texts(window)]
    workspace.tabs.setCurrentWidget(workspace.facts)
    workspace.facts.start_editing()
    _settle()
    texts += [(f"facts editing: {w}", t) for w, t in visible_texts(window)]
    workspace.facts.stop_editing()
    # The Evidence tab with a photo selected, deleted photos shown, then the viewer and the camera dialog.
    evidence = workspace.evidence
    workspace.tabs.setCurrentWidget(evidence)
    evidence.show_deleted.setChecked(True)
    for item in evidence.items:
        evidence.select_photo(item.id)
        _settle()
        texts += [(f"evidence photo {item.id}: {w}", t) for w, t in visible_texts(window)]
    evidence.show_deleted.setChecked(False)
    viewer = evidence.open_viewer(evidence.items[0].id)
    assert viewer is not None
    _settle()
    texts += [(f"viewer: {w}", t) for w, t in visible_texts(viewer)]
    viewer.reject()
    camera = evidence.open_camera()
    _settle()
    texts += [(f"camera: {w}", t) for w, t in visible_texts(camera)]
    camera.reject()
    for case_id in (screens["case_id"], screens["second_case_id"]):
        window.open_case(case_id)
        workspace = window.workspace(case_id)
        workspace.tabs.setCurrentWidget(workspace.resolution)
        res_type = workspace.resolution.res_type
        for index in range(res_type.count()):  # every page of the resolution form
            res_type.setCurrentIndex(index)
            _settle()
            texts += [(f"resolution {res_type.itemData(index)}: {w}", t)
                      for w, t in visible_texts(workspace.resolution)]
        res_type.setCurrentIndex(0)

    for page in (registration.form_page, registration.success_page):
        registration.stack.setCurrentWidget(page)
        _settle()
        texts += [(f"registration {page.objectName()}: {w}", t) for w, t in visible_texts(registration)]
    for index in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(index)
        _settle()
        texts += [(f"settings page {index}: {w}", t) for w, t in visible_texts(settings)]
    for dialog in screens["dialogs"].values():
        texts += visible_texts(dialog)
    return texts


def _report(found: list[tuple[str, str]]) -> str:
    """Each offending text once, with the first place it was seen."""
    first: dict[str, str] = {}
    for where, text in found:
        first.setdefault(text, where)
    return "\n".join(f"  {text!r}  ({where})" for text, where in first.items())


def test_main_screens_show_no_english_in_chinese(screens, errors) -> None:  # noqa: ANN001
    try:
        texts = walk(screens)
        texts += [(f"registration before saving: {w}", t) for w, t in screens["form_texts"]]
        assert len(texts) > 300, "the walk saw too little text to prove anything"
        english = [(where, text) for where, text in texts if untranslated_looking(text)]
        assert english == [], "untranslated text on screen under zh_CN:\n" + _report(english)

        # The walk must be able to fail: in English the same screens are full of Latin-only text.
        LanguageManager.instance().set_language("en")
        _settle()
        english = {text for _where, text in walk(screens) if untranslated_looking(text)}
        assert len(english) > 20, f"the walk found only {len(english)} English texts under en: {english}"

        # ... and switching back live leaves nothing English behind.
        LanguageManager.instance().set_language("zh_CN")
        _settle()
        english_after = [(where, text) for where, text in walk(screens) if untranslated_looking(text)]
        assert english_after == [], "English left after switching back to zh_CN:\n" + _report(english_after)
        assert errors == []
    finally:
        LanguageManager.instance().set_language("zh_CN")


@pytest.mark.skipif(not os.environ.get("DEPOT_RENDER_DIR"), reason="set DEPOT_RENDER_DIR to render screens")
def test_render_chinese_screens(qtbot, screens) -> None:  # noqa: ANN001
    """Renders the Chinese screens to PNG, at their usual and their smallest size, for a person
    to check that no label is clipped (not run by default)."""
    out = Path(os.environ["DEPOT_RENDER_DIR"])
    out.mkdir(parents=True, exist_ok=True)
    window, registration, settings = screens["window"], screens["registration"], screens["settings"]

    def save(widget: QWidget, name: str) -> None:
        _settle()
        widget.grab().save(str(out / f"zh_CN-{name}.png"))

    for label, size in (("", (1360, 820)), ("-small", (1024, 680))):
        window.resize(*size)
        window.tabs.setCurrentIndex(0)
        save(window, f"queue{label}")
        window.open_case(screens["case_id"])
        workspace = window.workspace(screens["case_id"])
        for index in range(workspace.tabs.count()):
            workspace.tabs.setCurrentIndex(index)
            save(window, f"workspace-{index}{label}")
        workspace.tabs.setCurrentIndex(0)
        workspace.facts.start_editing()
        save(window, f"workspace-edit{label}")
        workspace.facts.stop_editing()
        workspace.tabs.setCurrentWidget(workspace.resolution)
        res_type = workspace.resolution.res_type
        for index in range(res_type.count()):
            res_type.setCurrentIndex(index)
            save(window, f"resolution-{res_type.itemData(index)}{label}")
    for label, size in (("", (920, 720)), ("-small", registration.minimumSize().toTuple())):
        registration.resize(*size)
        for page in (registration.form_page, registration.success_page):
            registration.stack.setCurrentWidget(page)
            save(registration, f"registration-{page.objectName()}{label}")
    for index in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(index)
        save(settings, f"settings-{index}")
    for name, dialog in screens["dialogs"].items():
        save(dialog, name)


@pytest.mark.parametrize(("text", "flagged"), [
    ("Save case", True), ("保存(&S)", False), ("&Save case", True), ("SF1234567890123", False),
    ("SH01-261120-0001", False), ("Ctrl+Enter 保存 · Esc 取消", False), ("Alt+3", False), ("2.4 kg", False),
    ("English", False), ("Asia/Shanghai", False), ("¥1,059.00", False), ("—", False), ("Overdue 5h", True),
])
def test_the_english_detector(text: str, flagged: bool) -> None:
    assert untranslated_looking(text) is flagged
