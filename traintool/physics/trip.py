"""A trip: running time leg by leg, dwell at the stops, refits at the breaks of gauge."""
from __future__ import annotations

import numpy as np

from ..model import Document, ResolvedCar, Route
from .refit import compute_refit
from .resistance import davis_train
from .result import LegResult, RefitResult, SpeedProfile, TripResult, Warning_
from .running import Samples, Stall, build_segments, run_leg
from .traction import TrainForces, cars_on_gauge, train_forces


def _section_forces(cars: list[ResolvedCar], route: Route, gauges: list[int], doc: Document) -> list[TrainForces]:
    a = doc.scenario.assumptions
    davis_by_gauge = {g: davis_train(cars_on_gauge(cars, g), a) for g in set(gauges)}
    return [train_forces(cars, g, s.gradient_permille, s.curve_radius_m, a, davis_by_gauge[g])
            for s, g in zip(route.sections, gauges)]


def _stops(route: Route) -> list[int]:
    """Indices of the stations where the train stops: every stop, every break of gauge, both ends."""
    breaks = {b.station for b in route.breaks_of_gauge}
    last = len(route.stations) - 1
    return [i for i, s in enumerate(route.stations) if i in (0, last) or s.stop or s.name in breaks]


def compute_trip(document: Document, route: Route) -> TripResult:
    """The trip of the document's consist over `route` under the document's scenario."""
    cars = document.resolved_cars()
    scenario = document.scenario
    a = scenario.assumptions
    gauges = route.gauge_by_section()
    forces = _section_forces(cars, route, gauges, document)
    cap = scenario.top_speed_cap_m_s
    limits = [min(s.speed_limit_m_s, f.max_speed_m_s if f.max_speed_m_s > 0 else s.speed_limit_m_s,
                  cap if cap is not None else s.speed_limit_m_s)
              for s, f in zip(route.sections, forces)]
    starts = [s.start_m for s in route.sections]
    ends = [s.end_m for s in route.sections]
    warnings: list[Warning_] = []
    feasible = True

    if not cars:
        warnings.append(Warning_("The consist is empty: add a locomotive and cars."))
        feasible = False
    elif cap is not None and cap <= 0:
        warnings.append(Warning_("The top-speed cap is 0: the train cannot move. Raise the cap or clear it."))
        feasible = False
    for g in dict.fromkeys(gauges):
        idx = gauges.index(g)
        if cars and not any(c.is_locomotive and c.type.gauge_mm == g for c in cars):
            warnings.append(Warning_(f"No locomotive runs on {g} mm: the train cannot run {route.section_label(idx)}. "
                                     f"Add a locomotive for {g} mm.", section_index=idx))
            feasible = False

    samples = Samples()
    legs: list[LegResult] = []
    stops = _stops(route)
    t = 0.0
    for i0, i1 in zip(stops, stops[1:]):
        s0, s1 = route.stations[i0], route.stations[i1]
        running = 0.0
        if feasible:
            train_length = max((f.length_m for f in forces), default=0.0)
            segments = build_segments(starts, ends, limits, forces, s0.position_m, s1.position_m,
                                      _leg_train_length(forces, starts, s0.position_m, train_length))
            try:
                running = run_leg(segments, a.service_braking_m_s2, t, samples)
            except Stall as e:
                feasible = False
                warnings.append(Warning_(
                    f"The train cannot climb {route.section_label(e.section_index)}: at "
                    f"{route.sections[e.section_index].gradient_permille:g} ‰ its locomotives' tractive effort is less "
                    f"than the resistance. Add power or lighten the train.", section_index=e.section_index))
                running = 0.0
        t += running
        legs.append(LegResult(s0.name, s1.name, s1.position_m - s0.position_m, running))

    dwells = [(route.stations[i].name, scenario.dwell_overrides_s.get(route.stations[i].name, route.stations[i].dwell_s))
              for i in stops[1:-1]]
    refits = _refits(cars, route, gauges, document, warnings)
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


def _leg_train_length(forces: list[TrainForces], starts: list[float], position_m: float, default: float) -> float:
    """The train's length on the leg starting at position_m (locomotives change at breaks of gauge)."""
    import bisect

    i = max(bisect.bisect_right(starts, position_m) - 1, 0)
    return forces[i].length_m if forces else default


def _refits(cars: list[ResolvedCar], route: Route, gauges: list[int], doc: Document,
            warnings: list[Warning_]) -> list[RefitResult]:
    out = []
    position = {s.name: s.position_m for s in route.stations}
    start_index = {s.start_m: i for i, s in enumerate(route.sections)}
    for brk in route.breaks_of_gauge:
        x = position[brk.station]
        i = start_index[x]
        from_gauge = gauges[i - 1] if i > 0 else route.sections[0].gauges_mm[0]
        facility = doc.scenario.facility_overrides.get(brk.station, brk.facility)
        r = compute_refit(cars, brk, facility, from_gauge, x)
        for idx in r.cannot_change:
            warnings.append(Warning_(f"{cars[idx].label} cannot change gauge at {brk.station} "
                                     f"({r.method.label.lower()}): it cannot continue on {brk.to_gauge_mm} mm.",
                                     car_index=idx))
        out.append(r)
    return out


def _profile(s: Samples) -> SpeedProfile:
    return SpeedProfile(distance_m=np.asarray(s.x, dtype=float), speed_m_s=np.asarray(s.v, dtype=float),
                        time_s=np.asarray(s.t, dtype=float), limit_m_s=np.asarray(s.limit, dtype=float))
