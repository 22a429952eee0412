"""``depot-app operators``: the way back in when the only manager forgot their PIN."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from depot_app.cli import main
from depot_app.domain.errors import SignInError
from depot_app.services import Services


def run(monkeypatch: pytest.MonkeyPatch, data_dir: Path, *args: str, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(["--data-dir", str(data_dir), "operators", *args])


def test_add_list_set_pin_and_unlock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert run(monkeypatch, tmp_path, "add", "李客服", "--role", "clerk", "--pin-stdin", stdin="2580\n") == 2
    assert "must be a manager" in capsys.readouterr().err
    assert run(monkeypatch, tmp_path, "add", "张经理", "--role", "manager", "--pin-stdin", stdin="7391\n") == 0
    assert run(monkeypatch, tmp_path, "add", "李客服", "--role", "clerk", "--pin-stdin", stdin="1234\n") == 2
    assert "too easy" in capsys.readouterr().err
    sv = Services.open(f"sqlite:///{tmp_path / 'depot.db'}")
    try:
        boss = sv.operators.find("张经理")
        assert boss is not None
        for _ in range(5):
            with pytest.raises(SignInError):
                sv.operators.sign_in(operator_id=boss.id, secret="0000x")
        assert run(monkeypatch, tmp_path, "list") == 0
        listing = capsys.readouterr().out
        assert "张经理  manager  active, PIN set, locked until" in listing
        assert run(monkeypatch, tmp_path, "set-pin", "张经理", "--pin-stdin", stdin="8642\n") == 0
        assert sv.operators.sign_in(operator_id=boss.id, secret="8642").id == boss.id
        for _ in range(5):
            with pytest.raises(SignInError):
                sv.operators.sign_in(operator_id=boss.id, secret="0000x")
        assert run(monkeypatch, tmp_path, "unlock", str(boss.id)) == 0
        assert sv.operators.sign_in(operator_id=boss.id, secret="8642").id == boss.id
        assert run(monkeypatch, tmp_path, "unlock", "无此人") == 2
        trail = [r.action for r in sv.audit.entries(by=boss.id)]
        assert {"secret_reset", "operator_unlocked", "sign_in_locked"} <= set(trail)
    finally:
        sv.close()


def test_commands_recorded_under_an_operator_need_their_pin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    sv = Services.open(f"sqlite:///{tmp_path / 'depot.db'}")
    boss = sv.operators.create_first_manager(name="张经理", secret="7391")
    sv.close()
    out = tmp_path / "month.xlsx"

    def export(*extra: str, stdin: str = "") -> int:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        return main(["--data-dir", str(tmp_path), "export", "month", "2026-11", "-o", str(out), *extra])

    assert export() == 2 and not out.exists()
    assert "--pin-stdin" in capsys.readouterr().err
    assert export("--pin-stdin", stdin="0000x\n") == 2 and not out.exists()
    assert export("--unmasked", "--pin-stdin", stdin="7391\n") == 0 and out.exists()
    sv = Services.open(f"sqlite:///{tmp_path / 'depot.db'}")
    try:
        trail = [(r.action, r.detail) for r in reversed(sv.audit.entries(by=boss.id))]
        assert ("sign_in_failed", "张经理 · 1/5 · command line") in trail
        assert ("signed_in", "张经理 · command line") in trail
        assert trail[-1][0] == "export"
    finally:
        sv.close()
