"""Renders the app icon from its SVG sources into the PNG, ICO and ICNS files the installers use.

    python installers/make_icons.py           # writes resources/icons/*.png, .ico, .icns
    python installers/make_icons.py --check   # exits 1 if a committed file is missing or stale

The drawing is resources/icons/hitrecord-desktop.svg; up to 32 px the simpler
hitrecord-desktop-small.svg is used, because the full one blurs into a smear there. Qt renders the
SVG (QtSvg is in PySide6-Essentials); the ICO and ICNS containers are written here, since QImage
writes only one image per file and Pillow is not a dependency.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS_DIR = Path(__file__).resolve().parents[1] / "resources" / "icons"
NAME = "hitrecord-desktop"
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)
SMALL_UP_TO = 32  # sizes up to this one come from the small drawing
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # what Windows asks for (lists, tiles, the installer)
# ICNS element types (PNG payloads, macOS 10.7+): type -> pixel size.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),  # 512 pt @2x
    (b"ic11", 32),  # 16 pt @2x
    (b"ic12", 64),  # 32 pt @2x
    (b"ic13", 256),  # 128 pt @2x
    (b"ic14", 512),  # 256 pt @2x
)
# Channel values may differ by this much between Qt versions' anti-aliasing and still be "current".
CHECK_TOLERANCE = 8


def render(size: int, icons_dir: Path = ICONS_DIR) -> QImage:
    """The icon at `size` px, straight (not premultiplied) ARGB."""
    source = icons_dir / (f"{NAME}-small.svg" if size <= SMALL_UP_TO else f"{NAME}.svg")
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise RuntimeError(f"{source}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def _bgra_rows(image: QImage) -> list[bytes]:
    """The rows of a Format_ARGB32 image as B, G, R, A bytes (its memory order on little-endian)."""
    width = image.width()
    rows = []
    for y in range(image.height()):
        line = bytes(image.constScanLine(y))[: width * 4]
        if sys.byteorder == "big":  # ARGB32 is a native 0xAARRGGBB word: swap to B, G, R, A
            line = b"".join(line[i : i + 4][::-1] for i in range(0, len(line), 4))
        rows.append(line)
    return rows


def _ico_dib(image: QImage) -> bytes:
    """A 32-bit DIB icon image: BITMAPINFOHEADER, bottom-up BGRA rows, then the 1-bit AND mask
    (all zeros: the alpha channel decides). Older tools (and some resource editors used by
    installers) read only this form below 256 px."""
    size = image.width()
    header = struct.pack(
        "<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, size * size * 4, 0, 0, 0, 0
    )  # biHeight counts the image and its mask
    pixels = b"".join(reversed(_bgra_rows(image)))
    mask_stride = ((size + 31) // 32) * 4
    return header + pixels + bytes(mask_stride * size)


def ico_bytes(images: dict[int, QImage]) -> bytes:
    """An ICO holding every size: DIB entries, PNG for 256 px (as Windows' own icons do)."""
    payloads = []
    for size, image in sorted(images.items()):
        payloads.append((size, png_bytes(image) if size >= 256 else _ico_dib(image)))
    out = struct.pack("<HHH", 0, 1, len(payloads))
    offset = 6 + 16 * len(payloads)
    for size, data in payloads:
        edge = 0 if size >= 256 else size  # 0 means 256 in the directory
        out += struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(data for _size, data in payloads)


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICNS: the magic, the whole length, then (type, length, PNG) elements; lengths are
    big-endian and count their own 8-byte header."""
    body = b""
    for kind, size in ICNS_TYPES:
        data = pngs[size]
        body += kind + struct.pack(">I", len(data) + 8) + data
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def build(icons_dir: Path = ICONS_DIR) -> dict[str, bytes]:
    """Every generated file's name and content."""
    sizes = sorted(set(PNG_SIZES) | set(ICO_SIZES) | {size for _kind, size in ICNS_TYPES})
    images = {size: render(size, icons_dir) for size in sizes}
    pngs = {size: png_bytes(image) for size, image in images.items()}
    files = {f"{NAME}-{size}.png": pngs[size] for size in PNG_SIZES}
    files[f"{NAME}.ico"] = ico_bytes({size: images[size] for size in ICO_SIZES})
    files[f"{NAME}.icns"] = icns_bytes(pngs)
    return files


def _same_pixels(a: QImage, b: QImage) -> bool:
    if a.size() != b.size():
        return False
    a = a.convertToFormat(QImage.Format.Format_ARGB32)
    b = b.convertToFormat(QImage.Format.Format_ARGB32)
    for y in range(a.height()):
        row_a, row_b = bytes(a.constScanLine(y)), bytes(b.constScanLine(y))
        if (
            row_a != row_b
            and max(abs(p - q) for p, q in zip(row_a, row_b, strict=True)) > CHECK_TOLERANCE
        ):
            return False
    return True


def stale_files(icons_dir: Path = ICONS_DIR) -> list[str]:
    """Generated files that are missing or no longer match the SVG. PNGs are compared by pixels
    (within CHECK_TOLERANCE), the containers by their structure and their largest image."""
    stale = []
    for name, content in build(icons_dir).items():
        path = icons_dir / name
        if not path.exists():
            stale.append(name)
            continue
        if name.endswith(".png"):
            if not _same_pixels(QImage.fromData(content), QImage(str(path))):
                stale.append(name)
        elif path.read_bytes()[:4] != content[:4] or abs(path.stat().st_size - len(content)) > (
            len(content) // 10
        ):
            stale.append(name)
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files")
    parser.add_argument(
        "--out", type=Path, default=ICONS_DIR, help="where to write (the SVGs' folder)"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    if args.check:
        stale = stale_files(ICONS_DIR)
        for name in stale:
            print(f"stale or missing: resources/icons/{name} (run installers/make_icons.py)")
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, content in build(ICONS_DIR).items():
        (args.out / name).write_bytes(content)
        print(f"wrote {args.out / name} ({len(content)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
