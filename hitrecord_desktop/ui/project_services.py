"""What the project tabs share, made when the first project opens, not at start.

Decoding, the audio engine, the timeline and the mixer pull in numpy, PyAV, libsndfile,
PortAudio and more (about a second of imports): the window shows its challenges without them.
`warm_up()` imports them on a worker thread once the window is up, so the first project opens
without that wait on the GUI thread.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ..paths import AppPaths
from ..sync.media_cache import MediaCache
from .tasks import TaskRunner

if TYPE_CHECKING:
    from .media_import import MediaImport
    from .workspace import WorkspaceServices

log = logging.getLogger(__name__)

HEAVY_MODULES = (
    "hitrecord_desktop.ui.workspace",
    "hitrecord_desktop.ui.media_import",
    "hitrecord_desktop.ui.project_prefetch",
    "hitrecord_desktop.project.challenge_projects",
    "hitrecord_desktop.project.recovery_offer",
)


def warm_up() -> threading.Thread:
    """Imports the project modules on a worker thread (no Qt objects are made by importing)."""

    def work() -> None:
        for name in HEAVY_MODULES:
            try:
                importlib.import_module(name)
            except Exception:  # the real import, later, reports it properly
                log.exception("warming up %s failed", name)

    thread = threading.Thread(target=work, name="warm-up-imports", daemon=True)
    thread.start()
    return thread


class ProjectServices:
    """Built once, on the GUI thread, the first time a project opens."""

    def __init__(
        self,
        owner: QObject,
        paths: AppPaths,
        tasks: TaskRunner,
        media_cache: MediaCache,
        server_key: Callable[[], str | None],
        queue_upload: Callable[[], object],
    ) -> None:
        from ..media.pcm_cache import PcmCache
        from ..media.video_thumbnails import VideoThumbnails
        from .media_import import MediaImport
        from .timeline import PeaksSource, ThumbnailSource
        from .workspace import WorkspaceServices

        pcm = PcmCache(paths.cache_dir / "pcm")
        self.pcm = pcm
        self.peaks = PeaksSource(pcm, tasks, owner)
        thumbnails = VideoThumbnails(paths.cache_dir / "video-thumbnails")
        self.thumbnails = ThumbnailSource(thumbnails, tasks, owner)
        self.media_import: MediaImport = MediaImport(tasks, pcm, media_cache, owner)
        self.workspace: WorkspaceServices = WorkspaceServices(
            paths,
            tasks,
            pcm,
            self.peaks,
            server_key,
            queue_upload,  # type: ignore[arg-type]
            self.thumbnails,
        )
