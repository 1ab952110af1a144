"""The journal beside a take being recorded: what it is, where it goes, who is writing it.

`<take file>.journal.json` is replaced atomically (temp file, fsync, rename, fsync of the folder),
so after a crash it holds either the previous or the next version, never half of one. It names
the writing process by pid, boot id and start time, so that recovery can tell a take whose writer
died from one a live process is still recording (a pid alone can be reused after a restart).
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from ..atomic_files import write_atomically

JOURNAL_SUFFIX = ".journal.json"
JOURNAL_VERSION = 1

RECORDING = "recording"
FINISHED = "finished"
STOPPED_DISK_FULL = "stopped-disk-full"
FAILED = "failed"
RECOVERED = "recovered"

_BOOT_ID = Path("/proc/sys/kernel/random/boot_id")


def journal_path_for(take_path: Path) -> Path:
    return take_path.with_name(take_path.name + JOURNAL_SUFFIX)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def write_journal(path: Path, data: dict) -> None:
    """Replaces the journal atomically and durably (raises OSError when it cannot)."""
    write_atomically(path, (json.dumps(data, indent=1, sort_keys=True) + "\n").encode())


def read_journal(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _boot_id() -> str:
    try:
        return _BOOT_ID.read_text().strip()
    except OSError:
        return ""


def _start_ticks(pid: int) -> int | None:
    """The process's start time in clock ticks since boot (field 22 of /proc/PID/stat), None
    when there is no such process or it has exited (a zombie waiting to be reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces and parentheses: split after the last ')'.
    fields = stat[stat.rindex(")") + 2 :].split()
    if fields[0] in ("Z", "X"):
        return None
    return int(fields[19])


def process_identity(pid: int | None = None) -> dict:
    pid = os.getpid() if pid is None else pid
    return {"pid": pid, "boot_id": _boot_id(), "start_ticks": _start_ticks(pid)}


def is_process_alive(identity: dict) -> bool:
    """Whether the process that wrote a journal is still running (the same process, not a new
    one that got its pid after a restart or a reboot)."""
    pid = identity.get("pid")
    if not isinstance(pid, int) or pid <= 0:
        return False
    boot_id = _boot_id()
    if boot_id and identity.get("boot_id") and identity["boot_id"] != boot_id:
        return False  # rebooted since: nothing from then is running
    if Path("/proc/self/stat").exists():
        ticks = _start_ticks(pid)
        return ticks is not None and ticks == identity.get("start_ticks", ticks)
    try:  # no /proc (macOS): a pid check, which cannot see pid reuse
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
