"""Files dropped on the timeline become clips: decoded into the PCM cache off the GUI thread,
then placed with one undoable edit (AddClip, or AddTrack when dropped below the last track).

Optional for the integrator: connect `TimelineWidget.files_dropped` to `import_files`, or do
the import elsewhere and ignore this class.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ...media.pcm_cache import PcmCache
from ...project.commands import AddClip, AddTrack, Command, CompositeCommand
from ...project.media_clips import media_for_file
from ...project.model import Clip, MediaRef, Track, TrackKind
from ..project_document import ProjectDocument
from ..tasks import TaskRunner

log = logging.getLogger(__name__)


class FileImporter(QObject):
    imported = Signal(list)  # the new clips' ids
    import_failed = Signal(str)  # what went wrong, for the status bar

    def __init__(
        self,
        document: ProjectDocument,
        tasks: TaskRunner,
        cache: PcmCache,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._tasks = tasks
        self._cache = cache
        self.busy = 0

    def import_files(self, track_id: str | None, position: int, paths: list[Path]) -> None:
        """Decodes `paths` in the background and lays them end to end from `position`."""
        cache, rate = self._cache, self._document.project.sample_rate

        def work() -> list[MediaRef]:
            return [media_for_file(path, cache, rate) for path in paths]

        def failed(error: Exception) -> None:
            self.busy -= 1
            problem = getattr(error, "problem", None) or str(error)
            where = getattr(error, "path", None)
            if where is not None:  # name the file: several may have been dropped at once
                problem = f"{Path(where).name}: {problem}"
            log.info("import of %s failed: %s", [str(p) for p in paths], problem)
            self.import_failed.emit(self.tr("Could not import: {0}").format(problem))

        self.busy += 1
        self._tasks.run(work, lambda media: self._place(track_id, position, media), failed)

    def _place(self, track_id: str | None, position: int, media: list[MediaRef]) -> None:
        self.busy -= 1
        clips = []
        for ref in media:
            clips.append(Clip(ref, position=position, trim_in=0, trim_out=ref.frames))
            position += ref.frames
        project = self._document.project
        if track_id is None or all(t.id != track_id for t in project.tracks):
            name = media[0].title if media else self.tr("Imported")
            # Pictures go on a video track (their sound is mixed from there too).
            kind = TrackKind.VIDEO if media and all(m.has_video for m in media) else TrackKind.AUDIO
            command: Command = AddTrack(Track(name=name, kind=kind, clips=clips))
        else:
            adds: list[Command] = [AddClip(track_id, clip) for clip in clips]
            command = adds[0] if len(adds) == 1 else CompositeCommand(self.tr("Import files"), adds)
        if self._document.execute(command):
            self.imported.emit([clip.id for clip in clips])
