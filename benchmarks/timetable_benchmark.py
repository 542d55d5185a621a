"""Time the timetable against the trip it is built from.

Run:  python benchmarks/timetable_benchmark.py [--repeat N] [--quick]
(--quick: a few repeats; it checks the script still runs.)
Target: the timetable (clock times, zones, and the ranges read from the range's bands) and the
train graph's line cost no measurable time on top of the trip: less than the trip's own spread
from run to run (its median less its best), and under 1 ms, for the default document and for
Pyongyang - Moscow (34 stations, 8 zones). The share of the trip's best time is printed beside it.
"""
from __future__ import annotations

import argparse
import statistics
import time

from traintool.io import default_document, resolve_route, shipped_routes
from traintool.model import edits
from traintool.physics import compute_trip
from traintool.physics.ranges import trip_range
from traintool.physics.timetable import build_timetable, train_path

TARGET_S = 0.001


def _best(f, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--quick", action="store_true", help="three repeats, a small range")
    args = parser.parse_args()
    repeat, samples = (3, 20) if args.quick else (args.repeat, 200)
    doc = default_document()
    cases = [("default document", doc, resolve_route(doc))]
    moscow = shipped_routes().get("pyongyang-moscow")
    if moscow is not None:
        cases.append(("default train, Pyongyang - Moscow", edits.choose_route(doc, "pyongyang-moscow", moscow).document,
                      moscow))
    print(f"{'case':<36} {'trip ms':>8} {'spread ms':>10} {'timetable ms':>13} {'+ ranges ms':>12} "
          f"{'graph line ms':>14} {'share':>7} {'target':>7}")
    for name, d, route in cases:
        result = compute_trip(d, route)
        bands = trip_range(d, route, samples).bands
        trip, trip_median = _best(lambda: compute_trip(d, route), repeat)
        plain, _ = _best(lambda: build_timetable(result, d, route), repeat)
        ranged, _ = _best(lambda: build_timetable(result, d, route, bands), repeat)
        path, _ = _best(lambda: train_path(result), repeat)
        cost, spread = ranged + path, trip_median - trip
        ok = cost < TARGET_S and cost < spread
        print(f"{name:<36} {trip * 1e3:8.2f} {spread * 1e3:10.3f} {plain * 1e3:13.3f} {ranged * 1e3:12.3f} "
              f"{path * 1e3:14.3f} {cost / trip:7.1%} {'ok' if ok else 'OVER':>7}")


if __name__ == "__main__":
    main()
