#!/usr/bin/env bash
# Turns the one-folder bundle (dist/hitrecord-desktop/, from `make dist`) into an AppImage:
# lays out an AppDir (AppRun, the .desktop file, icons, AppStream metainfo, the bundle under
# usr/lib/) and packs it with appimagetool.
#
#   installers/linux/make_appimage.sh              # dist/hitrecord-desktop-<version>-linux-<arch>.AppImage
#   installers/linux/make_appimage.sh --appdir-only  # only the AppDir (no appimagetool needed)
#
# Environment: BUNDLE_DIR (default dist/hitrecord-desktop), OUT_DIR (default dist), ARCH
# (default `uname -m`), APPIMAGETOOL (default: appimagetool on PATH; an appimagetool AppImage
# works too: set APPIMAGE_EXTRACT_AND_RUN=1 where FUSE is missing, e.g. in containers).
#
# appimagetool and the AppImage runtime it embeds come only from the AppImage project's GitHub
# releases (no Debian package, and the PyPI/npm wrappers download them from there at run time),
# so a machine that reaches only the package registries can make the AppDir but not the image;
# .github/workflows/release.yml builds the image.
#
# Like the tar.gz, the AppImage uses the system's libVLC (Debian/Ubuntu: libvlc5 and
# vlc-plugin-base): it is not bundled on Linux.
set -euo pipefail

appdir_only=false
case ${1:-} in
  --appdir-only) appdir_only=true ;;
  "") ;;
  *)
    echo "usage: $0 [--appdir-only]" >&2
    exit 2
    ;;
esac

root=$(cd "$(dirname "$0")/../.." && pwd)
app_id=org.hitrecord.Desktop
name=hitrecord-desktop
bundle=${BUNDLE_DIR:-$root/dist/$name}
out_dir=${OUT_DIR:-$root/dist}
arch=${ARCH:-$(uname -m)}
version=$(python3 -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' \
  "$root/pyproject.toml")
appdir=$out_dir/$name.AppDir
image=$out_dir/$name-$version-linux-$arch.AppImage

if [[ ! -x $bundle/$name ]]; then
  echo "make_appimage.sh: no bundle at $bundle (build it first: make dist)" >&2
  exit 1
fi

rm -rf "$appdir"
mkdir -p "$appdir/usr/lib" "$appdir/usr/bin" "$appdir/usr/share/applications" \
  "$appdir/usr/share/metainfo" "$appdir/usr/share/icons/hicolor/scalable/apps"
cp -a "$bundle" "$appdir/usr/lib/$name"
ln -s "../lib/$name/$name" "$appdir/usr/bin/$name"
install -m 755 "$root/installers/linux/AppRun" "$appdir/AppRun"

# appimagetool wants the .desktop file and the icon named by its Icon= at the top of the AppDir.
install -m 644 "$root/installers/linux/$app_id.desktop" "$appdir/usr/share/applications/$app_id.desktop"
ln -s "usr/share/applications/$app_id.desktop" "$appdir/$app_id.desktop"
# appimagetool looks for the metainfo under its older name, <desktop file id>.appdata.xml.
install -m 644 "$root/installers/linux/$app_id.metainfo.xml" "$appdir/usr/share/metainfo/$app_id.appdata.xml"
for png in "$root"/resources/icons/"$name"-*.png; do
  size=${png##*-}
  size=${size%.png}
  mkdir -p "$appdir/usr/share/icons/hicolor/${size}x${size}/apps"
  install -m 644 "$png" "$appdir/usr/share/icons/hicolor/${size}x${size}/apps/$name.png"
done
install -m 644 "$root/resources/icons/$name.svg" "$appdir/usr/share/icons/hicolor/scalable/apps/$name.svg"
ln -s "usr/share/icons/hicolor/256x256/apps/$name.png" "$appdir/$name.png"
ln -s "$name.png" "$appdir/.DirIcon"

echo "AppDir: $appdir"
if $appdir_only; then
  exit 0
fi

tool=${APPIMAGETOOL:-$(command -v appimagetool || true)}
if [[ -z $tool ]]; then
  cat >&2 <<MSG
make_appimage.sh: appimagetool is not installed. It and the AppImage runtime are published only
as GitHub release files of the AppImage project (github.com/AppImage/appimagetool), not as
Debian, PyPI or npm packages. Download appimagetool-$arch.AppImage from there, make it
executable, and run again with APPIMAGETOOL=/path/to/it (APPIMAGE_EXTRACT_AND_RUN=1 without FUSE).
The AppDir above is complete.
MSG
  exit 3
fi

rm -f "$image"
# The metainfo is validated by the tests (appstreamcli); the runner's older appstreamcli is not
# asked again here.
ARCH=$arch "$tool" --no-appstream "$appdir" "$image"
rm -rf "$appdir"
echo "$image"
