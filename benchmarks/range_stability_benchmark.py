"""How far the range's percentiles move from one seed to another (issue 23).

Run:  python benchmarks/range_stability_benchmark.py [--samples N] [--seeds K] [--quick]
Target: at 500 draws, any two seeds agree on the 5th and the 95th percentile of the default
document's total within 0.25 % of the total. How the design gets there: physics/ranges.py,
latin_hypercube (strata dealt evenly to the slices of the counts and the railways' limit factors)
and total_percentiles (the time moving and the time standing of the draws paired every way).
Prints, for K seeds, each seed's P5, P50, P95, the largest difference between two seeds and the
standard deviation over the seeds, as shares of the median total (with 4 seeds the largest
difference is about twice the standard deviation; run --seeds 16 for a steadier figure).
"""
from __future__ import annotations

import argparse
import statistics

from traintool.io import default_document, resolve_route
from traintool.physics.ranges import DEFAULT_SEED, trip_range, uncertain_inputs

TARGET = 0.0025


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=500)
    ap.add_argument("--seeds", type=int, default=4)
    ap.add_argument("--quick", action="store_true", help="two seeds at 20 draws: that it runs, not its figures")
    args = ap.parse_args()
    samples, seeds = (20, 2) if args.quick else (args.samples, args.seeds)
    doc = default_document()
    route = resolve_route(doc)
    inputs = uncertain_inputs(doc, route)
    ranges = []
    for k in range(seeds):
        seed = DEFAULT_SEED + k
        r = trip_range(doc, route, samples, seed, inputs=inputs).total_s
        assert r is not None
        ranges.append(r)
        print(f"seed {seed}: P5 {r.p5 / 3600:.3f} h, P50 {r.p50 / 3600:.3f} h, P95 {r.p95 / 3600:.3f} h", flush=True)
    total = ranges[0].p50
    for name in ("p5", "p95"):
        values = [getattr(r, name) for r in ranges]
        spread = (max(values) - min(values)) / total
        print(f"{name.upper()}: largest difference between two of {seeds} seeds {spread:.3%} of the total "
              f"(target {TARGET:.2%}){'' if spread <= TARGET or args.quick else '  MISSED'}; "
              f"standard deviation {statistics.stdev(values) / total:.3%}")


if __name__ == "__main__":
    main()
