"""What can be checked here of the installers built elsewhere: the shell scripts pass shellcheck,
the Inno Setup script is well-formed and points at files that exist, and the macOS property lists
carry what macOS needs before it lets the app record."""

from __future__ import annotations

import json
import plistlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLERS = ROOT / "installers"
ISS = INSTALLERS / "windows" / "hitrecord-desktop.iss"
MACOS = INSTALLERS / "macos"

SHELL_SCRIPTS = sorted(
    [*INSTALLERS.rglob("*.sh"), INSTALLERS / "linux" / "AppRun"], key=lambda path: str(path)
)


@pytest.mark.parametrize("script", SHELL_SCRIPTS, ids=lambda path: path.name)
def test_shell_script_passes_shellcheck(script: Path) -> None:
    tool = shutil.which("shellcheck")
    if tool is None:
        pytest.fail("shellcheck is missing: Debian's shellcheck (make test-packages installs it)")
    result = subprocess.run([tool, "-x", str(script)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


# --- Inno Setup -------------------------------------------------------------------------------

# The parameters each entry section takes (Inno Setup 6), and the [Files] flags used here.
ISS_PARAMETERS = {
    "Languages": {"Name", "MessagesFile", "LicenseFile", "InfoBeforeFile", "InfoAfterFile"},
    "Tasks": {"Name", "Description", "GroupDescription", "Flags", "Components", "Check"},
    "InstallDelete": {"Type", "Name", "Tasks", "Check"},
    "Files": {"Source", "DestDir", "DestName", "Flags", "Permissions", "Tasks", "Check"},
    "Icons": {
        "Name",
        "Filename",
        "Parameters",
        "WorkingDir",
        "IconFilename",
        "IconIndex",
        "Comment",
        "AppUserModelID",
        "Flags",
        "Tasks",
        "Check",
    },
    "Run": {"Filename", "Description", "Parameters", "WorkingDir", "StatusMsg", "Flags", "Check"},
}
ISS_FLAGS = {
    "Tasks": {"unchecked", "exclusive", "checkedonce", "dontinheritcheck", "restart"},
    "Files": {"ignoreversion", "recursesubdirs", "createallsubdirs", "replacesameversion"},
    "Run": {"nowait", "postinstall", "skipifsilent", "shellexec", "waituntilterminated"},
}


def _iss_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for raw in ISS.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        if match := re.fullmatch(r"\[(\w+)\]", line):
            current = match.group(1)
            sections.setdefault(current, [])
            continue
        sections[current].append(line)
    return sections


def _iss_entry(line: str) -> dict[str, str]:
    """`Name: "value"; Flags: a b` -> {"Name": "value", "Flags": "a b"}."""
    entry = {}
    for part in re.findall(r'(\w+):\s*("[^"]*"|[^;]+)', line):
        entry[part[0]] = part[1].strip().strip('"')
    return entry


def test_iss_setup_section() -> None:
    sections = _iss_sections()
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert re.fullmatch(
        r"\{\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}", setup["AppId"]
    )
    assert setup["PrivilegesRequired"] == "lowest"  # per-user by default...
    assert setup["PrivilegesRequiredOverridesAllowed"] == "dialog"  # ...all users if chosen
    assert setup["DefaultDirName"].startswith("{autopf}")
    # Paths are relative to the script's folder.
    assert (ISS.parent / setup["SetupIconFile"].replace("\\", "/")).resolve() == (
        ROOT / "resources" / "icons" / "hitrecord-desktop.ico"
    )
    assert (ISS.parent / setup["OutputDir"].replace("\\", "/")).resolve() == ROOT / "dist"


def test_iss_preprocessor_names_are_defined() -> None:
    text = ISS.read_text(encoding="utf-8")
    defined = set(re.findall(r"#define\s+(\w+)", text)) | {"AppVersion"}  # AppVersion from /D
    used = set(re.findall(r"\{#(\w+)\}", text))
    assert used <= defined, used - defined
    assert re.search(r'#define BundleDir "\.\.\\\.\.\\dist\\hitrecord-desktop"', text)
    assert '#define AppExe "hitrecord-desktop.exe"' in text  # the spec's executable name
    assert "#error" in text  # no version given, no installer


def test_iss_entries_use_known_parameters() -> None:
    sections = _iss_sections()
    for section, allowed in ISS_PARAMETERS.items():
        assert sections.get(section), f"[{section}] is empty"
        for line in sections[section]:
            entry = _iss_entry(line)
            assert entry and set(entry) <= allowed, f"[{section}] {line}"
            flags = set(entry.get("Flags", "").split())
            assert flags <= ISS_FLAGS.get(section, set()), f"[{section}] {line}"
    icons = [_iss_entry(line) for line in sections["Icons"]]
    assert {icon["Name"].split("\\")[0] for icon in icons} == {"{autoprograms}", "{autodesktop}"}
    tasks = {_iss_entry(line)["Name"] for line in sections["Tasks"]}
    assert {icon["Tasks"] for icon in icons if "Tasks" in icon} <= tasks


# --- macOS ------------------------------------------------------------------------------------


def test_entitlements() -> None:
    entitlements = plistlib.loads((MACOS / "entitlements.plist").read_bytes())
    for key in (
        "com.apple.security.device.audio-input",
        "com.apple.security.device.camera",
        "com.apple.security.network.client",
        "com.apple.security.network.server",
        "com.apple.security.cs.allow-unsigned-executable-memory",
        "com.apple.security.cs.disable-library-validation",
    ):
        assert entitlements.get(key) is True, key
    assert "com.apple.security.app-sandbox" not in entitlements


def test_info_plist_keys() -> None:
    info = json.loads((MACOS / "info_plist.json").read_text(encoding="utf-8"))
    assert info["CFBundleIdentifier"] == "org.hitrecord.Desktop"
    assert info["CFBundleName"] == info["CFBundleDisplayName"] == "HitRecord Desktop"
    # Without these two strings macOS ends the app the moment it opens the microphone or camera.
    for key in ("NSMicrophoneUsageDescription", "NSCameraUsageDescription"):
        assert "HitRecord Desktop" in info[key], key
    # PySide6 6.11's wheels are built for macOS 13 and newer.
    assert tuple(int(part) for part in info["LSMinimumSystemVersion"].split(".")) >= (13, 0)
    assert set(info["CFBundleLocalizations"]) == {"en", "de", "it"}
    # The version keys come from pyproject.toml in the spec, not from this file.
    assert "CFBundleShortVersionString" not in info and "CFBundleVersion" not in info
    plistlib.dumps(info)  # every value is a property-list type


def test_spec_uses_the_info_plist_file() -> None:
    spec = INSTALLERS / "hitrecord-desktop.spec"
    if not spec.exists():
        pytest.skip("no PyInstaller spec in this tree")
    assert "info_plist.json" in spec.read_text(encoding="utf-8"), (
        "the spec's BUNDLE should take its info_plist from installers/macos/info_plist.json "
        "(plus the version keys from pyproject), so the usage strings live in one place"
    )
