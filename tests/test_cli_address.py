"""``depot-app address check|import-area|check-cases`` and ``depot-app cases search``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from depot_app.domain.clock import FixedClock
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.vocabulary import ResolutionType
from depot_app.services import Services

ROOT = Path(__file__).resolve().parents[1]


def _cli(*args: str, db_url: str, tmp_path: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DEPOT_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "-m", "depot_app", "--db", db_url, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180, input=stdin)


def test_address_commands_and_search(sqlite_url: str, tmp_path: Path) -> None:
    sv = Services.open(sqlite_url, clock=FixedClock(datetime(2026, 11, 20, 2, 0)))
    try:
        by = sv.operators.ensure_first().id
        sv.operators.set_secret(operator_id=by, secret="2468", by=by)
        near = sv.cases.register_case(tracking_no="SF1234567890123", kind=ProblemKind.LOST, by=by, parcel={
            "recipient_name": "张三", "recipient_address": "上海市浦东新区张江镇碧波路690号"}).case_no
        far = sv.cases.register_case(tracking_no="SF1234567890124", kind=ProblemKind.LOST, by=by, parcel={
            "recipient_name": "曾小明", "recipient_address": "上海市徐汇区漕溪北路88号"}).case_no
    finally:
        sv.close()

    shown = _cli("address", "check", "沪浦东新区张江镇碧波路690号", "--json", db_url=sqlite_url, tmp_path=tmp_path)
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["parts"]["district"] == "浦东新区" and data["verdict"] == "ok"
    unclear = _cli("address", "check", "碧波路", db_url=sqlite_url, tmp_path=tmp_path)
    assert unclear.returncode == 3 and "Address unclear" in unclear.stdout

    area = tmp_path / "area.csv"
    area.write_text("地区,类型\n上海市浦东新区,\n", encoding="utf-8")
    refused = _cli("address", "import-area", str(area), db_url=sqlite_url, tmp_path=tmp_path)
    assert refused.returncode == 2 and "--pin-stdin" in refused.stderr
    done = _cli("address", "import-area", str(area), "--pin-stdin", db_url=sqlite_url, tmp_path=tmp_path,
                stdin="2468\n")
    assert done.returncode == 0 and "1 districts" in done.stdout, done.stderr
    out = _cli("--lang", "zh_CN", "address", "check", "上海市徐汇区漕溪北路88号", db_url=sqlite_url, tmp_path=tmp_path)
    assert out.returncode == 3 and "超区" in out.stdout, out.stderr
    assert all(ResolutionType(r).zh in out.stdout for r in ("transfer", "self_pickup", "return"))
    listed = _cli("address", "check-cases", "--json", "--pin-stdin", db_url=sqlite_url, tmp_path=tmp_path,
                  stdin="2468\n")
    assert [c["case_no"] for c in json.loads(listed.stdout)] == [far], listed.stderr

    found = _cli("cases", "search", "zs", "--json", "--pin-stdin", db_url=sqlite_url, tmp_path=tmp_path,
                 stdin="2468\n")
    assert found.returncode == 0, found.stderr
    rows = json.loads(found.stdout)
    assert rows["total"] == 1 and rows["cases"][0]["case_no"] == near
    text = _cli("cases", "search", "zengxiaoming", "--pin-stdin", db_url=sqlite_url, tmp_path=tmp_path,
                stdin="2468\n")
    assert far in text.stdout and "1 cases." in text.stdout
