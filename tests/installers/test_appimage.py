"""installers/linux/make_appimage.sh on a stand-in bundle: the AppDir it lays out is what
appimagetool expects, its AppRun starts the bundle with the arguments given, and without
appimagetool it stops with a clear message (exit 3) after making the AppDir."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "installers" / "linux" / "make_appimage.sh"
APP_ID = "org.hitrecord.Desktop"


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A one-folder bundle whose executable reports how it was started."""
    folder = tmp_path / "bundle" / "hitrecord-desktop"
    (folder / "_internal").mkdir(parents=True)
    exe = folder / "hitrecord-desktop"
    exe.write_text('#!/bin/sh\necho "started $0 with:" "$@"\n')
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return folder


def _run(bundle: Path, out: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {"PATH": "/usr/bin:/bin", "HOME": str(out), "BUNDLE_DIR": str(bundle)}
    environ |= {"OUT_DIR": str(out), "ARCH": "x86_64", **env}
    return subprocess.run(
        ["bash", str(SCRIPT), *args], capture_output=True, text=True, env=environ, timeout=60
    )


def test_appdir_layout(bundle: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _run(bundle, out, "--appdir-only")
    assert result.returncode == 0, result.stderr
    appdir = out / "hitrecord-desktop.AppDir"
    assert os.access(appdir / "AppRun", os.X_OK)
    # At the top, as appimagetool wants: the desktop file, the icon named by Icon=, .DirIcon.
    desktop = (appdir / f"{APP_ID}.desktop").read_text()
    assert "Icon=hitrecord-desktop" in desktop
    assert (appdir / "hitrecord-desktop.png").read_bytes()[:4] == b"\x89PNG"
    assert (appdir / ".DirIcon").resolve() == (appdir / "hitrecord-desktop.png").resolve()
    assert (appdir / "usr" / "share" / "metainfo" / f"{APP_ID}.appdata.xml").is_file()
    for size in (16, 32, 48, 64, 128, 256, 512):
        icon = appdir / f"usr/share/icons/hicolor/{size}x{size}/apps/hitrecord-desktop.png"
        assert icon.is_file(), icon
    assert (appdir / "usr/share/icons/hicolor/scalable/apps/hitrecord-desktop.svg").is_file()
    assert (appdir / "usr/lib/hitrecord-desktop/_internal").is_dir()
    assert os.access(appdir / "usr/bin/hitrecord-desktop", os.X_OK)


def test_apprun_starts_the_bundle_with_its_arguments(bundle: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _run(bundle, out, "--appdir-only").returncode == 0
    apprun = out / "hitrecord-desktop.AppDir" / "AppRun"
    for env in ({}, {"APPDIR": str(apprun.parent)}):  # run from the AppDir, or by the runtime
        result = subprocess.run(
            [str(apprun), "--self-check", "two words"],
            capture_output=True,
            text=True,
            env={"PATH": "/usr/bin:/bin", **env},
            timeout=30,
        )
        assert result.returncode == 0, result.stderr
        started = result.stdout.strip()
        assert started.endswith("with: --self-check two words"), started
        assert "usr/lib/hitrecord-desktop/hitrecord-desktop" in started


def test_without_appimagetool_it_says_where_to_get_it(bundle: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _run(bundle, out)
    assert result.returncode == 3
    assert "appimagetool is not installed" in result.stderr
    assert (out / "hitrecord-desktop.AppDir" / "AppRun").exists()


def test_calls_appimagetool_on_the_appdir(bundle: Path, tmp_path: Path) -> None:
    """A stand-in appimagetool records what it was asked to do."""
    out = tmp_path / "out"
    tool = tmp_path / "appimagetool"
    tool.write_text('#!/bin/sh\necho "ARCH=$ARCH $*" > "$(dirname "$0")/called"\ntouch "$3"\n')
    tool.chmod(0o755)
    result = _run(bundle, out, APPIMAGETOOL=str(tool))
    assert result.returncode == 0, result.stderr
    called = (tmp_path / "called").read_text().split()
    assert called[0] == "ARCH=x86_64"
    assert called[1:3] == ["--no-appstream", str(out / "hitrecord-desktop.AppDir")]
    assert Path(called[3]).name.startswith("hitrecord-desktop-")
    assert Path(called[3]).name.endswith("-linux-x86_64.AppImage")
    assert result.stdout.strip().endswith(called[3])


def test_refuses_without_a_bundle(tmp_path: Path) -> None:
    result = _run(tmp_path / "nothing", tmp_path / "out", "--appdir-only")
    assert result.returncode == 1
    assert "make dist" in result.stderr
