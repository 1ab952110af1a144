"""installers/bundle_pruning.py: the dropped plugins go, and with them the libraries that only
they linked; a library something kept still links stays, and so does one nothing links (a
ctypes-loaded library such as PortAudio)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location(
    "bundle_pruning", ROOT / "installers" / "bundle_pruning.py"
)
pruning = importlib.util.module_from_spec(spec)
spec.loader.exec_module(pruning)

GTK_THEME = "PySide6/Qt/plugins/platformthemes/libqgtk3.so"
LINKS = {  # source path -> the sonames it links (ldd lists them all, transitively)
    "/src/libqgtk3.so": ["libgtk-3.so.0", "libcairo.so.2", "libglib-2.0.so.0"],
    "/src/libgtk-3.so.0": ["libcairo.so.2", "libglib-2.0.so.0"],
    "/src/libQt6Gui.so.6": ["libglib-2.0.so.0"],
    "/src/libvlc.so.5": ["libvlccore.so.9"],
}


def entry(destination: str) -> tuple[str, str, str]:
    return destination, f"/src/{Path(destination).name}", "BINARY"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prunes Linux bundles only")
def test_dropped_plugins_take_their_own_libraries_with_them() -> None:
    binaries = [
        entry(GTK_THEME),
        entry("libgtk-3.so.0"),
        entry("libcairo.so.2"),
        entry("libglib-2.0.so.0"),
        entry("PySide6/Qt/lib/libQt6Gui.so.6"),
        entry("libportaudio.so.2"),
        entry("libvlc.so.5"),
        entry("libvlccore.so.9"),
        entry("libstdc++.so.6"),
    ]
    kept = pruning.prune(binaries, lambda source: LINKS.get(source, []))
    assert [destination for destination, _, _ in kept] == [
        "libglib-2.0.so.0",  # Qt links it too
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "libportaudio.so.2",  # nothing links it: loaded by ctypes
    ]


def test_patterns_match_destinations() -> None:
    assert pruning.is_dropped("libvlccore.so.9", pruning.LINUX_DROPPED)
    assert pruning.is_dropped(GTK_THEME, pruning.LINUX_DROPPED)
    assert not pruning.is_dropped("PySide6/Qt/lib/libQt6Gui.so.6", pruning.LINUX_DROPPED)


def test_only_the_apps_languages_of_qt_translations() -> None:
    datas = [
        ("PySide6/Qt/translations/qtbase_de.qm", "/src/qtbase_de.qm", "DATA"),
        ("PySide6/Qt/translations/qtbase_fr.qm", "/src/qtbase_fr.qm", "DATA"),
        ("PySide6/Qt/translations/qt_it.qm", "/src/qt_it.qm", "DATA"),
        ("resources/translations/hitrecord_de.qm", "/src/hitrecord_de.qm", "DATA"),
        ("qtawesome/fonts/phosphor.ttf", "/src/phosphor.ttf", "DATA"),
    ]
    kept = [entry[0] for entry in pruning.only_languages(datas, ["de", "it"])]
    assert kept == [
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/Qt/translations/qt_it.qm",
        "resources/translations/hitrecord_de.qm",
        "qtawesome/fonts/phosphor.ttf",
    ]
