"""The layout view with 1,000 cars, on the offscreen platform.

Measures: opening the window and its first paint; fit-to-window; a scroll step; a drag moving over
the train (each move repaints the drop marker); a reorder of 100 selected cars including the
repaint; and memory.

Run:  QT_QPA_PLATFORM=offscreen python benchmarks/layout_benchmark.py [--quick]
(--quick: 100 cars, a few rounds of each; it checks the script still runs, its figures mean little.)
Targets: first paint under 1 s, a reorder under 50 ms.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from traintool.io import default_document  # noqa: E402
from traintool.model import Consist, Document  # noqa: E402
from traintool.ui.app.main_window import MainWindow  # noqa: E402
from traintool.ui.common.preferences import Preferences  # noqa: E402

N_CARS = 1000


def thousand_cars(n: int = N_CARS) -> Document:
    """The armored train's cars repeated to n (every kind of car, so every drawing, is in it)."""
    doc = default_document()
    cars = (doc.consist.cars * (n // len(doc.consist.cars) + 1))[:n]
    return doc.model_copy(update={"name": f"{n:,} cars", "consist": Consist(cars=cars)})


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.1f} ms"


def summary(times: list[float]) -> str:
    times = sorted(times)
    p90 = times[int(0.9 * (len(times) - 1))]
    return f"median {ms(statistics.median(times))}, 90th percentile {ms(p90)}, worst {ms(times[-1])}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 cars and a few rounds: does the script still run")
    quick = parser.parse_args().quick
    n = 100 if quick else N_CARS

    def rounds(full: int) -> int:
        return min(full, 3) if quick else full

    app = QApplication.instance() or QApplication([])
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    doc = thousand_cars(n)
    settings = tempfile.NamedTemporaryFile(suffix=".ini", delete=False)
    prefs = Preferences(QSettings(settings.name, QSettings.Format.IniFormat))

    # Open: build the window, show it fitted, paint it once.
    t0 = time.perf_counter()
    w = MainWindow(doc, None, prefs)
    w.resize(1600, 1000)
    w.show()
    view = w.layout_view
    view.fit()
    view.viewport().repaint()
    first_paint = time.perf_counter() - t0
    app.processEvents()  # the trip computation and the docks' first paint, after the train is on screen
    w.ensure_plots()
    open_all = time.perf_counter() - t0
    print(f"{n:,} cars, window {w.width()}×{w.height()}, layout viewport "
          f"{view.viewport().width()}×{view.viewport().height()}")
    print(f"open and first paint of the train: {ms(first_paint)} (target 1000 ms); "
          f"with the trip panel and plots done: {ms(open_all)}")

    # Fit after zooming in (the cars are drawn at a new scale: nothing cached).
    fits = []
    for k in range(rounds(5)):
        view.set_zoom(4.0 + k)
        view.viewport().repaint()
        t = time.perf_counter()
        view.fit()
        view.viewport().repaint()
        fits.append(time.perf_counter() - t)
    print(f"fit the whole train (fitted zoom {view.zoom:.2f} px/m, all {n:,} cars in view): {summary(fits)}")

    # A drag moving over the fitted train: the drop marker follows, each step repainted.
    mime = view.move_mime()
    w.holder.set_selection(range(0, n, 10))
    vp = view.viewport()
    QApplication.sendEvent(vp, QDragEnterEvent(QPointF(5, 5).toPoint(), Qt.DropAction.MoveAction, mime,
                                               Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    drags = []
    for k in range(rounds(60)):
        pos = QPointF(10 + (k * 53) % (vp.width() - 20), 10 + (k * 37) % (vp.height() - 20))
        t = time.perf_counter()
        QApplication.sendEvent(vp, QDragMoveEvent(pos.toPoint(), Qt.DropAction.MoveAction, mime,
                                                  Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
        app.processEvents()  # paints what the marker dirtied (its old and new places)
        drags.append(time.perf_counter() - t)
    QApplication.sendEvent(vp, QDragLeaveEvent())
    print(f"drag over the fitted train, one move with its repaint: {summary(drags)}")

    # Scroll at a readable zoom.
    view.set_zoom(8.0)
    sb = view.verticalScrollBar()
    scroll = []
    for k in range(rounds(40)):
        t = time.perf_counter()
        sb.setValue(sb.maximum() * k // 40)
        vp.repaint()
        scroll.append(time.perf_counter() - t)
    print(f"scroll step at 8 px/m with its repaint: {summary(scroll)}")

    # Reorder 100 selected cars spread along the train, as one undoable step, and repaint.
    times = []
    for k in range(rounds(20)):
        w.holder.set_selection(range(n // 10 + k, n, 9)[:100])
        app.processEvents()  # the event loop runs between two user actions
        t = time.perf_counter()
        view.move_selection_to(k * 40 % n)
        vp.repaint()
        times.append(time.perf_counter() - t)
    print(f"reorder of {len(range(n // 10, n, 9)[:100])} selected cars with its repaint: {summary(times)} (target 50 ms)")
    for k in range(rounds(20)):
        w.undo_stack.undo()
    assert w.holder.document == doc, "undo did not give the document back"

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"memory: peak RSS {rss / 1024:.0f} MB ({(rss - rss0) / 1024:.0f} MB for Qt's windows, the document, "
          f"its undo stack and the drawings' caches)")
    w.holder.undo_stack.setClean()
    w.close()
    os.unlink(settings.name)


if __name__ == "__main__":
    main()
