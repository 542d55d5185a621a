"""Painting car drawings: 1,000 cars (every car of the armored train, repeated) at the whole-train
scale of the layout view, into an image, with the drawings' cache warm.

Run:  QT_QPA_PLATFORM=offscreen python benchmarks/drawings_benchmark.py [--quick]
(--quick: 100 cars, a few rounds; it checks the script still runs, its figures mean little.)
Target: 1,000 cars in well under 1 s (the layout view paints up to 1,000 cars at that scale).
"""
from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter  # noqa: E402

from traintool.io import default_document  # noqa: E402
from traintool.render.drawings import paint_car  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    quick = parser.parse_args().quick
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - fonts and painting need one
    doc = default_document()
    cars = doc.resolved_cars()
    n, rounds = (100, 3) if quick else (1000, 15)
    img = QImage(1600, 300, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(QColor("white"))
    p = QPainter(img)
    for c in cars:  # warm the cache, as the view's first paint does
        paint_car(p, c, 0.0, scale=4.0)
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for i in range(n):
            p.save()
            p.translate(0, (i // 16) % 12 * 22)
            paint_car(p, cars[i % len(cars)], (i % 16) * 25.0, scale=4.0, selected=i % 50 == 0)
            p.restore()
        times.append(time.perf_counter() - t0)
    p.end()
    print(f"{n:,} cars painted: median {statistics.median(times) * 1000:.1f} ms, "
          f"slowest {max(times) * 1000:.1f} ms over {rounds} rounds (target: well under 1 s)")


if __name__ == "__main__":
    main()
