"""Screenshots of the settings helper's part: the uploads panel with jobs in several states, the
settings dialog, the sign-in dialog and the recovery dialog, in the dark and the light theme.

`capture(out_dir)` is called by `make screenshots`; run alone with
`SCREENSHOT_DIR=/tmp/shots python -m tests.ui.screens_settings`.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from hitrecord_desktop.api import LineageRef, PlatformClient
from hitrecord_desktop.api.token_store import TokenStore
from hitrecord_desktop.paths import AppPaths
from hitrecord_desktop.project.model import Project, Track
from hitrecord_desktop.project.project_store import ProjectStore
from hitrecord_desktop.project.recovery_offer import gather_offer, mark_open
from hitrecord_desktop.sync.failure_policy import WAITING_FOR_NETWORK, WAITING_FOR_SIGN_IN
from hitrecord_desktop.sync.upload_engine import UploadEngine
from hitrecord_desktop.sync.upload_events import JobProgress, TotalProgress
from hitrecord_desktop.sync.upload_jobs import JobState, UploadRequest
from hitrecord_desktop.sync.upload_queue import UploadQueue
from hitrecord_desktop.ui.account_dialogs import SignInDialog
from hitrecord_desktop.ui.icons import IconBinder
from hitrecord_desktop.ui.preferences import Preferences
from hitrecord_desktop.ui.recovery_dialog import RecoveryDialog
from hitrecord_desktop.ui.settings_dialog import SettingsDialog
from hitrecord_desktop.ui.sync_bridge import SyncBridge
from hitrecord_desktop.ui.tasks import TaskRunner
from hitrecord_desktop.ui.theme import ThemeChoice, ThemeManager
from hitrecord_desktop.ui.upload_status import UploadStatus
from hitrecord_desktop.ui.uploads_panel import UploadsPanel
from hitrecord_desktop.user_settings import Account, load_settings, save_settings
from tests.support.live_server import LiveServer


def _settle(ms: int = 150) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _wait(condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)


def _save(widget: QWidget, path: Path) -> None:
    widget.show()
    _settle()
    widget.grab().save(str(path))


def _fill_queue(queue: UploadQueue, root: Path, lineage: tuple[LineageRef, ...]) -> list[str]:
    """Six jobs, one per state worth seeing; answers their ids in order."""
    specs = [
        ("Night bus — lead vocals", 48_000_000, "local", JobState.UPLOADING, ""),
        ("Rain on the roof (harmony)", 12_500_000, "local", JobState.QUEUED, WAITING_FOR_NETWORK),
        ("Spoken intro", 3_200_000, "https://hitrecord.example.org", JobState.QUEUED,
         WAITING_FOR_SIGN_IN),
        ("Bass line, take 3", 8_100_000, "local", JobState.FAILED,
         "The challenge “Night bus” closed for contributions on 2026-11-20."),
        ("Whistle solo", 2_000_000, "local", JobState.PAUSED, ""),
        ("Ukulele bed", 5_400_000, "local", JobState.DONE, ""),
    ]  # fmt: skip
    ids = []
    for index, (title, size, server, state, note) in enumerate(specs):
        path = root / f"take{index}.flac"
        with path.open("wb") as handle:
            handle.truncate(size)  # sparse: a size without the bytes
        job = queue.add(
            UploadRequest(path, server, 1, title, "vocals", lineage=lineage if index == 0 else (),
                          sha256="0" * 64)
        )  # fmt: skip
        confirmed = {0: size * 37 // 100, 4: size // 5, 5: size}.get(index, 0)
        queue.update(job.id, state=state, note=note, confirmed=confirmed)
        ids.append(job.id)
    return ids


def capture(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp(prefix="hitrecord-screens-"))
    paths = AppPaths(*(tmp / n for n in ("config", "data", "cache", "logs"))).ensure()
    settings = load_settings(paths.settings_file)
    settings.servers.append("https://hitrecord.example.org")
    settings.remember_account(Account("https://hitrecord.example.org", "mara"))
    settings.remember_account(Account("https://songs.example.net", "mara.b"))
    save_settings(paths.settings_file, settings)
    preferences = Preferences(QSettings(str(tmp / "qt.ini"), QSettings.Format.IniFormat))
    theme = ThemeManager(app, ThemeChoice.DARK)  # type: ignore[arg-type]
    icons = IconBinder(theme)
    tasks = TaskRunner(app)
    with LiveServer(tmp / "server", demo=True) as server, PlatformClient(server.url) as client:
        challenge = next(c for c in client.iter_challenges() if c.contribution_count >= 2)
        made = list(client.iter_contributions(challenge.id))[:3]
        lineage = tuple(
            LineageRef(c.id, offset, 48_000)
            for c, offset in zip(made, (0, 96_000, 1_488_000), strict=False)
        )
        with UploadQueue(tmp / "uploads.sqlite") as queue:
            ids = _fill_queue(queue, tmp, lineage)
            engine = UploadEngine(queue, lambda _server: client)  # not started: states stay put
            bridge = SyncBridge(engine)
            window = QMainWindow()
            window.setWindowTitle("HitRecord Desktop — Uploads")
            panel = UploadsPanel(bridge, tasks, clients=lambda _s: client, icons=icons)
            window.setCentralWidget(panel)
            status = UploadStatus(bridge, window)
            window.statusBar().addPermanentWidget(status)
            window.resize(1100, 620)
            job = queue.get(ids[0])
            bridge.job_progressed.emit(
                JobProgress(job.id, job.confirmed, job.confirmed, job.size, 2_400_000.0, 12.6)
            )
            bridge.total_progressed.emit(
                TotalProgress(5, 30_000_000, 74_300_000, 2_400_000.0, 18.0)
            )
            panel.select_job(ids[0])
            _wait(lambda: panel.credits.lines() and panel.credits.lines()[0][1] != "…")
            for choice in (ThemeChoice.DARK, ThemeChoice.LIGHT):
                theme.apply(choice)
                _save(window, out_dir / f"uploads_panel_{choice.value}.png")
            window.close()
            # The same queue in German (a new panel: the language applies at start).
            from hitrecord_desktop.ui.translations import install_translations

            installed = install_translations(app, "de")
            german = UploadsPanel(bridge, tasks, clients=lambda _s: client, icons=icons)
            german.resize(1100, 560)
            german.select_job(ids[3])
            _save(german, out_dir / "uploads_panel_light_de.png")
            german.close()
            for translator in installed:
                app.removeTranslator(translator)
            bridge.detach()

    for choice in (ThemeChoice.DARK, ThemeChoice.LIGHT):
        theme.apply(choice)
        dialog = SettingsDialog(paths, tasks, preferences, theme=theme, icons=icons)
        for page in ("account", "appearance", "storage", "audio"):
            dialog.show_page(page)
            if page == "audio":
                _wait(dialog.audio.isEnabled, 5.0)
            _save(dialog, out_dir / f"settings_{page}_{choice.value}.png")
        dialog.appearance.revert = lambda: None  # type: ignore[method-assign]
        dialog.close()
        sign_in = SignInDialog(
            paths, tasks, TokenStore(), "https://hitrecord.example.org",
            reason="Uploads to this server wait until you sign in again.",
        )  # fmt: skip
        sign_in.username.setText("mara")
        sign_in.password.setText("secret")
        sign_in.message.setText("The username or password is wrong. (401)")
        _save(sign_in, out_dir / f"sign_in_{choice.value}.png")
        sign_in.close()

    from tests.audio.test_recover_command import _orphan

    folder = tmp / "data" / "projects" / "proj-7"
    ProjectStore(folder).save(
        Project("Night bus", tracks=[Track("Lead vocals", id="vocals")], id="proj-7")
    )
    _orphan(folder / "takes", "take-2026-11-23.wav", 72_000)
    other = tmp / "data" / "projects" / "rain"
    ProjectStore(other).save(Project("Rain on the roof", id="rain"))
    mark_open(other)
    offer = gather_offer([folder / "takes"], tmp / "data" / "projects")
    for choice in (ThemeChoice.DARK, ThemeChoice.LIGHT):
        theme.apply(choice)
        recovery = RecoveryDialog(offer, tasks)
        _save(recovery, out_dir / f"recovery_{choice.value}.png")
        recovery.close()
    tasks.wait()


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    capture(Path(os.environ.get("SCREENSHOT_DIR", "screenshots")))
