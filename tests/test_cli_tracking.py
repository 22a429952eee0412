"""``depot-app tracking import|show`` as a scheduled job runs them (signed in with --pin-stdin)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from depot_app.domain.clock import FixedClock
from depot_app.domain.kinds import ProblemKind
from depot_app.services import Services

ROOT = Path(__file__).resolve().parents[1]
NUMBER = "SF1234567890123"


def _cli(*args: str, db_url: str, tmp_path: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DEPOT_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "-m", "depot_app", "--db", db_url, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180, input=stdin)


def test_import_then_show(sqlite_url: str, tmp_path: Path) -> None:
    sv = Services.open(sqlite_url, clock=FixedClock(datetime(2026, 11, 20, 2, 0)))
    try:
        by = sv.operators.ensure_first().id
        sv.operators.set_secret(operator_id=by, secret="2468", by=by)
        case_no = sv.cases.register_case(tracking_no=NUMBER, kind=ProblemKind.LOST, by=by).case_no
    finally:
        sv.close()
    export = tmp_path / "export.csv"
    export.write_text("运单号,扫描时间,扫描网点,扫描类型\n"
                      f"{NUMBER},2026-11-17 08:10,杭州网点,揽收\n"
                      f"{NUMBER},2026-11-18 09:30,上海浦东网点,签收\n"
                      f"{NUMBER},someday,上海浦东网点,签收\n", encoding="utf-8")
    refused = _cli("tracking", "import", str(export), "--source", "总部", db_url=sqlite_url, tmp_path=tmp_path)
    assert refused.returncode == 2 and "--pin-stdin" in refused.stderr
    done = _cli("tracking", "import", str(export), "--source", "总部", "--pin-stdin", db_url=sqlite_url,
                tmp_path=tmp_path, stdin="2468\n")
    assert done.returncode == 3, done.stderr
    assert "2 new scans" in done.stdout and "row 4" in done.stderr
    shown = _cli("tracking", "show", NUMBER.lower(), "--json", db_url=sqlite_url, tmp_path=tmp_path)
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["cases"] == [case_no]
    assert [s["type"] for s in data["scans"]] == ["signed", "collected"]
    assert data["scans"][0]["local_time"] == "2026-11-18T09:30:00" and data["scans"][0]["zone"] == "UTC+08:00"
    assert data["scans"][0]["sources"] == ["总部"]
    text = _cli("--lang", "zh_CN", "tracking", "show", NUMBER, db_url=sqlite_url, tmp_path=tmp_path)
    assert "已签收" in text.stdout and "上海浦东网点" in text.stdout
    none = _cli("tracking", "show", "YT0000000001", db_url=sqlite_url, tmp_path=tmp_path)
    assert none.returncode == 0 and "No scans" in none.stdout


def test_refresh_asks_the_query_service(sqlite_url: str, tmp_path: Path) -> None:
    from tests.tracking_server import TrackingServer

    server = TrackingServer().start()
    try:
        server.parcels[("shunfeng", NUMBER)] = ("5678", "5", [
            {"time": "2026-11-18 08:40:00", "context": "派件员正在派件", "status": "派件", "areaName": "上海"}])
        sv = Services.open(sqlite_url, clock=FixedClock(datetime(2026, 11, 20, 2, 0)))
        try:
            by = sv.operators.ensure_first().id
            sv.operators.set_secret(operator_id=by, secret="2468", by=by)
            sv.tracking.set_query_settings(values={"enabled": True, "url": server.url, "customer": server.customer,
                                                   "key": server.key}, by=by)
            case_no = sv.cases.register_case(tracking_no=NUMBER, kind=ProblemKind.DELAYED, by=by,
                                             parcel={"recipient_phone": "13812345678"}).case_no
        finally:
            sv.close()
        done = _cli("tracking", "refresh", case_no, "--pin-stdin", db_url=sqlite_url, tmp_path=tmp_path,
                    stdin="2468\n")
        assert done.returncode == 0, done.stderr
        assert "1 new scans" in done.stdout
        server.throttled = True
        refused = _cli("tracking", "refresh", case_no, "--pin-stdin", db_url=sqlite_url, tmp_path=tmp_path,
                       stdin="2468\n")
        assert refused.returncode == 2 and "轨迹查询过于频繁" in refused.stderr
        missing = _cli("tracking", "refresh", "SH01-000000-0000", "--pin-stdin", db_url=sqlite_url,
                       tmp_path=tmp_path, stdin="2468\n")
        assert missing.returncode == 2
    finally:
        server.stop()
