"""A trip: running time leg by leg, dwell at the stops, refits at the breaks of gauge."""
from __future__ import annotations

import bisect
import math
from collections.abc import Sequence

import numpy as np

from ..model import Document, ResolvedCar, Route, Scenario, car_label
from ..units import KN
from .refit import compute_refit, overlong_cars
from .result import LegResult, RefitResult, SpeedProfile, TripResult, Warning_
from .running import Samples, Stall, build_segments, run_leg
from .traction import Train, TrainForces, section_forces, train_on_gauge


def compute_trip(document: Document, route: Route, cars: Sequence[ResolvedCar] | None = None) -> TripResult:
    """The trip of the document's consist over `route` under the document's scenario.

    total = running + dwell + refit. Running: the minimum-time profile from each stop to the next
    (see running.py). Dwell: at each intermediate station where the train stops, the station's
    dwell or the scenario's override. Refit: at each break of gauge (see refit.py).

    When the train cannot complete the route (an empty consist, a top-speed cap of 0, no
    locomotive for a gauge, a gradient it cannot climb) the result has feasible=False and a
    warning naming the section or car; its running and total times are then 0, since there is
    no time to give, and the legs after the trouble have no running time.
    """
    cars = document.resolved_cars() if cars is None else cars  # the window passes the ones it has resolved
    scenario = document.scenario
    gauges = route.gauge_by_section()
    trains = {g: train_on_gauge(cars, g, scenario.assumptions) for g in dict.fromkeys(gauges)}
    forces = [section_forces(trains[g], s.gradient_permille, s.curve_radius_m, scenario.assumptions)
              for s, g in zip(route.sections, gauges)]

    warnings = _cannot_run(cars, route, gauges, trains, scenario)
    feasible = not warnings
    line = _Line(route, forces, limits_in_force(route, forces, scenario), scenario.assumptions.service_braking_m_s2)
    stops = stop_indices(route)
    samples = Samples()
    legs: list[LegResult] = []
    clock = 0.0
    for i0, i1 in zip(stops, stops[1:]):
        s0, s1 = route.stations[i0], route.stations[i1]
        running = 0.0
        if feasible:
            drawn = len(samples.x)
            try:
                running = line.run(s0.position_m, s1.position_m, clock, samples)
            except Stall as stall:
                feasible = False
                warnings.append(_stall_warning(route, stall))
            if not math.isfinite(running):  # a limit so low (say 1e-320 m/s) that the time overflows
                feasible, running = False, 0.0
                samples.truncate(drawn)
                warnings.append(Warning_(f"The speed allowed between {s0.name} and {s1.name} is too low for the "
                                         f"train to get there in any time that can be told. Raise the top-speed "
                                         f"cap or the limits."))
        clock += running
        legs.append(LegResult(s0.name, s1.name, s1.position_m - s0.position_m, running))

    dwells = [(s.name, scenario.dwell_overrides_s.get(s.name, s.dwell_s))
              for s in (route.stations[i] for i in stops[1:-1]) if s.stop]
    refits = _refits(cars, route, gauges, scenario, warnings)
    running_s = sum(leg.running_s for leg in legs) if feasible else 0.0
    dwell_s = sum(d for _, d in dwells)
    refit_s = sum(r.duration_s for r in refits)
    return TripResult(
        total_s=running_s + dwell_s + refit_s if feasible else 0.0,
        running_s=running_s,
        dwell_s=dwell_s,
        refit_s=refit_s,
        distance_m=route.length_m,
        legs=legs,
        refits=refits,
        dwells=dwells,
        profile=_profile(samples),
        warnings=warnings,
        feasible=feasible,
    )


def stop_indices(route: Route) -> list[int]:
    """The stations where the train stops: both ends, every stop, and every break of gauge
    (the refit needs the train at a stand, even where the timetable does not stop)."""
    breaks = {b.station for b in route.breaks_of_gauge}
    last = len(route.stations) - 1
    return [i for i, s in enumerate(route.stations) if i in (0, last) or s.stop or s.name in breaks]


def limits_in_force(route: Route, forces: list[TrainForces], scenario: Scenario) -> list[float]:
    """Per section: the lowest of the section's limit, the train's maximum speed there and the cap."""
    cap = scenario.top_speed_cap_m_s
    return [min(s.speed_limit_m_s, f.max_speed_m_s, cap if cap is not None else s.speed_limit_m_s)
            for s, f in zip(route.sections, forces)]


class _Line:
    """The route as the running-time integrator sees it: sections, their forces and limits."""

    def __init__(self, route: Route, forces: list[TrainForces], limits: list[float], braking_m_s2: float):
        self.starts = [s.start_m for s in route.sections]
        self.ends = [s.end_m for s in route.sections]
        self.forces, self.limits, self.braking_m_s2 = forces, limits, braking_m_s2

    def run(self, start_m: float, end_m: float, clock: float, samples: Samples) -> float:
        """Run the leg from start_m to end_m; raises Stall."""
        # The train's length on this leg: that of the train on the gauge it leaves on (the
        # locomotives change at a break of gauge, and every break is a stop).
        length = self.forces[max(bisect.bisect_right(self.starts, start_m) - 1, 0)].length_m
        segments = build_segments(self.starts, self.ends, self.limits, self.forces, start_m, end_m, length)
        return run_leg(segments, self.braking_m_s2, clock, samples)


def _cannot_run(cars: Sequence[ResolvedCar], route: Route, gauges: list[int], trains: dict[int, Train],
                scenario: Scenario) -> list[Warning_]:
    """What stops the train before it starts: nothing to run, a cap of 0, no locomotive for a gauge."""
    if not cars:
        return [Warning_("The consist is empty: add a locomotive and cars.")]
    out = []
    cap = scenario.top_speed_cap_m_s
    if cap is not None and cap <= 0:
        out.append(Warning_("The top-speed cap is 0: the train cannot move. Raise the cap or clear it."))
    for g, train in trains.items():
        if not train.locomotives:
            i = gauges.index(g)
            out.append(Warning_(f"No locomotive runs on {g} mm: the train cannot run {route.section_label(i)}. "
                                f"Add a locomotive for {g} mm.", section_index=i))
    return out


def _stall_warning(route: Route, stall: Stall) -> Warning_:
    i, f = stall.section_index, stall.forces
    where = route.section_label(i)
    pull, against = f.traction(0.0) / KN, f.resistance(0.0) / KN
    if f.gradient_permille > 0:
        what = f"The train cannot climb {where}: on its {f.gradient_permille:g} ‰"
    else:
        what = f"The train cannot move through {where}: there"
    return Warning_(f"{what} the locomotives' starting tractive effort ({pull:,.0f} kN) is less than the "
                    f"resistance ({against:,.0f} kN). Add power or lighten the train.", section_index=i)


def _refits(cars: Sequence[ResolvedCar], route: Route, gauges: list[int], scenario: Scenario,
            warnings: list[Warning_]) -> list[RefitResult]:
    out = []
    position = {s.name: s.position_m for s in route.stations}
    first_section = {s.start_m: i for i, s in enumerate(route.sections)}
    for brk in route.breaks_of_gauge:
        x = position[brk.station]
        i = first_section[x]
        from_gauge = gauges[i - 1] if i > 0 else route.sections[0].gauges_mm[0]
        facility = scenario.facility_overrides.get(brk.station, brk.facility)
        r = compute_refit(cars, brk, facility, from_gauge, x)
        for idx in r.cannot_change:
            warnings.append(Warning_(f"{car_label(idx, cars[idx])} cannot change gauge at {brk.station} "
                                     f"({r.method.label.lower()}): it cannot continue on {brk.to_gauge_mm} mm.",
                                     car_index=idx))
        for idx in overlong_cars(cars, facility):
            warnings.append(Warning_(f"{car_label(idx, cars[idx])} is longer than the exchange track at {brk.station} "
                                     f"({facility.track_length_m:g} m): it is worked on its own with its ends "
                                     f"overhanging.", car_index=idx))
        out.append(r)
    return out


def _profile(s: Samples) -> SpeedProfile:
    return SpeedProfile(distance_m=np.asarray(s.x, dtype=float), speed_m_s=np.asarray(s.v, dtype=float),
                        time_s=np.asarray(s.t, dtype=float), limit_m_s=np.asarray(s.limit, dtype=float))
