"""Build the installable Depot Desk folder with PyInstaller.

    python scripts/package.py [--dist DIR] [--work DIR]

Writes ``DIR/DepotDesk/`` (default ``dist/DepotDesk``): the programs
``DepotDesk`` (the window) and ``depot-app`` (the command line), ``.exe`` on
Windows, with Python, Qt and the app's resources in ``_internal``. Copy or
install that folder as a whole; see docs/install-windows.md. Prints the
bundle's size when done.
"""

from __future__ import annotations

import argparse
import os
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "depot-desk.spec"
ICON_SVG = ROOT / "resources" / "icons" / "depot-desk.svg"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def project_version() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def make_icon(target: Path) -> Path:
    """The Windows icon (.ico with the usual sizes), drawn from the app's SVG icon."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICON_SVG))
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    raw = QByteArray()
    buffer = QBuffer(raw)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    del app
    png = target.with_suffix(".png")
    png.write_bytes(bytes(raw.data()))
    with Image.open(png) as picture:
        picture.save(target, format="ICO", sizes=[(s, s) for s in ICON_SIZES])
    return target


def write_version_info(target: Path, version: str) -> Path:
    """The Windows version resource (Explorer's Details tab) in PyInstaller's format."""
    parts = [int(p) if p.isdigit() else 0 for p in version.split(".")[:4]]
    parts += [0] * (4 - len(parts))
    numbers = ", ".join(str(p) for p in parts)
    strings = {
        "CompanyName": "Depot Desk",
        "FileDescription": "Depot Desk 网点问题件工作台",
        "FileVersion": version,
        "InternalName": "DepotDesk",
        "OriginalFilename": "DepotDesk.exe",
        "ProductName": "Depot Desk 网点问题件工作台",
        "ProductVersion": version,
    }
    entries = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings.items())
    target.write_text(
        "VSVersionInfo(\n"
        f"  ffi=FixedFileInfo(filevers=({numbers}), prodvers=({numbers}), mask=0x3f, flags=0x0,\n"
        "                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),\n"
        "  kids=[\n"
        "    StringFileInfo([StringTable('080404b0', [\n"
        f"{entries}])]),\n"
        "    VarFileInfo([VarStruct('Translation', [2052, 1200])])\n"
        "  ]\n"
        ")\n",
        encoding="utf-8")
    return target


def folder_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of everything under ``folder``."""
    total = count = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            count += 1
    return total, count


def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller on the spec; returns the bundle folder."""
    import PyInstaller.__main__

    work.mkdir(parents=True, exist_ok=True)
    os.environ["DEPOT_BUNDLE_ICON"] = str(make_icon(work / "depot-desk.ico"))
    os.environ["DEPOT_BUNDLE_VERSION_FILE"] = str(write_version_info(work / "version-info.txt", project_version()))
    PyInstaller.__main__.run([
        str(SPEC), "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(dist), "--workpath", str(work),
    ])
    return dist / "DepotDesk"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", default=str(ROOT / "dist"), help="where the bundle folder goes (default dist/)")
    parser.add_argument("--work", default=str(ROOT / "build" / "pyinstaller"),
                        help="PyInstaller's working folder (default build/pyinstaller)")
    args = parser.parse_args(argv)
    bundle = build(Path(args.dist).resolve(), Path(args.work).resolve())
    size, files = folder_size(bundle)
    suffix = ".exe" if sys.platform == "win32" else ""
    print(f"Bundle: {bundle}")
    print(f"  window program: {bundle / ('DepotDesk' + suffix)}")
    print(f"  command line:   {bundle / ('depot-app' + suffix)}")
    print(f"  size: {size / 1e6:.1f} MB in {files} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
