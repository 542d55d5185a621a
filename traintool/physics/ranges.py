"""The trip as a range: what the estimated inputs allow, and which of them drive it.

Inputs. Every figure the data marks as estimated is an input with a low and a high value:
its own `ranges` entry where the data gives one (with the range's source), else the default
spread below for its kind of figure. A car type's figure is one input for every car of that
type that does not override it (one draw per car type, not per car: the cars of a type are
alike, so their error is shared); cars that override a figure with the same value are one input
too, its range the type's own range moved to the car's value. Stations' dwells, the refit
facilities' steps and tracks, and the operations at stations are inputs in the same way; so is
the length of a stretch whose sources disagree (the route's length_ranges: one factor per source,
the trip then run on the route stretched).

Structure. What is shared is drawn once per trip: per railway, how close it runs trains to the
line limits (its limit factor) and its allowance, top speed and default stop. What is left to a
section is a small residual (the default spreads of a limit and a gradient are small for that
reason), and the residuals are drawn per stretch of BLOCK_M of a railway, not per section: the
sections of one stretch share one draw, each through its own range, so that cutting a route into
more sections leaves the range as it was instead of letting independent errors cancel.

The range. `trip_range` draws `samples` sets of inputs by Latin hypercube sampling (each
input's range cut into as many equal-probability strata as samples, each stratum used once),
each input on a triangular distribution from low through its value to high, with a fixed seed
so that a document always gives the same range; and gives the 5th, 50th and 95th percentiles
of the total, the running time and each refit. Samples in which the trip cannot be made are
counted, not averaged in. How the design and the total's percentiles are made to hold from one
seed to another: `latin_hypercube` and `total_percentiles`.

The drivers. `drivers` moves each input alone from its low to its high value, the others at
their values, and ranks the inputs by how much the total moves (a tornado chart).
"""
from __future__ import annotations

import math
import random
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

import numpy as np
from pydantic import JsonValue

from ..sizes import RANGE_SAMPLES
from ..model import (RANGED_FIELDS, CarType, Document, Haulage, Range, RefitFacility, ResolvedCar, Route, Scenario,
                     ServiceRules)
from ..model.car_type import RangedModel
from ..model.route import facility_fields
from ..model.scenario import route_as_chosen
from .bands import Grid, TripBands, along_grid, bands, route_grid
from .result import TripResult
from .trip import allowance_terms, compute_trip, section_rules, stop_indices

DEFAULT_SAMPLES = RANGE_SAMPLES
DEFAULT_SEED = 20231

# The spread given to an estimated figure whose data states no range of its own: (fraction of the
# value, or an absolute amount for gradients; why). Chosen from how far the sources behind the
# shipped data disagree, rounded up.
DEFAULT_SPREAD: dict[str, tuple[float, bool, str]] = {
    "mass_kg": (0.10, True, "default ±10 % for an estimated mass: published masses of similar cars differ by 5-10 %"),
    "length_m": (0.03, True, "default ±3 % for an estimated length: a car's length is rarely off by more than a metre"),
    "power_w": (0.10, True, "default ±10 % for an estimated power: the DF4B's engine is 2,430 kW in one source, "
                            "2,650 kW (+9 %) in another"),
    "max_tractive_effort_n": (0.15, True, "default ±15 % for an estimated starting tractive effort: it depends on "
                                          "the gearing (the DF4B: 435 kN freight, 327.5 kN passenger)"),
    "max_speed_m_s": (0.10, True, "default ±10 % for an estimated top speed: the leader's train is said to run at "
                                  "50 km/h in one report and 60 km/h in another"),
    "speed_limit_m_s": (0.05, True, "default ±5 % for an estimated line speed, drawn per stretch: what a railway "
                                    "does to all its limits is its limit factor, drawn once per trip"),
    "gradient_permille": (1.0, False, "default ±1 ‰ for an estimated gradient, drawn per stretch: derived from "
                                      "station elevations, which hide the grades between them"),
    "allowance_percent": (0.5, True, "default ±50 % for an estimated allowance: UIC 451-1 recommends 3-7 % for "
                                     "passenger trains, timetables add more"),
    "allowance_min_per_100km": (0.5, True, "default ±50 % for an estimated allowance per 100 km"),
    "limit_factor": (0.1, True, "default ±10 % for an estimated limit factor"),
    "stop_dwell_s": (0.5, True, "default ±50 % for a stop's default dwell"),
    "dwell_s": (0.50, True, "default ±50 % for a dwell at a stop: stops for a special train are not published"),
    "tracks": (0.50, True, "default ±50 % (at least one track) for the tracks a facility works at once"),
    "duration": (0.40, True, "default ±40 % for an estimated refit step: a whole train's bogie exchange at Brest "
                             "is reported from about 1 h to about 2 h"),
}
_UNITS = {"mass_kg": ("t", 1e-3), "length_m": ("m", 1.0), "power_w": ("kW", 1e-3), "max_tractive_effort_n": ("kN", 1e-3),
          "max_speed_m_s": ("km/h", 3.6), "speed_limit_m_s": ("km/h", 3.6), "gradient_permille": ("‰", 1.0),
          "dwell_s": ("min", 1 / 60), "tracks": ("tracks", 1.0), "allowance_percent": ("%", 1.0),
          "allowance_min_per_100km": ("min/100 km", 1.0), "limit_factor": ("× limit", 1.0),
          "length_factor": ("× length", 1.0)}
_NAMES = {"mass_kg": "mass", "length_m": "length", "power_w": "power", "max_tractive_effort_n": "tractive effort",
          "max_speed_m_s": "top speed", "speed_limit_m_s": "speed limit", "gradient_permille": "gradient",
          "dwell_s": "dwell", "tracks": "exchange tracks", "split_s_per_cut": "split and shunt, per cut",
          "lift_s": "lift", "bogie_swap_s": "bogie swap", "lower_s": "lower", "couple_s_per_car": "couple, per car",
          "locomotive_change_s": "locomotive change", "brake_test_s": "brake test",
          "transship_s_per_car": "transship, per car", "duration_s": "duration", "allowance_percent": "allowance",
          "allowance_min_per_100km": "allowance per 100 km", "limit_factor": "limit factor",
          "stop_dwell_s": "default stop", "length_factor": "length"}
BLOCK_M = 200_000.0  # a stretch of a railway whose sections share the draw of their residuals
WHOLE_FIELDS = frozenset({"tracks"})
# The shared factors whose draws are cut into bins, like a count's values (latin_hypercube): each bin
# gets the other inputs' whole range. At most MAX_BINS bins each, and slices of at least MIN_SLICE draws.
SLICE_FIELDS = frozenset({"limit_factor"})
MAX_BINS = 5
MIN_SLICE = 20  # figures that are counts: a draw is rounded to a whole number


@dataclass(frozen=True)
class Input:
    """One uncertain figure: where it is, its value and its range, in SI units."""

    key: str  # "car_type:kp-df4b:power_w", "section:3:gradient_permille", "station:Khasan:dwell_s", "facility:Khasan:lift_s"
    label: str  # as a person reads it: "DF4B-type diesel locomotive: power"
    field: str
    value: float
    low: float
    high: float
    source: str
    owner: str  # what the input belongs to: "car_type", "car", "section", "station", "facility", "railway",
    # "operation", "route" (a stretch's length: owner_id its index in the route's length_ranges)
    owner_id: str  # the car type's id, the section's index, the station's name, the railway's id, 'station/kind'
    stated: bool = False  # the data states this range (else it is the default spread for its kind)
    group: str = ""  # inputs of one group share one draw, each through its own range; empty: its own
    cars: tuple[int, ...] = ()  # for a car's override: the positions of the cars that share it

    @property
    def unit(self) -> str:
        return _UNITS.get(self.field, ("min", 1 / 60))[0]

    def shown(self, si: float) -> float:
        """`si` in the unit people read (t, kW, km/h, min)."""
        return si * _UNITS.get(self.field, ("min", 1 / 60))[1]


@dataclass(frozen=True)
class Percentiles:
    p5: float
    p50: float
    p95: float


@dataclass(frozen=True)
class TripRange:
    samples: int
    seed: int
    feasible_samples: int  # those in which the trip can be made; the percentiles are over these
    total_s: Percentiles | None
    running_s: Percentiles | None
    refit_s: dict[str, Percentiles] = field(default_factory=dict)  # by the break's station
    parts_s: dict[str, Percentiles] = field(default_factory=dict)  # "allowance", "dwell" and each operation kind
    bands: TripBands | None = None  # the speed and time bands along the route (bands.py)


@dataclass(frozen=True)
class Driver:
    input: Input
    total_s_low: float | None  # the total with this input at its low value, the others at theirs
    total_s_high: float | None

    @property
    def swing_s(self) -> float:
        if self.total_s_low is None or self.total_s_high is None:
            return math.inf  # one end makes the trip impossible: as strong a driver as there is
        return abs(self.total_s_high - self.total_s_low)


# ----------------------------------------------------------------------------- the inputs

def uncertain_inputs(document: Document, route: Route) -> list[Input]:
    """The estimated figures of the document, its route and its scenario, with their ranges."""
    scenario = document.scenario
    route = route_as_chosen(route, scenario)
    used = {c.type_id for c in document.consist.cars}
    # The railways' locomotives of a type the consist has no car of are drawn over their own figures.
    railway_types = [t for t, _ in _railway_locomotives(scenario, route).values() if t.id not in used]
    out: list[Input] = []
    for t in [t for t in document.car_types if t.id in used] + railway_types:
        for name in RANGED_FIELDS["CarType"]:
            _add(out, f"car_type:{t.id}:{name}", f"{t.label}: {_NAMES[name]}", t, name, t.estimated, "car_type", t.id)
    out = _shared(out)
    out += _car_overrides(document)
    used_railways = {s.railway for s in route.sections}
    for rw in route.railways:
        if rw.id in used_railways:
            rules = scenario.railway_overrides.get(rw.id) or rw.rules(scenario.service)
            for name in RANGED_FIELDS["ServiceRules"]:
                if getattr(rules, name) is not None:  # a figure of 0 is drawn over the range stated for it
                    _add(out, f"railway:{rw.id}:{name}", f"{rw.name}: {_NAMES[name]}", rules, name, True, "railway",
                         rw.id)
    for k, lr in enumerate(route.length_ranges):
        # One draw per source: stretches whose lengths come from one source are off together.
        out.append(Input(f"route:{k}:length_factor", f"Length of {lr.from_station} – {lr.to_station}", "length_factor",
                         1.0, lr.low, lr.high, lr.source, "route", str(k), stated=True, group=f"length:{lr.source}"))
    for i, sec in enumerate(route.sections):
        block = f"{sec.railway}:{int((sec.start_m + sec.end_m) / 2 // BLOCK_M)}"
        for name in RANGED_FIELDS["Section"]:
            _add(out, f"section:{i}:{name}", f"S{route.section_label(i)[1:]}: {_NAMES[name]}", sec, name,
                 sec.estimated, "section", str(i), group=f"stretch:{block}:{name}")
    stops = set(stop_indices(route)[1:-1])
    for k, st in enumerate(route.stations):
        if k not in stops:
            continue
        if st.stop and st.name not in scenario.dwell_overrides_s:  # a dwell the user set is not an estimate
            _add(out, f"station:{st.name}:dwell_s", f"Dwell at {st.name}", st, "dwell_s", st.dwell_s > 0, "station",
                 st.name)
        for op in st.operations:
            key = f"{st.name}/{op.kind.value}"
            if op.applies_to(scenario.service) and key not in scenario.operation_overrides_s:
                _add(out, f"operation:{key}:duration_s", f"{op.kind.label} at {st.name}", op, "duration_s", True,
                     "operation", key)
    for brk in route.breaks_of_gauge:
        fac = scenario.facility_at(brk)
        for name in _facility_fields(fac):
            # The steps of one facility share a draw (one crew, one set of jacks: a slow day is slow at every
            # step); its tracks are a count of their own.
            _add(out, f"facility:{brk.station}:{name}", f"Refit at {brk.station}: {_NAMES[name]}", fac, name, True,
                 "facility", brk.station, group="" if name == "tracks" else f"facility:{brk.station}:steps")
    return out


def _car_overrides(document: Document) -> list[Input]:
    """The figures cars override, one input per figure and value (the leader's 21 cars set to 60 km/h
    are one uncertain figure): the range is the car type's own range moved to the car's value, else the
    default spread when the type is an estimate."""
    types = document.type_by_id()
    groups: dict[tuple[str, str, float], list[int]] = {}
    for k, car in enumerate(document.consist.cars):
        for name in _FROM_TYPE:
            v = getattr(car, name)
            if v is not None:
                groups.setdefault((car.type_id, name, float(v)), []).append(k)
    merged: dict[tuple[str, float], tuple[list[int], list[str]]] = {}
    for (type_id, name, v), cars in groups.items():
        members, ids = merged.setdefault((name, v), ([], []))
        members += cars
        ids.append(type_id)
    out = []
    for (name, v), (cars, ids) in merged.items():
        t = types[ids[0]]
        r = t.ranges.get(name)
        base = float(getattr(t, name))
        if r is not None and base > 0:
            low, high, source, stated = r.low * v / base, r.high * v / base, f"{r.source} (moved to the car's value)", True
        elif t.estimated:
            spread, _, source = default_spread(name)
            low, high, stated = v * (1 - spread), v * (1 + spread), False
        else:
            continue
        low, high = min(low, v), max(high, v)
        if high > low:
            what = f"{len(cars)} cars" if len(cars) > 1 else f"car {cars[0] + 1}"
            out.append(Input(f"car:{name}={v:g}", f"{what}' own {_NAMES[name]}" if len(cars) > 1
                             else f"{what}'s own {_NAMES[name]}", name, v, low, high, source, "car",
                             ",".join(sorted(ids)), stated=stated, cars=tuple(sorted(cars))))
    return out


def _shared(inputs: list[Input]) -> list[Input]:
    """Car types whose data state the same range, from the same source, for the same value of a
    figure share one input: one estimate copied to several types (the armored cars' top speed,
    from one report) is one uncertain figure, not several independent ones. Default spreads are
    never shared: two estimates that happen to be equal are still two."""
    groups: dict[tuple[object, ...], list[Input]] = {}
    for inp in inputs:
        key = (inp.field, inp.value, inp.low, inp.high, inp.source) if inp.owner == "car_type" and inp.stated \
            else (inp.key,)
        groups.setdefault(key, []).append(inp)
    out = []
    for members in groups.values():
        if len(members) == 1:
            out.append(members[0])
            continue
        first = members[0]
        ids = ",".join(m.owner_id for m in members)
        out.append(replace(first, key=f"car_type:{ids}:{first.field}", owner_id=ids,
                           label=f"{len(members)} car types: {_NAMES[first.field]} ("
                                 + ", ".join(m.label.split(" (")[0].split(":")[0] for m in members[:2]) + ", …)"))
    return out


def _facility_fields(fac: RefitFacility) -> list[str]:
    """The facility's estimated figures that its method uses (the track length and the changer's speed
    are the facility's layout, not estimated steps)."""
    return [name for name in facility_fields(fac.method) if name in _NAMES]


def _add(out: list[Input], key: str, label: str, model: RangedModel, name: str, estimated: bool, owner: str, owner_id: str,
         group: str = "") -> None:
    found = effective_range(model, name, estimated)
    if found is None:
        return
    low, high, source, stated = found
    if high > low:
        out.append(Input(key, label, name, float(getattr(model, name)), float(low), float(high), source, owner,
                         owner_id, stated=stated, group=group))


def default_spread(name: str) -> tuple[float, bool, str]:
    """The default spread of a figure named `name`: (fraction of the value or absolute amount, relative?, why)."""
    return DEFAULT_SPREAD.get(name, DEFAULT_SPREAD["duration"])


def effective_range(model: RangedModel, name: str, estimated: bool) -> tuple[float, float, str, bool] | None:
    """The range `model`'s figure `name` is drawn over, as (low, high, source, stated): the range the data
    states, else the default spread for its kind when the figure is an estimate; None for an exact figure
    (or one the model does not have). The window shows this beside the value."""
    value = getattr(model, name)
    if value is None:
        return None
    r: Range | None = model.ranges.get(name)
    if r is not None:
        return r.low, r.high, r.source or "the data's range", True
    if not estimated:
        return None
    spread, relative, source = default_spread(name)
    low, high = (value * (1 - spread), value * (1 + spread)) if relative else (value - spread, value + spread)
    low, high = _within_field(model, name, value, low, high)
    return low, high, source, False


def _within_field(model: RangedModel, name: str, value: float, low: float, high: float) -> tuple[float, float]:
    """The default spread kept inside what the field accepts (a speed of at least 1 km/h, a track at least)."""
    info = type(model).model_fields[name]
    for meta in info.metadata:
        lo = getattr(meta, "ge", None)
        lo = getattr(meta, "gt", None) if lo is None else lo
        hi = getattr(meta, "le", None)
        if lo is not None:
            low = max(low, lo if getattr(meta, "ge", None) is not None else lo + 1e-9 * max(abs(value), 1.0))
        if hi is not None:
            high = min(high, hi)
    if isinstance(value, int):
        low, high = max(math.floor(low), 1), math.ceil(high)
    return low, high


# ----------------------------------------------------------------------------- one trip with some inputs moved

def _rules_of(scenario: Scenario, route: Route, railway: str) -> ServiceRules:
    """A railway's rules in force: the scenario's, else the route's for the scenario's service."""
    return scenario.railway_overrides.get(railway) or next(r for r in route.railways
                                                           if r.id == railway).rules(scenario.service)


def _railway_locomotives(scenario: Scenario, route: Route) -> dict[str, tuple[CarType, list[str]]]:
    """By type id, the locomotive the railways running the route put on at a change, and those railways
    (none when the consist hauls itself throughout)."""
    out: dict[str, tuple[CarType, list[str]]] = {}
    if scenario.haulage is Haulage.RAILWAYS:
        used = {sec.railway for sec in route.sections}
        for rw in route.railways:
            t = _rules_of(scenario, route, rw.id).locomotive_type
            if rw.id in used and t is not None:
                out.setdefault(t.id, (t, []))[1].append(rw.id)
    return out


_CAR_FIELDS = [f.name for f in fields(ResolvedCar)]
_TYPE_AT = _CAR_FIELDS.index("type")
_FROM_TYPE = ("mass_kg", "length_m", "max_speed_m_s")  # a car's figures that come from its type unless it overrides them


class _Variant:
    """Builds the trip's inputs with some figures moved, without validating a document per sample
    (each figure stays within a range the model validated)."""

    def __init__(self, document: Document, route: Route, inputs: Sequence[Input]):
        self.document, self.inputs = document, list(inputs)
        self.route = route_as_chosen(route, document.scenario)
        self.cars = document.resolved_cars()
        self.types = document.type_by_id()
        # Per car type, the cars of that type: position, field values in order (a car is built
        # from them positionally, the quickest way), and the figures it takes from its type.
        self.of_type: dict[str, list[tuple[int, list[Any], frozenset[str]]]] = {}
        for k, c in enumerate(self.cars):
            own = frozenset(_FROM_TYPE) - c.overridden
            self.of_type.setdefault(c.type.id, []).append((k, [getattr(c, f) for f in _CAR_FIELDS], own))
        # By type id, the railways that put on a locomotive of that type at a change: a draw of the type's
        # figures moves their locomotive too (one draw per car type: the locomotives of a class are alike,
        # whether the consist has one or the railway brings it).
        self.railway_locos = {tid: rws for tid, (_, rws) in _railway_locomotives(document.scenario, self.route).items()}

    def trip(self, values: Sequence[float]) -> TripResult:
        return self.trip_on(values)[0]

    def trip_on(self, values: Sequence[float]) -> tuple[TripResult, Route]:
        """The trip with `values` in the inputs' places, and the route it ran on (stretched where a
        length is drawn)."""
        doc, route = self.document, self.route
        type_updates: dict[str, dict[str, float]] = {}
        section_updates: dict[int, dict[str, float]] = {}
        dwells = dict(doc.scenario.dwell_overrides_s)
        facility_updates: dict[str, dict[str, float]] = {}
        railway_updates: dict[str, dict[str, float]] = {}
        operations = dict(doc.scenario.operation_overrides_s)
        car_updates: list[tuple[Input, float]] = []
        lengths: dict[int, float] = {}
        # Python floats, not numpy's: a numpy scalar in the model would make every sum the
        # integrator does with it several times slower (the values are the same).
        values = values.tolist() if isinstance(values, np.ndarray) else [float(v) for v in values]
        for inp, v in zip(self.inputs, values):
            if v == inp.value:
                continue
            if inp.owner == "car_type":
                for type_id in inp.owner_id.split(","):
                    type_updates.setdefault(type_id, {})[inp.field] = v
            elif inp.owner == "section":
                section_updates.setdefault(int(inp.owner_id), {})[inp.field] = v
            elif inp.owner == "station":
                dwells[inp.owner_id] = v
            elif inp.owner == "railway":
                railway_updates.setdefault(inp.owner_id, {})[inp.field] = v
            elif inp.owner == "operation":
                operations[inp.owner_id] = v
            elif inp.owner == "car":
                car_updates.append((inp, v))
            elif inp.owner == "route":
                lengths[int(inp.owner_id)] = v
            else:
                facility_updates.setdefault(inp.owner_id, {})[inp.field] = round(v) if inp.field in WHOLE_FIELDS else v
        cars = self._cars(type_updates) if type_updates else self.cars
        if car_updates:
            cars = list(cars)
            for inp, v in car_updates:
                for k in inp.cars:
                    update: dict[str, Any] = {inp.field: v}
                    cars[k] = replace(cars[k], **update)
        if section_updates:
            sections = tuple(s.model_copy(update=section_updates[i]) if i in section_updates else s
                             for i, s in enumerate(route.sections))
            route = route.model_copy(update={"sections": sections})
        if lengths:
            route = route.stretched(lengths)
        locos = {rid: type_id for type_id in type_updates.keys() & self.railway_locos.keys()
                 for rid in self.railway_locos[type_id]}
        scenario = doc.scenario
        if facility_updates or railway_updates or locos or dwells != scenario.dwell_overrides_s \
                or operations != scenario.operation_overrides_s:
            facilities = dict(scenario.facility_overrides)
            for station, update in facility_updates.items():
                base = scenario.facility_at(route.break_at(station))
                facilities[station] = base.model_copy(update=update)
            railways = dict(scenario.railway_overrides)
            for rid in railway_updates.keys() | locos.keys():
                base_rules = _rules_of(scenario, route, rid)
                update = dict(railway_updates.get(rid, {}))
                if rid in locos:
                    update["locomotive_type"] = self._moved_locomotive(base_rules, type_updates[locos[rid]])
                railways[rid] = base_rules.model_copy(update=update)
            scenario = scenario.model_copy(update={"dwell_overrides_s": dwells, "facility_overrides": facilities,
                                                   "operation_overrides_s": operations,
                                                   "railway_overrides": railways})
            doc = doc.model_copy(update={"scenario": scenario})
        return compute_trip(doc, route, cars), route

    def _moved_locomotive(self, rules: ServiceRules, update: dict[str, float]) -> CarType | None:
        """The railway's locomotive with its type's figures moved as the consist's type of that id was (by the
        same factor: the catalogue's figures and the document's may differ)."""
        t = rules.locomotive_type
        if t is None:
            return None
        if t.id not in self.of_type:  # no car of its type: its own figures were drawn
            return t.model_copy(update=update)
        mine = self.types[t.id]
        return t.model_copy(update={f: getattr(t, f) * v / getattr(mine, f) if getattr(mine, f) else v
                                    for f, v in update.items()})

    def _cars(self, updates: dict[str, dict[str, float]]) -> list[ResolvedCar]:
        """The resolved cars with their types' figures moved: the car's own values (overrides) stay."""
        out = list(self.cars)
        for type_id, u in updates.items():
            if type_id not in self.of_type:  # a railway's locomotive the consist has no car of
                continue
            new_type = self.types[type_id].model_copy(update=u)
            moved = [(name, _CAR_FIELDS.index(name), u[name]) for name in _FROM_TYPE if name in u]
            for k, template, own in self.of_type.get(type_id, ()):
                values = template.copy()
                values[_TYPE_AT] = new_type
                for name, at, v in moved:
                    if name in own:
                        values[at] = v
                out[k] = ResolvedCar(*values)
        return out


# ----------------------------------------------------------------------------- the range and the drivers

def latin_hypercube(inputs: Sequence[Input], samples: int, seed: int) -> np.ndarray:
    """samples × inputs values: each group's probability (an input with no group is one of its own)
    cut into `samples` strata, one draw in each, at its middle; each input mapped through its
    triangular distribution low-value-high. The middle of each stratum, not a random point in it:
    the percentiles then move less from one seed to another.

    How the strata of different groups are paired, so that the tail of the total does not rest on
    chance. The total is read as the sum of its parts, each part's distribution from all its draws
    (total_percentiles), so what matters is the pairing of the inputs within a part:
    - a refit: a count (the tracks a facility works at once) takes few values, and its draws fall
      into slices, one per value (the Khasan facility's 1 track: an eighth of the draws, the slowest
      refits). Paired at random, that slice got the slow strata of the facility's steps by chance,
      more in one seed, fewer in another, and the 95th percentile moved by 1.3 % of the total;
    - the running time: the railways' limit factors, drawn once per trip, move the whole of it; their
      draws are cut into bins (up to MAX_BINS each, the slices of at least MIN_SLICE draws), slices
      in the same way.
    Each other group's strata are dealt to its half's slices evenly (each slice gets strata spread
    over the whole range, in proportion to its size; which draw of the slice gets which is shuffled):
    every slice then sees each input's whole range, whatever the seed. Each column is still one draw
    per stratum. benchmarks/range_stability_benchmark.py measures what is left between seeds."""
    groups: dict[str, list[int]] = {}
    for j, inp in enumerate(inputs):
        groups.setdefault(inp.group or inp.key, []).append(j)
    drawn = {group: (_generator(seed, group).permutation(samples) + 0.5) / samples for group in groups}
    factors = sum(inputs[members[0]].field in SLICE_FIELDS for members in groups.values())
    bins = min(MAX_BINS, int((samples / MIN_SLICE) ** (1 / factors))) if factors else 0
    slices = {"standing": np.zeros(samples, np.int64), "moving": np.zeros(samples, np.int64)}
    for group, members in groups.items():
        first = inputs[members[0]]
        block = slices[_block(first)]
        if first.field in WHOLE_FIELDS:
            level = np.round(_triangular(drawn[group], first.low, first.value, first.high)).astype(np.int64)
            block[:] = block * (int(level.max()) + 1) + level
        elif first.field in SLICE_FIELDS and bins > 1:
            if len(np.unique(block)) > 1:
                drawn[group] = _dealt(block, _generator(seed, group))
            block[:] = block * bins + np.minimum((drawn[group] * bins).astype(np.int64), bins - 1)
    for group, members in groups.items():
        first = inputs[members[0]]
        block = slices[_block(first)]
        if first.field not in WHOLE_FIELDS | SLICE_FIELDS and len(np.unique(block)) > 1:
            drawn[group] = _dealt(block, _generator(seed, group), centred=block is slices["standing"])
    out = np.empty((samples, len(inputs)))
    for group, members in groups.items():
        for j in members:
            inp = inputs[j]
            out[:, j] = _triangular(drawn[group], inp.low, inp.value, inp.high)
    return out


def _block(inp: Input) -> str:
    """Which half of the trip's time an input moves: the time standing (dwells, operations, refits,
    a railway's default stop) or the time moving (running and allowance)."""
    return "standing" if inp.owner in ("station", "operation", "facility") or inp.field == "stop_dwell_s" else "moving"


def _generator(seed: int, group: str) -> np.random.Generator:
    """A generator of the group's own, from the seed and the group's name: a group draws the same
    whatever other inputs there are (a section cut in two, an input added), counts aside."""
    return np.random.default_rng([seed, zlib.crc32(group.encode())])


def _dealt(slices: np.ndarray, rng: np.random.Generator, centred: bool = False) -> np.ndarray:
    """The middles of len(slices) strata, one per draw, dealt so that the draws of each slice get
    strata evenly spread over the range: slice k of m draws gets the strata nearest the points
    (i + offset) × n / m, i < m. Which of its strata each draw of a slice gets is shuffled.

    The offset: `centred`, ½ for every slice, and where the points of slices of one size fall
    together, the slices take the strata there in turns (at the i-th point, slice k comes (k + i)-th
    of them), so that none gets the lower ones every time. A slice then gets the same strata
    whatever the seed. For a count's slices: the Khasan facility's one-track slice gets the same
    steps in every seed, and the refit's tail stays put. Else the offset is drawn per slice: the
    limit factors' slices have every group of the running time dealt to them, and offsets the same
    for every group would move all those inputs together in each slice."""
    n = len(slices)
    labels, members = np.unique(slices, return_inverse=True)
    sizes = [np.count_nonzero(members == k) for k in range(len(labels))]
    at = np.concatenate([np.arange(m) for m in sizes])
    owner = np.concatenate([np.full(m, k) for k, m in enumerate(sizes)])
    offsets = np.full(len(labels), 0.5) if centred else rng.random(len(labels))
    points = (at + offsets[owner]) * n / np.asarray(sizes)[owner]
    turn = (owner + at) % len(labels)
    by_stratum = owner[np.lexsort((turn, points))]  # the slice each stratum, in order, goes to
    out = np.empty(n)
    for k in range(len(labels)):
        rows = rng.permutation(np.flatnonzero(members == k))
        out[rows] = (np.flatnonzero(by_stratum == k) + 0.5) / n
    return out


def _triangular(u: np.ndarray, a: float, c: float, b: float) -> np.ndarray:
    """The inverse distribution function of the triangular distribution from a through c to b."""
    width = b - a
    cut = (c - a) / width
    left = a + np.sqrt(u * width * (c - a))
    right = b - np.sqrt((1 - u) * width * (b - c))
    return np.where(u < cut, left, right)


@dataclass(eq=False)
class SampledTrips:
    """What some draws of the inputs gave, kept raw so that parts sampled apart (in two processes)
    join into the same range as one run of all the draws."""

    samples: int
    totals: list[float] = field(default_factory=list)  # of the draws in which the trip can be made
    running: list[float] = field(default_factory=list)
    # Of the same draws, the parts of the total that different inputs make (total_percentiles): the
    # allowance's terms (trip.allowance_terms) and the rates they are multiplied by (the railways' allowance,
    # drawn or not), and the time standing by part (each kind of stop part, each refit by its station).
    allowance_terms: list[np.ndarray] = field(default_factory=list)
    allowance_rates: list[np.ndarray] = field(default_factory=list)
    standing: list[dict[str, float]] = field(default_factory=list)
    refits: dict[str, list[float]] = field(default_factory=dict)
    parts: dict[str, list[float]] = field(default_factory=dict)  # the trip's parts by kind (trip_parts)
    # Every draw along the route (bands.py): draws × grid points, NaN where the draw never gets.
    grid: Grid | None = None
    speed_m_s: list[np.ndarray] = field(default_factory=list)
    elapsed_s: list[np.ndarray] = field(default_factory=list)

    def add_along(self, result: TripResult, route: Route, ran_on: Route | None = None) -> None:
        """The draw's speed and elapsed time on the route's grid; a draw that ran on the route stretched
        (ran_on) is read at the same places: each point as far along between its stations."""
        if self.grid is None:
            self.grid = route_grid(route)
        grid = self.grid
        if ran_on is not None and ran_on is not route:
            at = [s.position_m for s in route.stations]
            grid = Grid(np.interp(grid.distance_m, at, [s.position_m for s in ran_on.stations]), grid.leaves)
        speed, elapsed = along_grid(result, ran_on or route, grid)
        self.speed_m_s.append(speed)
        self.elapsed_s.append(elapsed)


def sample_trips(document: Document, route: Route, inputs: Sequence[Input], draws: np.ndarray) -> SampledTrips:
    """The trip for each row of `draws` (one value per input)."""
    variant = _Variant(document, route, inputs)
    railways, rates, drawn = _allowance_rates(document, variant.route, inputs)
    out = SampledTrips(samples=len(draws))
    for row in draws:
        r, ran_on = variant.trip_on(row)
        out.add_along(r, route, ran_on)
        if r.total_s is not None:
            out.totals.append(r.total_s)
            out.running.append(r.running_s)
            out.allowance_terms.append(allowance_terms(ran_on, railways, r))
            mine = rates.copy()
            for at, j, unit in drawn:
                mine[at] = row[j] * unit
            out.allowance_rates.append(mine)
            standing = {f"refit at {ref.station}": ref.duration_s for ref in r.refits}
            for ref in r.refits:
                out.refits.setdefault(ref.station, []).append(ref.duration_s)
            for kind, v in trip_parts(r).items():
                out.parts.setdefault(kind, []).append(v)
                if kind != "allowance":
                    standing[kind] = v
            out.standing.append(standing)
    return out


_RATES = (("allowance_percent", 0.01), ("allowance_min_per_100km", 60 / 100_000))  # read against allowance_terms


def _allowance_rates(document: Document, route: Route, inputs: Sequence[Input]
                     ) -> tuple[list[str], np.ndarray, list[tuple[int, int, float]]]:
    """The railways that run the route's sections, their allowance rates as the trip reads them, laid
    out as allowance_terms lays out its terms (a percentage as a fraction, minutes per 100 km as seconds
    per metre) and, for each rate that is an input, (its place, the input's column, its unit)."""
    by_railway = {s.railway: r for s, r in zip(route.sections, section_rules(route, document.scenario))}
    railways = sorted(k for k in by_railway if k)
    rates = np.array([getattr(by_railway[k], name) * unit for name, unit in _RATES for k in railways], dtype=float)
    place = {f"railway:{k}:{name}": (at * len(railways) + n, unit)
             for at, (name, unit) in enumerate(_RATES) for n, k in enumerate(railways)}
    drawn = [(place[inp.key][0], j, place[inp.key][1]) for j, inp in enumerate(inputs) if inp.key in place]
    return railways, rates, drawn


def trip_parts(r: TripResult) -> dict[str, float]:
    """The trip's time by part, besides running and refits: the allowance, the dwells and each kind
    of operation (those the trip has)."""
    out = {"allowance": r.allowance_s} if r.allowance_s else {}
    for stop in r.stops:
        for p in stop.parts:
            if p.kind != "refit":
                out[p.kind] = out.get(p.kind, 0.0) + p.duration_s
    return out


def summarize(parts: Sequence[SampledTrips], seed: int) -> TripRange:
    """The percentiles of the draws of every part together."""
    totals = [t for part in parts for t in part.totals]
    running = [t for part in parts for t in part.running]
    samples = sum(part.samples for part in parts)
    refits: dict[str, list[float]] = {}
    kinds: dict[str, list[float]] = {}
    for part in parts:
        for station, values in part.refits.items():
            refits.setdefault(station, []).extend(values)
        for kind, values in part.parts.items():
            kinds.setdefault(kind, []).extend(values)
    total = total_percentiles(totals, [s for part in parts for s in part.standing], running,
                              [t for part in parts for t in part.allowance_terms],
                              [r for part in parts for r in part.allowance_rates], samples)
    return TripRange(samples=samples, seed=seed, feasible_samples=len(totals), total_s=total,
                     running_s=_percentiles(running),
                     refit_s={k: p for k, v in refits.items() if (p := _percentiles(v)) is not None},
                     parts_s={k: p for k, v in kinds.items() if (p := _percentiles(v)) is not None},
                     bands=_bands(parts))


def _bands(parts: Sequence[SampledTrips]) -> TripBands | None:
    """The bands of every part's draws together (all parts read the one route's grid)."""
    grids = [part.grid for part in parts if part.grid is not None]
    if not grids:
        return None
    if any(g != grids[0] for g in grids[1:]):
        raise ValueError("parts of a range sampled on different routes cannot be joined")
    def stack(rows: list[np.ndarray]) -> np.ndarray:
        return np.vstack(rows) if rows else np.empty((0, len(grids[0])), np.float32)

    return bands(grids[0], stack([a for part in parts for a in part.speed_m_s]),
                 stack([a for part in parts for a in part.elapsed_s]))


def trip_range(document: Document, route: Route, samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED,
               inputs: Sequence[Input] | None = None) -> TripRange:
    """The 5th, 50th and 95th percentiles of the trip over `samples` draws of the inputs."""
    inputs = uncertain_inputs(document, route) if inputs is None else list(inputs)
    return summarize([sample_trips(document, route, inputs, latin_hypercube(inputs, samples, seed))], seed)


PAIRINGS = 1_000  # at most, per draw, in total_percentiles: a million sums at the most
GRID = 1 << 15  # points on which total_percentiles adds the parts' distributions


def total_percentiles(totals: Sequence[float], standing: Sequence[dict[str, float]], running: Sequence[float],
                      terms: Sequence[np.ndarray], rates: Sequence[np.ndarray], samples: int) -> Percentiles | None:
    """The percentiles of the total, as the distribution of a sum of parts that different inputs make.

    A draw's total is its running time, plus its allowance, plus each part of its time standing: the
    dwells, each kind of operation, each refit (`standing`, by part). Each part comes from inputs of its
    own: the railways, sections and cars for the running time; the railways' allowance rates, applied to
    that running time (the allowance is linear in them: allowance_terms · rates); the stations' dwells;
    the operations of each kind; each refit facility's steps and tracks. Drawn independently, the parts
    are independent, so the total's distribution is their distributions' convolution: each part's is
    read from all its draws, and the tail no longer rests on which slow refit or long border stand
    happened to be drawn with which slow run. The running time of each draw is taken with the allowance
    rates of every draw (500² moving times, not 500). (The cars' lengths reach both the running time
    and the refit, through its cuts; they move the default document's running time by 11 s at most,
    and the leader's train's by 2 s: the parts are as good as independent.)

    When some draws cannot be made, feasibility depends on every part: the draws' own totals then.
    The bands along the route (bands.py) are read from the draws themselves: at the route's end they
    agree with this within the sampling (the draws' own percentiles are what moved from seed to seed)."""
    if len(totals) < samples or not totals:
        return _percentiles(list(totals))
    parts = [_moving(np.asarray(running), np.asarray(terms), np.asarray(rates))]
    for name in sorted({k for s in standing for k in s}):
        parts.append(np.array([s.get(name, 0.0) for s in standing]))
    return _sum_percentiles(parts)


def _moving(running: np.ndarray, terms: np.ndarray, rates: np.ndarray) -> np.ndarray:
    """The moving time of each draw's running with each draw's allowance rates (with the PAIRINGS draws
    after it, cyclically, when there are more; with its own when the rates are not drawn): sorted, so
    that the same draws in another order (parts sampled apart) give the very same values."""
    n = len(running)
    drawn = bool(terms.size) and bool(np.ptp(rates, axis=0).any())
    partners = (np.arange(n)[:, None] + np.arange(min(n, PAIRINGS) if drawn else 1)[None, :]) % n
    out = np.repeat(running[:, None], partners.shape[1], axis=1)
    for k in range(terms.shape[1] if terms.size else 0):  # term by term: the same sum for a pair wherever it is
        out += terms[:, k][:, None] * rates[partners, k]
    return np.sort(out.ravel())


def _sum_percentiles(parts: list[np.ndarray]) -> Percentiles:
    """The 5th, 50th and 95th percentiles of the sum of independent parts, each given by equally likely
    values: their distributions convolved on a grid of GRID points (each value's weight shared between
    the two points around it, which keeps the mean), the percentiles read between the grid's points."""
    fixed = sum(float(p[0]) for p in parts if not np.ptp(p))
    varying = [np.sort(p) for p in parts if np.ptp(p)]
    if not varying:
        return Percentiles(fixed, fixed, fixed)
    lows = [float(p[0]) for p in varying]
    step = sum(float(p[-1]) - low for p, low in zip(varying, lows)) / (GRID - 1)
    size = 2 * GRID  # the sum's points fit, and the circular convolution does not wrap
    spectrum = np.ones(size // 2 + 1, complex)
    for p, low in zip(varying, lows):
        x = (p - low) / step
        k = np.minimum(np.floor(x).astype(np.int64), GRID - 2)
        w = x - k
        mass = np.bincount(k, 1 - w, GRID) + np.bincount(k + 1, w, GRID)
        spectrum *= np.fft.rfft(mass / len(p), size)
    cdf = np.cumsum(np.clip(np.fft.irfft(spectrum, size)[:GRID + len(varying)], 0.0, None))
    cdf /= cdf[-1]
    at = fixed + sum(lows) + step * np.arange(len(cdf))
    p5, p50, p95 = np.interp([0.05, 0.5, 0.95], cdf, at)
    return Percentiles(float(p5), float(p50), float(p95))


def _percentiles(values: list[float]) -> Percentiles | None:
    if not values:
        return None
    p5, p50, p95 = np.percentile(np.asarray(values), [5, 50, 95])
    return Percentiles(float(p5), float(p50), float(p95))


def drivers(document: Document, route: Route, inputs: Sequence[Input] | None = None,
            only: Sequence[int] | None = None) -> list[Driver]:
    """Each input from its low to its high value alone, the largest swing of the total first
    (`only`: the inputs at these positions, for a part of the work done apart)."""
    inputs = uncertain_inputs(document, route) if inputs is None else list(inputs)
    variant = _Variant(document, route, inputs)
    base = [inp.value for inp in inputs]
    out = []
    for j in (range(len(inputs)) if only is None else only):
        inp = inputs[j]
        ends = []
        for v in (inp.low, inp.high):
            values = list(base)
            values[j] = v
            ends.append(variant.trip(values).total_s)
        out.append(Driver(inp, ends[0], ends[1]))
    out.sort(key=strongest_first)
    return out


def strongest_first(d: Driver) -> tuple[float, str]:
    return -d.swing_s, d.input.key  # ties by key: the same order however the work was split


def range_to_dict(r: TripRange, top: Sequence[Driver]) -> dict[str, JsonValue]:
    """The JSON form, as `traintool compute --range --json` adds it."""
    def pct(p: Percentiles | None) -> dict[str, JsonValue] | None:
        return None if p is None else {"p5": p.p5, "p50": p.p50, "p95": p.p95}

    return {
        "range": {"samples": r.samples, "seed": r.seed, "feasible_samples": r.feasible_samples,
                  "total_s": pct(r.total_s), "running_s": pct(r.running_s),
                  "refit_s": {k: pct(v) for k, v in r.refit_s.items()},
                  "parts_s": {k: pct(v) for k, v in r.parts_s.items()}},
        "drivers": [{"input": d.input.label, "key": d.input.key, "low": d.input.low, "high": d.input.high,
                     "value": d.input.value, "unit": _SI_UNITS.get(d.input.field, "s"),
                     "total_s_low": d.total_s_low, "total_s_high": d.total_s_high, "source": d.input.source}
                    for d in top],
    }


_SI_UNITS = {"mass_kg": "kg", "length_m": "m", "power_w": "W", "max_tractive_effort_n": "N", "max_speed_m_s": "m/s",
             "speed_limit_m_s": "m/s", "gradient_permille": "‰", "dwell_s": "s", "tracks": "tracks",
             "length_factor": "×"}
