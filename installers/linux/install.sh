#!/bin/sh
# Installs HitRecord Desktop from this unpacked archive, for you alone (no root needed):
#     ./install.sh                  into ~/.local (the menus find it there)
#     ./install.sh --prefix DIR     into DIR instead, e.g. sudo ./install.sh --prefix /usr/local
#     ./install.sh --uninstall      removes it again (with the same --prefix, if one was given)
# The app goes to PREFIX/lib/hitrecord-desktop/, the command to PREFIX/bin/, the menu entry,
# its AppStream data and the icons to PREFIX/share/. Your recordings and settings are not touched.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix="${HOME:?HOME is not set}/.local"
action=install
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 64; }
              prefix=$2; shift ;;
    --prefix=*) prefix=${1#--prefix=} ;;
    --uninstall) action=uninstall ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 64 ;;
  esac
  shift
done
case "$prefix" in /*) ;; *) prefix="$(pwd)/$prefix" ;; esac

app_id=org.hitrecord.Desktop
name=hitrecord-desktop
lib="$prefix/lib/$name"
share="$prefix/share"

refresh_caches() { # optional tools: menus and icon themes pick up changes without them too
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$share/applications" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$share/icons/hicolor" 2>/dev/null || true
  fi
}

if [ "$action" = uninstall ]; then
  rm -rf "$lib"
  rm -f "$prefix/bin/$name" "$share/applications/$app_id.desktop" "$share/metainfo/$app_id.metainfo.xml"
  find "$share/icons/hicolor" -path "*/apps/$name.*" -delete 2>/dev/null || true
  refresh_caches
  echo "HitRecord Desktop removed from $prefix"
  exit 0
fi

[ -x "$here/$name/$name" ] || { echo "install.sh: $here/$name/$name is missing" >&2; exit 1; }
mkdir -p "$prefix/bin" "$prefix/lib" "$share/applications" "$share/metainfo"
# A fresh copy: files of an older version must not stay beside the new ones.
rm -rf "$lib.new"
cp -R "$here/$name" "$lib.new"
rm -rf "$lib"
mv "$lib.new" "$lib"
ln -sf "$lib/$name" "$prefix/bin/$name"
# The menu entry runs the installed binary by its full path: ~/.local/bin is often not on PATH.
sed -e "s|^Exec=.*|Exec=$lib/$name|" -e "s|^TryExec=.*|TryExec=$lib/$name|" \
  "$here/share/applications/$app_id.desktop" >"$share/applications/$app_id.desktop"
cp "$here/share/metainfo/$app_id.metainfo.xml" "$share/metainfo/"
(cd "$here/share" && find icons -type f) | while read -r icon; do
  mkdir -p "$share/$(dirname "$icon")"
  cp "$here/share/$icon" "$share/$icon"
done
refresh_caches
echo "HitRecord Desktop installed: $prefix/bin/$name (and in your applications menu)"

# libVLC is not in the bundle on Linux: it plays video and previews through the system's.
if ! { /sbin/ldconfig -p 2>/dev/null || ldconfig -p 2>/dev/null; } | grep -q 'libvlc\.so\.5'; then
  echo "Note: VLC's library was not found. Video and previews need it:"
  echo "    Debian/Ubuntu: sudo apt install libvlc5 vlc-plugin-base vlc-plugin-video-output"
  echo "    Fedora:        sudo dnf install vlc-libs vlc-plugins-base (RPM Fusion)"
  echo "    Arch:          sudo pacman -S vlc"
fi
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "($prefix/bin is not on your PATH: start it from the menu, or add it.)" ;; esac
