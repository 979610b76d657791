#!/usr/bin/env bash
# Builds the one-folder Linux bundle (dist/medius/) and smoke-tests it, then
# packs dist/medius-<version>-linux-<arch>.tar.gz with the desktop entry,
# AppStream metadata, icons and an installer script.
#   bash packaging/build.sh            (or: make package)
# Windows and macOS builds use the same spec on their own OS: packaging/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PY=$VENV/bin/python

if [ ! -x "$VENV/bin/pyinstaller" ]; then
  echo "PyInstaller is missing from $VENV; installing it"
  "$VENV/bin/pip" install --quiet "pyinstaller>=6.6"
fi

"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/medius.spec

echo "== smoke test"
"$PY" packaging/smoke_test.py dist/medius/medius

version=$("$PY" -c 'import desktop; print(desktop.__version__)')
arch=$(uname -m)
stage=build/linux-package/medius-$version
rm -rf build/linux-package && mkdir -p "$stage"
cp -a dist/medius "$stage/medius"
cp packaging/linux/medius.desktop packaging/linux/org.medius.Medius.metainfo.xml \
   packaging/linux/install.sh "$stage/"
mkdir -p "$stage/icons" && cp resources/icons/medius.svg resources/icons/medius-*.png "$stage/icons/"
tarball=dist/medius-$version-linux-$arch.tar.gz
tar -C build/linux-package -czf "$tarball" "medius-$version"

echo "== size"
du -sh dist/medius
du -sh "$tarball"
