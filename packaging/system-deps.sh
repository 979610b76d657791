#!/usr/bin/env bash
# Installs the system libraries Qt needs on Debian/Ubuntu, only those missing.
# Usage: packaging/system-deps.sh gui|test
# In test mode it also installs PostgreSQL (the clinic-server tests start a throwaway
# server with its initdb/pg_ctl) when no PostgreSQL server binaries are present.
# Elsewhere (no dpkg/apt-get) it does nothing: macOS and Windows wheels carry their own,
# and the PostgreSQL tests skip with one line saying why when PostgreSQL is missing.
set -euo pipefail
mode=${1:-gui}
command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 || exit 0

packages=(libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0)
if [ "$mode" = gui ]; then
  packages+=(libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0
             libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1)
fi
missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$p")
done
optional=()
if [ "$mode" = test ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  optional+=(postgresql)
fi
# Letters and handouts print Chinese, Japanese and Korean names with a system fallback font.
fallback_status=$(dpkg-query -W -f='${db:Status-Status}' fonts-droid-fallback 2>/dev/null || true)
[ "$fallback_status" = installed ] || optional+=(fonts-droid-fallback)
[ ${#missing[@]} -eq 0 ] && [ ${#optional[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    if [ ${#missing[@]} -eq 0 ]; then
      echo "!!! Not installed (needs root): ${optional[*]}; without PostgreSQL the clinic-server tests are SKIPPED !!!" >&2
      exit 0
    fi
    echo "Qt needs these system packages: ${missing[*]}" >&2
    echo "Install them with: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
$sudo apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system libraries for Qt: ${missing[*]}"
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if [ ${#optional[@]} -gt 0 ]; then
  echo "Installing optional packages (PostgreSQL for the clinic-server tests, a CJK font for letters): ${optional[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${optional[@]}" \
    || echo "!!! Not installed: ${optional[*]} (clinic-server tests SKIPPED without PostgreSQL; CJK names warned about without the font) !!!" >&2
fi
