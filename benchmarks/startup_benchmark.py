"""Start-up time: process start to the first window shown (offscreen), against a minimal PySide6 window.

Run:  python benchmarks/startup_benchmark.py [RUNS]
Target: traintool on the default document shows its window in at most 1.5 times the floor.

Each run is a fresh process started from here; the child prints the wall-clock time at the
events below, and the parent subtracts the moment it started the process:
- shown: the first window's showEvent (the figure the target is about);
- ready: the trip computed and the plots built (both come after the show);
- exit: the process has quit (--exit-after-show), interpreter teardown included.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

FLOOR = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class Window(QMainWindow):
    def showEvent(self, event):
        super().showEvent(event)
        print("shown", time.time(), flush=True)

app = QApplication(sys.argv)
w = Window()
w.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""

# traintool exactly as `python -m traintool --exit-after-show` runs it, with two probes added.
APP = """
import sys, time
from traintool.ui import main_window

def probe(cls, name, label):
    original = getattr(cls, name)
    def wrapper(self, *args):
        result = original(self, *args)
        if not getattr(cls, "_seen_" + label, False):
            setattr(cls, "_seen_" + label, True)
            print(label, time.time(), flush=True)
        return result
    setattr(cls, name, wrapper)

probe(main_window.MainWindow, "showEvent", "shown")
probe(main_window.MainWindow, "ensure_plots", "ready")
from traintool.cli import main
sys.exit(main(["--exit-after-show"]))
"""


def run(code: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as home:  # no saved layout, recovery files or recent list
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": home, "XDG_CONFIG_HOME": home,
               "XDG_DATA_HOME": home}
        start = time.time()
        out = subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True, text=True).stdout
        times = {"exit": time.time() - start}
    for line in out.splitlines():
        label, when = line.split()
        times[label] = float(when) - start
    return times


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    floor = [run(FLOOR) for _ in range(runs)]
    app = [run(APP) for _ in range(runs)]

    def median(samples, key):
        values = [s[key] for s in samples if key in s]
        return statistics.median(values) if values else float("nan")

    f = median(floor, "shown")
    print(f"minimal PySide6 window shown: {f * 1e3:.0f} ms (median of {runs}; exit {median(floor, 'exit') * 1e3:.0f} ms)")
    for key in ("shown", "ready", "exit"):
        a = median(app, key)
        print(f"traintool, default document, {key:>7}: {a * 1e3:4.0f} ms = {a / f:.2f} x the floor"
              + (" (target 1.5 x)" if key == "shown" else ""))


if __name__ == "__main__":
    main()
