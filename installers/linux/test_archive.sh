#!/usr/bin/env bash
# Installs the Linux archive as a person would and runs the installed binary's --self-check in a
# clean environment (no venv, no PYTHONPATH, not from the source tree, a fresh HOME), then starts
# the app itself until its window shows challenges, then uninstalls.
#
# Usage (inside the test services, so that audio devices exist):
#     .ci/with-test-services installers/linux/test_archive.sh dist/hitrecord-desktop-*.tar.gz
# Exits with the self-check's status, or 1 when installing or uninstalling went wrong.
set -euo pipefail

archive=$(realpath "${1:?usage: $0 ARCHIVE.tar.gz}")
app_id=org.hitrecord.Desktop
name=hitrecord-desktop
work=$(mktemp -d "${TMPDIR:-/tmp}/hitrecord-dist-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "dist-test: $*" >&2; exit 1; }

mkdir "$work/unpacked" "$work/home"
tar -xzf "$archive" -C "$work/unpacked"
top=$(find "$work/unpacked" -mindepth 1 -maxdepth 1 -type d)
[ "$(echo "$top" | wc -l)" = 1 ] || fail "the archive should hold one top folder"

prefix="$work/home/.local"
HOME="$work/home" "$top/install.sh" >"$work/install.log" || { cat "$work/install.log"; fail "install.sh failed"; }
installed="$prefix/lib/$name/$name"
[ -x "$installed" ] || fail "install.sh did not install $installed"
[ "$(readlink -f "$prefix/bin/$name")" = "$(readlink -f "$installed")" ] || fail "bin/$name is not a link to it"
grep -qx "Exec=$installed" "$prefix/share/applications/$app_id.desktop" ||
  fail "the installed .desktop file does not run $installed"
[ -f "$prefix/share/icons/hicolor/256x256/apps/$name.png" ] || fail "the icons were not installed"
# From here on the unpacked archive is gone: the installed copy must stand on its own.
cp "$top/install.sh" "$work/install.sh"
rm -rf "$work/unpacked"

# Only what a desktop session gives an app, and our test services' sound server.
clean_env=(env -i "HOME=$work/home" "PATH=/usr/bin:/bin" "LANG=C.UTF-8"
  "HITRECORD_HOME=$work/app-home" "XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$work/home}")
for kept in PULSE_SERVER PULSE_CLIENTCONFIG DISPLAY XAUTHORITY DBUS_SESSION_BUS_ADDRESS; do
  [ -n "${!kept:-}" ] && clean_env+=("$kept=${!kept}")
done
require=()
[ "${HITRECORD_TEST_PULSE:-}" = 1 ] && require=(--require-audio-devices)

started=$(date +%s%N)
status=0
(cd "$work" && "${clean_env[@]}" "$prefix/bin/$name" --self-check "${require[@]}") \
  2>"$work/self-check.err" || status=$?
echo "dist-test: self-check exited $status after $(( ($(date +%s%N) - started) / 1000000 )) ms"
if [ "$status" != 0 ]; then
  tail -n 30 "$work/self-check.err" >&2
  exit "$status"
fi

# The app itself, as a double-click starts it: on the X display (Xvfb) when there is one, else
# offscreen, until its window shows the challenges of the local community (the startup probe).
platform=offscreen
[ -n "${DISPLAY:-}" ] && platform=xcb
started=$(date +%s%N)
status=0
(cd "$work" && timeout 120 "${clean_env[@]}" "QT_QPA_PLATFORM=$platform" \
  HITRECORD_STARTUP_PROBE=exit "$prefix/bin/$name") >"$work/gui.out" 2>"$work/gui.err" || status=$?
if ! grep -q '^HITRECORD-STARTUP-READY rows=[1-9]' "$work/gui.out"; then
  tail -n 30 "$work/gui.err" >&2
  fail "the app ($platform) did not show the challenges"
fi
if [ "$status" != 0 ]; then  # it showed them, then quit badly (a crash on the way out is one)
  tail -n 30 "$work/gui.err" >&2
  fail "the app ($platform) exited with status $status after showing the challenges"
fi
echo "dist-test: the app ($platform) showed the challenges after $(( ($(date +%s%N) - started) / 1000000 )) ms"

HOME="$work/home" "$work/install.sh" --uninstall >/dev/null || fail "install.sh --uninstall failed"
left=$(find "$prefix" -name "*$name*" -o -name "$app_id*")
[ -z "$left" ] || fail "left after --uninstall: $left"
echo "dist-test: installed, self-checked and removed $(basename "$archive")"
