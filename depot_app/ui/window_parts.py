"""The parts of the desk window that live in their own feature folders.

Each part installs itself on the main window (menus, actions, status-bar
widgets, pages) through one ``install_*`` function; the window calls
:func:`install_parts` once, after its own menus are built. A new part adds
its line here, not to ``main_window.py``.
"""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QMainWindow


def install_parts(window: QMainWindow) -> None:
    """Install every feature part on ``window``, in menu order."""
    from depot_app.ui.dashboard.dashboard_window import install_dashboard
    from depot_app.ui.outbox.outbox_status import install_outbox
    from depot_app.ui.people.session import install_session
    from depot_app.ui.records.backup_dialog import install_backup_menu
    from depot_app.ui.records.records_menu import install_records_menu

    # Records menu + the queue's right-click menu.
    records_menu = install_records_menu(window)
    window.records_menu = records_menu  # type: ignore[attr-defined]
    # Lock / switch operator, PIN, operators, audit trail.
    install_session(window)
    # Records → Backups…, the daily schedule.
    window.backup_actions = install_backup_menu(window, records_menu)  # type: ignore[attr-defined]
    # Desk → Outbox…, the outbox figures in the status bar, the background sender.
    window.outbox = install_outbox(window)  # type: ignore[attr-defined]
    # Desk → Dashboard… (managers) and the queue chip for its click-through.
    window.dashboard_action = install_dashboard(window)  # type: ignore[attr-defined]
    # Desk → Delivery area… (managers edit, everyone may look).
    from depot_app.ui.addresses.area_dialog import install_area_editor

    window.area_action = install_area_editor(window)  # type: ignore[attr-defined]
    # The pinyin dictionaries and the case workspace load off the GUI thread once the queue's first
    # rows are up, so neither the start nor the first scan, search or registration waits for them.
    window.first_rows.later("warm-up", lambda: _warm_up(window))  # type: ignore[attr-defined]


def _warm_up(window: QMainWindow) -> None:
    from depot_app.services.search_keys import warm_up
    from depot_app.ui.common.background import Pool, run_task

    def work() -> None:
        warm_up()
        # The case workspace's modules, so the first scan of the day does not wait for their import.
        importlib.import_module("depot_app.ui.workspace.case_workspace")

    run_task(window, work, key="warm-up", pool=Pool.LONG)
