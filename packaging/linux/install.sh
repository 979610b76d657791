#!/usr/bin/env bash
# Installs an unpacked Medius bundle for the current user (default) or, run as
# root with PREFIX=/usr/local, for everyone. Records stay in the user's data
# folder (~/.local/share/Medius); uninstalling never removes them.
#   ./install.sh            install
#   ./install.sh --remove   uninstall the program (keeps the data)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
PREFIX=${PREFIX:-$HOME/.local}
app_dir=$PREFIX/opt/medius
share=$PREFIX/share

if [ "${1:-}" = "--remove" ]; then
  rm -rf "$app_dir" "$PREFIX/bin/medius" "$share/applications/medius.desktop" \
         "$share/metainfo/org.medius.Medius.metainfo.xml"
  find "$share/icons/hicolor" -name 'medius.png' -o -name 'medius.svg' 2>/dev/null | xargs -r rm -f
  echo "Medius removed. Clinical records in the data folder were kept."
  exit 0
fi

mkdir -p "$PREFIX/opt" "$PREFIX/bin" "$share/applications" "$share/metainfo"
rm -rf "$app_dir"
cp -a "$here/medius" "$app_dir"
ln -sf "$app_dir/medius" "$PREFIX/bin/medius"
install -m 644 "$here/medius.desktop" "$share/applications/medius.desktop"
install -m 644 "$here/org.medius.Medius.metainfo.xml" "$share/metainfo/"
for png in "$here"/icons/medius-*.png; do
  size=$(basename "$png" .png); size=${size#medius-}
  install -D -m 644 "$png" "$share/icons/hicolor/${size}x${size}/apps/medius.png"
done
install -D -m 644 "$here/icons/medius.svg" "$share/icons/hicolor/scalable/apps/medius.svg"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
echo "Medius installed in $app_dir; start it from the applications menu or run: medius"
case ":$PATH:" in *":$PREFIX/bin:"*) ;; *) echo "Note: $PREFIX/bin is not on PATH." ;; esac
