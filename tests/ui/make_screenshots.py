"""`make screenshots`: every `tests/ui/screens_*.py` draws its main state into one folder.

Each module has `capture(out_dir: Path) -> None`. Run under Xvfb (`.ci/with-test-services`
sets DISPLAY); with QT_QPA_PLATFORM=xcb the windows are real X11 windows, grabbed after they
are shown, so what is saved is what a person would see.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import traceback
from pathlib import Path


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0] if argv else "screenshots").resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["hitrecord-screenshots"])
    import tests.ui as package

    names = sorted(
        info.name
        for info in pkgutil.iter_modules(package.__path__)
        if info.name.startswith("screens_")
    )
    failures = 0
    for name in names:
        module = importlib.import_module(f"tests.ui.{name}")
        try:
            module.capture(out_dir)
            print(f"{name}: done")
        except Exception:
            failures += 1
            print(f"{name}: FAILED", file=sys.stderr)
            traceback.print_exc()
        app.processEvents()
    shots = sorted(p.name for p in out_dir.glob("*.png"))
    print(f"{len(shots)} screenshot(s) in {out_dir}: {', '.join(shots)}")
    return 1 if failures or not shots else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
