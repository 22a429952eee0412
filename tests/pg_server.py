"""A throwaway PostgreSQL server for the tests, on 127.0.0.1 and a free port.

Uses Debian's ``postgresql`` binaries. As root, the server runs as the
``postgres`` user (initdb refuses root). UTF-8 with the C.UTF-8 locale, or
psycopg fails on SQL_ASCII.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def find_bin(name: str) -> str | None:
    """Debian keeps the server binaries outside PATH; look there too."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PgServer:
    """Start with :meth:`start`, stop with :meth:`stop`; ``url(db)`` for SQLAlchemy."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="depot-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self.as_postgres = os.geteuid() == 0
        self.started = False

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = list(args)
        if self.as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
        if not initdb or not pg_ctl:
            raise RuntimeError("PostgreSQL server binaries not found (apt-get install postgresql)")
        if self.as_postgres:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run(initdb, "-D", str(self.data), "-E", "UTF8", "--locale=C.UTF-8", "--auth=trust",
                  "-U", "postgres")
        opts = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100")
        self._run(pg_ctl, "-D", str(self.data), "-o", opts, "-l", str(self.dir / "server.log"),
                  "-w", "-t", "60", "start")
        self.started = True

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        if self.started:
            pg_ctl = find_bin("pg_ctl")
            try:
                self._run(str(pg_ctl), "-D", str(self.data), "-m", "immediate", "stop")
            except subprocess.SubprocessError:
                pass
            self.started = False
        shutil.rmtree(self.dir, ignore_errors=True)
