"""Start-up time: process start to the first window shown (offscreen), against a minimal PySide6 window.

Run:  python benchmarks/startup_benchmark.py
Target: traintool on the default document in at most 1.5 times the floor.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

FLOOR = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow()
w.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def run(cmd: list[str]) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": "/tmp/traintool-startup-bench"}
    t = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, capture_output=True)
    return time.perf_counter() - t


def main() -> None:
    floor = [run([sys.executable, "-c", FLOOR]) for _ in range(5)]
    app = [run([sys.executable, "-m", "traintool", "--exit-after-show"]) for _ in range(5)]
    f, a = statistics.median(floor), statistics.median(app)
    print(f"minimal PySide6 window: {f * 1e3:.0f} ms (median of 5)")
    print(f"traintool, default document: {a * 1e3:.0f} ms (median of 5) = {a / f:.2f} x the floor (target 1.5 x)")


if __name__ == "__main__":
    main()
