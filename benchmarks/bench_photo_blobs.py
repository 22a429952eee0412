"""Photos in a PostgreSQL database: how fast are they stored and fetched, with how much memory? (A script.)

Starts a throwaway PostgreSQL server on 127.0.0.1 (tests/pg_server.py),
migrates a database and, for originals of 5 MB and 50 MB (random bytes, as
incompressible as JPEG data):

* stores each with ``BlobPhotoStore.put_stream`` streamed from a file in one
  transaction (1 MiB chunks), and
* fetches it into a cold desk cache with ``BlobPhotoStore.path_for``
  (chunk by chunk to a temporary file, SHA-256 checked, renamed), then
* asks for it again from the warm cache (first use in a process: hashed once);

printing the time and MB/s of each, and the ``tracemalloc`` peak of the
write and of the cold fetch (Python objects; the point is that it stays a few
chunks, not the file). Finally ``depot-app check``'s blob pass over both.

    python benchmarks/bench_photo_blobs.py
"""

from __future__ import annotations

import os
import platform
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg  # noqa: E402

from depot_app.db.engine import Database  # noqa: E402
from depot_app.db.migrate import upgrade  # noqa: E402
from depot_app.services.photo_blobs import BlobPhotoStore  # noqa: E402
from depot_app.services.photos import PhotoRow, hash_file  # noqa: E402
from tests.pg_server import PgServer  # noqa: E402

MB = 1024 * 1024


def main() -> int:
    print(f"machine: {platform.platform()} · {os.cpu_count()} CPUs · {platform.processor() or platform.machine()}")
    server = PgServer()
    server.start()
    work = Path(tempfile.mkdtemp(prefix="bench-blobs-"))
    try:
        with psycopg.connect(f"host=127.0.0.1 port={server.port} user=postgres dbname=postgres",
                             autocommit=True) as conn:
            conn.execute("CREATE DATABASE bench")
            version = conn.execute("SHOW server_version").fetchone()
        print(f"python {platform.python_version()} · PostgreSQL {version[0] if version else '?'} on 127.0.0.1")
        db = Database(server.url("bench"))
        upgrade(db.engine)
        writer = BlobPhotoStore(db, work / "writer-cache")
        rows = []
        for size_mb in (5, 50):
            source = work / f"photo-{size_mb}.jpg"
            with open(source, "wb") as f:
                for _ in range(size_mb):
                    f.write(os.urandom(MB))
            sha = hash_file(source)
            rows.append(PhotoRow(id=size_mb, case_id=1, case_no="-", sha256=sha, original_name=source.name,
                                 deleted=False))
            tracemalloc.start()
            start = time.perf_counter()
            with db.write() as s, open(source, "rb") as f:
                writer.put_stream(s, sha, f, ".jpg")
            write_s = time.perf_counter() - start
            write_peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.reset_peak()
            reader = BlobPhotoStore(db, work / f"cache-{size_mb}", cache_limit=10 * 1024 * MB)
            start = time.perf_counter()
            path = reader.path_for(sha)
            fetch_s = time.perf_counter() - start
            fetch_peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            assert path is not None
            start = time.perf_counter()
            again = BlobPhotoStore(db, work / f"cache-{size_mb}").path_for(sha)
            warm_first_s = time.perf_counter() - start
            start = time.perf_counter()
            reader.path_for(sha)
            warm_s = time.perf_counter() - start
            assert again == path
            print(f"{size_mb:>3} MB original: store {write_s * 1000:7.0f} ms ({size_mb / write_s:5.0f} MB/s, "
                  f"peak {write_peak / MB:4.1f} MB) · cold fetch {fetch_s * 1000:6.0f} ms "
                  f"({size_mb / fetch_s:5.0f} MB/s, peak {fetch_peak / MB:4.1f} MB) · "
                  f"cached, first use {warm_first_s * 1000:5.1f} ms · cached {warm_s * 1000:5.2f} ms")
        start = time.perf_counter()
        report = writer.verify(rows)
        print(f"check (blob pass, 55 MB): {time.perf_counter() - start:.2f} s, ok={report.ok}")
        db.dispose()
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
