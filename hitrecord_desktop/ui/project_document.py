"""One open project for the views: the core project, its QUndoStack, its saving.

The bridge between the Qt-free project core and the widgets. Edits are the core's `Command`
objects; this class wraps each in a `QUndoCommand` (redo → apply, undo → revert, merge →
merge) so Edit > Undo, the undo view and the clean state are Qt's own. What an edit changed
reaches the views as the `changed` signal carrying the core's `Change` tuple, so a view
redraws only what changed. Saving is atomic (`ProjectStore`), the file encoded on the GUI
thread and written off it; the `Autosaver` decides when.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..project.autosave import Autosaver
from ..project.edit_command import Command, EditError
from ..project.events import Change
from ..project.file_format import encode_project
from ..project.model import Project
from ..project.project_store import ProjectStore
from ..sync.project_uploads import mark_uploaded
from .tasks import TaskRunner

log = logging.getLogger(__name__)

AUTOSAVE_TICK_MS = 1000
_MERGE_IDS: dict[str, int] = {}  # QUndoCommand.id() wants an int per merge family


def _merge_number(merge_id: str | None) -> int:
    if merge_id is None:
        return -1
    return _MERGE_IDS.setdefault(merge_id, len(_MERGE_IDS) + 1)


def _weakly(method: Callable[..., Any]) -> Callable[..., Any]:
    """`method`, called through a weak reference: the autosaver holding the document's bound
    methods would otherwise make a cycle (see _UndoCommand)."""
    ref = weakref.WeakMethod(method)

    def call(*args: Any) -> Any:
        bound = ref()
        return None if bound is None else bound(*args)

    return call


class _UndoCommand(QUndoCommand):
    """A core command on the Qt undo stack. It is applied before it is pushed (so a refused
    edit never reaches the stack), hence the first redo() does nothing."""

    def __init__(self, document: ProjectDocument, command: Command) -> None:
        super().__init__(command.text)
        # Weak: document -> stack -> command -> document would be a cycle, and a QObject left
        # to Python's cycle collector is destroyed at a random moment on a random thread (a
        # segfault in ~QUndoStack inside gc.collect(), seen in clean-clone CI runs).
        self._document_ref = weakref.ref(document)
        self.command = command
        self._applied = True

    @property
    def _document(self) -> ProjectDocument:
        document = self._document_ref()
        if document is None:
            raise RuntimeError("the project document is gone")
        return document

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.command.apply(self._document.project)
        self._document._emit(self.command.changes())

    def undo(self) -> None:
        self.command.revert(self._document.project)
        self._document._emit(self.command.reverted_changes())

    def id(self) -> int:
        return _merge_number(self.command.merge_id)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _UndoCommand):
            return False
        if self.command.merge(other.command):
            self.setText(self.command.text)
            return True
        return False


class ProjectDocument(QObject):
    """An open project: edit it with `execute`, undo with `undo_stack`, save with `save`."""

    changed = Signal(object)  # tuple[Change, ...], after every edit, undo and redo
    edit_refused = Signal(str)  # an EditError's message, for the status bar
    saved = Signal()
    save_failed = Signal(str)
    dirty_changed = Signal(bool)

    def __init__(
        self,
        project: Project,
        store: ProjectStore,
        tasks: TaskRunner | None = None,
        parent: QObject | None = None,
        *,
        autosave: bool = True,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.store = store
        self._tasks = tasks
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self._saving: int | None = None
        self._uploaded: dict[Path, tuple[int, str]] = {}  # take file -> contribution, title
        self.autosaver = Autosaver(
            _weakly(self._save_in_background), on_error=_weakly(self._autosave_failed)
        )
        self._timer = QTimer(self)
        self._timer.setInterval(AUTOSAVE_TICK_MS)
        self._timer.timeout.connect(self.autosaver.tick)
        if autosave:
            self._timer.start()

    def _clean_changed(self, clean: bool) -> None:
        self.dirty_changed.emit(not clean)

    @property
    def folder(self) -> Path:
        return self.store.folder

    @property
    def sample_rate(self) -> int:
        return self.project.sample_rate

    @property
    def is_dirty(self) -> bool:
        return not self.undo_stack.isClean()

    # -- editing ---------------------------------------------------------------------------

    def execute(self, command: Command) -> bool:
        """Applies and records an edit; False (and `edit_refused`) when the project refuses
        it, in which case nothing changed."""
        try:
            command.apply(self.project)
        except EditError as exc:
            log.info("edit refused: %s", exc)
            self.edit_refused.emit(str(exc))
            return False
        self.undo_stack.push(_UndoCommand(self, command))
        self._emit(command.changes())
        return True

    def record_upload(self, path: Path, contribution_id: int, title: str = "") -> bool:
        """An upload of one of this project's take files became `contribution_id`. Not an edit
        (undo cannot take an upload back): the project is changed and autosaved as after one,
        and marked again after any undo or redo that brings back an unmarked copy."""
        self._uploaded[path] = (contribution_id, title)
        changes = mark_uploaded(self.project, self.folder, path, contribution_id, title)
        if changes:
            self._emit(changes)
        return bool(changes)

    def _emit(self, changes: tuple[Change, ...]) -> None:
        for path, (contribution_id, title) in self._uploaded.items():
            # Undo commands keep copies made before the upload: what they restore is marked.
            changes += mark_uploaded(self.project, self.folder, path, contribution_id, title)
        self.autosaver.notify_changed()
        if changes:
            self.changed.emit(changes)

    # -- saving ----------------------------------------------------------------------------

    def save(self) -> None:
        """Saves now, on this thread (File > Save, closing, quitting)."""
        self.store.save(self.project)
        self.undo_stack.setClean()
        self.autosaver.mark_saved()
        self.saved.emit()

    def _save_in_background(self) -> None:
        """The autosaver's save: the bytes are made here, the write happens off the GUI
        thread (an fsync on a slow disk can take long)."""
        if self._tasks is None:
            self.save()
            return
        if self._saving is not None:
            self.autosaver.notify_changed()  # a write is under way: try again later
            return
        data = encode_project(self.project)
        index = self.undo_stack.index()

        def done(_: object) -> None:
            self._saving = None
            if self.undo_stack.index() == index:
                self.undo_stack.setClean()
            self.saved.emit()

        def failed(error: Exception) -> None:
            self._saving = None
            self._autosave_failed(error)

        self._saving = self._tasks.run(lambda: self.store.write(data), done, failed)

    def _autosave_failed(self, error: Exception) -> None:
        self.autosaver.notify_changed()
        self.save_failed.emit(str(error))

    def close(self) -> None:
        """Stops autosaving and saves what is unsaved."""
        self._timer.stop()
        if self._saving is not None and self._tasks is not None:
            self._tasks.forget(self._saving)
            self._tasks.wait(5000)
            self._saving = None
        if self.is_dirty or self.autosaver.is_dirty:
            self.save()
