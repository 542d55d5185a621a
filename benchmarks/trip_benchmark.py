"""Time the trip computation and check it against a 1 m fixed-step integrator.

Run:  python benchmarks/trip_benchmark.py [--repeat N] [--no-reference] [--quick]
(--quick: one computation per case, the reference in 50 m steps; it checks the script still runs.)
Targets: the default trip (about 1,200 km, 90 cars) under 5 ms, Pyongyang - Moscow (about
10,000 km) under 50 ms, both within 0.1 % of the reference integrator (reference_integrator.py,
which shares no code with traintool.physics); a route of 100,000 sections of 1 mm under 2 s (the
work must stay near-linear in the sections under the train).

The cases are the shipped default document and routes (traintool.io). If those cannot be loaded,
synthetic cases of the same size are built here instead, and the output says so. A synthetic
10,000 km route of 200 sections with a stop every third station is always run as well: more
sections and stops than any shipped route.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reference_integrator import ReferenceStall, reference_running_time  # noqa: E402

from traintool.model import (  # noqa: E402
    BreakOfGauge, Car, CarKind, CarType, Consist, Document, RefitFacility, Route, Section, Station,
)
from traintool.physics import compute_trip  # noqa: E402

Case = tuple[str, Document, Route, float]  # name, document, route, target seconds


def synthetic_document(coaches: int = 87) -> Document:
    """A 90-car train like the default one: two 1435 mm locomotives, one 1520 mm, 87 coaches at 50 km/h."""
    def loco(id_: str, gauge: int, power: float, te: float, mass: float) -> CarType:
        return CarType(id=id_, label=id_, kind=CarKind.LOCOMOTIVE, length_m=20.0, mass_kg=mass, axles=6, bogies=2,
                       max_speed_m_s=100 / 3.6, power_w=power, max_tractive_effort_n=te, gauge_mm=gauge,
                       gauge_change="none")

    coach = CarType(id="coach", label="Armored coach", kind=CarKind.COACH, length_m=25.0, mass_kg=60_000.0, axles=4,
                    bogies=2, max_speed_m_s=50 / 3.6, armored=True)
    types = [loco("loco-kp", 1435, 2.065e6, 435e3, 138e3), loco("loco-ru", 1520, 3.66e6, 496e3, 276e3), coach]
    cars = [Car(type_id="loco-kp"), Car(type_id="loco-kp"), Car(type_id="loco-ru")]
    cars += [Car(type_id="coach") for _ in range(coaches)]
    return Document(name="Synthetic 90-car train", car_types=types, consist=Consist(cars=cars))


def synthetic_route(length_km: float, sections: int, stop_every: int, seed: int = 1) -> Route:
    """A line of `sections` random sections (limits 40-100 km/h, gradients ±5 ‰), a break of gauge
    from 1435 to 1520 mm a tenth of the way along, a stop at every `stop_every`-th station."""
    rng = random.Random(seed)
    cuts = sorted(rng.uniform(0, length_km * 1000) for _ in range(sections - 1))
    points = [0.0] + [round(c) for c in cuts] + [length_km * 1000]
    brk = sections // 10
    secs, stations = [], []
    for i, (a, b) in enumerate(zip(points, points[1:])):
        gauge = 1435 if i < brk else 1520
        secs.append(Section(start_m=a, end_m=b, gauges_mm=[gauge], speed_limit_m_s=rng.uniform(40, 100) / 3.6,
                            gradient_permille=rng.uniform(-5, 5)))
        stations.append(Station(name=f"S{i}", position_m=a, stop=i % stop_every == 0, dwell_s=300.0))
    stations.append(Station(name="End", position_m=points[-1]))
    return Route(id="synthetic", name=f"Synthetic {length_km:,.0f} km, {sections} sections", stations=stations,
                 sections=secs,
                 breaks_of_gauge=[BreakOfGauge(station=f"S{brk}", to_gauge_mm=1520, facility=RefitFacility())])


def tiny_sections_route(sections: int = 100_000, seed: int = 3) -> Route:
    """`sections` sections of 1 mm with random limits and gradients: the train covers all of them."""
    rng = random.Random(seed)
    secs = [Section(start_m=i / 1000, end_m=(i + 1) / 1000, gauges_mm=[1435], speed_limit_m_s=rng.uniform(40, 100) / 3.6,
                    gradient_permille=rng.uniform(-5, 5)) for i in range(sections)]
    return Route(id="tiny", name=f"{sections:,} sections of 1 mm", sections=secs,
                 stations=[Station(name="A", position_m=0.0), Station(name="B", position_m=sections / 1000)])


def cases() -> list[Case]:
    synthetic_10000 = ("synthetic 10,000 km, 200 sections, 90 cars", synthetic_document(),
                       synthetic_route(10_000, 200, 3), 0.200)
    tiny = ("100,000 sections of 1 mm, 90 cars", synthetic_document(), tiny_sections_route(), 2.0)
    try:
        from traintool.io import default_document, resolve_route, shipped_routes

        doc = default_document()
        routes = shipped_routes()
        shipped = [("default: armored train, Pyongyang - Vladivostok", doc, resolve_route(doc), 0.005),
                   ("armored train, Pyongyang - Moscow", doc, routes["pyongyang-moscow"], 0.050)]
        print("cases: the shipped default document and routes (traintool.io)")
    except Exception as e:  # the shipped data may not be there yet: say so and go on with synthetic cases
        print(f"cases: SYNTHETIC stand-ins, the shipped data could not be loaded ({type(e).__name__}: {e})")
        doc = synthetic_document()
        shipped = [("synthetic 1,200 km, 20 sections, 90 cars", doc, synthetic_route(1_200, 20, 4), 0.005),
                   ("synthetic 10,000 km, 100 sections, 90 cars", doc, synthetic_route(10_000, 100, 3, seed=2), 0.050)]
    return shipped + [synthetic_10000, tiny]


def timed(fn, repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return min(runs), statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="computations per case (default 30)")
    parser.add_argument("--no-reference", action="store_true", help="skip the slow 1 m reference integrator")
    parser.add_argument("--quick", action="store_true",
                        help="one computation per case, the reference in 50 m steps: does the script still run")
    args = parser.parse_args()
    repeat, dx = (1, 50.0) if args.quick else (args.repeat, 1.0)
    all_cases = cases()
    print(f"{'case':<52} {'km':>7} {'sect.':>5} {'cars':>4} {'best ms':>8} {'median ms':>10} {'target ms':>9} "
          f"{'rel. error':>11} {'ref. s':>7}")
    for name, doc, route, target in all_cases:
        result = compute_trip(doc, route)
        best, median = timed(lambda: compute_trip(doc, route), repeat if target < 1 else min(repeat, 3))
        err, ref_time = "", ""
        if not args.no_reference:
            t = time.perf_counter()
            try:
                ref = reference_running_time(doc, route, dx=dx)
                err = f"{(result.running_s - ref) / ref:11.2e}"
            except ReferenceStall:
                err = "stalls" if not result.feasible else "DISAGREE"
            ref_time = f"{time.perf_counter() - t:7.1f}"
        ok = "ok" if best <= target else "SLOW"
        print(f"{name:<52} {route.length_m / 1000:7,.0f} {len(route.sections):5d} {len(doc.consist.cars):4d} "
              f"{best * 1e3:8.2f} {median * 1e3:10.2f} {target * 1e3:4.0f} {ok:<4} {err:>11} {ref_time:>7}")
        if not result.feasible:
            print(f"  (cannot be made: {'; '.join(why.message for why in result.reasons)})")


if __name__ == "__main__":
    main()
