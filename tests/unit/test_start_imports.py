"""What the desk imports before its window shows: heavy libraries load on first use instead."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

#: Libraries the start does not wait for, with what loads them later.
LATER = {
    "pypinyin": "search keys: loaded off the GUI thread once the queue shows (services.search_keys.warm_up)",
}


def test_starting_the_desk_does_not_import_the_heavy_libraries() -> None:
    code = ("import json, sys; import depot_app.cli, depot_app.ui.main_window, depot_app.services; "
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
