"""``depot-app screenshots --out DIR``: the main screens as PNG, in both languages.

Renders offscreen from a throwaway database filled with demo data, so the
pictures show a working desk without touching the user's own data. Used for
the README and for checking the screens by eye after a change.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable
from datetime import timedelta, timezone
from pathlib import Path

log = logging.getLogger(__name__)

#: Demo scans are stated in Beijing time, as the carriers state them.
ZONE = timezone(timedelta(hours=8))

WORKSPACE_TABS = ("facts", "contacts", "evidence", "resolution", "close", "timeline", "tracking")
SETTINGS_PAGES = ("depot", "policy", "deadlines", "language", "tracking", "templates")


def render_screenshots(config: object, *, out_dir: str, cases: int = 300,
                       languages: tuple[str, ...] = ("zh_CN", "en")) -> int:
    """Render every main screen for each language into ``out_dir``; returns 0."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from depot_app.config import AppConfig, UserPreferences
    from depot_app.domain.vocabulary import CaseStatus
    from depot_app.services import Services
    from depot_app.services.demo import generate_demo_data
    from depot_app.services.queries import QueueFilter
    from depot_app.ui.application import build_context, make_application
    from depot_app.ui.common import background
    from depot_app.ui.common.i18n import LanguageManager
    from depot_app.ui.main_window import MainWindow
    from depot_app.ui.registration.registration_dialog import RegistrationDialog
    from depot_app.ui.settings.settings_dialog import SettingsDialog

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    background.set_synchronous(True)
    written: list[Path] = []

    def settle() -> None:
        import time

        deadline = time.monotonic() + 20
        while background.pending() and time.monotonic() < deadline:  # thumbnails, imports
            QApplication.processEvents()
            time.sleep(0.01)
        for _ in range(5):
            QApplication.processEvents()

    def save(widget: object, name: str) -> None:
        settle()
        path = out / f"{name}.png"
        widget.grab().save(str(path))  # type: ignore[attr-defined]
        written.append(path)

    with tempfile.TemporaryDirectory(prefix="depot-shots-") as tmp:
        data_dir = Path(tmp)
        services = Services.open(f"sqlite:///{data_dir / 'demo.db'}")
        try:
            generate_demo_data(services, cases=cases, seed=11)
            manager = next(op for op in services.operators.list() if op.role.value == "manager")
            showcase = _pick_showcase(services, QueueFilter, CaseStatus)
            # The Evidence tab is shown on an open damaged-parcel case, with generated counter photos.
            from depot_app.domain.kinds import ProblemKind

            damaged = _pick_case(services, QueueFilter(open_only=True, kinds=frozenset({ProblemKind.DAMAGED})))
            evidence_case = damaged if damaged is not None else showcase
            if evidence_case is not None:
                _add_demo_photos(services, evidence_case, manager.id)
            approval = _pick_case(services, QueueFilter(statuses=frozenset({CaseStatus.AWAITING_APPROVAL})))
            if showcase is not None:
                _add_demo_scans(services, showcase, manager.id)
            _deliver_demo_messages(services)
            from depot_app.ui.addresses.screens import prepare_address_cases, render_address_screens

            address_cases = prepare_address_cases(services, manager.id)
            app_config = AppConfig(data_dir=data_dir, db_url=str(services.db.url))
            for language in languages:
                LanguageManager.instance().set_language(language)
                ctx = build_context(app_config, services, manager, UserPreferences(language=language))
                window = MainWindow(ctx)
                window.resize(1440, 880)
                window.show()
                save(window, f"{language}-queue")

                dialog = RegistrationDialog(ctx, tracking_no="YT7512345678901", parent=window)
                dialog.show()
                _fill_registration(dialog)
                save(dialog, f"{language}-registration")
                dialog.reject()

                if showcase is not None:
                    window.open_case(showcase)
                    workspace = window.workspace(showcase)
                    for index, tab in enumerate(WORKSPACE_TABS):
                        if tab != "evidence" or evidence_case == showcase:
                            workspace.tabs.setCurrentIndex(index)  # type: ignore[union-attr]
                            _select_first_photo(workspace)
                            save(window, f"{language}-workspace-{tab}")
                if evidence_case is not None:
                    if evidence_case != showcase:
                        window.open_case(evidence_case)
                        workspace = window.workspace(evidence_case)
                        workspace.tabs.setCurrentIndex(WORKSPACE_TABS.index("evidence"))  # type: ignore[union-attr]
                        _select_first_photo(workspace)
                        save(window, f"{language}-workspace-evidence")
                    _render_camera(window, workspace, save, language)
                if approval is not None:
                    window.open_case(approval)
                    workspace = window.workspace(approval)
                    workspace.tabs.setCurrentIndex(WORKSPACE_TABS.index("resolution"))  # type: ignore[union-attr]
                    save(window, f"{language}-workspace-approval")

                render_address_screens(window, address_cases, save, language)

                settings = SettingsDialog(ctx, parent=window)
                settings.show()
                tabs = _find(settings, "settingsTabs")
                for index, page in enumerate(SETTINGS_PAGES):
                    tabs.setCurrentIndex(index)  # type: ignore[attr-defined]
                    save(settings, f"{language}-settings-{page}")
                settings.reject()

                _render_outbox(window, showcase, save, language)
                _render_dashboard(window, save, language)
                written += _render_dashboard_pdf(window, out, language)
                _render_sign_in(window, services, manager, save, language)
                window.close()
                window.deleteLater()
                settle()
        finally:
            services.close()
            LanguageManager.instance().set_language("zh_CN")
    for path in written:
        print(path)
    del app
    return 0


def _render_dashboard(window: object, save: Callable[[object, str], None], language: str) -> None:
    """The manager's dashboard, and the queue showing the cases behind its "open at the end" card."""
    window.dashboard_action.trigger()  # type: ignore[attr-defined]
    board = window.dashboard_window  # type: ignore[attr-defined]
    board.resize(1400, 1180)
    save(board, f"{language}-dashboard")
    board.open_card("open_now")
    save(window, f"{language}-dashboard-queue")
    window.drill_chip.clear()  # type: ignore[attr-defined]
    board.close()


def _render_dashboard_pdf(window: object, out: Path, language: str) -> list[Path]:
    """The dashboard's one-page PDF of this month, and its page as PNG when pdftoppm is at hand."""
    import shutil
    import subprocess

    from depot_app.services.dashboard_export import DashboardExportService
    from depot_app.ui.dashboard.figure_text import preset_period

    ctx = window.ctx  # type: ignore[attr-defined]
    services = ctx.services
    today = services.clock.now().date()
    pdf = out / f"{language}-dashboard.pdf"
    DashboardExportService(services.db, services.clock).write_pdf(
        period=preset_period("month", today), by=ctx.operator.id, out=pdf, language=language)
    made = [pdf]
    if shutil.which("pdftoppm"):
        stem = out / f"{language}-dashboard-pdf"
        subprocess.run(["pdftoppm", "-png", "-r", "90", "-singlefile", str(pdf), str(stem)], check=True)
        made.append(stem.with_suffix(".png"))
    return made


def _render_sign_in(window: object, services: object, manager: object, save: object, language: str) -> None:
    """The sign-in dialog (after a wrong PIN) and the lock screen over the desk."""
    from depot_app.ui.people.sign_in import SignInDialog

    sign_in = SignInDialog(services, preselect=manager.id)  # type: ignore[arg-type, attr-defined]
    sign_in.show()
    sign_in.pin_edit.setText("0000x")
    sign_in.submit()
    save(sign_in, f"{language}-sign-in")  # type: ignore[operator]
    sign_in.reject()
    lock = window.session.lock(reason="idle")  # type: ignore[attr-defined]
    save(window, f"{language}-locked")  # type: ignore[operator]
    save(lock, f"{language}-lock-dialog")  # type: ignore[operator]
    lock.pin_edit.setText("2468")
    lock.submit()
    from depot_app.ui.people.audit_view import AuditTrailDialog
    from depot_app.ui.people.operators_dialog import OperatorsDialog
    from depot_app.ui.records.backup_dialog import BackupDialog

    ctx = window.ctx  # type: ignore[attr-defined]
    for name, dialog_class, size in (("operators", OperatorsDialog, (1080, 560)),
                                     ("audit-trail", AuditTrailDialog, (1200, 640)),
                                     ("backups", BackupDialog, None)):
        dialog = dialog_class(ctx, parent=window)
        if size is not None:
            dialog.resize(*size)
        dialog.show()
        save(dialog, f"{language}-{name}")  # type: ignore[operator]
        dialog.reject()


def _deliver_demo_messages(services: object) -> None:
    """A sender round against a stand-in gateway, so the outbox shows sent, retrying and failed messages."""
    import itertools

    from depot_app.domain.notifications import Attempt, Channel, Outcome
    from depot_app.services.outbox_sender import OutboxSender

    answers = itertools.cycle([Attempt(Outcome.SENT, provider_ref="demo")] * 5
                              + [Attempt(Outcome.RETRY, "isv.BUSINESS_LIMIT_CONTROL: throttled"),
                                 Attempt(Outcome.GIVE_UP, "isv.MOBILE_NUMBER_ILLEGAL: invalid number")])

    class DemoGateway:
        def send(self, message: object) -> Attempt:
            return next(answers)

    sender = OutboxSender(services.db, services.clock,  # type: ignore[attr-defined]
                          channels={Channel.SMS: DemoGateway(), Channel.EMAIL: DemoGateway()})
    sender.deliver_once()


def _render_outbox(window: object, case_id: int | None, save: Callable[[object, str], None], language: str) -> None:
    """A case's messages on its timeline, the preview before a clerk sends one, and the Outbox view."""
    from depot_app.domain.notifications import Channel, NoticeEvent

    if case_id is not None:
        window.open_case(case_id)  # type: ignore[attr-defined]
        workspace = window.workspace(case_id)  # type: ignore[attr-defined]
        workspace.tabs.setCurrentIndex(WORKSPACE_TABS.index("timeline"))
        save(window, f"{language}-workspace-messages")
        notify = workspace.messages.open_notify()
        notify.choose(NoticeEvent.REGISTERED, Channel.SMS)
        save(notify, f"{language}-notify-preview")
        notify.reject()
    dialog = window.outbox.open_dialog()  # type: ignore[attr-defined]
    dialog.table.selectRow(0)
    save(dialog, f"{language}-outbox")
    dialog.reject()


def _add_demo_scans(services: object, case_id: int, by: int) -> None:
    """A parcel's journey from three sources, the last scan two days old, for the Tracking tab."""
    from datetime import UTC

    from depot_app.domain.scans import DESK_SOURCE, QUERY_SOURCE, NewScan, ScanType

    number = services.tracking.for_case(case_id).tracking_no  # type: ignore[attr-defined]
    now = services.clock.now().replace(tzinfo=UTC)  # type: ignore[attr-defined]
    steps = ((100, ScanType.COLLECTED, "杭州市西湖区", "【杭州西湖网点】已揽收", "华东总部"),
             (92, ScanType.IN_TRANSIT, "杭州分拨中心", "快件离开【杭州分拨中心】，发往【上海转运中心】", "华东总部"),
             (80, ScanType.IN_TRANSIT, "上海转运中心", "快件到达【上海转运中心】", QUERY_SOURCE),
             (70, ScanType.ARRIVED_AT_DEPOT, "上海浦东网点", "到达【上海浦东网点】（本网点扫描）", DESK_SOURCE),
             (66, ScanType.OUT_FOR_DELIVERY, "上海浦东网点", "【上海浦东网点】派件员 张师傅 正在派件", QUERY_SOURCE),
             (52, ScanType.DELIVERY_FAILED, "上海浦东网点", "派送失败：电话无人接听，改日派送", QUERY_SOURCE))
    scans = [NewScan(tracking_no=number, at=(now - timedelta(hours=h)).astimezone(ZONE), scan_type=kind,
                     place=place, text=text, source=source) for h, kind, place, text, source in steps]
    services.tracking.add_scans(scans=scans, by=by)  # type: ignore[attr-defined]


def _select_first_photo(workspace: object) -> None:
    evidence = workspace.evidence  # type: ignore[attr-defined]
    if workspace.tabs.currentWidget() is evidence and evidence.items:  # type: ignore[attr-defined]
        evidence.select_photo(evidence.items[0].id)


def _add_demo_photos(services: object, case_id: int, by: int) -> None:
    """Generated counter photos (a dented carton, the label, the scale, the contents) on a case."""
    from depot_app.domain.identifiers import Carrier
    from depot_app.services.demo_photos import demo_photos

    detail = services.cases.detail(case_id)  # type: ignore[attr-defined]
    try:
        carrier = Carrier(detail.parcel.carrier).zh
    except ValueError:
        carrier = "快递"
    for photo in demo_photos(detail.parcel.tracking_no, carrier=carrier):
        services.photos.add_photos(case_id=case_id, files=[(photo.name, photo.data)],  # type: ignore[attr-defined]
                                   slot=photo.slot, by=by, caption=photo.caption)


def _render_camera(window: object, workspace: object, save: Callable[[object, str], None], language: str) -> None:
    """The camera dialog as a desk without a camera shows it."""
    from depot_app.ui.common.i18n import current_language
    from depot_app.ui.evidence.camera import CameraDialog

    slot = workspace.evidence.chosen_slot()  # type: ignore[attr-defined]
    dialog = CameraDialog([], destination=slot.label(current_language()), parent=window)  # type: ignore[arg-type]
    dialog.show()
    save(dialog, f"{language}-camera-none")
    dialog.reject()
    dialog.deleteLater()


def _find(widget: object, name: str) -> object:
    from PySide6.QtWidgets import QWidget

    found = widget.findChild(QWidget, name)  # type: ignore[attr-defined]
    if found is None:
        raise LookupError(name)
    return found


def _pick_case(services: object, flt: object) -> int | None:
    rows = services.queries.fetch(flt, sort="reported_at", descending=True, limit=1)  # type: ignore[attr-defined]
    return rows[0].id if rows else None


def _pick_showcase(services: object, QueueFilter: Callable[..., object], CaseStatus: object) -> int | None:
    """An open case with several contacts and a resolution: the richest picture."""
    rows = services.queries.fetch(QueueFilter(open_only=True), sort="reported_at",  # type: ignore[attr-defined]
                                  descending=True, limit=200)
    best, best_score = None, -1
    for row in rows:
        detail = services.cases.detail(row.id)  # type: ignore[attr-defined]
        score = len(detail.contacts) * 2 + len(detail.resolutions) * 3 + (5 if detail.suggest_sender else 0)
        if score > best_score:
            best, best_score = row.id, score
    return best


def _fill_registration(dialog: object) -> None:
    """Typical counter entries, so the form shows what a filled registration looks like."""
    from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

    values = {
        "regReporterName": "王女士", "regReporterContact": "13812345678",
        "regSenderName": "杭州青禾茶叶有限公司", "regSenderPhone": "0571-87654321",
        "regSenderAddress": "浙江省杭州市西湖区龙井路88号", "regRecipientName": "王丽",
        "regRecipientPhone": "13812345678", "regRecipientAddress": "上海市浦东新区张杨路500号12楼",
        "regItem": "茶叶礼盒 2 盒", "regDeclaredValue": "680", "regInsuredValue": "600",
        "regFreight": "18", "regWeight": "2.4",
    }
    for name, value in values.items():
        widget = _find(dialog, name)
        if isinstance(widget, QLineEdit):
            widget.setText(value)
    kind = _find(dialog, "regKind")
    if isinstance(kind, QComboBox):
        idx = kind.findData("damaged")
        kind.setCurrentIndex(idx if idx >= 0 else 1)
    desc = _find(dialog, "regDescription")
    if isinstance(desc, QPlainTextEdit):
        desc.setPlainText("外箱一角压扁，收件人当面验货发现一盒茶叶罐凹陷，拒收该盒。")
