"""How long does a case report with 12 full-size photos take? (A script, not a test.)

Builds one compensated case through the real services in a temporary SQLite
database, generates 12 camera-sized JPEGs (4000×3000, gradient plus noise,
some tagged portrait through EXIF), attaches them to the case's view as
photos, and times ``write_case_report``: each photo is decoded straight at
the JPEG scale that still gives about 180 dpi at its printed size (1000×750
here; never above 1600 px), re-encoded at quality 85 on worker threads while
the pages are laid out, and embedded two to a page.

    python benchmarks/bench_case_report.py            # median of 3
    python benchmarks/bench_case_report.py --runs 5 --keep

Target: ≤ 1 s per report (median, fonts already loaded: the desk loads them
once per process).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import PIL  # noqa: E402
import reportlab  # noqa: E402
from PIL import Image  # noqa: E402

from depot_app.domain.clock import FixedClock  # noqa: E402
from depot_app.domain.views import PhotoView  # noqa: E402
from depot_app.domain.vocabulary import PhotoSlot, Role  # noqa: E402
from depot_app.export.case_report import write_case_report  # noqa: E402
from depot_app.export.context import ReportContext
from depot_app.export.fonts import register_fonts  # noqa: E402
from depot_app.services import Services  # noqa: E402
from depot_app.services.reports import load_detail  # noqa: E402
from tests.export.builders import compensated_lost_case  # noqa: E402

#: Real evidence slot codes (PhotoSlot), lined up with CAPTIONS: a dent is a photo of the exterior.
SLOTS = tuple(slot.value for slot in (PhotoSlot.EXTERIOR, PhotoSlot.CONTENTS, PhotoSlot.LABEL, PhotoSlot.EXTERIOR,
                                      PhotoSlot.SCALE, PhotoSlot.OTHER))
CAPTIONS = ("外包装完好，封条未动", "内件缺失，仅剩填充物", "面单清晰，单号可辨", "纸箱右下角压痕",
            "称重 1.85 kg，与面单一致", "网点货架现场")


def make_photos(folder: Path, count: int, size: tuple[int, int] = (4000, 3000)) -> list[Path]:
    """``count`` camera-sized JPEGs: a colour gradient with sensor-like noise."""
    paths = []
    w, h = size
    # One noise field and one gradient, mixed differently per photo (generating is not what is timed).
    noise = Image.effect_noise((w, h), 40)
    gradient = Image.linear_gradient("L").resize((w, h))
    flipped = gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    upside = gradient.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    for i in range(count):
        mix = 0.2 + 0.02 * i
        image = Image.merge("RGB", (Image.blend(gradient, noise, mix), Image.blend(flipped, noise, mix - 0.05),
                                    Image.blend(upside, noise, mix + 0.05)))
        exif = Image.Exif()
        if i % 4 == 3:
            exif[0x0112] = 6  # shot in portrait: the viewer turns it 90° clockwise
        path = folder / f"IMG_{1000 + i}.jpg"
        image.save(path, "JPEG", quality=90, exif=exif)
        paths.append(path)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=12)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (and the PDFs)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-case-report-"))
    print(f"machine: {platform.platform()} · {os.cpu_count()} CPUs · {platform.processor() or platform.machine()}")
    print(f"python {platform.python_version()} · reportlab {reportlab.Version} · Pillow {PIL.__version__}")

    start = time.perf_counter()
    paths = make_photos(tmp, args.photos)
    sizes = sum(p.stat().st_size for p in paths)
    print(f"generated {len(paths)} photos 4000×3000 ({sizes / 1e6:.1f} MB of JPEG) in "
          f"{time.perf_counter() - start:.1f} s")

    clock = FixedClock(datetime(2026, 11, 20, 2, 0))
    sv = Services.open(f"sqlite:///{tmp / 'bench.db'}", clock=clock)
    manager = sv.operators.ensure_first().id
    clerk = sv.operators.add(name="李客服", role=Role.CLERK, by=None).id
    case = compensated_lost_case(sv, clock, clerk=clerk, manager=manager)
    with sv.db.read() as s:
        detail = load_detail(s, case.id, masked=True)
    sv.close()

    by_sha = {f"{i:064x}": path for i, path in enumerate(paths, start=1)}
    photos = [PhotoView(id=i, sha256=sha, slot=SLOTS[i % len(SLOTS)], caption=CAPTIONS[i % len(CAPTIONS)],
                        original_name=path.name, added_at=clock.now() + timedelta(minutes=i), added_by="李客服",
                        rotation=0, deleted=False)
              for i, (sha, path) in enumerate(by_sha.items(), start=1)]
    detail = dataclasses.replace(detail, photos=photos)
    ctx = ReportContext(depot_code="SH01", depot_name="上海浦东网点", generated_at="2026-11-22 09:30",
                        generated_by="李客服", photo_path=by_sha.get)

    start = time.perf_counter()
    register_fonts()
    font_s = time.perf_counter() - start
    print(f"font registration (once per process): {font_s:.2f} s")

    timings = []
    cpu = []
    out = tmp / "case-report.pdf"
    for run in range(args.runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        write_case_report(detail, ctx, out)
        timings.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        print(f"  run {run + 1}: {timings[-1]:.3f} s wall, {cpu[-1]:.3f} s CPU (all threads)")
    pages = "?"
    try:
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
        pages = next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))
    except (OSError, subprocess.CalledProcessError, StopIteration):
        pass
    median = statistics.median(timings)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"case report with {len(photos)} photos: median {median:.3f} s over {args.runs} runs "
          f"({pages} pages, {out.stat().st_size / 1e6:.2f} MB) — target ≤ 1 s: "
          f"{'OK' if median <= 1.0 else 'MISSED'}")
    print(f"CPU time median {statistics.median(cpu):.3f} s; load average during the run {load:.1f} "
          f"on {os.cpu_count()} CPUs (a busy machine stretches the wall time)")
    if args.keep:
        print(f"kept {tmp}")
    else:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
