"""The layout view with 1,000 cars: open and first paint, a reorder of 100 selected cars with its repaint, memory.

Run:  QT_QPA_PLATFORM=offscreen python benchmarks/layout_benchmark.py
Targets: first paint under 1 s, a reorder under 50 ms.
"""
from __future__ import annotations

import os
import resource
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from traintool.io import default_document  # noqa: E402
from traintool.model import Consist  # noqa: E402
from traintool.ui.main_window import MainWindow  # noqa: E402
from traintool.ui.preferences import Preferences  # noqa: E402


def thousand_cars():
    doc = default_document()
    cars = (doc.consist.cars * 12)[:1000]
    return doc.model_copy(update={"name": "1,000 cars", "consist": Consist(cars=cars)})


def main() -> None:
    app = QApplication.instance() or QApplication([])
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    doc = thousand_cars()
    prefs = Preferences(QSettings("/tmp/traintool-bench.ini", QSettings.Format.IniFormat))
    t0 = time.perf_counter()
    w = MainWindow(doc, None, prefs)
    w.resize(1600, 1000)
    w.show()
    w.layout_view.fit()
    w.layout_view.viewport().repaint()
    app.processEvents()
    first_paint = time.perf_counter() - t0

    view = w.layout_view
    view.set_zoom(8.0)
    times = []
    for k in range(10):
        w.holder.set_selection(range(100 + k, 1000, 9)[:100])  # 100 cars spread along the train
        t = time.perf_counter()
        view.move_selection_to(k * 50)
        view.viewport().repaint()
        times.append(time.perf_counter() - t)
    scroll = []
    sb = view.verticalScrollBar()
    for k in range(20):
        t = time.perf_counter()
        sb.setValue(sb.maximum() * k // 20)
        view.viewport().repaint()
        scroll.append(time.perf_counter() - t)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"1,000 cars: open and first paint {first_paint * 1e3:.0f} ms (target 1000 ms)")
    print(f"reorder of 100 selected cars incl. repaint: median {statistics.median(times) * 1e3:.1f} ms, "
          f"worst {max(times) * 1e3:.1f} ms (target 50 ms)")
    print(f"scroll step incl. repaint: median {statistics.median(scroll) * 1e3:.1f} ms, worst {max(scroll) * 1e3:.1f} ms")
    print(f"memory: peak RSS {rss / 1024:.0f} MB ({(rss - rss0) / 1024:.0f} MB for the window and document)")
    w.holder.undo_stack.setClean()
    w.close()


if __name__ == "__main__":
    main()
