"""The Linux tar.gz on a stand-in bundle: make_archive.py lays it out, install.sh installs it
under a prefix with a .desktop file that runs the installed binary, and --uninstall removes it
all. (make dist-test does the same with the real bundle and runs its --self-check.)"""

from __future__ import annotations

import importlib.util
import stat
import subprocess
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "org.hitrecord.Desktop"
NAME = "hitrecord-desktop"


def _load_make_archive():  # installers/ is not a package: load the script as a module
    spec = importlib.util.spec_from_file_location(
        "make_archive", ROOT / "installers" / "linux" / "make_archive.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_archive = _load_make_archive()


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """The archive of a one-folder bundle whose executable says how it was started."""
    bundle = tmp_path / "dist" / NAME
    (bundle / "_internal").mkdir(parents=True)
    exe = bundle / NAME
    exe.write_text('#!/bin/sh\necho "started $0 with:" "$@"\n')
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    (bundle / "_internal" / "libexample.so.1").write_bytes(b"\x7fELF stand-in")
    (bundle / "_internal" / "libexample.so").symlink_to("libexample.so.1")
    return make_archive.make_archive(tmp_path / "dist")


def _install_sh(home: Path, top: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sh", str(top / "install.sh"), *args],
        capture_output=True,
        text=True,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
        timeout=60,
        check=True,
    )


def test_archive_layout(archive: Path) -> None:
    version = make_archive.version()
    assert archive.name == make_archive.archive_name()
    assert archive.name.startswith(f"{NAME}-{version}-linux-")
    with tarfile.open(archive) as tar:
        members = {member.name: member for member in tar.getmembers()}
    top = f"{NAME}-{version}"
    assert {name.split("/")[0] for name in members} == {top}
    for inside in (
        "install.sh",
        f"{NAME}/{NAME}",
        f"share/applications/{APP_ID}.desktop",
        f"share/metainfo/{APP_ID}.metainfo.xml",
        f"share/icons/hicolor/scalable/apps/{NAME}.svg",
        *(f"share/icons/hicolor/{n}x{n}/apps/{NAME}.png" for n in make_archive.ICON_SIZES),
    ):
        assert f"{top}/{inside}" in members, inside
    assert members[f"{top}/install.sh"].mode & 0o111
    assert members[f"{top}/{NAME}/{NAME}"].mode & 0o111
    assert members[f"{top}/{NAME}/_internal/libexample.so"].issym()
    assert all(member.uid == 0 and not member.uname for member in members.values())


def test_install_run_and_uninstall(archive: Path, tmp_path: Path) -> None:
    unpacked, home = tmp_path / "unpacked", tmp_path / "home"
    home.mkdir()
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="tar")
    top = next(unpacked.iterdir())

    said = _install_sh(home, top).stdout
    prefix = home / ".local"
    installed = prefix / "lib" / NAME / NAME
    assert f"installed: {prefix}/bin/{NAME}" in said
    assert (prefix / "bin" / NAME).resolve() == installed.resolve()
    desktop = (prefix / "share" / "applications" / f"{APP_ID}.desktop").read_text()
    assert f"\nExec={installed}\n" in desktop and f"\nTryExec={installed}\n" in desktop
    assert (prefix / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (prefix / "share/icons/hicolor/512x512/apps" / f"{NAME}.png").is_file()
    started = subprocess.run(
        [str(prefix / "bin" / NAME), "--self-check"], capture_output=True, text=True, check=True
    )
    assert started.stdout.strip().endswith("with: --self-check")

    # A second install replaces the first: nothing of the old copy stays.
    (installed.parent / "left-over").write_text("old")
    _install_sh(home, top)
    assert not (installed.parent / "left-over").exists()

    _install_sh(home, top, "--uninstall")
    left = [path for path in prefix.rglob("*") if NAME in path.name or APP_ID in path.name]
    assert left == []


def test_install_under_a_prefix(archive: Path, tmp_path: Path) -> None:
    unpacked, home = tmp_path / "unpacked", tmp_path / "home"
    home.mkdir()
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="tar")
    top = next(unpacked.iterdir())
    prefix = tmp_path / "opt"
    _install_sh(home, top, "--prefix", str(prefix))
    assert (prefix / "bin" / NAME).exists()
    assert not (home / ".local").exists()
