"""A Qt-free undo history for the CLI and tests; the UI puts the same commands on a QUndoStack.

It behaves like QUndoStack where both have the feature: a new edit drops the redo tail, a command
merges into the one before it unless that one is where the project was saved, and the clean
state is the index of the last save.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from hitrecord_desktop.project.edit_command import Command, CompositeCommand
from hitrecord_desktop.project.events import ProjectEvents
from hitrecord_desktop.project.model import Project


class EditHistory:
    """Applies commands to one project, keeps them for undo/redo and tells listeners."""

    def __init__(self, project: Project, events: ProjectEvents | None = None) -> None:
        self.project = project
        self.events = events or ProjectEvents()
        self._commands: list[Command] = []
        self._index = 0  # commands[:index] are applied
        self._clean_index: int | None = 0  # None: the saved state can't be reached any more
        self._open: list[CompositeCommand] = []  # transactions being built, outermost first

    def execute(self, command: Command) -> None:
        """Applies the command (raises EditError and changes nothing if refused) and records it."""
        command.apply(self.project)
        if self._open:
            self._open[-1].commands.append(command)
        else:
            self._push(command)
        self.events.emit(command.changes())

    def _push(self, command: Command) -> None:
        if self._clean_index is not None and self._clean_index > self._index:
            self._clean_index = None  # the saved state was in the redo tail we drop
        del self._commands[self._index :]
        top = self._commands[-1] if self._commands else None
        mergeable = (
            top is not None
            and command.merge_id is not None
            and top.merge_id == command.merge_id
            and self._index != self._clean_index
        )
        if mergeable and top is not None and top.merge(command):
            return
        self._commands.append(command)
        self._index += 1

    @contextmanager
    def transaction(self, text: str) -> Iterator[CompositeCommand]:
        """Groups the commands executed inside into one undo step.

        If the block raises, the commands it already applied are reverted, so the project is as
        before. Nested transactions fold into the outermost one.
        """
        group = CompositeCommand(text)
        self._open.append(group)
        try:
            yield group
        except BaseException:
            self._open.pop()
            group.revert(self.project)
            self.events.emit(group.reverted_changes())
            raise
        self._open.pop()
        if not group.commands:
            return
        if self._open:
            self._open[-1].commands.append(group)
        else:
            self._push(group)

    def undo(self) -> bool:
        if not self.can_undo:
            return False
        self._index -= 1
        command = self._commands[self._index]
        command.revert(self.project)
        self.events.emit(command.reverted_changes())
        return True

    def redo(self) -> bool:
        if not self.can_redo:
            return False
        command = self._commands[self._index]
        command.apply(self.project)
        self._index += 1
        self.events.emit(command.changes())
        return True

    @property
    def can_undo(self) -> bool:
        return self._index > 0 and not self._open

    @property
    def can_redo(self) -> bool:
        return self._index < len(self._commands) and not self._open

    @property
    def undo_text(self) -> str:
        return self._commands[self._index - 1].text if self.can_undo else ""

    @property
    def redo_text(self) -> str:
        return self._commands[self._index].text if self.can_redo else ""

    @property
    def is_clean(self) -> bool:
        """True when the project is as it was last saved."""
        return self._index == self._clean_index

    def set_clean(self) -> None:
        """Call after a save."""
        self._clean_index = self._index

    def __len__(self) -> int:
        return len(self._commands)
