"""Routes: stations along a line, the sections between them and the breaks of gauge."""
from __future__ import annotations

from enum import Enum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from .car_type import FILE_VERSION, MIN_SPEED_M_S, Gauge, Id, PositiveSpeed, RangedModel, StrictModel, upgrade_version
from .clock import TimeZone
from .operations import Operation, Railway, ServiceKind
from .ranges import Range
from ..units import UnitSystem

Seconds = Annotated[float, Field(ge=0, le=30 * 86400, allow_inf_nan=False, description="seconds")]
Position = Annotated[float, Field(ge=0, le=50_000_000, allow_inf_nan=False, description="metres from the start")]


class RefitMethod(str, Enum):
    """How a break-of-gauge facility moves a train to the other gauge."""

    BOGIE_EXCHANGE = "bogie_exchange"  # cuts lifted on jacks, bogies swapped
    GAUGE_CHANGER = "gauge_changer"  # variable-gauge axles roll through at walking speed
    TRANSSHIPMENT = "transshipment"  # people and goods move to a waiting train

    @property
    def label(self) -> str:
        return {"bogie_exchange": "Bogie exchange", "gauge_changer": "Gauge changer",
                "transshipment": "Transshipment"}[self.value]


class RefitFacility(RangedModel):
    """What a break-of-gauge station can do, and how long each step takes.

    The model (traintool/physics/refit.py): for a bogie exchange the cars (not the locomotives,
    which are swapped) are split, in order, into cuts that fit one exchange track; one shunting
    locomotive places the cuts one after another onto whichever track is free first; on its track
    a cut is lifted, its bogies are swapped, it is lowered and its cars are coupled again; when the
    last cut is done the locomotive of the new gauge is attached and the brakes tested.

    Every duration is an estimate, not a measured figure. They are tuned to two anchors:
    travellers' accounts of Brest, Chop and Yahodyn (a whole passenger train, about 15 cars,
    changed in about 1 to 1.5 hours on a long exchange track: with these defaults 80 minutes on
    one track long enough for the whole train, 81 minutes on the default two 220 m tracks), and
    the seed article's "several hours' stop" for the 90-car train at the Russian border (about
    5.6 hours on the default two 220 m tracks, which model a small border station). Those accounts
    are published timings of resources/timings.json, every one in its calibration set (brest-*,
    kim-2023-refit-border): none of the validation set set a default here.
    """

    method: RefitMethod = Field(default=RefitMethod.BOGIE_EXCHANGE, title="Method")
    tracks: int = Field(title="Exchange tracks", default=2, ge=1, le=50,
                        description="exchange tracks (platforms for a transshipment) working at once; "
                                    "estimate: a small border station")
    track_length_m: float = Field(title="Exchange track length", default=220.0, gt=0, le=5000, allow_inf_nan=False,
                                  description="the longest cut that fits one exchange track, m "
                                              "(estimate: 8 or 9 coaches)")
    split_s_per_cut: Seconds = Field(title="Split and shunt, per cut", default=600.0,
                                     description="uncouple a cut and shunt it onto an exchange track; one shunting "
                                                 "locomotive does this for one cut at a time (estimate: 10 min)")
    lift_s: Seconds = Field(title="Lift", default=600.0, description="lift a cut on the jacks, all its cars at once (estimate: 10 min)")
    bogie_swap_s: Seconds = Field(title="Bogie swap", default=900.0,
                                  description="roll the old bogies out and the new ones in, per cut (estimate: 15 min)")
    lower_s: Seconds = Field(title="Lower", default=600.0, description="lower the cut onto its new bogies (estimate: 10 min)")
    couple_s_per_car: Seconds = Field(title="Couple, per car", default=60.0,
                                      description="couple a car again: coupler, brake pipe, cables (estimate: 1 min)")
    locomotive_change_s: Seconds = Field(title="Locomotive change", default=600.0,
                                         description="take the old locomotives off, attach those of the new gauge "
                                                     "(estimate: 10 min)")
    brake_test_s: Seconds = Field(title="Brake test", default=600.0,
                                  description="full brake test of the reassembled train (estimate: 10 min)")
    changer_speed_m_s: float = Field(title="Speed through the changer", default=10 / 3.6, ge=MIN_SPEED_M_S, le=20, allow_inf_nan=False,
                                     description="speed through a gauge changer, m/s (walking pace, 10-15 km/h)")
    transship_s_per_car: Seconds = Field(title="Transship, per car", default=900.0,
                                         description="move one car's people and goods across to the waiting train "
                                                     "(estimate: 15 min)")
    source: str = Field(default="estimates tuned to travellers' accounts of bogie exchange at Brest, Chop and "
                                "Yahodyn (a whole passenger train in about 1 to 1.5 h) and to the seed article's "
                                "several hours' stop for the 90-car train; 2 tracks of 220 m assumed for a small "
                                "border station", max_length=2000)
    notes: str = Field(default="", max_length=5000)
    ranges: dict[str, Range] = Field(default_factory=dict,
                                     description="low and high values of estimated figures, by field name")


# The fields each method uses (physics/refit.py), in the order its steps run; the others are kept but idle.
_WHOLE_TRAIN = ("locomotive_change_s", "brake_test_s")
_METHOD_FIELDS: dict[RefitMethod, tuple[str, ...]] = {
    RefitMethod.BOGIE_EXCHANGE: ("tracks", "track_length_m", "split_s_per_cut", "lift_s", "bogie_swap_s", "lower_s",
                                 "couple_s_per_car") + _WHOLE_TRAIN,
    RefitMethod.GAUGE_CHANGER: ("changer_speed_m_s",) + _WHOLE_TRAIN,
    RefitMethod.TRANSSHIPMENT: ("tracks", "transship_s_per_car") + _WHOLE_TRAIN,
}


def facility_fields(method: RefitMethod) -> tuple[str, ...]:
    """The figures of a RefitFacility that a refit by `method` uses (the facility form shows these, the
    trip's range varies these)."""
    return _METHOD_FIELDS[method]


class BreakOfGauge(StrictModel):
    """A station where the gauge changes, with its refit facility."""

    station: str = Field(min_length=1, description="the station's name, as in the route's stations")
    to_gauge_mm: Gauge
    facility: RefitFacility


class Station(RangedModel):
    name: str = Field(min_length=1, max_length=200)
    position_m: Position
    dwell_s: Seconds = Field(default=0.0, description="scheduled stop")
    stop: bool = Field(default=True, description="false for a point the train passes without stopping")
    time_zone: TimeZone | None = Field(default=None, description="the station's IANA time zone, such as Asia/Pyongyang; "
                                                                 "none: the zone of the station before it")
    operations: tuple[Operation, ...] = Field(default=(), max_length=50,
                                              description="border procedures, locomotive and crew changes, technical "
                                                          "stops: what the train stands here for besides its dwell")
    ranges: dict[str, Range] = Field(default_factory=dict,
                                     description="low and high values of estimated figures, by field name")


    @model_validator(mode="after")
    def _one_operation_of_a_kind(self) -> "Station":
        """An operation is named by its station and kind (the scenario's overrides, the range's inputs), so a
        kind comes once per service."""
        for service in ServiceKind:
            kinds = [op.kind for op in self.operations if op.applies_to(service)]
            twice = next((k for k in kinds if kinds.count(k) > 1), None)
            if twice is not None:
                raise ValueError(f"operations ({self.name}): two '{twice.value}' operations for the service "
                                 f"'{service.value}'; give each kind once per service")
        return self


class Section(RangedModel):
    """Track between two positions: its gauge(s), speed limit, gradient."""

    start_m: Position
    end_m: Position
    gauges_mm: tuple[Gauge, ...] = Field(min_length=1, max_length=3,
                                   description="gauges laid; dual gauge lists both, the first is the one a train starting here uses")
    speed_limit_m_s: PositiveSpeed
    gradient_permille: float = Field(default=0.0, ge=-80, le=80, allow_inf_nan=False,
                                     description="rising in the direction of travel is positive")
    curve_radius_m: float | None = Field(default=None, ge=20, le=100_000, allow_inf_nan=False,
                                          description="m; none for straight track (20 m is tighter than any railway curve)")
    name: str = Field(default="", max_length=200)
    railway: str = Field(default="", max_length=100, description="the id of the railway that runs it; empty: none")
    estimated: bool = False
    source: str = Field(default="", max_length=2000)
    ranges: dict[str, Range] = Field(default_factory=dict,
                                     description="low and high values of estimated figures, by field name")

    @property
    def length_m(self) -> float:
        return self.end_m - self.start_m


def _km(x: float) -> str:
    return f"km {x / 1000:g}"


class Route(StrictModel):
    id: Id
    name: str = Field(min_length=1, max_length=200)
    stations: tuple[Station, ...] = Field(min_length=2, max_length=10_000)
    sections: tuple[Section, ...] = Field(min_length=1, max_length=100_000)
    breaks_of_gauge: tuple[BreakOfGauge, ...] = Field(default=())
    railways: tuple[Railway, ...] = Field(default=(), max_length=100,
                                          description="the railways that run its sections, with their rules")
    source: str = Field(default="", max_length=5000)
    notes: str = Field(default="", max_length=10_000)

    def section_label(self, i: int, units: UnitSystem = UnitSystem.METRIC) -> str:
        """'section 14 (Khasan – Makhalino)', or by its ends in the units given: 'section 2 (km 20–km 50)'."""
        s = self.sections[i]
        if s.name:
            return f"section {i + 1} ({s.name})"
        ends = (f"{units.distance_unit} {units.distance(x):g}" for x in (s.start_m, s.end_m))
        return f"section {i + 1} ({'–'.join(ends)})"

    @model_validator(mode="after")
    def _check_geometry(self) -> "Route":
        st = self.stations
        if st[0].position_m != 0:
            raise ValueError(f"stations[0] ({st[0].name}): the first station must be at position 0, not {st[0].position_m:g} m")
        names: set[str] = set()
        for i, s in enumerate(st):
            if s.name in names:
                raise ValueError(f"stations[{i}] ({s.name}): the name is used twice")
            names.add(s.name)
            if i and s.position_m <= st[i - 1].position_m:
                raise ValueError(f"stations[{i}] ({s.name}): at {_km(s.position_m)}, not after "
                                 f"stations[{i - 1}] ({st[i - 1].name}) at {_km(st[i - 1].position_m)}")
        end = 0.0
        for i, sec in enumerate(self.sections):
            where = f"sections[{i}] ({self.section_label(i)})"
            if sec.end_m <= sec.start_m:
                raise ValueError(f"{where}: ends at {sec.end_m:g} m, not after its start at {sec.start_m:g} m")
            if abs(sec.start_m - end) > 1e-6:
                kind = "gap" if sec.start_m > end else "overlap"
                raise ValueError(f"{where}: starts at {sec.start_m:g} m but the previous section ends at {end:g} m "
                                 f"(a {kind} of {abs(sec.start_m - end):g} m)")
            end = sec.end_m
        if abs(end - st[-1].position_m) > 1e-6:
            raise ValueError(f"sections: they end at {end:g} m but the last station ({st[-1].name}) is at {st[-1].position_m:g} m")
        self._check_gauges()
        self._check_railways()
        return self

    def _check_railways(self) -> None:
        ids = [r.id for r in self.railways]
        if len(set(ids)) != len(ids):
            raise ValueError(f"railways: the id '{next(i for i in ids if ids.count(i) > 1)}' is used twice")
        for i, sec in enumerate(self.sections):
            if sec.railway and sec.railway not in ids:
                raise ValueError(f"sections[{i}] ({self.section_label(i)}): no railway has the id '{sec.railway}' "
                                 f"(the route's railways: {', '.join(ids) or 'none'})")

    def railway_of(self, section: int) -> Railway | None:
        """The railway that runs `section`, or None."""
        rid = self.sections[section].railway
        return next((r for r in self.railways if r.id == rid), None) if rid else None

    def _check_gauges(self) -> None:
        by_name = {s.name: s for s in self.stations}
        breaks: dict[float, BreakOfGauge] = {}
        for i, b in enumerate(self.breaks_of_gauge):
            if b.station not in by_name:
                raise ValueError(f"breaks_of_gauge[{i}]: there is no station named '{b.station}' on the route")
            breaks[by_name[b.station].position_m] = b
        gauge = self.sections[0].gauges_mm[0]
        for i, sec in enumerate(self.sections):
            at_start: BreakOfGauge | None = breaks.pop(sec.start_m, None)
            if at_start is not None:
                gauge = at_start.to_gauge_mm
            if gauge not in sec.gauges_mm:
                raise ValueError(
                    f"sections[{i}] ({self.section_label(i)}): laid to {'/'.join(map(str, sec.gauges_mm))} mm but the "
                    f"train arrives on {gauge} mm at {_km(sec.start_m)}: a break of gauge there needs a refit facility")
        if breaks:
            b = next(iter(breaks.values()))
            raise ValueError(f"breaks_of_gauge: the break at '{b.station}' is not where a section starts")

    def gauge_by_section(self) -> list[int]:
        """The gauge the train runs on in each section (the route is valid, so this is defined)."""
        pos = {s.name: s.position_m for s in self.stations}
        changes = {pos[b.station]: b.to_gauge_mm for b in self.breaks_of_gauge}
        gauge = self.sections[0].gauges_mm[0]
        out = []
        for sec in self.sections:
            gauge = changes.get(sec.start_m, gauge)
            out.append(gauge)
        return out

    @property
    def length_m(self) -> float:
        return self.stations[-1].position_m

    def break_at(self, station: str) -> BreakOfGauge:
        """The break of gauge at `station`; KeyError, with a sentence, where the route has none there."""
        for brk in self.breaks_of_gauge:
            if brk.station == station:
                return brk
        raise KeyError(f"“{station}” is not a break of gauge on the route {self.name}")

    def between(self, first: str, last: str) -> "Route":
        """The part of the route from station `first` to station `last`, positions counted from
        `first`. A break of gauge at either end is left out: the train starts already on the gauge
        beyond `first` and is timed to its arrival at `last`."""
        names = [s.name for s in self.stations]
        if first not in names or last not in names:
            missing = first if first not in names else last
            raise ValueError(f"route '{self.id}' has no station '{missing}'")
        i, j = names.index(first), names.index(last)
        if i >= j:
            raise ValueError(f"route '{self.id}': '{first}' does not come before '{last}'")
        x0, x1 = self.stations[i].position_m, self.stations[j].position_m
        gauges = dict(zip(((s.start_m, s.end_m) for s in self.sections), self.gauge_by_section()))
        sections = [sec.model_copy(update={"start_m": sec.start_m - x0, "end_m": sec.end_m - x0,
                                           # dual gauge: the train enters on the gauge it runs on here
                                           "gauges_mm": (gauges[(sec.start_m, sec.end_m)],) + tuple(
                                               g for g in sec.gauges_mm if g != gauges[(sec.start_m, sec.end_m)])})
                    for sec in self.sections if x0 <= sec.start_m and sec.end_m <= x1]
        stations = [st.model_copy(update={"position_m": st.position_m - x0}) for st in self.stations[i:j + 1]]
        inner = {st.name for st in self.stations[i + 1:j]}
        return Route.model_validate({
            **self.model_dump(exclude={"stations", "sections", "breaks_of_gauge"}),
            "id": self.id, "name": f"{self.name}: {first} – {last}",
            "stations": [st.model_dump() for st in stations], "sections": [sec.model_dump() for sec in sections],
            "breaks_of_gauge": [b.model_dump() for b in self.breaks_of_gauge if b.station in inner]})


class RouteFile(Route):
    """A route saved on its own, as `NAME.route.json`."""

    format: Literal["traintool.route"] = "traintool.route"
    version: Literal[3] = FILE_VERSION

    _upgrade = model_validator(mode="before")(upgrade_version)
