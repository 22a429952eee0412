"""Where data lives, which database is used, preferences and the log file."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from depot_app.config import ENV_DATA_DIR, ENV_DB_URL, UserPreferences, resolve_config, setup_logging
from depot_app.domain.errors import ConfigurationError


def test_argument_beats_environment_beats_default(tmp_path: Path) -> None:
    env = {ENV_DATA_DIR: str(tmp_path / "env"), ENV_DB_URL: "sqlite:////tmp/env.db"}
    cfg = resolve_config(data_dir=tmp_path / "arg", db_url=None, environ=env)
    assert cfg.data_dir == tmp_path / "arg"
    assert cfg.db_url == "sqlite:////tmp/env.db"
    cfg = resolve_config(environ={ENV_DATA_DIR: str(tmp_path / "env")})
    assert cfg.data_dir == tmp_path / "env" and cfg.data_dir.is_dir()
    assert cfg.db_url == f"sqlite:///{tmp_path / 'env' / 'depot.db'}"
    assert cfg.sqlite_path == tmp_path / "env" / "depot.db"


def test_postgres_url_gets_the_psycopg_driver(tmp_path: Path) -> None:
    cfg = resolve_config(data_dir=tmp_path, db_url="postgresql://desk@server/depot", environ={})
    assert cfg.db_url == "postgresql+psycopg://desk@server/depot"
    assert not cfg.is_sqlite and cfg.sqlite_path is None


def test_unsupported_url_is_refused_with_advice(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError) as err:
        resolve_config(data_dir=tmp_path, db_url="mysql://x/y", environ={})
    assert "sqlite:///" in err.value.en and "postgresql" in err.value.zh


def test_unwritable_data_dir_is_explained(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ConfigurationError) as err:
        resolve_config(data_dir=blocker / "sub", environ={})
    assert "--data-dir" in err.value.en


def test_preferences_round_trip_and_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "preferences.json"
    assert UserPreferences.load(path).language == "zh_CN"
    UserPreferences(language="en", last_operator_id=3).save(path)
    loaded = UserPreferences.load(path)
    assert (loaded.language, loaded.last_operator_id) == ("en", 3)
    path.write_text("{not json", encoding="utf-8")
    assert UserPreferences.load(path).language == "zh_CN"
    assert (tmp_path / "preferences.damaged.json").exists()


def test_errors_go_to_the_rotating_log(tmp_path: Path) -> None:
    cfg = resolve_config(data_dir=tmp_path, environ={})
    log_path = setup_logging(cfg)
    try:
        logging.getLogger("depot_app.test").error("Registration failed for %s", "SF1234567890123")
        for handler in logging.getLogger().handlers:
            handler.flush()
        assert "Registration failed for SF1234567890123" in log_path.read_text(encoding="utf-8")
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "_depot_handler", False):
                logging.getLogger().removeHandler(handler)
                handler.close()
