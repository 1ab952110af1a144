"""The generated icons: current with their SVG, and the ICO and ICNS containers hold every size
with the same pixels as the PNGs (Qt's own ico and icns readers decode them)."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from PySide6.QtGui import QImage, QImageReader

from hitrecord_desktop.ui.app_icon import app_icon

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons"


@pytest.fixture(scope="module")
def make_icons(qapp) -> Iterator[ModuleType]:  # type: ignore[no-untyped-def]
    # pytest-qt's QApplication: a QGuiApplication made here would be the one every later
    # widget test of the session gets, and widgets need a QApplication.
    spec = importlib.util.spec_from_file_location(
        "make_icons", ROOT / "installers" / "make_icons.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    yield module


def _images(path: Path) -> dict[int, QImage]:
    reader = QImageReader(str(path))
    found = {}
    for index in range(reader.imageCount()):
        assert reader.jumpToImage(index)
        image = reader.read()
        assert not image.isNull(), f"{path.name}[{index}]: {reader.errorString()}"
        found.setdefault(image.width(), image)
    return found


def _assert_same(a: QImage, b: QImage, what: str, tolerance: int = 2) -> None:
    a = a.convertToFormat(QImage.Format.Format_ARGB32)
    b = b.convertToFormat(QImage.Format.Format_ARGB32)
    assert a.size() == b.size(), what
    worst = 0
    for y in range(a.height()):
        row_a, row_b = bytes(a.constScanLine(y)), bytes(b.constScanLine(y))
        if row_a != row_b:
            worst = max(worst, *(abs(p - q) for p, q in zip(row_a, row_b, strict=True)))
    assert worst <= tolerance, f"{what}: pixels differ by up to {worst}"


def test_generated_icons_are_current(make_icons: ModuleType) -> None:
    assert make_icons.stale_files() == [], "run: python installers/make_icons.py"


def test_ico_holds_every_size_as_drawn(make_icons: ModuleType) -> None:
    images = _images(ICONS / "hitrecord-desktop.ico")
    assert sorted(images) == sorted(make_icons.ICO_SIZES)
    for size in (16, 32, 48, 64, 128, 256):  # the bottom-up DIB rows come out the right way up
        _assert_same(images[size], QImage(str(ICONS / f"hitrecord-desktop-{size}.png")), f"{size}")


def test_icns_holds_every_size_as_drawn(make_icons: ModuleType) -> None:
    images = _images(ICONS / "hitrecord-desktop.icns")
    assert sorted(images) == [16, 32, 64, 128, 256, 512, 1024]
    for size in (16, 32, 64, 128, 256, 512):
        _assert_same(images[size], QImage(str(ICONS / f"hitrecord-desktop-{size}.png")), f"{size}")


def test_the_icon_looks_like_itself(make_icons: ModuleType) -> None:
    """A coarse look: transparent corners, the record dot red at the top right, not blank."""
    image = QImage(str(ICONS / "hitrecord-desktop-256.png"))
    assert image.pixelColor(2, 2).alpha() == 0
    dot = image.pixelColor(186, 72)
    assert dot.red() > 200 and dot.green() < 120 and dot.blue() < 120
    small = QImage(str(ICONS / "hitrecord-desktop-16.png"))
    assert small.pixelColor(8, 8).alpha() == 255


def test_stale_check_notices_a_changed_png(make_icons: ModuleType, tmp_path: Path) -> None:
    for name in ("hitrecord-desktop.svg", "hitrecord-desktop-small.svg"):
        (tmp_path / name).write_bytes((ICONS / name).read_bytes())
    make_icons.main(["--out", str(tmp_path)])
    assert make_icons.stale_files(tmp_path) == []
    other = QImage(str(tmp_path / "hitrecord-desktop-64.png"))
    other.invertPixels()
    other.save(str(tmp_path / "hitrecord-desktop-64.png"))
    (tmp_path / "hitrecord-desktop.icns").unlink()
    assert make_icons.stale_files(tmp_path) == [
        "hitrecord-desktop-64.png",
        "hitrecord-desktop.icns",
    ]


def test_app_icon_has_every_png(make_icons: ModuleType) -> None:
    icon = app_icon()
    sizes = sorted(size.width() for size in icon.availableSizes())
    assert sizes == list(make_icons.PNG_SIZES)
