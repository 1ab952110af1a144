"""Packs the one-folder bundle into dist/hitrecord-desktop-<version>-linux-<arch>.tar.gz with
the freedesktop files and install.sh (which installs it to ~/.local or a prefix).

    python installers/linux/make_archive.py [--dist dist]

Inside, one top folder hitrecord-desktop-<version>/ holds hitrecord-desktop/ (the bundle),
share/applications, share/metainfo, share/icons/hicolor/<size>x<size>/apps (and scalable/) and
install.sh. Modes and symlinks are kept; owners are not, so it unpacks as whoever unpacks it.
"""

from __future__ import annotations

import argparse
import platform
import tarfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NAME = "hitrecord-desktop"
APP_ID = "org.hitrecord.Desktop"
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)


def version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["project"]["version"]


def archive_name(arch: str | None = None) -> str:
    return f"{NAME}-{version()}-linux-{arch or platform.machine()}.tar.gz"


def members(bundle: Path) -> list[tuple[Path, str]]:
    """(source, path inside the top folder) of every file the archive holds, bundle aside."""
    linux = ROOT / "installers" / "linux"
    icons = ROOT / "resources" / "icons"
    found = [
        (linux / "install.sh", "install.sh"),
        (linux / f"{APP_ID}.desktop", f"share/applications/{APP_ID}.desktop"),
        (linux / f"{APP_ID}.metainfo.xml", f"share/metainfo/{APP_ID}.metainfo.xml"),
        (icons / f"{NAME}.svg", f"share/icons/hicolor/scalable/apps/{NAME}.svg"),
    ]
    found += [
        (icons / f"{NAME}-{size}.png", f"share/icons/hicolor/{size}x{size}/apps/{NAME}.png")
        for size in ICON_SIZES
    ]
    missing = [str(source) for source, _ in found if not source.is_file()]
    if missing or not (bundle / NAME).is_file():
        raise SystemExit(f"make_archive: missing {missing or bundle / NAME}")
    return found


def anonymous(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def make_archive(dist: Path) -> Path:
    bundle = dist / NAME
    top = f"{NAME}-{version()}"
    out = dist / archive_name()
    part = out.with_name(out.name + ".part")
    with tarfile.open(part, "w:gz", compresslevel=6) as archive:
        for source, inside in members(bundle):
            archive.add(source, f"{top}/{inside}", filter=anonymous)
        archive.add(bundle, f"{top}/{NAME}", filter=anonymous)
    part.replace(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--dist", type=Path, default=ROOT / "dist", help="PyInstaller's dist folder"
    )
    parser.add_argument("--print-name", action="store_true", help="print the archive's name only")
    args = parser.parse_args()
    if args.print_name:
        print(archive_name())
        return
    print(make_archive(args.dist))


if __name__ == "__main__":
    main()
