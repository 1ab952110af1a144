"""Files that are always either the old version or the new one, whole, even after a power cut.

The recipe, in one place for every writer (project files, settings, journals, the PCM cache,
renders): write a temp file in the target's folder, fsync it, give it the permissions a normal
file would get, rename it over the target, fsync the folder so the rename itself is durable.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


def fsync_folder(folder: Path) -> None:
    """Makes a created or renamed entry in `folder` durable. Windows cannot open a folder for
    this, and its renames need no such step, so there (and on odd file systems) it does nothing."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def sync_file(path: Path) -> None:
    """Flushes a written file's data to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_path_beside(target: Path, *, prefix: str | None = None, suffix: str = ".tmp") -> Path:
    """A new, empty temp file in the target's folder (same file system, so rename is atomic)."""
    fd, name = tempfile.mkstemp(
        prefix=f".{target.name}." if prefix is None else prefix, suffix=suffix, dir=target.parent
    )
    os.close(fd)
    return Path(name)


def _default_mode() -> int:
    """0o666 less the umask, as open() would create the file; mkstemp makes it 0o600."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    return 0o644


def publish(tmp: Path, target: Path, *, sync: bool = True) -> None:
    """Puts a fully written temp file in place of `target`.

    `sync=False` skips the data fsync, for output that can be made again (a render)."""
    if sync:
        sync_file(tmp)
    with contextlib.suppress(OSError):
        os.chmod(tmp, _default_mode())
    os.replace(tmp, target)
    fsync_folder(target.parent)


@contextlib.contextmanager
def replacing(
    target: Path, *, sync: bool = True, prefix: str | None = None, suffix: str = ".tmp"
) -> Iterator[Path]:
    """Yields a temp path to write; publishes it over `target` when the block ends normally,
    deletes it when the block raises."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path_beside(target, prefix=prefix, suffix=suffix)
    try:
        yield tmp
        publish(tmp, target, sync=sync)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_atomically(target: Path, data: bytes) -> None:
    with replacing(target) as tmp:
        tmp.write_bytes(data)
