"""The Linux bundle: how long `make dist`'s two steps take, how big the folder and the tar.gz
are, and how fast the bundled app starts to a window showing challenges against the venv.

The build is a cold one (a fresh PyInstaller work folder in a temporary directory, the repo's
dist/ untouched). Start-up is measured exactly as bench_app_start measures the venv: a fresh
process each run, offscreen, timed from launch to the startup probe's line, "warm" reusing a home
that has started before and "first" a fresh home where the local community seeds its demo. The
two commands alternate run by run so that a busy moment of the machine hits both alike.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_app_start import _app_command, time_to_ready

RUNS = 5
FIRST_STARTS = 2
ROOT = Path(__file__).resolve().parent.parent
NAME = "hitrecord-desktop"
MB = 1_000_000


def folder_bytes(folder: Path) -> int:
    """Bytes of the files, each counted once (the bundle links some libraries by a second name)."""
    files = (path for path in folder.rglob("*") if not path.is_symlink() and path.is_file())
    return sum(path.stat().st_size for path in files)


def build(dist: Path, work: Path) -> tuple[float, float, Path]:
    """(PyInstaller seconds, archive seconds, archive path) of a cold build into `dist`."""
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
            "--distpath", str(dist), "--workpath", str(work),
            str(ROOT / "installers" / "hitrecord-desktop.spec"),
        ],
        check=True,
        cwd=ROOT,
    )  # fmt: skip
    bundled = time.perf_counter()
    packer = ROOT / "installers" / "linux" / "make_archive.py"
    archive = subprocess.run(
        [sys.executable, str(packer), "--dist", str(dist)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return bundled - started, time.perf_counter() - bundled, Path(archive)


def start_times(bundle: list[str], venv: list[str], homes: Path) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"bundle first": [], "venv first": []}
    times |= {"bundle warm": [], "venv warm": []}
    for i in range(FIRST_STARTS):
        times["bundle first"].append(time_to_ready(bundle, homes / f"bundle-{i}"))
        times["venv first"].append(time_to_ready(venv, homes / f"venv-{i}"))
    for _ in range(RUNS):
        times["bundle warm"].append(time_to_ready(bundle, homes / "bundle-0"))
        times["venv warm"].append(time_to_ready(venv, homes / "venv-0"))
    return times


def run() -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="bench-dist-") as folder:
        root = Path(folder)
        bundle_s, archive_s, archive = build(root / "dist", root / "work")
        bundle_dir = root / "dist" / NAME
        folder_mb = folder_bytes(bundle_dir) / MB
        archive_mb = archive.stat().st_size / MB
        bundle = [str(bundle_dir / NAME)]
        time_to_ready(bundle, root / "warm-up")  # fills the page cache: not counted
        times = start_times(bundle, _app_command(), root / "homes")
    median = {key: statistics.median(values) for key, values in times.items()}
    return [
        {"name": "PyInstaller one-folder build, cold (make dist, step 1)", "value": bundle_s,
         "unit": "s"},
        {"name": "tar.gz of the bundle with install.sh (make dist, step 2)", "value": archive_s,
         "unit": "s"},
        {"name": "Linux bundle folder (dist/hitrecord-desktop)", "value": folder_mb, "unit": "MB"},
        {"name": f"Linux archive ({archive.name})", "value": archive_mb, "unit": "MB",
         "baseline": folder_mb},
        {"name": f"Bundle warm start to challenges shown (median of {RUNS}; baseline: venv)",
         "value": median["bundle warm"], "unit": "s", "baseline": median["venv warm"],
         "target": "ratio <= 2"},
        {"name": f"Bundle first start, fresh home (median of {FIRST_STARTS}; baseline: venv)",
         "value": median["bundle first"], "unit": "s", "baseline": median["venv first"],
         "target": "ratio <= 2"},
    ]  # fmt: skip


if __name__ == "__main__":
    for row in run():
        print(row)
