#!/usr/bin/env python3
"""Translations: extract, fill, compile.

    python scripts/i18n.py update          # re-scan depot_app/ui for tr() strings into the .ts
    python scripts/i18n.py fill FILE.json  # set translations {"context|source" or "source": "译文"}
    python scripts/i18n.py release         # compile .ts -> .qm (the app loads the .qm)
    python scripts/i18n.py check           # list untranslated strings; exit 1 if any

``update`` keeps every translation already made; Qt Linguist
(``pyside6-linguist resources/i18n/depot_zh_CN.ts``) is the comfortable way
to translate by hand.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
LANGS = ("zh_CN",)


def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    found = str(exe) if exe.exists() else shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: install the project (pip install -e .) first")
    return found


def ts_path(lang: str) -> Path:
    return I18N / f"depot_{lang}.ts"


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "depot_app" / "ui").rglob("*.py"))


def _finished(path: Path) -> dict[str, set[str]]:
    """Every finished translation of the catalogue, by source text."""
    found: dict[str, set[str]] = {}
    if not path.exists():
        return found
    for message in ET.parse(path).getroot().iter("message"):
        tr = message.find("translation")
        if tr is not None and tr.get("type") is None and (tr.text or "").strip():
            found.setdefault(message.findtext("source") or "", set()).add(tr.text or "")
    return found


def update() -> None:
    """Re-scan the sources; a string that moved to another class keeps its translation.

    lupdate files strings by context (the class), so a string whose code moved
    to another class comes back unfinished (with lupdate's same-text guess, or
    empty); it gets the translation it had, when that source text had one
    translation only.
    """
    for lang in LANGS:
        path = ts_path(lang)
        before = _finished(path)
        subprocess.run([_tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *sources(),
                        "-ts", str(path)], check=True, cwd=ROOT)
        tree = ET.parse(path)
        carried = 0
        for message in tree.getroot().iter("message"):
            tr = message.find("translation")
            if tr is None or tr.get("type") != "unfinished":
                continue
            known = before.get(message.findtext("source") or "", set())
            if len(known) == 1:
                tr.text = next(iter(known))
                tr.attrib.pop("type", None)
                carried += 1
        if carried:
            _write(tree, path)
            print(f"{path.name}: {carried} moved strings keep their translation")


def release() -> None:
    for lang in LANGS:
        subprocess.run([_tool("pyside6-lrelease"), str(ts_path(lang)), "-qm",
                        str(I18N / f"depot_{lang}.qm")], check=True, cwd=ROOT)


def _write(tree: ET.ElementTree, path: Path) -> None:
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                    encoding="utf-8")


def untranslated(lang: str = "zh_CN") -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    tree = ET.parse(ts_path(lang))
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            tr = message.find("translation")
            if tr is None or tr.get("type") in ("unfinished",) or not (tr.text or "").strip():
                if tr is not None and tr.get("type") in ("vanished", "obsolete"):
                    continue
                missing.append((name, message.findtext("source") or ""))
    return missing


def fill(json_file: str, lang: str = "zh_CN") -> None:
    mapping: dict[str, str] = json.loads(Path(json_file).read_text(encoding="utf-8"))
    path = ts_path(lang)
    tree = ET.parse(path)
    done = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            text = mapping.get(f"{name}|{source}", mapping.get(source))
            if text is None:
                continue
            tr = message.find("translation")
            if tr is None:
                tr = ET.SubElement(message, "translation")
            tr.text = text
            tr.attrib.pop("type", None)
            done += 1
    _write(tree, path)
    print(f"filled {done} messages in {path.name}")


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    cmd = argv[0]
    if cmd == "update":
        update()
    elif cmd == "release":
        release()
    elif cmd == "fill":
        fill(argv[1])
    elif cmd == "check":
        missing = untranslated()
        for context, source in missing:
            print(f"{context}|{source}")
        return 1 if missing else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
