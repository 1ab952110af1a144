#!/usr/bin/env bash
# Signs "HitRecord Desktop.app" and packs it into a compressed disk image holding the app and a
# link to /Applications, the window a person drags the app across. macOS only (codesign, hdiutil).
#
#   installers/macos/make_dmg.sh [APP] [DMG]
#
# APP defaults to "dist/HitRecord Desktop.app" (made by `pyinstaller installers/hitrecord-desktop.spec`),
# DMG to dist/hitrecord-desktop-<version>-macos-<arch>.dmg, the version read from the app's Info.plist.
#
# Signing: ad hoc (`codesign -s -`) unless MACOS_SIGN_IDENTITY names a "Developer ID Application"
# identity in the keychain; then with the hardened runtime, a secure timestamp and
# installers/macos/entitlements.plist. An ad hoc app runs on the machine that built it and, after
# the person allows it once (right-click > Open, or System Settings > Privacy & Security), elsewhere.
#
# Notarisation (optional; needs a real identity): set MACOS_NOTARY_PROFILE to a keychain profile
# made by `xcrun notarytool store-credentials`, or MACOS_NOTARY_APPLE_ID, MACOS_NOTARY_TEAM_ID and
# MACOS_NOTARY_PASSWORD (an app-specific password). The image is then submitted, waited for and
# stapled, so Gatekeeper opens it without a network check.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
app=${1:-"$root/dist/HitRecord Desktop.app"}
entitlements="$here/entitlements.plist"
identity=${MACOS_SIGN_IDENTITY:--}

if [[ $(uname -s) != Darwin ]]; then
  echo "make_dmg.sh: runs on macOS only (codesign and hdiutil)" >&2
  exit 2
fi
if [[ ! -d $app/Contents/MacOS ]]; then
  echo "make_dmg.sh: no app bundle at $app (build it first: pyinstaller installers/hitrecord-desktop.spec)" >&2
  exit 1
fi

version=$(/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$app/Contents/Info.plist")
arch=$(lipo -archs "$app/Contents/MacOS/hitrecord-desktop" | tr ' ' '-')  # e.g. arm64, x86_64-arm64
dmg=${2:-"$root/dist/hitrecord-desktop-$version-macos-$arch.dmg"}
volume="HitRecord Desktop $version"

# Extended attributes (a quarantine flag, Finder info) make codesign refuse: "resource fork,
# Finder information, or similar detritus not allowed".
xattr -cr "$app"

echo "Signing $app (identity: $identity)"
if [[ $identity == - ]]; then
  codesign --force --deep --sign - --entitlements "$entitlements" "$app"
else
  codesign --force --deep --sign "$identity" --options runtime --timestamp \
    --entitlements "$entitlements" "$app"
fi
codesign --verify --deep --strict --verbose=2 "$app"

# The image's contents: the app and the /Applications link, in a folder of their own.
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
ditto "$app" "$staging/$(basename "$app")"
ln -s /Applications "$staging/Applications"

mkdir -p "$(dirname "$dmg")"
rm -f "$dmg"
echo "Creating $dmg"
# hdiutil now and then fails with "Resource busy" on CI machines (a disk-arbitration race): retry.
for attempt in 1 2 3; do
  if hdiutil create -volname "$volume" -srcfolder "$staging" -fs HFS+ \
    -format UDZO -imagekey zlib-level=9 -ov "$dmg"; then
    break
  fi
  if ((attempt == 3)); then
    echo "make_dmg.sh: hdiutil create failed 3 times" >&2
    exit 1
  fi
  sleep $((attempt * 5))
done

if [[ $identity != - ]]; then
  codesign --force --sign "$identity" --timestamp "$dmg"
fi

notarise=()
if [[ -n ${MACOS_NOTARY_PROFILE:-} ]]; then
  notarise=(--keychain-profile "$MACOS_NOTARY_PROFILE")
elif [[ -n ${MACOS_NOTARY_APPLE_ID:-} ]]; then
  notarise=(--apple-id "$MACOS_NOTARY_APPLE_ID" --team-id "${MACOS_NOTARY_TEAM_ID:?MACOS_NOTARY_TEAM_ID is needed with MACOS_NOTARY_APPLE_ID}"
    --password "${MACOS_NOTARY_PASSWORD:?MACOS_NOTARY_PASSWORD is needed with MACOS_NOTARY_APPLE_ID}")
fi
if ((${#notarise[@]})); then
  if [[ $identity == - ]]; then
    echo "make_dmg.sh: notarisation needs a Developer ID identity (MACOS_SIGN_IDENTITY)" >&2
    exit 1
  fi
  echo "Notarising $dmg"
  xcrun notarytool submit "$dmg" "${notarise[@]}" --wait
  xcrun stapler staple "$dmg"
  xcrun stapler validate "$dmg"
fi

hdiutil verify "$dmg"
echo "$dmg"
