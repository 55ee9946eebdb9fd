"""Start-up time: ``shopreel smoke`` on the demo shop against a bare PySide6 window.

Prints the whole-process wall time of each (median of N runs), the ``startup_ms`` the app itself
reports, and their ratio. Target: the app at most 3x the bare window.

    python benchmarks/startup.py --db .demo/shop.db [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BARE_WINDOW = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget
app = QApplication([])
window = QMainWindow()
tabs = QTabWidget()
for name in ("a", "b", "c", "d", "e", "f"):
    tabs.addTab(QWidget(), name)
window.setCentralWidget(tabs)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def wall_ms(command: list[str]) -> tuple[float, str]:
    """Run ``command`` to completion; its wall time in ms and its stdout."""
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return (time.perf_counter() - started) * 1000, done.stdout


def main() -> int:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=Path(".demo/shop.db"))
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if not args.db.exists():
        parser.error(f"{args.db} does not exist; run `shopreel demo --db {args.db}` first")
    python = sys.executable
    smoke = [python, "-m", "app.cli", "--db", str(args.db), "smoke"]
    wall_ms([python, "-c", BARE_WINDOW])  # warm the file cache for both
    wall_ms(smoke)
    bare, app, reported = [], [], []
    for _ in range(args.runs):
        bare.append(wall_ms([python, "-c", BARE_WINDOW])[0])
        ms, out = wall_ms(smoke)
        app.append(ms)
        reported.append(int(out.strip().rsplit("startup_ms=", 1)[1]))
    bare_ms, app_ms = statistics.median(bare), statistics.median(app)
    print(f"bare PySide6 window, six empty tabs: {bare_ms:7.0f} ms (median of {args.runs})")
    print(f"shopreel smoke on {args.db}:  {app_ms:7.0f} ms whole process")
    print(f"  app-reported startup_ms (window shown with data): {statistics.median(reported):.0f}")
    print(f"ratio: {app_ms / bare_ms:.2f}x  (target <= 3.00x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
