"""Where things live and what can be set (no Qt).

Three kinds of settings, kept apart on purpose:

* **Where** — the data folder and database URL, from the command line, the
  environment or defaults (:class:`AppConfig`).
* **Depot settings** — code, name, time zone, compensation policy and
  deadline targets. They belong to the depot, not to one workstation, so they
  live in the database (see ``services.settings``); :data:`DEPOT_SETTINGS`
  declares every one with its default.
* **User preferences** — language, last operator: one small JSON file per
  workstation user (:class:`UserPreferences`). Window geometry is the UI's
  business and is stored separately by the UI.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from depot_app.domain.errors import ConfigurationError
from depot_app.domain.notifications import default_templates_setting
from depot_app.domain.policy import Policy

APP_NAME = "DepotDesk"
ENV_DATA_DIR = "DEPOT_DATA_DIR"
ENV_DB_URL = "DEPOT_DB_URL"
LOG_FILE_NAME = "depot-desk.log"

#: Every depot-wide setting with its default. Stored as JSON in the
#: ``depot_setting`` table; a key missing there means "the default".
DEPOT_SETTINGS: dict[str, Any] = {
    "depot_code": "SH01",
    "depot_name": "上海浦东网点",
    #: The number customers call back, filled into message templates.
    "depot_phone": "",
    "timezone": "Asia/Shanghai",
    #: The delivery area (domain.delivery_area): district and street codes served, excluded villages/compounds.
    "delivery_area": {"districts": [], "streets": [], "excluded": []},
    "policy": Policy().to_dict(),
    #: Sign-in: the desk locks after this many idle minutes (0 = never).
    "idle_lock_minutes": 10,
    #: Sign-in: this many wrong PINs in a row lock the operator out ...
    "sign_in_attempts": 5,
    #: ... for this many minutes (a manager can unlock sooner).
    "sign_in_lockout_minutes": 15,
    #: Backups of an embedded (SQLite) database: one a day, keeping the newest N.
    "backup_daily": True,
    "backup_keep": 14,
    #: Photos of a PostgreSQL depot (kept in the database): the most MB of originals each desk caches locally.
    "photo_cache_mb": 2048,
    #: Tracking exports: the column mapping last used per source (field → header text).
    "tracking_import_mappings": {},
    #: The real-time tracking query service (Kuaidi100-style); the key is a secret.
    "tracking_query": {"enabled": False, "url": "https://poll.kuaidi100.com/poll/query.do", "customer": "",
                       "key": "", "timeout_seconds": 10},
    # Telling the customer (docs/settings.md): which channels, when, how often.
    "notify_channels": ["sms", "email"],
    "notify_language": "zh_CN",
    "notice_templates": default_templates_setting(),
    "quiet_hours": "21:00-08:00",
    "notify_max_per_case_day": 3,
    "outbox_max_tries": 6,
    "outbox_backoff_seconds": 60,
    "outbox_sender_enabled": True,
    "outbox_claim_seconds": 300,
    "smtp_host": "",
    "smtp_port": 587,
    "smtp_security": "starttls",
    "smtp_user": "",
    "smtp_password": "",
    "smtp_from": "",
    "smtp_ca_file": "",
    "sms_endpoint": "https://dysmsapi.aliyuncs.com/",
    "sms_access_key_id": "",
    "sms_access_key_secret": "",
    "sms_sign_name": "",
    "sms_template_codes": {},
    "webhook_url": "",
    "webhook_secret": "",
}

#: Settings whose values are secrets: never logged, exported, audited or shown (••••).
SECRET_SETTINGS = frozenset({"smtp_password", "sms_access_key_secret", "webhook_secret"})
SECRET_MASK = "••••"


@dataclass(frozen=True)
class AppConfig:
    """Where this workstation keeps its data and which database it uses."""

    data_dir: Path
    db_url: str

    @property
    def is_sqlite(self) -> bool:
        return self.db_url.startswith("sqlite")

    @property
    def sqlite_path(self) -> Path | None:
        """The database file for an SQLite URL, else None."""
        if not self.is_sqlite:
            return None
        _, _, rest = self.db_url.partition(":///")
        return Path(rest) if rest and rest != ":memory:" else None

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def photo_dir(self) -> Path:
        return self.data_dir / "photos"

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def preferences_file(self) -> Path:
        return self.data_dir / "preferences.json"

    @property
    def window_state_file(self) -> Path:
        return self.data_dir / "window-state.ini"


def default_data_dir() -> Path:
    """The per-user data folder of this platform (e.g. ~/.local/share/DepotDesk)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_config(*, data_dir: str | os.PathLike[str] | None = None,
                   db_url: str | None = None,
                   environ: dict[str, str] | None = None) -> AppConfig:
    """Decide the data folder and database URL: argument, then environment,
    then the platform default; the folder is created when missing."""
    env = os.environ if environ is None else environ
    chosen_dir = Path(data_dir or env.get(ENV_DATA_DIR) or default_data_dir()).expanduser()
    try:
        chosen_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigurationError(
            f"Cannot create the data folder {chosen_dir}: {exc.strerror}. "
            f"Choose another with --data-dir or {ENV_DATA_DIR}.",
            f"无法创建数据文件夹 {chosen_dir}：{exc.strerror}。请用 --data-dir 或 {ENV_DATA_DIR} 指定其他位置。",
        ) from exc
    url = db_url or env.get(ENV_DB_URL) or f"sqlite:///{chosen_dir / 'depot.db'}"
    if not url.startswith(("sqlite", "postgresql")):
        raise ConfigurationError(
            f"Database URL “{url}” is not supported: use sqlite:///FILE or postgresql+psycopg://USER@HOST/DB.",
            f"不支持数据库地址“{url}”：请使用 sqlite:///文件 或 postgresql+psycopg://用户@主机/库名。",
        )
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return AppConfig(data_dir=chosen_dir, db_url=url)


@dataclass
class UserPreferences:
    """This user's own choices on this workstation (not the depot's settings)."""

    language: str = "zh_CN"
    last_operator_id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> UserPreferences:
        """Read the file; a missing or damaged file gives the defaults (and the
        damaged one is kept aside for diagnosis rather than overwritten)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError):
            logging.getLogger(__name__).warning("Unreadable preferences file %s; using defaults", path,
                                                exc_info=True)
            try:
                path.replace(path.with_suffix(".damaged.json"))
            except OSError:
                pass
            return cls()
        prefs = cls()
        if data.get("language") in ("zh_CN", "en"):
            prefs.language = data["language"]
        if isinstance(data.get("last_operator_id"), int):
            prefs.last_operator_id = data["last_operator_id"]
        if isinstance(data.get("extra"), dict):
            prefs.extra = data["extra"]
        return prefs

    def save(self, path: Path) -> None:
        """Write atomically so a crash never leaves a half-written file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, path)


def setup_logging(config: AppConfig, *, level: int = logging.INFO) -> Path:
    """Log to a rotating file in the data folder (and warnings to stderr).

    Returns the log file path. Safe to call more than once.
    """
    config.log_dir.mkdir(parents=True, exist_ok=True)
    log_path = config.log_dir / LOG_FILE_NAME
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_depot_handler", False):
            root.removeHandler(handler)
            handler.close()
    file_handler = logging.handlers.RotatingFileHandler(
        log_path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    file_handler.setFormatter(logging.Formatter(
        "%(asctime)s %(levelname)s %(process)d %(threadName)s %(name)s: %(message)s"))
    file_handler._depot_handler = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    console._depot_handler = True  # type: ignore[attr-defined]
    root.addHandler(console)
    # Alembic announces every plugin at INFO on each start; only its warnings matter.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return log_path
