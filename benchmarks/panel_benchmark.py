"""End-to-end latency from an edit to the updated trip panel and plots, on the default document.

Run:  QT_QPA_PLATFORM=offscreen python benchmarks/panel_benchmark.py [--quick]
(--quick: 3 edits; it checks the script still runs, its figures mean little.)
Target: under 50 ms; the layout repainted within 16 ms of an edit.
"""
from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from traintool.io import default_document  # noqa: E402
from traintool.model import edits  # noqa: E402
from traintool.ui.app.main_window import MainWindow  # noqa: E402
from traintool.ui.common.preferences import Preferences  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 edits: does the script still run")
    n_edits = 3 if parser.parse_args().quick else 30
    app = QApplication.instance() or QApplication([])
    w = MainWindow(default_document(), None, Preferences(QSettings("/tmp/traintool-bench.ini", QSettings.Format.IniFormat)))
    w.resize(1600, 1000)
    w.show()
    app.processEvents()
    w.ensure_plots()  # normally built at the first turn of the event loop after the show
    times = []
    done: list[float] = []

    def answered(_result) -> None:
        done.append(time.perf_counter())

    # Only this listener is added and removed: the window's own (trip panel, plots, route editor) stay as they are.
    w.trip_computer.result_ready.connect(answered)
    for k in range(n_edits):
        done.clear()
        t = time.perf_counter()
        w.holder.edit(edits.delete_cars, [10 + k % 50])  # remove one car
        while not done:
            app.processEvents()
        w.trip_panel.repaint()
        w.plots.repaint()
        times.append(time.perf_counter() - t)
    w.trip_computer.result_ready.disconnect(answered)
    print(f"edit -> trip panel and plots updated and repainted: median {statistics.median(times) * 1e3:.1f} ms, "
          f"worst {max(times) * 1e3:.1f} ms over {len(times)} edits (target 50 ms)")
    print(f"trip computation alone: {w.trip_computer.last_duration_s * 1e3:.1f} ms")
    # The layout's answer to an edit: the edit, the views' updates from its change record, the repaint.
    repaints = []
    for k in range(n_edits):
        app.processEvents()
        t = time.perf_counter()
        if k % 2:
            w.undo_stack.undo()
        else:
            w.holder.edit(edits.delete_cars, [10 + k])
        w.layout_view.viewport().repaint()
        repaints.append(time.perf_counter() - t)
    print(f"edit -> layout repainted: median {statistics.median(repaints) * 1e3:.1f} ms, "
          f"worst {max(repaints) * 1e3:.1f} ms over {len(repaints)} edits and undos (target 16 ms)")
    w.holder.undo_stack.setClean()
    w.close()


if __name__ == "__main__":
    main()
