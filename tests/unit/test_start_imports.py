"""What the desk imports before its window shows: heavy libraries load on first use instead."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

#: Libraries the start does not wait for, with what loads them later.
LATER = {
    "pypinyin": "search keys: loaded off the GUI thread once the queue shows (services.search_keys.warm_up)",
    "reportlab": "PDF writers: imported by the report services when a PDF is made",
    "openpyxl": "workbooks: imported when a workbook is read or written (importer, monthly, area list)",
    "alembic": "migrations: imported by db.migrate only when the database is not at head",
    "sqlalchemy.dialects.postgresql": "PostgreSQL dialect: on a PostgreSQL depot (db.engine.upsert_insert)",
}


def test_starting_the_desk_does_not_import_the_heavy_libraries(tmp_path: Path) -> None:
    from depot_app.services import Services

    url = f"sqlite:///{tmp_path / 'depot.db'}"
    Services.open(url).close()  # migrated here; the start below finds it at head
    code = ("import json, sys; import depot_app.cli, depot_app.ui.main_window; "
            f"from depot_app.services import Services; Services.open({url!r}).close(); "
            f"print(json.dumps([m for m in {sorted(LATER)!r} if m in sys.modules]))")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert loaded == [], {name: LATER[name] for name in loaded}


@pytest.mark.parametrize("text", ["张三", "单县"])
def test_keys_are_the_same_once_the_reader_loads_on_first_use(text: str) -> None:
    from depot_app.services import search_keys

    search_keys._reader.cache_clear()
    first = search_keys.name_keys(text)
    search_keys.warm_up()
    assert search_keys.name_keys(text) == first and first
