"""How long does a 12 MP photo take from import to thumbnail, and how much memory do 20 take? (A script.)

Generates twenty camera-sized JPEGs (4000×3000, gradient plus sensor-like
noise, quality 90, every fourth tagged portrait through EXIF) in a child
process, so that making them does not count towards this process's peak
memory. Then imports all twenty into one case of a fresh SQLite database
through ``PhotoService.add_photos`` — read, hash, verify by decoding, store
(temporary file, fsync, rename, fsync of the folder), row and timeline entry
committed with ``synchronous=FULL``, the 256 px thumbnail cached — and reports:

* the time per photo, import to cached thumbnail (from the progress callback:
  median, mean, slowest), and the whole batch;
* the peak memory of the import: the growth of ``ru_maxrss`` (resident set,
  native Pillow buffers included) and, in a second untimed import into a new
  database and folder, the ``tracemalloc`` peak (Python objects only: the
  files' bytes, not Pillow's pixel buffers);
* where the time goes for one photo (decode+thumbnail, store write, row), as
  medians over the twenty, measured separately;
* how long an on-demand thumbnail takes when the cache is cold.

    python benchmarks/bench_photos.py             # 20 photos
    python benchmarks/bench_photos.py --photos 40 --keep

Target: ≤ 300 ms per photo (median), import to thumbnail.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import PIL  # noqa: E402
from PIL import Image, features  # noqa: E402

from depot_app.domain.clock import FixedClock  # noqa: E402
from depot_app.domain.kinds import ProblemKind  # noqa: E402
from depot_app.domain.photos import PhotoPolicy, PhotoSlot  # noqa: E402
from depot_app.services import Services  # noqa: E402
from depot_app.services.photos import PhotoService, PhotoStore, inspect_image  # noqa: E402

TARGET_S = 0.300
SIZE = (4000, 3000)


def make_photos(folder: Path, count: int) -> None:
    """``count`` 12 MP JPEGs: a colour gradient with noise, mixed differently per photo."""
    w, h = SIZE
    noise = Image.effect_noise((w, h), 40)
    gradient = Image.linear_gradient("L").resize((w, h))
    flipped = gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    upside = gradient.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    for i in range(count):
        mix = 0.2 + 0.01 * i
        image = Image.merge("RGB", (Image.blend(gradient, noise, mix), Image.blend(flipped, noise, mix - 0.05),
                                    Image.blend(upside, noise, mix + 0.05)))
        exif = Image.Exif()
        exif[0x010F], exif[0x0110] = "Bench", "Camera 12MP"
        if i % 4 == 3:
            exif[0x0112] = 6  # shot in portrait
        image.save(folder / f"IMG_{1000 + i}.jpg", "JPEG", quality=90, exif=exif)


def maxrss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def open_desk(folder: Path) -> tuple[Services, PhotoService, int, int]:
    folder.mkdir(parents=True, exist_ok=True)
    clock = FixedClock(datetime(2026, 11, 20, 2, 0))
    sv = Services.open(f"sqlite:///{folder / 'bench.db'}", clock=clock)
    manager = sv.operators.ensure_first().id
    case = sv.cases.register_case(tracking_no="SF1400000000001", kind=ProblemKind.DAMAGED, by=manager)
    return sv, PhotoService(sv.db, clock, PhotoStore(folder / "photos")), case.id, manager


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--make", metavar="DIR", help=argparse.SUPPRESS)  # the generating child
    args = parser.parse_args()
    if args.make:
        make_photos(Path(args.make), args.photos)
        return 0

    tmp = Path(tempfile.mkdtemp(prefix="bench-photos-"))
    print(f"machine: {platform.platform()} · {os.cpu_count()} CPUs · {platform.processor() or platform.machine()}")
    print(f"python {platform.python_version()} · Pillow {PIL.__version__} (libjpeg-turbo "
          f"{'yes' if features.check_feature('libjpeg_turbo') else 'no'}) · SQLite {sqlite3.sqlite_version}")
    try:
        fs = subprocess.run(["stat", "-f", "-c", "%T", str(tmp)], capture_output=True, text=True).stdout.strip()
        print(f"folder: {tmp} ({fs or '?'})")
    except OSError:
        print(f"folder: {tmp}")
    source = tmp / "camera"
    source.mkdir()
    start = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--make", str(source), "--photos", str(args.photos)], check=True)
    paths = sorted(source.glob("*.jpg"))
    total_mb = sum(p.stat().st_size for p in paths) / 1e6
    print(f"generated {len(paths)} photos {SIZE[0]}×{SIZE[1]} ({total_mb:.1f} MB of JPEG, "
          f"{total_mb / len(paths):.1f} MB each) in {time.perf_counter() - start:.1f} s (child process)")

    # ---------------------------------------------------------------- the timed import
    sv, photos, case_id, manager = open_desk(tmp / "run1")
    gc.collect()
    rss_before = maxrss_mb()
    marks: list[float] = []
    start, start_cpu = time.perf_counter(), time.process_time()
    marks.append(start)
    result = photos.add_photos(case_id=case_id, files=paths, slot=PhotoSlot.EXTERIOR, caption="bench",
                               by=manager, progress=lambda done, total: marks.append(time.perf_counter()))
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    rss_after = maxrss_mb()
    assert len(result.added) == len(paths) and not result.refused, result.refused
    thumbs = [photos.store.thumbnail_path(p.sha256, 256) for p in result.added]
    assert all(t.is_file() for t in thumbs), "every photo has its thumbnail after the import"
    per_photo = [b - a for a, b in zip(marks, marks[1:], strict=False)]
    median = statistics.median(per_photo)
    print(f"\nimport {len(paths)} photos, import to cached 256 px thumbnail:")
    print(f"  per photo: median {median * 1000:.0f} ms · mean {statistics.mean(per_photo) * 1000:.0f} ms · "
          f"fastest {min(per_photo) * 1000:.0f} ms · slowest {max(per_photo) * 1000:.0f} ms")
    print(f"  whole batch: {wall:.2f} s wall, {cpu:.2f} s CPU")
    print(f"  peak RSS (ru_maxrss): {rss_after:.0f} MB after the import, {rss_before:.0f} MB before "
          f"(+{rss_after - rss_before:.0f} MB)")
    print(f"  target ≤ {TARGET_S * 1000:.0f} ms per photo (median): {'OK' if median <= TARGET_S else 'MISSED'}")

    # ---------------------------------------------------------------- where the time goes
    decode, write, row = [], [], []
    scratch = PhotoStore(tmp / "scratch")
    policy = PhotoPolicy()
    for path in paths:
        data = path.read_bytes()
        t0 = time.perf_counter()
        verdict = inspect_image(path.name, data, policy)
        t1 = time.perf_counter()
        scratch.put(hashlib.sha256(data).hexdigest(), data, ".jpg")
        t2 = time.perf_counter()
        decode.append(t1 - t0)
        write.append(t2 - t1)
        assert not hasattr(verdict, "reason")
    for item in result.added:  # a row with its timeline entry, without the image work
        t0 = time.perf_counter()
        photos.set_caption(photo_id=item.id, caption="bench, timed edit", by=manager)
        row.append(time.perf_counter() - t0)
    print("  per photo, measured separately (medians): "
          f"hash+verify+thumbnail {statistics.median(decode) * 1000:.0f} ms · "
          f"store write with fsync {statistics.median(write) * 1000:.0f} ms · "
          f"one photo transaction {statistics.median(row) * 1000:.0f} ms")

    cold = []
    for item in result.added[:5]:
        for thumb in photos.store.thumb_dir.glob(f"{item.sha256}-*.jpg"):
            thumb.unlink()
        t0 = time.perf_counter()
        photos.thumbnail(item.sha256)
        cold.append(time.perf_counter() - t0)
    print(f"  on-demand thumbnail, cold cache (draft decode): median {statistics.median(cold) * 1000:.0f} ms")
    t0 = time.perf_counter()
    report = photos.check()
    print(f"  integrity check of {report.files_checked} files: {time.perf_counter() - t0:.2f} s "
          f"({'intact' if report.ok else 'PROBLEMS'})")
    sv.close()

    # ---------------------------------------------------------------- Python heap, untimed
    sv2, photos2, case2, manager2 = open_desk(tmp / "run2")
    gc.collect()
    tracemalloc.start()
    photos2.add_photos(case_id=case2, files=paths, slot=PhotoSlot.EXTERIOR, by=manager2)
    traced_peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    sv2.close()
    print(f"  tracemalloc peak of a second import of the {len(paths)} (untimed): {traced_peak:.1f} MB "
          "(Python objects; Pillow's pixel buffers are in the RSS figure)")

    if args.keep:
        print(f"kept {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
