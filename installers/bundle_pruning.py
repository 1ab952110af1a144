"""What the spec leaves out of the Linux bundle, and the libraries only those parts needed.

PyInstaller's Qt hooks collect every plugin of a kind (all image formats, all platform themes,
all input methods) and then every library those plugins link. A few of them drag in large
stacks the app never uses: the PDF image format (QtPdf), the virtual keyboard (QtQuick and
QtQml) and the GTK 3 platform theme (GTK, GDK, cairo, pango: a copy of the build machine's
desktop stack that then shadows the user's own). System libVLC must not be copied either: a
copied libvlccore looks for its plugins beside itself and finds none.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from fnmatch import fnmatch
from pathlib import PurePosixPath

# Destination paths (inside the bundle) that are left out on Linux.
LINUX_DROPPED = (
    "PySide6/Qt/plugins/imageformats/libqpdf.so",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    # The system's libVLC is used (see the spec); its plugins need the system's copy.
    "libvlc.so.*",
    "libvlccore.so.*",
    # Every desktop has a libstdc++ at least as new as the build machine's; a bundled older
    # one would shadow it for the system's libVLC plugins, which may need newer symbols.
    "libstdc++.so.*",
    # ALSA's library finds its plugins (the `pulse` and `pipewire` devices PortAudio plays
    # through) in a folder compiled into it: Debian's copy looks in Debian's path and would find
    # none on Fedora or Arch. Every desktop has libasound.
    "libasound.so.*",
)

Entry = tuple[str, str, str]  # PyInstaller's TOC entry: (destination, source, type)
QT_TRANSLATIONS = "PySide6/Qt/translations/"


def only_languages(datas: list[Entry], languages: Iterable[str]) -> list[Entry]:
    """Qt's own translations for the languages the app speaks, not all 40 of them."""
    endings = tuple(f"_{language}.qm" for language in languages)
    return [
        entry
        for entry in datas
        if not PurePosixPath(entry[0]).as_posix().startswith(QT_TRANSLATIONS)
        or entry[0].endswith(endings)
    ]


def is_dropped(destination: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch(PurePosixPath(destination).as_posix(), pattern) for pattern in patterns)


def needed_closure(
    start: Iterable[Entry], by_name: dict[str, Entry], imports: Callable[[str], list[str]]
) -> set[str]:
    """Destinations of `start` and of every bundled library they link, transitively."""
    seen: set[str] = set()
    pending = list(start)
    while pending:
        destination, source, _ = pending.pop()
        if destination in seen:
            continue
        seen.add(destination)
        for name in imports(source):
            entry = by_name.get(PurePosixPath(name).name)
            if entry is not None and entry[0] not in seen:
                pending.append(entry)
    return seen


def prune(binaries: list[Entry], imports: Callable[[str], list[str]]) -> list[Entry]:
    """The binaries without the dropped ones and without the libraries only they linked."""
    if not sys.platform.startswith("linux"):
        return binaries
    dropped = [entry for entry in binaries if is_dropped(entry[0], LINUX_DROPPED)]
    by_name = {PurePosixPath(entry[0]).name: entry for entry in binaries}
    candidates = needed_closure(dropped, by_name, imports)
    roots = [entry for entry in binaries if entry[0] not in candidates]
    still_needed = needed_closure(roots, by_name, imports)
    return [
        entry
        for entry in binaries
        if entry[0] in still_needed or entry[0] not in candidates
        if not is_dropped(entry[0], LINUX_DROPPED)
    ]
