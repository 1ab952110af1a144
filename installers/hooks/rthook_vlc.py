"""Runtime hook: a libVLC copied into the bundle (Windows and macOS builds, under vlc/) is the
one python-vlc loads, with its own plugin folder. Without vlc/ (Linux) the system's libVLC is
used, found the usual way."""

import ctypes
import os
import sys
from pathlib import Path


def _use_bundled_vlc() -> None:
    folder = Path(getattr(sys, "_MEIPASS", "")) / "vlc"
    if not folder.is_dir():
        return
    if sys.platform == "win32":
        library = folder / "libvlc.dll"
        os.add_dll_directory(str(folder))  # libvlccore.dll and the codecs' DLLs sit beside it
    else:
        library = folder / "lib" / "libvlc.dylib"
        # libvlc.dylib names libvlccore by @rpath: loaded first, it is found by its name.
        ctypes.CDLL(str(folder / "lib" / "libvlccore.dylib"))
    os.environ.setdefault("PYTHON_VLC_LIB_PATH", str(library))
    os.environ.setdefault("PYTHON_VLC_MODULE_PATH", str(folder / "plugins"))


_use_bundled_vlc()
