"""A trip: running time leg by leg, dwell at the stops, refits at the breaks of gauge.

A trip that cannot be made has no duration. Before running, the trip looks for what stops it
(an empty train, no locomotive for a gauge, cars that a break of gauge cannot refit, unless the
scenario leaves them behind); while running, for a stall. Each is a `Reason` with its numbers.
The train runs as far as it can: the legs before the trouble keep their running times, the
legs it never reaches have none, and `total_s` is None.
"""
from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from ..model import (Assumptions, Car, CarResolver, Document, Haulage, OperationKind, ResolvedCar, Route, Scenario,
                     ServiceRules, StrandedCars, car_label, describe_cars)
from ..units import UnitSystem
from ..model.scenario import route_as_chosen
from .refit import compute_refit, overlong_cars
from .resistance import curve_permille
from .result import (Haul, LegResult, Reason, ReasonKind, RefitResult, SpeedProfile, Stop, StopPart, TripResult, Warning_,
                     stall_sentence)
from .running import LineProfile, Samples, Stall, build_segments, run_leg
from .traction import Train, TrainForces, forces_on, train_on_gauge


def compute_trip(document: Document, route: Route, cars: Sequence[ResolvedCar] | None = None) -> TripResult:
    """The trip of the document's consist over `route` under the document's scenario.

    total = running + allowance + dwell + refit + operations. Running: the minimum-time profile
    from each stop to the next (see running.py), each section at its limit times its railway's
    limit factor, capped by the railway's top speed for the service, the train's and the scenario's.
    Allowance: per leg, the railways' percentage of its running time plus their minutes per 100 km
    of it. Dwell: at each intermediate station where the train stops, the station's dwell or the
    scenario's override. Refit: at each break of gauge (see refit.py). Operations: the stations'
    border procedures, locomotive and crew changes and technical stops for the service, and a stop
    with nothing else to stand for takes its railway's default dwell for the service.
    """
    cars = list(document.resolved_cars() if cars is None else cars)  # the window passes the ones it has resolved
    scenario = document.scenario
    route = route_as_chosen(route, scenario)
    a = scenario.assumptions
    gauges = route.gauge_by_section()
    rules = section_rules(route, scenario)
    stretch = _Stretches(cars, route, gauges, scenario, rules)
    cap = scenario.top_speed_cap_m_s or math.inf
    limits = [min(s.speed_limit_m_s * r.limit_factor, r.max_speed_m_s or math.inf, train.max_speed_m_s, cap)
              for s, r, train in zip(route.sections, rules, stretch.by_section())]
    line = LineProfile.of([s.start_m for s in route.sections], [s.end_m for s in route.sections], limits,
                          [s.gradient_permille for s in route.sections],
                          [curve_permille(s.curve_radius_m, a) for s in route.sections])
    allowance = _Allowance(route, rules)

    reasons = _cannot_start(cars, route, gauges, stretch)
    blocked_at = {r.station for r in reasons if r.kind is ReasonKind.CANNOT_CHANGE_GAUGE}
    stops = stop_indices(route)
    samples = Samples()
    legs: list[LegResult] = []
    clock = 0.0
    running = bool(cars)
    reached = route.stations[0].position_m
    for i0, i1 in zip(stops, stops[1:]):
        s0, s1 = route.stations[i0], route.stations[i1]
        distance = s1.position_m - s0.position_m
        first = line.section_at(s0.position_m)
        running = running and s0.name not in blocked_at and stretch.train(first).locomotives > 0
        if not running:
            legs.append(LegResult(s0.name, s1.name, distance, None))
            continue
        drawn = len(samples.x)
        try:
            t = _run(line, stretch.train(first), a, s0.position_m, s1.position_m, clock, samples)
        except Stall as stall:
            reasons.append(_stall_reason(route, line, stall))
            reached, running = stall.position_m, False
            legs.append(LegResult(s0.name, s1.name, distance, None))
            continue
        if not math.isfinite(t):  # guarded by the model's 1 km/h minimum; kept so no result is ever inf
            samples.truncate(drawn)
            reasons.append(Reason(ReasonKind.TOO_SLOW, f"The speed allowed between {s0.name} and {s1.name} is too "
                                  f"low for the train to get there in any time that can be told. Raise the "
                                  f"top-speed cap or the limits.", station=s0.name, section_index=first))
            running = False
            legs.append(LegResult(s0.name, s1.name, distance, None))
            continue
        clock += t
        reached = s1.position_m
        legs.append(LegResult(s0.name, s1.name, distance, t, allowance.of_leg(s0.position_m, s1.position_m, t)))

    complete = not reasons
    position = {s.name: s.position_m for s in route.stations}

    def passed(name: str) -> bool:
        return complete or position[name] < reached

    dwells = [(s.name, scenario.dwell_overrides_s.get(s.name, s.dwell_s))
              for s in (route.stations[i] for i in stops[1:-1]) if s.stop]
    dwell_s = sum(d for name, d in dwells if passed(name))
    refit_s = sum(r.duration_s for r in stretch.refits if passed(r.station))
    running_s = sum(leg.running_s or 0.0 for leg in legs)
    allowance_s = sum(leg.allowance_s for leg in legs)
    trip_stops = _stops(route, stops, legs, dict(dwells), stretch.refits, _operations(route, stops, scenario, rules))
    operations_s = sum(p.duration_s for st in trip_stops for p in st.parts if p.kind not in ("dwell", "refit"))
    return TripResult(
        total_s=running_s + allowance_s + dwell_s + refit_s + operations_s if complete else None,
        running_s=running_s,
        dwell_s=dwell_s,
        refit_s=refit_s,
        distance_m=route.length_m,
        legs=legs,
        refits=stretch.refits,
        dwells=dwells,
        profile=_profile(samples),
        warnings=stretch.warnings,
        reasons=reasons,
        left_behind=stretch.left_behind,
        reached_m=route.length_m if complete else reached,
        stops=trip_stops,
        allowance_s=allowance_s,
        operations_s=operations_s,
        hauls=stretch.hauls,
    )


def section_rules(route: Route, scenario: Scenario) -> list[ServiceRules]:
    """The rules each section is run by: its railway's for the scenario's service (or the scenario's
    override of them); no rules (the physics' minimum) where no railway is named."""
    none = ServiceRules()
    if not route.railways:
        return [none] * len(route.sections)
    by_id = {r.id: scenario.railway_overrides.get(r.id) or r.rules(scenario.service) for r in route.railways}
    return [by_id.get(s.railway, none) for s in route.sections]


class _Allowance:
    """The running-time allowance of a leg: per railway, a percentage of the running time and minutes
    per 100 km, each weighed by how much of the leg the railway runs (the sums are kept cumulative,
    so a leg is two look-ups however many sections it spans)."""

    def __init__(self, route: Route, rules: list[ServiceRules]):
        distinct = {id(r): r for r in rules}.values()  # a few railways' rules, shared by many sections
        self.none = not any(r.allowance_percent or r.allowance_min_per_100km for r in distinct)
        if self.none:
            return
        self.ends = np.array([route.sections[0].start_m] + [s.end_m for s in route.sections])
        lengths = np.diff(self.ends)
        self.percent = np.concatenate([[0.0], np.cumsum(lengths * [r.allowance_percent for r in rules])])
        self.per_m = np.concatenate([[0.0], np.cumsum(lengths * [r.allowance_min_per_100km * 60 / 100_000
                                                                 for r in rules])])

    def of_leg(self, start_m: float, end_m: float, running_s: float) -> float:
        if self.none or end_m <= start_m:
            return 0.0
        pct, per = (float(np.interp(end_m, self.ends, c) - np.interp(start_m, self.ends, c))
                    for c in (self.percent, self.per_m))
        return running_s * pct / (end_m - start_m) / 100 + per


def allowance_terms(route: Route, railways: Sequence[str], result: TripResult) -> np.ndarray:
    """The trip's allowance as what it is, a linear function of its railways' rates: for each of
    `railways`, the running time of the legs weighed by how much of each leg the railway runs, then
    for each, the length it runs. So that, as _Allowance adds it leg by leg,
        allowance_s = Σ_k terms[k] × percent_k / 100 + terms[K + k] × min_per_100km_k × 60 / 100,000.
    `route`: the route the trip ran on."""
    stops = stop_indices(route)
    at = np.array([route.stations[i].position_m for i in stops])
    run = np.array([leg.running_s or 0.0 for leg in result.legs])
    ends = np.array([route.sections[0].start_m] + [s.end_m for s in route.sections])
    lengths = np.diff(ends)
    leg_m = np.diff(at)
    out = np.zeros(2 * len(railways))
    for k, rid in enumerate(railways):
        mine = np.concatenate([[0.0], np.cumsum(lengths * [s.railway == rid for s in route.sections])])
        on_leg = np.diff(np.interp(at, ends, mine))  # metres of each leg this railway runs
        out[k] = float(np.sum(run * np.divide(on_leg, leg_m, out=np.zeros(len(leg_m)), where=leg_m > 0)))
        out[len(railways) + k] = float(np.sum(on_leg[leg_m > 0]))
    return out


def _operations(route: Route, stops: list[int], scenario: Scenario,
                rules: list[ServiceRules]) -> dict[str, list[StopPart]]:
    """The operations at each intermediate stop for the scenario's service, with the scenario's
    overrides of their durations."""
    starts = [s.start_m for s in route.sections]
    out: dict[str, list[StopPart]] = {}
    for i in stops[1:-1]:
        st = route.stations[i]
        parts = []
        for op in st.operations:
            if op.applies_to(scenario.service):
                d = scenario.operation_overrides_s.get(f"{st.name}/{op.kind.value}", op.duration_s)
                parts.append(StopPart(op.kind.value, op.kind.label, d, op.source))
        if not parts and st.stop:
            r = rules[max(bisect.bisect_right(starts, st.position_m) - 1, 0)]  # the railway it leaves on
            key = f"{st.name}/{OperationKind.SCHEDULED_STOP.value}"
            d = scenario.operation_overrides_s.get(key, r.stop_dwell_s)
            if d > 0:
                parts.append(StopPart(OperationKind.SCHEDULED_STOP.value, OperationKind.SCHEDULED_STOP.label, d,
                                      r.source))
        if parts:
            out[st.name] = parts
    return out


def _stops(route: Route, stops: list[int], legs: list[LegResult], dwells: dict[str, float],
           refits: list[RefitResult], operations: dict[str, list[StopPart]]) -> list[Stop]:
    """Each stop the train reaches, with its arrival and departure counted from the start: the legs
    run so far, with their allowance, plus every part of every stop before it. Stops past the trouble
    are left out."""
    refit_at = {r.station: r for r in refits}
    out: list[Stop] = []
    clock = 0.0
    for n, i in enumerate(stops):
        if n > 0:
            run = legs[n - 1].running_s
            if run is None:
                break
            clock += run + legs[n - 1].allowance_s
        s = route.stations[i]
        parts: list[StopPart] = []
        if s.name in dwells and dwells[s.name] > 0:  # intermediate stops only
            parts.append(StopPart("dwell", "Dwell", dwells[s.name]))
        r = refit_at.get(s.name)
        if r is not None:
            parts.append(StopPart("refit", f"Refit ({r.method.label.lower()})", r.duration_s))
        parts += operations.get(s.name, [])
        stand = sum(p.duration_s for p in parts)
        out.append(Stop(s.name, s.position_m, clock, clock + stand, tuple(parts)))
        clock += stand
    return out


def stop_indices(route: Route) -> list[int]:
    """The stations where the train stops: both ends, every stop, and every break of gauge
    (the refit needs the train at a stand, even where the timetable does not stop)."""
    breaks = {b.station for b in route.breaks_of_gauge}
    last = len(route.stations) - 1
    return [i for i, s in enumerate(route.stations) if i in (0, last) or s.stop or s.name in breaks]


def _run(line: LineProfile, train: Train, a: Assumptions, start_m: float, end_m: float, clock: float, samples: Samples) -> float:
    """Run one leg (raises Stall). The train is the one it leaves on: the locomotives change at
    a break of gauge, cars may be left there, and every break is a stop."""
    cache: dict[tuple[float, float], TrainForces] = {}

    def forces_at(grade: float, curve: float) -> TrainForces:
        f = cache.get((grade, curve))
        if f is None:
            f = cache[(grade, curve)] = forces_on(train, grade, curve, a)
        return f

    segments = build_segments(line, forces_at, start_m, end_m, train.length_m)
    return run_leg(segments, a.service_braking_m_s2, clock, samples)


class _Stretches:
    """The train on each section: its cars (less those left behind at the breaks before it) on that
    section's gauge, hauled by the locomotives in force there; and the refit at each break, with its
    warnings.

    A stretch starts at the route's start and at each change: each break of gauge, and (when the
    scenario has the railways haul) each stop with a locomotive change for the service. After a change
    the train is hauled by the locomotive(s) the next section's railway puts on, where its rules name one
    (Scenario.haulage): the consist's own locomotives stay off the train, and the train's mass, length,
    power, tractive effort, top speed and resistance are those of the train so hauled. Elsewhere, and
    before the first change, the consist's own locomotives of the gauge haul, as everywhere when the
    scenario says so."""

    def __init__(self, cars: list[ResolvedCar], route: Route, gauges: list[int], scenario: Scenario,
                 rules: list[ServiceRules]):
        self.gauges = gauges
        self.refits: list[RefitResult] = []
        self.warnings: list[Warning_] = []
        self.left_behind: list[tuple[str, tuple[int, ...]]] = []
        self.cannot_change: list[tuple[RefitResult, tuple[int, ...]]] = []  # when the trip stops for them
        leave = scenario.stranded_cars is StrandedCars.LEAVE_BEHIND
        position = {s.name: s.position_m for s in route.stations}
        starts = [s.start_m for s in route.sections]
        breaks = {b.station: b for b in route.breaks_of_gauge}
        changes = set(breaks) | (_locomotive_changes(route, scenario) if scenario.haulage is Haulage.RAILWAYS
                                 else set())
        present = list(range(len(cars)))  # positions of the cars still in the train
        self._first_section = [0]  # the first section of each stretch (a stretch ends at a change)
        self._cars: list[list[ResolvedCar]] = [cars]
        self._hauling: list[list[ResolvedCar] | None] = [None]  # each stretch's railway locomotives; None: own
        self.hauls = [self._haul(route, route.stations[0].name, route.stations[0].position_m, 0, rules, None)]
        for station in sorted(changes, key=position.__getitem__):
            x = position[station]
            i = bisect.bisect_left(starts, x)
            brk = breaks.get(station)
            if brk is not None:
                from_gauge = gauges[i - 1] if i > 0 else route.sections[0].gauges_mm[0]
                facility = scenario.facility_at(brk)
                here = [cars[k] for k in present]
                r = compute_refit(here, brk, facility, from_gauge, x)
                stuck = tuple(present[k] for k in r.cannot_change)
                r = _with_positions(r, stuck)
                self.refits.append(r)
                for k in overlong_cars(here, facility):
                    idx = present[k]
                    self.warnings.append(Warning_(
                        f"{car_label(idx, cars[idx])} is longer than the exchange track at {brk.station} "
                        f"({facility.track_length_m:g} m): it is worked on its own with its ends overhanging.",
                        car_index=idx))
                if stuck and leave:
                    self.left_behind.append((brk.station, stuck))
                    gone = set(stuck)
                    present = [k for k in present if k not in gone]
                elif stuck:
                    self.cannot_change.append((r, stuck))
                self._cars.append([cars[k] for k in present] if stuck and leave else self._cars[-1])
            else:
                self._cars.append(self._cars[-1])
            on = i < len(starts)  # a change at the end of the route hauls nothing
            hauling = (self._railway_locomotives(rules[i], gauges[i]) if on and scenario.haulage is Haulage.RAILWAYS
                       else None)
            self._first_section.append(i)
            self._hauling.append(hauling)
            if on:
                self.hauls.append(self._haul(route, station, x, i, rules, hauling))
        self._trains: dict[tuple[int, int], Train] = {}
        self._assumptions = scenario.assumptions

    @staticmethod
    def _railway_locomotives(rules: ServiceRules, gauge: int) -> list[ResolvedCar] | None:
        """The locomotives a railway puts on, resolved as cars; None where it names none of this gauge."""
        t = rules.locomotive_type
        if t is None or t.gauge_mm != gauge:
            return None
        loco = CarResolver().resolve([Car(type_id=t.id)], {t.id: t})[0]
        return [loco] * rules.locomotive_count

    def _haul(self, route: Route, station: str, x: float, section: int, rules: list[ServiceRules],
              hauling: list[ResolvedCar] | None) -> Haul:
        railway = route.railway_of(section)
        name = railway.name if railway is not None else ""
        r = rules[section]
        if hauling is not None:
            return Haul(station, x, name, r.locomotive_label, True, r.locomotive_note)
        gauge = self.gauges[section]
        own = Counter(c.type.label for c in self._cars[-1] if c.is_locomotive and c.type.gauge_mm == gauge)
        what = "; ".join(f"{n} × {label}" if n > 1 else label for label, n in own.items())
        note = ""
        if section > 0 and r.locomotive_type is not None and r.locomotive_type.gauge_mm != gauge:
            note = f"{name} names {r.locomotive_label}, which does not run on {gauge} mm"
        elif section > 0 and r.locomotive_id is None and r.locomotive_note:
            note = f"{name} names “{r.locomotive_note}”, which is no catalogue type"
        return Haul(station, x, name, f"the consist's own: {what}" if what else "no locomotive", False, note)

    def _build(self, key: tuple[int, int]) -> Train:
        stretch, gauge = key
        cars = self._cars[stretch]
        hauling = self._hauling[stretch]
        if hauling is not None and hauling[0].type.gauge_mm == gauge:
            cars = hauling + [c for c in cars if not c.is_locomotive]  # the railway's locomotives lead
        t = self._trains[key] = train_on_gauge(cars, gauge, self._assumptions)
        return t

    def by_section(self) -> list[Train]:
        """The train on each section, in order (one pass: a route may have 100,000 sections)."""
        out = []
        stretch = 0
        for i, gauge in enumerate(self.gauges):
            while stretch + 1 < len(self._first_section) and self._first_section[stretch + 1] <= i:
                stretch += 1
            key = (stretch, gauge)
            t = self._trains.get(key)
            out.append(t if t is not None else self._build(key))
        return out

    def first_sections(self) -> dict[tuple[int, int], int]:
        """The first section of each (stretch, gauge) the train runs on."""
        out: dict[tuple[int, int], int] = {}
        ends = self._first_section[1:] + [len(self.gauges)]
        for stretch, (start, end) in enumerate(zip(self._first_section, ends)):
            for gauge in dict.fromkeys(self.gauges[start:end]):  # a stretch has a gauge or two, not 100,000
                out[(stretch, gauge)] = self.gauges.index(gauge, start, end)
        return out

    def stretch_of(self, section: int) -> int:
        return bisect.bisect_right(self._first_section, section) - 1

    def train(self, section: int) -> Train:
        """The train on `section`: the cars it still has, with the locomotives hauling it there."""
        key = (self.stretch_of(section), self.gauges[section])
        t = self._trains.get(key)
        return t if t is not None else self._build(key)


def _locomotive_changes(route: Route, scenario: Scenario) -> set[str]:
    """The intermediate stops where the locomotive is changed for the scenario's service."""
    return {route.stations[i].name for i in stop_indices(route)[1:-1]
            if any(op.kind is OperationKind.LOCOMOTIVE_CHANGE and op.applies_to(scenario.service)
                   for op in route.stations[i].operations)}


def _with_positions(r: RefitResult, stuck: tuple[int, ...]) -> RefitResult:
    """The refit with its cars that cannot change named by their place in the whole consist."""
    return replace(r, cannot_change=list(stuck))


def _cannot_start(cars: list[ResolvedCar], route: Route, gauges: list[int], stretch: _Stretches) -> list[Reason]:
    """What stops the trip before the train starts: nothing to run, no locomotive for a gauge,
    cars that a break of gauge cannot refit (when the scenario does not leave them behind)."""
    if not cars:
        return [Reason(ReasonKind.EMPTY_TRAIN, "The consist is empty: add a locomotive and cars.")]
    out = []
    told: set[int] = set()
    for (_, g), i in stretch.first_sections().items():
        if g not in told and not stretch.train(i).locomotives:
            told.add(g)
            out.append(Reason(ReasonKind.NO_LOCOMOTIVE,
                              f"No locomotive runs on {g} mm: the train cannot run {route.section_label(i)}. "
                              f"Add a locomotive for {g} mm.", section_index=i, gauge_mm=g))
    for r, stuck in stretch.cannot_change:
        out.append(Reason(ReasonKind.CANNOT_CHANGE_GAUGE,
                          f"{describe_cars(stuck, cars)} cannot change gauge at {r.station} "
                          f"({r.method.label.lower()}), so the train cannot go on to {r.to_gauge_mm} mm. Give "
                          f"them another way to change gauge, change the facility, or leave them behind.",
                          station=r.station, car_indices=stuck, gauge_mm=r.to_gauge_mm, position_m=r.position_m))
    return out


def _stall_reason(route: Route, line: LineProfile, stall: Stall) -> Reason:
    f = stall.forces
    i = line.section_at(stall.position_m)
    where = route.section_label(i)
    pull, against = f.traction(0.0), f.resistance(0.0)
    station = _station_before(route, stall.position_m)
    reason = Reason(ReasonKind.STALL, "", station=station, section_index=i, position_m=stall.position_m,
                    shortfall_n=against - pull, resistance_n=against, where=where,
                    gradient_permille=f.gradient_permille if f.gradient_permille > 0 else None)
    return replace(reason, message=stall_sentence(reason, UnitSystem.METRIC))


def _station_before(route: Route, x: float) -> str:
    before = [s for s in route.stations if s.position_m <= x]
    return (before[-1] if before else route.stations[0]).name


def _profile(s: Samples) -> SpeedProfile:
    return SpeedProfile(distance_m=np.asarray(s.x, dtype=float), speed_m_s=np.asarray(s.v, dtype=float),
                        time_s=np.asarray(s.t, dtype=float), limit_m_s=np.asarray(s.limit, dtype=float))
