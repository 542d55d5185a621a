"""Time the trip computation on the shipped documents and check it against a 1 m fixed-step integrator.

Run:  QT_QPA_PLATFORM=offscreen python benchmarks/trip_benchmark.py
Targets: the default trip under 20 ms, Pyongyang - Moscow under 200 ms, both within 0.1 % of the reference.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reference_integrator import reference_running_time  # noqa: E402

from traintool.io import default_document, resolve_route, shipped_routes  # noqa: E402
from traintool.physics import compute_trip  # noqa: E402


def timed(fn, repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return min(runs), statistics.median(runs)


def main() -> None:
    doc = default_document()
    cases = [("default: armored train, Pyongyang - Vladivostok", doc, resolve_route(doc), 0.020),
             ("armored train, Pyongyang - Moscow", doc, shipped_routes()["pyongyang-moscow"], 0.200)]
    print(f"{'case':<52} {'best ms':>8} {'median ms':>10} {'target ms':>10} {'rel. error':>11} {'ref. s':>8}")
    for name, d, route, target in cases:
        result = compute_trip(d, route)
        best, median = timed(lambda: compute_trip(d, route), 30)
        t = time.perf_counter()
        ref = reference_running_time(d, route, dx=1.0)
        ref_time = time.perf_counter() - t
        err = (result.running_s - ref) / ref
        print(f"{name:<52} {best * 1e3:8.2f} {median * 1e3:10.2f} {target * 1e3:10.0f} {err:11.2e} {ref_time:8.1f}")


if __name__ == "__main__":
    main()
