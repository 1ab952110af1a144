"""Cold start of the real app to a window showing challenges, against a bare PySide6 window.

Each run is a fresh `python` process, offscreen, with its own HITRECORD_HOME; the time is taken
by this process from launch to the child's "ready" line (ui/startup_probe.py: a challenge list
on screen with rows in it), so interpreter start-up and imports count for both. "First start"
is a fresh home: the local community server starts as a child process and seeds the demo
community. "Warm start" reuses a home that has started before. The baseline is a QMainWindow
with a one-row table, started and timed the same way in the same run.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hitrecord_desktop.ui.startup_probe import ENV, MARKER

RUNS = 5
FIRST_STARTS = 2
TIMEOUT_S = 120
ROOT = Path(__file__).resolve().parent.parent

BASELINE = f"""
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication([])
window = QMainWindow()
model = QStandardItemModel(0, 1)
model.appendRow(QStandardItem("a challenge"))
table = QTableView(window)
table.setModel(model)
window.setCentralWidget(table)
window.show()
app.processEvents()
print("{MARKER} rows=1", flush=True)
"""


def _app_command() -> list[str]:
    """`python -m hitrecord_desktop` once launch.py arms the probe itself; until then the same
    GUI started through the probe's own entry point."""
    launch = (ROOT / "hitrecord_desktop" / "ui" / "launch.py").read_text()
    if "startup_probe" in launch:
        return [sys.executable, "-m", "hitrecord_desktop"]
    return [sys.executable, "-m", "hitrecord_desktop.ui.startup_probe"]


def time_to_ready(command: list[str], home: Path) -> float:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HITRECORD_HOME": str(home),
        ENV: "exit",
        "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
    }
    started = time.perf_counter()
    child = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert child.stdout is not None
    try:
        for line in child.stdout:
            if line.startswith(MARKER):
                elapsed = time.perf_counter() - started
                break
        else:
            raise RuntimeError(f"{command} exited ({child.wait()}) without showing challenges")
        child.wait(TIMEOUT_S)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    return elapsed


def run() -> list[dict]:
    app = _app_command()
    with tempfile.TemporaryDirectory(prefix="bench-app-start-") as folder:
        root = Path(folder)
        time_to_ready(BASELINE_COMMAND, root / "warm-up")  # fills the page cache: not counted
        firsts = [time_to_ready(app, root / f"fresh-{i}") for i in range(FIRST_STARTS)]
        warm_home = root / "fresh-0"
        warms = [time_to_ready(app, warm_home) for _ in range(RUNS)]
        bares = [time_to_ready(BASELINE_COMMAND, root / "bare") for _ in range(RUNS)]
    bare = statistics.median(bares)
    warm = statistics.median(warms)
    first = statistics.median(firsts)
    return [
        {
            "name": f"Bare PySide6 window with a table (median of {RUNS})",
            "value": bare,
            "unit": "s",
        },
        {
            "name": f"App warm start to challenges shown (median of {RUNS})",
            "value": warm,
            "unit": "s",
            "baseline": bare,
            "target": "<= 1.5 s",
        },
        {
            "name": f"App first start (fresh home, demo seeded) (median of {FIRST_STARTS})",
            "value": first,
            "unit": "s",
            "baseline": bare,
            "target": "<= 1.5 s",
        },
    ]


BASELINE_COMMAND = [sys.executable, "-c", BASELINE]


if __name__ == "__main__":
    for row in run():
        print(row)
