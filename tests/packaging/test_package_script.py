"""The Windows parts scripts/package.py makes before PyInstaller runs (quick; no bundle built)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]


def _package_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("package_script", ROOT / "scripts" / "package.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_windows_icon_has_every_size_explorer_and_the_taskbar_ask_for(tmp_path: Path) -> None:
    # Its own process: drawing the icon starts a QGuiApplication, which would stand in the way of the
    # QApplication of the screen tests in this process.
    icon = tmp_path / "depot-desk.ico"
    code = ("import importlib.util, sys; from pathlib import Path; "
            "spec = importlib.util.spec_from_file_location('package_script', sys.argv[1]); "
            "module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module); "
            "module.make_icon(Path(sys.argv[2]))")
    subprocess.run([sys.executable, "-c", code, str(ROOT / "scripts" / "package.py"), str(icon)], check=True,
                   env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=120)
    with Image.open(icon) as image:
        assert image.format == "ICO"
        assert {(s, s) for s in (16, 24, 32, 48, 256)} <= set(image.info["sizes"])
        image.size = (256, 256)
        large = image.convert("RGBA")
    colours = large.getcolors(maxcolors=1 << 16)
    assert colours is not None and len(colours) > 10  # the drawing, not an empty square
    assert large.getpixel((0, 0))[3] == 0 and large.getpixel((128, 128))[3] == 255  # rounded corners


def test_the_version_resource_carries_the_project_version(tmp_path: Path) -> None:
    script = _package_script()
    text = script.write_version_info(tmp_path / "version-info.txt", "1.4.2").read_text(encoding="utf-8")

    def record(name: str) -> Any:
        return lambda *args, **kwargs: (name, args, kwargs)

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct", "VarFileInfo",
             "VarStruct")
    info = eval(text, {"__builtins__": {}}, {n: record(n) for n in names})  # PyInstaller reads it the same way
    fixed = info[2]["ffi"][2]
    assert fixed["filevers"] == (1, 4, 2, 0) and fixed["prodvers"] == (1, 4, 2, 0)
    strings = dict(entry[1] for entry in info[2]["kids"][0][1][0][0][1][1])
    assert strings["ProductVersion"] == "1.4.2"
    assert strings["OriginalFilename"] == "DepotDesk.exe"
    assert script.project_version() in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
