"""Screenshots of the workspace timeline (dark and light theme) for `make screenshots`.

`capture(out_dir)` builds a small band project from real WAV files, decodes them through the
PCM cache off the GUI thread, waits for the waveforms and saves timeline-dark.png and
timeline-light.png. Run alone: `python -m tests.ui.screens_timeline OUT_DIR`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop, QSize
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from hitrecord_desktop.media.pcm_cache import PcmCache
from hitrecord_desktop.project.project_store import ProjectStore
from hitrecord_desktop.ui.project_document import ProjectDocument
from hitrecord_desktop.ui.tasks import TaskRunner
from hitrecord_desktop.ui.timeline import PeaksSource, TimelineWidget
from tests.support.timeline_media import RATE, band_project

SIZE = QSize(1400, 560)


def palette_for(dark: bool) -> QPalette:
    """The settings part's theme palette when it is there, else Fusion's own plus a dark one."""
    try:
        from hitrecord_desktop.ui.theme import make_palette  # type: ignore[import-not-found]
    except ImportError:
        if not dark:
            return QApplication.style().standardPalette()
        palette = QPalette()
        roles = QPalette.ColorRole
        for role, colour in {
            roles.Window: "#2b2d31", roles.WindowText: "#e6e6e6", roles.Base: "#1e1f22",
            roles.AlternateBase: "#26282c", roles.Text: "#e6e6e6", roles.Button: "#35373c",
            roles.ButtonText: "#e6e6e6", roles.Highlight: "#3d7fd9",
            roles.HighlightedText: "#ffffff", roles.Mid: "#2f3136",
            roles.PlaceholderText: "#8c8f94", roles.BrightText: "#ff6b6b",
        }.items():  # fmt: skip
            palette.setColor(role, QColor(colour))
        return palette
    return make_palette(dark)


def _wait(app: QCoreApplication, done, timeout_ms: int = 20_000) -> None:  # type: ignore[no-untyped-def]
    deadline = QDeadlineTimer(timeout_ms)
    while not done() and not deadline.hasExpired():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def capture(out_dir: Path) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        project = band_project(root / "media")
        tasks = TaskRunner(app)
        document = ProjectDocument(project, ProjectStore(root / "project"), tasks, autosave=False)
        peaks = PeaksSource(PcmCache(root / "cache"), tasks, app)
        for dark in (True, False):
            app.setPalette(palette_for(dark))
            widget = TimelineWidget(document, tasks, peaks)
            widget.resize(SIZE)
            widget.show()
            widget.set_zoom(24.5 * RATE / (SIZE.width() - 260), 0)
            widget.set_playhead(int(11.25 * RATE))
            widget.select_clip("guitar")
            widget.view.horizontalScrollBar().setValue(0)
            widget.view.verticalScrollBar().setValue(0)
            for _ in range(3):  # paint, which asks for the peaks; then wait for them all
                widget.grab()
                _wait(app, lambda w=widget: w.timeline.waveforms_complete)
            name = "timeline-dark.png" if dark else "timeline-light.png"
            widget.grab().save(str(out_dir / name))
            widget.close()
            widget.deleteLater()
        tasks.wait(5000)


if __name__ == "__main__":
    capture(
        Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SCREENSHOT_DIR", "screenshots"))
    )
