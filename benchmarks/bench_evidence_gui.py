"""How long the GUI thread is blocked while twenty 12-MP photos are added.

Builds the real main window offscreen on a fresh SQLite database, opens a
case's Evidence tab and adds twenty 4000×3000 JPEGs through the tab's own
import path (worker thread, progress dialog, thumbnails in the background).
A 5 ms timer on the GUI thread records every gap between its ticks; the
longest gap is how long the window could not react. Prints the machine too.

    python benchmarks/bench_evidence_gui.py [--photos 20]

Target: no gap above 50 ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def make_photos(folder: Path, count: int) -> list[Path]:
    from PIL import Image, ImageDraw

    paths = []
    for i in range(count):
        image = Image.new("RGB", (4000, 3000), (150 + i % 60, 110, 70))
        draw = ImageDraw.Draw(image)
        for k in range(0, 4000, 97):
            draw.line([(k, 0), (4000 - k, 3000)], fill=(90 + (k * 7 + i) % 150, 60, 40), width=9)
        path = folder / f"IMG_{i:04d}.jpg"
        image.save(path, quality=90)
        paths.append(path)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=20)
    args = parser.parse_args()

    from PySide6.QtCore import QElapsedTimer, QTimer

    from depot_app.config import AppConfig, UserPreferences
    from depot_app.domain.kinds import ProblemKind
    from depot_app.services import Services
    from depot_app.ui.application import build_context, make_application
    from depot_app.ui.common.i18n import LanguageManager
    from depot_app.ui.main_window import MainWindow

    app = make_application()
    LanguageManager.instance().set_language("zh_CN")
    with tempfile.TemporaryDirectory(prefix="depot-bench-gui-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        photos = make_photos(folder, args.photos)
        print(f"made {len(photos)} JPEGs of 4000x3000 in {time.perf_counter() - started:.1f} s "
              f"({sum(p.stat().st_size for p in photos) / 1e6:.0f} MB)")
        services = Services.open(f"sqlite:///{folder / 'depot.db'}", photo_dir=folder / "photos")
        manager = services.operators.ensure_first()
        case = services.cases.register_case(tracking_no="SF1234567890123", kind=ProblemKind.DAMAGED,
                                            by=manager.id)
        ctx = build_context(AppConfig(data_dir=folder, db_url=str(services.db.url)), services, manager,
                            UserPreferences())
        window = MainWindow(ctx)
        window.resize(1400, 860)
        window.show()
        window.open_case(case.id)
        tab = window.workspace(case.id).evidence  # type: ignore[union-attr]
        window.workspace(case.id).tabs.setCurrentWidget(tab)  # type: ignore[union-attr]
        for _ in range(20):
            app.processEvents()

        gaps: list[float] = []
        clock = QElapsedTimer()
        clock.start()
        last = [clock.nsecsElapsed()]

        def tick() -> None:
            now = clock.nsecsElapsed()
            gaps.append((now - last[0]) / 1e6)
            last[0] = now

        timer = QTimer()
        timer.setInterval(5)
        timer.timeout.connect(tick)
        timer.start()
        begin = time.perf_counter()
        tab.import_sources(photos)
        while (tab.importing or tab.thumbnails_pending) and time.perf_counter() - begin < 600:
            app.processEvents()
            time.sleep(0.001)
        elapsed = time.perf_counter() - begin
        timer.stop()
        added = len(services.photos.photos(case.id))
        window.close()
        services.close()

    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"photos added: {added} of {len(photos)} in {elapsed:.2f} s "
          f"({elapsed / max(added, 1) * 1000:.0f} ms per photo including thumbnails)")
    print(f"GUI thread gaps: longest {max(gaps):.1f} ms, median {statistics.median(gaps):.1f} ms, "
          f"{sum(g > 50 for g in gaps)} over 50 ms of {len(gaps)} ticks")
    del app
    return 0 if added == len(photos) else 1


if __name__ == "__main__":
    raise SystemExit(main())
