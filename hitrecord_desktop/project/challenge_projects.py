"""Which project belongs to a challenge: the workspace opens one project per challenge."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hitrecord_desktop.project.model import Project, Track
from hitrecord_desktop.project.project_store import ProjectStore, list_projects


@dataclass(frozen=True)
class OpenedProject:
    project: Project
    store: ProjectStore  # keep using this store: it remembers what it read (backup, upgrade)
    notices: tuple[str, ...] = ()  # what the UI should tell the user (opened from a backup …)


def project_for_challenge(root: Path, challenge_id: int, title: str) -> OpenedProject:
    """The newest saved project of the challenge, or a new one with one empty audio track (on
    disk from its first save)."""
    found, _ = list_projects(root)
    for summary in found:
        if summary.challenge_id == challenge_id:
            store = ProjectStore(summary.folder)
            loaded = store.load()
            return OpenedProject(loaded.project, store, loaded.notices)
    project = Project(title=title, challenge_id=challenge_id, tracks=[Track(name="Audio 1")])
    return OpenedProject(project, ProjectStore.for_project(root, project.id))
