"""Saving and loading project folders: backups, broken files, upgrades, listing, media safety."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hitrecord_desktop.paths import AppPaths
from hitrecord_desktop.project.file_errors import ProjectFileError
from hitrecord_desktop.project.file_format import decode_project
from hitrecord_desktop.project.project_store import (
    ProjectStore,
    list_projects,
    projects_root,
)
from tests.project.builders import full_project, two_track_project

DATA = Path(__file__).parent / "data"
NOON = 1_780_000_000.0  # 2026-05-28T20:26:40Z


def fake_clock() -> float:
    return NOON


def store_with_media(tmp_path: Path) -> tuple[ProjectStore, Path]:
    store = ProjectStore(tmp_path / "p1", clock=fake_clock)
    store.save(two_track_project())
    take = store.takes_dir / "take-1.flac"
    take.write_bytes(b"the user's performance")
    return store, take


def test_layout_under_the_data_dir(tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "c", tmp_path / "d", tmp_path / "k", tmp_path / "l")
    store = ProjectStore.for_project(projects_root(paths), "abc")
    store.save(two_track_project())
    assert (tmp_path / "d" / "projects" / "abc" / "project.json").is_file()
    assert (tmp_path / "d" / "projects" / "abc" / "takes").is_dir()


def test_save_then_load_and_the_previous_save_is_kept(tmp_path: Path) -> None:
    store = ProjectStore(tmp_path / "p")
    first = two_track_project()
    store.save(first)
    assert not store.backup_file.exists()
    second = two_track_project()
    second.title = "Second"
    store.save(second)
    loaded = ProjectStore(tmp_path / "p").load()
    assert loaded.project == second and loaded.notices == () and loaded.source == store.file
    assert decode_project(store.backup_file.read_bytes())[0] == first
    assert sorted(p.name for p in store.folder.iterdir()) == [
        "project.json",
        "project.json.bak",
        "takes",
    ]


def test_broken_file_opens_the_previous_save_and_is_set_aside(tmp_path: Path) -> None:
    store, take = store_with_media(tmp_path)
    good = two_track_project()
    good.title = "Good"
    store.save(good)
    store.file.write_text('{"format": "hitrecord-project", "version": 2, "project": {"tit')

    reopened = ProjectStore(store.folder, clock=fake_clock)
    loaded = reopened.load()
    assert loaded.source == store.backup_file
    assert loaded.project == two_track_project()  # the save before "Good"
    (notice,) = loaded.notices
    assert f"{store.file}: not valid JSON (" in notice
    assert "Opened the previous save (from " in notice

    broken_bytes = store.file.read_bytes()
    good_backup = store.backup_file.read_bytes()
    reopened.save(loaded.project)
    kept = store.folder / "project.json.broken-20260528T202640Z"
    assert kept.read_bytes() == broken_bytes
    assert store.backup_file.read_bytes() == good_backup  # not replaced by the broken file
    assert reopened.load().notices == ()
    assert take.read_bytes() == b"the user's performance"


def test_file_broken_by_hand_after_loading_is_set_aside_not_overwritten(tmp_path: Path) -> None:
    store, take = store_with_media(tmp_path)
    store.load()
    store.file.write_text("{ oops")
    store.save(two_track_project())
    (kept,) = store.folder.glob("project.json.broken-*")
    assert kept.read_text() == "{ oops"
    assert take.exists()


def test_both_files_broken_is_an_error_naming_both(tmp_path: Path) -> None:
    store, take = store_with_media(tmp_path)
    store.save(two_track_project())
    store.file.write_text("")
    store.backup_file.write_text("[]")
    with pytest.raises(ProjectFileError) as caught:
        ProjectStore(store.folder).load()
    message = str(caught.value)
    assert f"{store.file}: the file is empty" in message
    assert "the previous save can't be read either" in message and "holds a list" in message
    assert take.exists()


def test_missing_file_opens_the_backup(tmp_path: Path) -> None:
    store, _ = store_with_media(tmp_path)
    store.save(two_track_project())
    store.file.unlink()
    loaded = ProjectStore(store.folder).load()
    assert loaded.source == store.backup_file
    assert loaded.notices[0].startswith("project.json is missing. Opened the previous save")


def test_empty_folder_has_no_project(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        ProjectStore(tmp_path / "nothing").load()


def test_older_version_is_upgraded_and_its_original_kept(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    folder.mkdir()
    original = (DATA / "project-v1.json").read_bytes()
    (folder / "project.json").write_bytes(original)
    store = ProjectStore(folder)
    loaded = store.load()
    assert loaded.format_version == 1
    assert "older HitRecord Desktop (format version 1)" in loaded.notices[0]
    store.save(loaded.project)
    assert (folder / "project.v1.json").read_bytes() == original
    again = ProjectStore(folder).load()
    assert again.format_version == 2 and again.project == loaded.project


def test_an_older_backup_opened_instead_of_a_missing_file_is_kept_through_two_saves(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "old"
    folder.mkdir()
    original = (DATA / "project-v1.json").read_bytes()
    (folder / "project.json.bak").write_bytes(original)
    store = ProjectStore(folder)
    loaded = store.load()
    assert loaded.source.name == "project.json.bak" and loaded.format_version == 1
    store.save(loaded.project)
    store.save(loaded.project)  # the second save replaces the backup with the first save
    assert (folder / "project.v1.json").read_bytes() == original


def test_a_read_only_load_leaves_a_save_in_progress_alone(tmp_path: Path) -> None:
    store, _take = store_with_media(tmp_path)
    half = store.folder / ".project.json.abc123.tmp"  # a save another process is making
    half.write_bytes(b"half a save")
    ProjectStore(store.folder).load(read_only=True)
    assert half.exists()
    ProjectStore(store.folder).load()
    assert not half.exists()


def test_saved_files_get_the_usual_permissions(tmp_path: Path) -> None:
    store, _take = store_with_media(tmp_path)
    store.save(two_track_project())
    umask = os.umask(0o022)
    os.umask(umask)
    assert store.file.stat().st_mode & 0o777 == 0o666 & ~umask


def test_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    folder.mkdir()
    text = b'{"format": "hitrecord-project", "version": 9, "project": {}}'
    (folder / "project.json").write_bytes(text)
    with pytest.raises(ProjectFileError, match="made by a newer HitRecord Desktop"):
        ProjectStore(folder).load()
    assert (folder / "project.json").read_bytes() == text


def test_leftovers_of_a_killed_save_are_cleared_but_nothing_else(tmp_path: Path) -> None:
    store, take = store_with_media(tmp_path)
    (store.folder / ".project.json.abc123.tmp").write_bytes(b'{"half')
    mine = store.folder / "notes.tmp"
    mine.write_text("the user's own file")
    store.load()
    assert not (store.folder / ".project.json.abc123.tmp").exists()
    assert mine.exists() and take.exists()


def test_list_projects_newest_first_skipping_broken_ones(tmp_path: Path) -> None:
    root = tmp_path / "projects"
    older = two_track_project()
    ProjectStore(root / "a").save(older)
    os.utime(root / "a" / "project.json", (1_000_000, 1_000_000))
    newer = full_project()
    ProjectStore(root / "b").save(newer)
    from_backup = ProjectStore(root / "c")
    from_backup.save(two_track_project())
    from_backup.save(two_track_project())
    from_backup.file.write_text("garbage")
    (root / "d").mkdir()
    (root / "d" / "project.json").write_text('{"format": "hitrecord-project", "version": 2}')
    (root / "e").mkdir()
    (root / "stray.txt").write_text("not a folder")
    os.utime(root / "b" / "project.json", (3_000_000, 3_000_000))
    os.utime(root / "c" / "project.json.bak", (2_000_000, 2_000_000))

    found, skipped = list_projects(root)
    assert [(s.folder.name, s.title, s.modified) for s in found] == [
        ("b", "Full", 3_000_000),
        ("c", "Night Bus", 2_000_000),
        ("a", "Night Bus", 1_000_000),
    ]
    assert found[0].id == "p-full" and found[0].challenge_id == 42
    assert found[1].notice.startswith("opens from its previous save:")
    assert [(s.folder.name, s.reason) for s in skipped] == [
        ("d", f"{root / 'd' / 'project.json'}: project: required field is missing"),
        ("e", "no project.json in it"),
    ]
    assert (root / "c" / "project.json").read_text() == "garbage"  # listing changes nothing
    assert list_projects(tmp_path / "none") == ([], [])
