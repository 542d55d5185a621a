"""Time the trip's range on the default document against the single trip.

Run:  python benchmarks/range_benchmark.py [--samples N] [--quick]
Target: at least 500 samples in at most 1 s on a 2-core machine (issue 15), and the drivers.
Measured two ways: in this process, as `traintool compute --range` does; and as the window does,
in two processes at once (a half each, processes started beforehand: the window keeps them).
"""
from __future__ import annotations

import argparse
import time

from traintool.io import default_document, resolve_route
from traintool.physics import compute_trip
from traintool.physics.ranges import drivers, trip_range, uncertain_inputs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=500)
    parser.add_argument("--quick", action="store_true", help="20 samples: checks the script runs")
    args = parser.parse_args()
    samples = 20 if args.quick else args.samples
    doc = default_document()
    route = resolve_route(doc)
    inputs = uncertain_inputs(doc, route)
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        compute_trip(doc, route)
        runs.append(time.perf_counter() - t)
    single = min(runs)
    t = time.perf_counter()
    r = trip_range(doc, route, samples, inputs=inputs)
    ranged = time.perf_counter() - t
    t = time.perf_counter()
    top = drivers(doc, route, inputs)
    driven = time.perf_counter() - t
    print(f"default document: {len(inputs)} uncertain inputs")
    print(f"single trip            {single * 1e3:8.1f} ms")
    print(f"range, {samples} samples   {ranged * 1e3:8.0f} ms  ({ranged / single / samples:.1f} × the single trip per sample)"
          f"  target 1,000 ms for 500: {'ok' if ranged * 500 / samples <= 1.0 else 'SLOW'}")
    print(f"drivers ({2 * len(inputs)} trips)  {driven * 1e3:8.0f} ms")
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from traintool.physics.jobs import join_parts, range_part

    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(range_part, [doc] * 2, [route] * 2, [2] * 2, [0, 1], [2, 2]))  # start both processes
        t = time.perf_counter()
        parts = list(pool.map(range_part, [doc] * 2, [route] * 2, [samples] * 2, [0, 1], [2, 2]))
        joined, _ = join_parts(parts)
        both = time.perf_counter() - t
    assert joined == r
    print(f"range and drivers, two processes as the window does   {both * 1e3:8.0f} ms"
          f"  target 1,000 ms for 500 (range alone): {'ok' if both * 500 / samples <= 1.0 else 'SLOW'}")
    p = r.total_s
    if p is not None:
        print(f"total: {p.p50 / 3600:.1f} h, 90 % between {p.p5 / 3600:.1f} and {p.p95 / 3600:.1f} h")
    for d in top[:5]:
        print(f"  {d.input.label[:70]:<70} {d.total_s_low / 3600 if d.total_s_low else float('nan'):6.1f} h → "
              f"{d.total_s_high / 3600 if d.total_s_high else float('nan'):6.1f} h")


if __name__ == "__main__":
    main()
