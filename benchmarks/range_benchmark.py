"""Time the trip's range on the default document against the single trip.

Run:  python benchmarks/range_benchmark.py [--samples N] [--quick]
Target: at least 500 samples in at most 1 s on a 2-core machine (issue 15), and the drivers.
Measured two ways: in this process, as `traintool compute --range` does; and as the window does,
in two processes at once (a half each, processes started beforehand: the window keeps them),
the range alone and the range with its drivers (what the window asks for).
Each figure is given as wall time and as CPU time: on a machine busy with other work the wall
time grows with the load while the CPU time does not (much), so the CPU time of the slower of
two processes is what the two-process wall time comes to on an idle machine. The load average is
printed with the figures.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor

from traintool.io import default_document, resolve_route
from traintool.model import Document, Route
from traintool.physics import compute_trip
from traintool.physics.jobs import join_parts, range_part
from traintool.physics.ranges import (
    DEFAULT_SEED, SampledTrips, drivers, latin_hypercube, sample_trips, summarize, trip_range, uncertain_inputs,
)


def _range_half(document: Document, route: Route, samples: int, part: int, parts: int) -> tuple[SampledTrips, float]:
    """The range part alone (no drivers), and the CPU seconds it took in its process."""
    t = time.process_time()
    inputs = uncertain_inputs(document, route)
    out = sample_trips(document, route, inputs, latin_hypercube(inputs, samples, DEFAULT_SEED)[part::parts])
    return out, time.process_time() - t


def _window_half(document: Document, route: Route, samples: int, part: int, parts: int) -> tuple[tuple, float]:
    """What the window asks of each process (jobs.range_part), and its CPU seconds."""
    t = time.process_time()
    out = range_part(document, route, samples, part, parts)
    return out, time.process_time() - t


def _timed(fn) -> tuple[object, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - wall, time.process_time() - cpu


def _verdict(seconds: float, samples: int) -> str:
    return "ok" if seconds * 500 / samples <= 1.0 else "SLOW"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=500)
    parser.add_argument("--quick", action="store_true", help="20 samples: checks the script runs")
    args = parser.parse_args()
    samples = 20 if args.quick else args.samples
    doc = default_document()
    route = resolve_route(doc)
    inputs = uncertain_inputs(doc, route)
    runs = [_timed(lambda: compute_trip(doc, route)) for _ in range(5)]
    single, single_cpu = min(w for _, w, _ in runs), min(c for _, _, c in runs)
    r, ranged, ranged_cpu = _timed(lambda: trip_range(doc, route, samples, inputs=inputs))
    top, driven, _ = _timed(lambda: drivers(doc, route, inputs))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"default document: {len(inputs)} uncertain inputs")
    print(f"single trip                        {single * 1e3:8.1f} ms wall {single_cpu * 1e3:8.1f} ms CPU")
    print(f"range, {samples} samples, one process  {ranged * 1e3:8.0f} ms wall {ranged_cpu * 1e3:8.0f} ms CPU"
          f"  ({ranged_cpu / single_cpu / samples:.1f} × the single trip per sample)"
          f"  target 1,000 ms for 500: {_verdict(ranged, samples)} (wall), {_verdict(ranged_cpu, samples)} (CPU)")
    print(f"drivers ({2 * len(inputs)} trips), one process  {driven * 1e3:8.0f} ms wall")

    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(range_part, [doc] * 2, [route] * 2, [2] * 2, [0, 1], [2, 2]))  # start both processes
        halves, both, _ = _timed(lambda: list(pool.map(_range_half, [doc] * 2, [route] * 2, [samples] * 2,
                                                       [0, 1], [2, 2])))
        assert summarize([h for h, _ in halves], DEFAULT_SEED) == r  # the halves join into the whole
        slowest = max(c for _, c in halves)
        print(f"range, two processes               {both * 1e3:8.0f} ms wall {slowest * 1e3:8.0f} ms CPU (slower half)"
              f"  target 1,000 ms for 500: {_verdict(both, samples)} (wall), {_verdict(slowest, samples)} (CPU)")
        parts, window, _ = _timed(lambda: list(pool.map(_window_half, [doc] * 2, [route] * 2, [samples] * 2,
                                                        [0, 1], [2, 2])))
        joined, _ = join_parts([p for p, _ in parts])
        assert joined == r
        print(f"range and drivers, two processes as the window does"
              f"  {window * 1e3:8.0f} ms wall {max(c for _, c in parts) * 1e3:8.0f} ms CPU (slower half)")
    p = r.total_s
    if p is not None:
        print(f"total: {p.p50 / 3600:.1f} h, 90 % between {p.p5 / 3600:.1f} and {p.p95 / 3600:.1f} h")
    for d in top[:5]:
        print(f"  {d.input.label[:70]:<70} {d.total_s_low / 3600 if d.total_s_low else float('nan'):6.1f} h → "
              f"{d.total_s_high / 3600 if d.total_s_high else float('nan'):6.1f} h")


if __name__ == "__main__":
    main()
