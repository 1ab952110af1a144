"""The Linux desktop files: the freedesktop and AppStream validators accept them, and they agree
with each other, with pyproject.toml and with the icons that exist."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "installers" / "linux"
APP_ID = "org.hitrecord.Desktop"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: Debian's {package} (make test-packages installs it)")
    return path


def _desktop_validate(path: Path) -> subprocess.CompletedProcess[str]:
    tool = _tool("desktop-file-validate", "desktop-file-utils")
    return subprocess.run([tool, str(path)], capture_output=True, text=True, timeout=60)


def _appstream_validate(path: Path) -> subprocess.CompletedProcess[str]:
    tool = _tool("appstreamcli", "appstream")
    return subprocess.run(
        [tool, "validate", "--no-net", str(path)], capture_output=True, text=True, timeout=60
    )


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_is_valid() -> None:
    result = _desktop_validate(DESKTOP)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "", result.stdout  # no warnings or hints either


def test_metainfo_is_valid() -> None:
    result = _appstream_validate(METAINFO)
    assert result.returncode == 0, result.stdout + result.stderr


def test_validators_reject_broken_files(tmp_path: Path) -> None:
    """The two tests above can fail: the same validators on files with one mistake each."""
    desktop = tmp_path / f"{APP_ID}.desktop"
    desktop.write_text(DESKTOP.read_text(encoding="utf-8").replace("Type=Application", "Type=App"))
    assert _desktop_validate(desktop).returncode != 0
    metainfo = tmp_path / f"{APP_ID}.metainfo.xml"
    metainfo.write_text(
        METAINFO.read_text(encoding="utf-8").replace("<id>", "<id>not a valid id ", 1)
    )
    assert _appstream_validate(metainfo).returncode != 0


def test_metainfo_release_is_the_project_version() -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    component = ET.parse(METAINFO).getroot()
    releases = component.findall("./releases/release")
    assert releases, "no <release> in the metainfo"
    assert releases[0].get("version") == version, (
        f"the newest <release> is {releases[0].get('version')}, pyproject.toml says {version}: "
        f"add a <release> for {version} at the top of {METAINFO.name}"
    )


def test_files_name_each_other() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == DESKTOP.name
    entry = _desktop_entry()
    assert component.findtext("provides/binary") == entry["Exec"].split()[0] == entry["TryExec"]
    # The Icon= name is what the tar.gz and the AppImage install under hicolor.
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (ROOT / "resources" / "icons" / f"{entry['Icon']}-{size}.png").is_file()
    assert (ROOT / "resources" / "icons" / f"{entry['Icon']}.svg").is_file()


def test_desktop_file_name_matches_the_app() -> None:
    """Wayland finds the task-bar icon by the desktop file's name the app announces."""
    from hitrecord_desktop.ui.app_icon import DESKTOP_FILE_NAME, ICON_NAME

    assert f"{DESKTOP_FILE_NAME}.desktop" == DESKTOP.name
    assert _desktop_entry()["Icon"] == ICON_NAME
