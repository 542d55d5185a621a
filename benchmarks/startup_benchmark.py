"""Start-up time: process start to exit of the whole first window (offscreen), against a minimal PySide6 window.

Run:  python benchmarks/startup_benchmark.py [RUNS] [--quick]
(--quick: one run of each; it checks the script still runs, its figures mean little.)
Targets: the issue's figure, the whole first window (train, catalogue, trip, plots) from the
process's start to its exit with --exit-after-show, in at most 5 times the floor's start to exit
(a minimal QMainWindow script, shown then quit); and the frame shown in at most 1.5 times the
floor's shown.

traintool's modules are compiled to bytecode first and the children may use it (whatever
PYTHONDONTWRITEBYTECODE says here), as an installed traintool has it: compiling ~80 modules on
every start is not a cost a user meets.

Each run is a fresh process started from here; the child prints the wall-clock time at the
events below, and the parent subtracts the moment it started the process:
- shown: the first window's showEvent (the figure the target is about): its frame, menus and
  docks, saying "Opening the armored train…";
- painted: that frame's first paint; the document is loaded only after it;
- document: the train, the catalogue, the inspector and the trip are in the window (set_up);
- ready: the plots built as well;
- exit: the process has quit (--exit-after-show), interpreter teardown included.
Twice: with --exit-after-show (the issue's measure), and as the desktop starts it, where the
single-instance check comes first (the child quits once ready). Beside them, the fixed stack's own
start-up (the floor's window with a pydantic model, numpy and a pyqtgraph plot, nothing of traintool):
how much of the ratio is the stack's, how much traintool's.
"""
from __future__ import annotations

import argparse
import compileall
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

# The fixed stack's own start-up, with nothing of traintool: the floor's window with a pydantic model,
# numpy and a pyqtgraph plot in it. What part of the ratio is the stack's, what part traintool's.
STACK = FLOOR.replace("QTimer.singleShot(0, app.quit)\n", """
def rest():
    import os
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as traintool's programs set it
    import numpy
    import pydantic
    import pyqtgraph

    class Model(pydantic.BaseModel):
        x: float = 1.0

    plot = pyqtgraph.PlotWidget()
    plot.plot(numpy.arange(10.0), numpy.arange(10.0) * Model().x)
    w.setCentralWidget(plot)
    QTimer.singleShot(0, app.quit)

QTimer.singleShot(0, rest)
""")

# traintool exactly as its programs run it (`traintool ARGS`, or `traintool-gui` for the desktop), with probes added.
APP = """
import sys, time
from PySide6.QtWidgets import QApplication
from traintool.ui.app import main_window

def probe(cls, name, label, then=None):
    original = getattr(cls, name)
    def wrapper(self, *args):
        result = original(self, *args)
        if not getattr(cls, "_seen_" + label, False):
            setattr(cls, "_seen_" + label, True)
            print(label, time.time(), flush=True)
            if then:
                then()
        return result
    setattr(cls, name, wrapper)

probe(main_window.MainWindow, "showEvent", "shown")
probe(main_window._OpeningNote, "paintEvent", "painted")
probe(main_window.MainWindow, "set_up", "document")
probe(main_window.MainWindow, "ensure_plots", "ready", then=QUIT)
from ENTRY import main
sys.exit(main(ARGS))
"""
EXIT_AFTER_SHOW = APP.replace("ENTRY", "traintool.cli").replace("ARGS", '["--exit-after-show"]').replace("QUIT", "None")
DESKTOP = APP.replace("ENTRY", "traintool.gui").replace("ARGS", "[]").replace("QUIT", "lambda: QApplication.instance().quit()")


def run(code: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as home:  # no saved layout, recovery files or recent list
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env = {**env, "QT_QPA_PLATFORM": "offscreen", "HOME": home, "XDG_CONFIG_HOME": home,
               "XDG_DATA_HOME": home, "XDG_RUNTIME_DIR": home}  # no running traintool to hand over to
        start = time.time()
        out = subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True, text=True).stdout
        times = {"exit": time.time() - start}
    for line in out.splitlines():
        label, when = line.split()
        times[label] = float(when) - start
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="?", type=int, default=7, help="starts of each kind (default 7)")
    parser.add_argument("--quick", action="store_true", help="one start of each: does the script still run")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    import traintool

    compileall.compile_dir(os.path.dirname(traintool.__file__), quiet=1)  # as installed: see the docstring
    samples: dict[str, list[dict[str, float]]] = {"floor": [], "stack": [], "exit": [], "desktop": []}
    for _ in range(runs):  # interleaved, so that a slow spell of the machine weighs on all alike
        for name, code in (("floor", FLOOR), ("stack", STACK), ("exit", EXIT_AFTER_SHOW), ("desktop", DESKTOP)):
            samples[name].append(run(code))

    def median(name, key):
        values = [s[key] for s in samples[name] if key in s]
        return statistics.median(values) if values else float("nan")

    f = median("floor", "shown")
    floor_exit, whole = median("floor", "exit"), median("exit", "exit")
    print(f"whole first window, start to exit: {whole * 1e3:.0f} ms = {whole / floor_exit:.2f} x the floor"
          f" ({floor_exit * 1e3:.0f} ms), target 5 x   [traintool --exit-after-show, median of {runs}]")
    ratios = sorted(s["exit"] / fl["exit"] for s, fl in zip(samples["exit"], samples["floor"]))
    print(f"  run by run (each against the floor started just before it): {', '.join(f'{r:.2f}' for r in ratios)} x")
    print(f"minimal PySide6 window shown: {f * 1e3:.0f} ms (median of {runs};"
          f" exit {floor_exit * 1e3:.0f} ms)")
    stack = median("stack", "exit")
    print(f"the fixed stack alone (that window, then a pydantic model, numpy and a pyqtgraph plot in it), start to exit:"
          f" {stack * 1e3:.0f} ms = {stack / floor_exit:.2f} x the floor; traintool's own part:"
          f" {(whole - stack) * 1e3:.0f} ms = {(whole - stack) / floor_exit:.2f} x")
    for name, title in (("exit", "traintool --exit-after-show"), ("desktop", "traintool as the desktop starts it")):
        print(title)
        for key in ("shown", "painted", "document", "ready", "exit"):
            a = median(name, key)
            print(f"  {key:>8}: {a * 1e3:4.0f} ms = {a / f:.2f} x the floor"
                  + (" (target 1.5 x)" if key == "shown" else ""))


if __name__ == "__main__":
    main()
