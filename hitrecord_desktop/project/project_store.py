"""Project folders on disk: atomic saves that keep the previous one, and loads that survive a
broken file.

Layout: `<data dir>/projects/<project id>/project.json`, the previous save beside it as
`project.json.bak`, and the takes in `takes/`. Load and save touch only the project file, its
backup, their temp files and set-aside copies: media files are never moved or deleted here.

A save never leaves the folder without a valid project file, even if the process is killed at
any instant: the new file is written and fsynced under a temp name, the current file is
hard-linked to the backup name (so both names are valid all along), and only then does the temp
file replace the current one. A file that does not load is copied aside as
`project.json.broken-<UTC time>` before anything overwrites it.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hitrecord_desktop.atomic_files import publish, temp_path_beside
from hitrecord_desktop.paths import AppPaths
from hitrecord_desktop.project.file_errors import FieldProblem, ProjectFileError
from hitrecord_desktop.project.file_format import FORMAT_VERSION, decode_project, encode_project
from hitrecord_desktop.project.model import Project

log = logging.getLogger(__name__)

PROJECT_FILE = "project.json"
TAKES_DIR = "takes"
_TMP_PREFIX = ".project.json."
_TMP_SUFFIX = ".tmp"


def projects_root(paths: AppPaths) -> Path:
    return paths.data_dir / "projects"


@dataclass(frozen=True)
class LoadedProject:
    project: Project
    source: Path  # the file read: the backup when the project file was broken
    format_version: int  # the version on disk, before any upgrade
    notices: tuple[str, ...] = ()  # what the UI should tell the user, if anything


def _link_or_copy(source: Path, target: Path) -> None:
    """Makes `target` a complete copy of `source` under its final name in one atomic step."""
    tmp = target.with_name(f"{_TMP_PREFIX}{target.name}{_TMP_SUFFIX}")
    tmp.unlink(missing_ok=True)
    try:
        os.link(source, tmp)
    except OSError:  # a file system without hard links
        shutil.copyfile(source, tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
    os.replace(tmp, target)


def _stat_key(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class ProjectStore:
    """Reads and writes one project folder. Not thread-safe: use one writer (the serial queue)."""

    def __init__(self, folder: Path, *, clock: Callable[[], float] = time.time) -> None:
        self.folder = folder
        self.file = folder / PROJECT_FILE
        self.backup_file = folder / (PROJECT_FILE + ".bak")
        self.takes_dir = folder / TAKES_DIR
        self._clock = clock
        self._known_good: tuple[int, int, int] | None = None  # project.json as we last saw it
        self._upgraded_from: int | None = None
        self._upgraded_source: Path | None = None  # the older-version file that was read

    @classmethod
    def for_project(cls, root: Path, project_id: str) -> ProjectStore:
        return cls(root / project_id)

    def exists(self) -> bool:
        return self.file.exists() or self.backup_file.exists()

    # Loading.

    def _read(self, path: Path) -> tuple[Project, int]:
        return decode_project(path.read_bytes(), str(path))

    def load(self, *, read_only: bool = False) -> LoadedProject:
        """The project; from the backup, with a notice saying why, when the file is broken.

        Raises FileNotFoundError when the folder holds no project, and ProjectFileError when
        neither the file nor its backup can be read.
        """
        if not read_only:  # a reader (render) must not touch a save another process is making
            self._remove_stale_temp_files()
        main_error: ProjectFileError | None = None
        if self.file.exists():
            try:
                project, version = self._read(self.file)
            except ProjectFileError as exc:
                main_error = exc
            else:
                self._known_good = _stat_key(self.file)
                return LoadedProject(
                    project, self.file, version, self._upgrade_notice(version, self.file)
                )
        if not self.backup_file.exists():
            if main_error is not None:
                raise main_error
            raise FileNotFoundError(f"no project in {self.folder}")
        try:
            project, version = self._read(self.backup_file)
        except ProjectFileError as exc:
            if main_error is None:
                raise
            also = FieldProblem("", f"the previous save can't be read either: {exc}")
            raise ProjectFileError(main_error.source, [*main_error.problems, also]) from None
        saved = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.backup_file.stat().st_mtime))
        if main_error is None:
            why = f"{self.file.name} is missing"
        else:
            why = f"{main_error} — the file will be kept aside when the project is next saved"
        notice = f"{why}. Opened the previous save (from {saved}) instead."
        log.warning("%s", notice)
        return LoadedProject(
            project,
            self.backup_file,
            version,
            (notice, *self._upgrade_notice(version, self.backup_file)),
        )

    def _upgrade_notice(self, version: int, source: Path) -> tuple[str, ...]:
        if version == FORMAT_VERSION:
            return ()
        self._upgraded_from, self._upgraded_source = version, source
        return (
            f"This project was saved by an older HitRecord Desktop (format version {version}) "
            f"and has been upgraded; its original is kept as {self._original_copy(version)} "
            "when the project is next saved.",
        )

    def _original_copy(self, version: int) -> str:
        return f"project.v{version}.json"

    def _remove_stale_temp_files(self) -> None:
        """Temp files of a save that was killed half-way; never the user's files."""
        if not self.folder.is_dir():
            return
        for leftover in self.folder.glob(f"{_TMP_PREFIX}*{_TMP_SUFFIX}"):
            leftover.unlink(missing_ok=True)

    # Saving.

    def save(self, project: Project) -> None:
        self.write(encode_project(project))

    def write(self, data: bytes) -> None:
        """Writes encoded project bytes (from `encode_project`, made on the UI thread)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.takes_dir.mkdir(exist_ok=True)
        tmp = temp_path_beside(self.file, prefix=_TMP_PREFIX, suffix=_TMP_SUFFIX)
        try:
            tmp.write_bytes(data)
            self._keep_upgraded_original()
            if self.file.exists():
                self._keep_current_file()
            publish(tmp, self.file)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        self._known_good = _stat_key(self.file)

    def _keep_upgraded_original(self) -> None:
        """At the first save after an upgrade: keeps the very file that was read (the project
        file or its backup), before either is replaced."""
        if self._upgraded_from is None or self._upgraded_source is None:
            return
        original = self.folder / self._original_copy(self._upgraded_from)
        if not original.exists() and self._upgraded_source.exists():
            _link_or_copy(self._upgraded_source, original)
        self._upgraded_from = self._upgraded_source = None

    def _keep_current_file(self) -> None:
        """Before the current file is replaced: back it up if it is good, set it aside if not."""
        if _stat_key(self.file) != self._known_good:
            try:
                self._read(self.file)
            except (ProjectFileError, OSError) as exc:
                kept = self._set_aside_name()
                _link_or_copy(self.file, kept)
                log.warning("project file %s is broken (%s); kept it as %s", self.file, exc, kept)
                return
        _link_or_copy(self.file, self.backup_file)

    def _set_aside_name(self) -> Path:
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(self._clock()))
        candidate = self.folder / f"{PROJECT_FILE}.broken-{stamp}"
        counter = 1
        while candidate.exists():
            counter += 1
            candidate = self.folder / f"{PROJECT_FILE}.broken-{stamp}-{counter}"
        return candidate


@dataclass(frozen=True)
class ProjectSummary:
    """A line of the project list."""

    id: str
    title: str
    challenge_id: int | None
    modified: float  # the project file's mtime, seconds since the epoch
    folder: Path
    notice: str = ""  # set when it opens from its backup


@dataclass(frozen=True)
class SkippedProject:
    folder: Path
    reason: str


def list_projects(root: Path) -> tuple[list[ProjectSummary], list[SkippedProject]]:
    """The projects under `root`, newest first, and the folders that hold no readable project."""
    found: list[ProjectSummary] = []
    skipped: list[SkippedProject] = []
    if not root.is_dir():
        return found, skipped
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        store = ProjectStore(folder)
        if not store.exists():
            skipped.append(SkippedProject(folder, f"no {PROJECT_FILE} in it"))
            continue
        try:
            p, source, notice = _peek(store)
            modified = source.stat().st_mtime
        except (ProjectFileError, OSError) as exc:
            skipped.append(SkippedProject(folder, str(exc)))
            continue
        found.append(ProjectSummary(p.id, p.title, p.challenge_id, modified, folder, notice))
    found.sort(key=lambda s: s.modified, reverse=True)
    return found, skipped


def _peek(store: ProjectStore) -> tuple[Project, Path, str]:
    """Reads like `load` but changes nothing on disk: listing only looks."""
    errors: list[ProjectFileError] = []
    for path in (store.file, store.backup_file):
        if not path.exists():
            continue
        try:
            project, _ = decode_project(path.read_bytes(), str(path))
        except ProjectFileError as exc:
            errors.append(exc)
            continue
        notice = f"opens from its previous save: {errors[0]}" if errors else ""
        return project, path, notice
    raise errors[0]
