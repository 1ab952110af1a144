"""Screenshots of the challenge browser: the demo challenges, "Vocals wanted: Night Bus" chosen,
its contributions with their waveforms, one of them previewing; light and dark.

`make screenshots` calls `capture(out_dir)`; alone: `python -m tests.ui.screens_browser OUT_DIR`.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QStyleFactory

from hitrecord_desktop.api.client import PlatformClient
from hitrecord_desktop.sync.media_cache import MediaCache
from hitrecord_desktop.ui.challenge_browser import ChallengeBrowser
from hitrecord_desktop.ui.tasks import TaskRunner
from tests.support.live_server import LiveServer

NIGHT_BUS = "Vocals wanted: Night Bus"


def _wait(app: QApplication, done: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the browser did not get there in time")
        app.processEvents()
        time.sleep(0.005)


def _set_theme(app: QApplication, dark: bool) -> bool:
    """The app's own theme helper when it is there (ui/theme.py); Fusion's default otherwise."""
    try:
        from hitrecord_desktop.ui.theme import make_palette  # type: ignore[attr-defined]
    except ImportError:
        if dark:
            return False
        app.setStyle(QStyleFactory.create("Fusion"))
        return True
    app.setStyle(QStyleFactory.create("Fusion"))
    app.setPalette(make_palette(dark))
    return True


def capture(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    palette, style = app.palette(), app.style().name()
    with tempfile.TemporaryDirectory(prefix="screens-browser-") as folder:
        root = Path(folder)
        with LiveServer(root / "server", demo=True) as server:
            tasks = TaskRunner(app)
            browser = ChallengeBrowser(
                tasks, MediaCache(root / "media", 1 << 30), root / "pcm", "dummy"
            )
            browser.resize(1280, 760)
            browser.show()
            browser.attach(PlatformClient(server.url))
            try:
                _wait(app, lambda: browser.model.complete and browser.model.rowCount() > 0)
                titles = [
                    browser.model.challenge_at(r).title  # type: ignore[union-attr]
                    for r in range(browser.model.rowCount())
                ]
                browser.table.selectRow(titles.index(NIGHT_BUS))
                contributions = browser.detail.contributions
                _wait(
                    app,
                    lambda: (
                        bool(contributions.rows)
                        and all(r.waveform.thumbnail for r in contributions.rows.values())
                    ),
                )
                rows = contributions.rows
                second = list(rows.values())[1]
                browser.detail.contributions.select(second.contribution.id)
                browser.toggle_preview(second.contribution)
                _wait(app, lambda: browser.preview.time_ms > 2500)
                for dark, name in ((False, "browser.png"), (True, "browser-dark.png")):
                    if _set_theme(app, dark):
                        app.processEvents()
                        browser.grab().save(str(out_dir / name))
            finally:
                browser.shutdown()
                browser.close()
                tasks.wait(5000)
                app.setStyle(style)  # the next screenshot module gets the app as it was
                app.setPalette(palette)


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    capture(Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SCREENSHOT_DIR", "shots")))
