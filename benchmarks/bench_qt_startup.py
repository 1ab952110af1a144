"""Qt start-up offscreen: import PySide6, create the QApplication, show a QMainWindow.

Baselines are the numbers measured on these machines with PySide6 6.11.3 (shared/HEADLESS.md):
0.15-0.20 s warm, RSS ~52 MiB. Each run is a fresh interpreter; the median of warm runs counts.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys

RUNS = 5

CHILD = """
import json, resource, time
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
app.processEvents()
elapsed = time.perf_counter() - t0
rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "rss_mib": rss_mib}))
"""


def measure_once() -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.splitlines()[-1])


def run() -> list[dict]:
    measure_once()  # the first run fills the page cache; it is not counted
    runs = [measure_once() for _ in range(RUNS)]
    return [
        {
            "name": f"Qt start-up offscreen (median of {RUNS})",
            "value": statistics.median(r["seconds"] for r in runs),
            "unit": "s",
            "baseline": 0.20,
            "target": "< 0.5 s",
        },
        {
            "name": "Qt start-up RSS",
            "value": statistics.median(r["rss_mib"] for r in runs),
            "unit": "MiB",
            "baseline": 52,
            "target": "< 100 MiB",
        },
    ]
