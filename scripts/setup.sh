#!/usr/bin/env bash
# Set up Depot Desk on Debian/Ubuntu and either start it or run the tests.
#
#   bash scripts/setup.sh run    # install everything, start the desk (SQLite in the data folder)
#   bash scripts/setup.sh test   # install everything the tests need, run the whole suite
#
# Idempotent: packages already present are not installed again; the virtual
# environment lives in .venv beside this script's project.
set -euo pipefail

mode="${1:-}"
shift || true
case "$mode" in
  run|test) ;;
  *) echo "usage: bash scripts/setup.sh run|test [extra args]" >&2; exit 2 ;;
esac

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

# Qt (offscreen and on a desktop), fonts with Chinese glyphs, Python's venv.
common_pkgs=(python3 python3-venv python3-pip libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1
  libfreetype6 libglib2.0-0 libxkbcommon0 libpulse0 libxrandr2 fonts-wqy-microhei)
desktop_pkgs=(libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-randr0 libx11-xcb1
  libxcb-xfixes0 libxcb-sync1 libxcb-shm0 libxcb-render0 libxcb-util1)
test_pkgs=(postgresql poppler-utils openssl binutils)  # openssl: the mail tests make their TLS certificate;
# binutils: objdump, which PyInstaller uses to find the libraries the bundle needs

if [ "$mode" = run ]; then pkgs=("${common_pkgs[@]}" "${desktop_pkgs[@]}"); else pkgs=("${common_pkgs[@]}" "${test_pkgs[@]}"); fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)-$mode
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  if [ "$mode" = test ]; then .venv/bin/python -m pip install -q -e ".[test]"; else .venv/bin/python -m pip install -q -e .; fi
  touch "$stamp"
fi

if [ "$mode" = run ]; then
  exec .venv/bin/depot-app "$@"
fi

# The PostgreSQL tests start their own throwaway server; require it here so a
# missing server fails loudly instead of skipping.
export DEPOT_REQUIRE_PG=1 QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
