"""What a trip computation returns. Plain dataclasses: the CLI, the GUI and the report read them.

A trip that cannot be made has no duration: `total_s` is None and `reasons` says why, as data
(the kind, the station or section, the cars, the numbers). The running times of the legs that
could be run are kept; a leg the train never reaches has `running_s` None.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import overload

from pydantic import JsonValue

import numpy as np

from ..model import OperationKind, RefitMethod, Route
from ..units import UnitSystem


@dataclass(frozen=True)
class Warning_:
    """Something the user must know about a result that stands; points at the culprit car or section."""

    message: str
    car_index: int | None = None  # 0-based position in the consist
    section_index: int | None = None  # 0-based index in route.sections


class ReasonKind(str, Enum):
    """Why a trip cannot be made."""

    EMPTY_TRAIN = "empty_train"
    NO_LOCOMOTIVE = "no_locomotive"  # for the gauge of some section
    CANNOT_CHANGE_GAUGE = "cannot_change_gauge"  # cars that the facility at a break cannot refit
    STALL = "stall"  # the train comes to a stand on the way (a grade it cannot climb)
    TOO_SLOW = "too_slow"  # the speed allowed is so low that no time can be told

    @property
    def label(self) -> str:
        return _REASON_LABELS[self]


_REASON_LABELS = {
    ReasonKind.EMPTY_TRAIN: "Empty train",
    ReasonKind.NO_LOCOMOTIVE: "No locomotive",
    ReasonKind.CANNOT_CHANGE_GAUGE: "Cars cannot change gauge",
    ReasonKind.STALL: "Stall",
    ReasonKind.TOO_SLOW: "Too slow",
}


@dataclass(frozen=True)
class Reason:
    """One cause that stops the trip, with what it is about and its numbers."""

    kind: ReasonKind
    message: str  # a sentence a user can act on
    station: str | None = None  # where (a break of gauge, the station a stall follows)
    section_index: int | None = None  # 0-based index in route.sections
    car_indices: tuple[int, ...] = ()  # 0-based positions of the cars concerned
    gauge_mm: int | None = None  # the gauge with no locomotive, or the gauge the cars cannot take
    position_m: float | None = None  # where the train comes to a stand
    shortfall_n: float | None = None  # for a stall: resistance less tractive effort at a standstill
    resistance_n: float | None = None  # for a stall: the resistance there, at a standstill
    where: str | None = None  # for a stall: the section, as the route names it
    gradient_permille: float | None = None  # for a stall: the uphill grade the train averages there

    def text(self, units: UnitSystem, route: Route | None = None) -> str:
        """The sentence, its figures in `units` (`message` is the metric one); with the trip's route, an
        unnamed section is told by its ends in those units too."""
        stall = self.kind is ReasonKind.STALL and None not in (self.position_m, self.shortfall_n, self.resistance_n)
        said = stall_sentence(self, units) if stall else self.message
        if route is not None and self.section_index is not None and self.section_index < len(route.sections):
            said = said.replace(route.section_label(self.section_index), route.section_label(self.section_index, units))
        return said


def stall_sentence(r: Reason, units: UnitSystem) -> str:
    assert r.position_m is not None and r.shortfall_n is not None and r.resistance_n is not None
    grade = f" on the {r.gradient_permille:.1f} ‰ it averages there" if r.gradient_permille else ""
    f = units.force_unit
    return (f"The train stalls at {units.distance_unit} {units.distance(r.position_m):,.1f} in {r.where}, after "
            f"{r.station}{grade}: the resistance ({units.force(r.resistance_n):,.0f} {f}) exceeds the locomotives' "
            f"starting tractive effort ({units.force(r.resistance_n - r.shortfall_n):,.0f} {f}) by "
            f"{units.force(r.shortfall_n):,.0f} {f}. Add power or lighten the train.")


@dataclass(frozen=True)
class LegResult:
    """From one stop to the next."""

    from_station: str
    to_station: str
    distance_m: float
    running_s: float | None  # None: the train never gets to run this leg
    allowance_s: float = 0.0  # the railways' running-time allowance on it (none on a leg not run)

    @property
    def average_speed_m_s(self) -> float | None:
        return self.distance_m / self.running_s if self.running_s else None


@dataclass(frozen=True)
class RefitStep:
    name: str  # "Split and shunt", "Lift", "Bogie swap", ... as the user reads it
    duration_s: float  # the step's share of the critical path (steps add up to the refit's duration)


@dataclass(frozen=True)
class TimelineBar:
    """One step of one cut on one track, for the refit timeline plot."""

    track: int  # 0-based exchange track; -1 for whole-train steps
    cut: int  # 0-based cut; -1 for whole-train steps
    step: str
    start_s: float  # from the train's arrival at the facility
    end_s: float


class TimelineColumns(Sequence[TimelineBar]):
    """A timeline held as columns, its bars made only when read.

    A 100,000-car train's refit has some 60,000 bars: sent from a worker process as objects, they
    took the window's interpreter lock for half a second to unpickle; as six arrays, a millisecond.
    """

    def __init__(self, bars: Sequence[TimelineBar]):
        steps = list(dict.fromkeys(b.step for b in bars))
        number = {s: i for i, s in enumerate(steps)}
        self._steps = steps
        self._track = np.array([b.track for b in bars], dtype=np.int32)
        self._cut = np.array([b.cut for b in bars], dtype=np.int32)
        self._step = np.array([number[b.step] for b in bars], dtype=np.int32)
        self._start = np.array([b.start_s for b in bars], dtype=np.float64)
        self._end = np.array([b.end_s for b in bars], dtype=np.float64)

    def __len__(self) -> int:
        return len(self._track)

    def __iter__(self) -> Iterator[TimelineBar]:
        steps = self._steps
        for t, c, s, a, b in zip(self._track.tolist(), self._cut.tolist(), self._step.tolist(), self._start.tolist(),
                                 self._end.tolist()):
            yield TimelineBar(t, c, steps[s], a, b)

    @overload
    def __getitem__(self, i: int) -> TimelineBar: ...

    @overload
    def __getitem__(self, i: slice) -> list[TimelineBar]: ...

    def __getitem__(self, i: int | slice) -> TimelineBar | list[TimelineBar]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        k = range(len(self))[i]  # an IndexError as a list's
        return TimelineBar(int(self._track[k]), int(self._cut[k]), self._steps[self._step[k]], float(self._start[k]),
                           float(self._end[k]))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and len(other) == len(self) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"TimelineColumns({len(self)} bars)"


@dataclass(frozen=True)
class RefitResult:
    station: str
    position_m: float
    from_gauge_mm: int
    to_gauge_mm: int
    method: RefitMethod
    cars: int  # cars that go through the refit (locomotives excluded)
    cuts: int
    duration_s: float
    steps: list[RefitStep]
    timeline: Sequence[TimelineBar]  # a list, or TimelineColumns from a worker process
    cannot_change: list[int] = field(default_factory=list)  # 0-based car positions that cannot change gauge here


@dataclass(frozen=True)
class Haul:
    """Who hauls the train from a place on (the start, or a locomotive change) to the next change."""

    station: str
    position_m: float
    railway: str  # the name of the railway that runs the section after it; "" where none is named
    locomotive: str  # what hauls, as a reader knows it: "2 × TEP70 passenger diesel locomotive (...)"
    by_railway: bool  # the railway's locomotive(s), put on at the change; False: the consist's own
    note: str = ""  # what the railway's rules say of its locomotive that the physics cannot use


def haul_line(h: Haul) -> str:
    """'From Khasan (Russian Railways): 2TE116 twin-section diesel locomotive (Russian Railways), put on there'."""
    where = f"From {h.station}" + (f" ({h.railway})" if h.railway else "")
    what = f"{h.locomotive}, put on by the railway" if h.by_railway else h.locomotive
    return f"{where}: {what}" + (f" ({h.note})" if h.note else "")


def hauls_text(result: "TripResult") -> str:
    """Who hauls each stretch of the trip, a line each."""
    return "\n".join(haul_line(h) for h in result.hauls)


@dataclass(frozen=True)
class SpeedProfile:
    """The speed profile, sampled densely enough to plot; arrays of equal length."""

    distance_m: np.ndarray
    speed_m_s: np.ndarray
    time_s: np.ndarray  # running time only (dwell and refits not included)
    limit_m_s: np.ndarray  # the limit in force at each sample


@dataclass(frozen=True)
class StopPart:
    """One reason the train stands at a station, and for how long."""

    kind: str  # "dwell", "refit"; operations add "border_exit", "border_entry", "customs", "locomotive_change", ...
    label: str  # as the user reads it: "Dwell", "Refit (bogie exchange)"
    duration_s: float
    source: str = ""


@dataclass(frozen=True)
class Stop:
    """A station the train reaches, with its times from the departure (everything included)."""

    station: str
    position_m: float
    arrival_s: float  # 0 at the first station
    departure_s: float  # arrival plus the parts; equal to arrival at the last station
    parts: tuple[StopPart, ...] = ()


@dataclass(frozen=True)
class TripResult:
    total_s: float | None  # running + allowance + dwell + refit + operations; None when the trip cannot be made
    running_s: float  # of the legs run: all of them when feasible, those before the trouble if not
    dwell_s: float
    refit_s: float
    distance_m: float
    legs: list[LegResult]
    refits: list[RefitResult]
    dwells: list[tuple[str, float]]  # (station, seconds) for each intermediate stop
    profile: SpeedProfile
    warnings: list[Warning_] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)  # why the trip cannot be made; empty when it can
    left_behind: list[tuple[str, tuple[int, ...]]] = field(default_factory=list)  # (station, cars) left there
    reached_m: float = 0.0  # how far the train gets: the whole route when feasible
    stops: list[Stop] = field(default_factory=list)  # each station the train stops at and reaches, in order
    allowance_s: float = 0.0  # the running-time allowance of the legs run
    operations_s: float = 0.0  # every stop part but dwells and refits (border, locomotive and crew, ...)
    hauls: list[Haul] = field(default_factory=list)  # who hauls from the start and from each change on

    @property
    def feasible(self) -> bool:
        return not self.reasons

    def time_added(self, x_m: np.ndarray, leaving: np.ndarray) -> np.ndarray:
        """The time the trip adds to the running time by each distance of `x_m`: the stands at the stops
        before it (at a stop, with its own stand where `leaving`) and the allowance accrued, spread over
        each leg by distance. Past the last stop reached, what was added by leaving it."""
        if not self.stops:
            return np.zeros(len(x_m))
        ran = np.concatenate([[0.0], np.cumsum([leg.running_s or 0.0 for leg in self.legs])])[:len(self.stops)]
        at = np.array([s.position_m for s in self.stops])
        arrive = np.array([s.arrival_s for s in self.stops]) - ran
        leave = np.array([s.departure_s for s in self.stops]) - ran
        k = np.searchsorted(at, x_m, side="left")
        if leaving.any():
            k[leaving] = np.searchsorted(at, x_m[leaving], side="right")
        before = np.maximum(k - 1, 0)
        nxt = np.minimum(k, len(at) - 1)
        span = at[nxt] - at[before]
        frac = np.divide(x_m - at[before], span, out=np.zeros(len(x_m)), where=span > 0)
        out = leave[before] + np.clip(frac, 0.0, 1.0) * (arrive[nxt] - leave[before])
        added: np.ndarray = np.where(k == 0, arrive[0], np.where(k >= len(at), leave[-1], out))
        return added

    @property
    def average_speed_m_s(self) -> float | None:
        return self.distance_m / self.total_s if self.total_s else None


OPERATION_KINDS = [k.value for k in OperationKind]  # the keys of `operations` in the JSON form


def reason_to_dict(r: Reason) -> dict[str, JsonValue]:
    return {"kind": r.kind.value, "message": r.message, "station": r.station, "section_index": r.section_index,
            "car_indices": list(r.car_indices), "gauge_mm": r.gauge_mm, "position_m": r.position_m,
            "shortfall_n": r.shortfall_n}


def trip_to_dict(result: TripResult) -> dict[str, JsonValue]:
    """The JSON form of a trip, as `traintool compute --json` prints it (SI units)."""
    return {
        "feasible": result.feasible,
        "reasons": [reason_to_dict(r) for r in result.reasons],
        "total_s": result.total_s,
        "reached_m": result.reached_m,
        "running_s": result.running_s,
        "dwell_s": result.dwell_s,
        "refit_s": result.refit_s,
        "allowance_s": result.allowance_s,
        "operations_s": result.operations_s,
        "operations": {kind: sum(p.duration_s for st in result.stops for p in st.parts if p.kind == kind)
                       for kind in OPERATION_KINDS},
        "distance_m": result.distance_m,
        "average_speed_m_s": result.average_speed_m_s,
        "legs": [{"from": leg.from_station, "to": leg.to_station, "distance_m": leg.distance_m,
                  "running_s": leg.running_s, "allowance_s": leg.allowance_s, "average_speed_m_s": leg.average_speed_m_s} for leg in result.legs],
        "dwells": [{"station": s, "dwell_s": d} for s, d in result.dwells],
        "refits": [{"station": r.station, "position_m": r.position_m, "from_gauge_mm": r.from_gauge_mm,
                    "to_gauge_mm": r.to_gauge_mm, "method": r.method.value, "cars": r.cars, "cuts": r.cuts,
                    "duration_s": r.duration_s, "cannot_change": list(r.cannot_change),
                    "steps": [{"name": s.name, "duration_s": s.duration_s} for s in r.steps]} for r in result.refits],
        "stops": [{"station": s.station, "position_m": s.position_m, "arrival_s": s.arrival_s,
                   "departure_s": s.departure_s,
                   "parts": [{"kind": p.kind, "label": p.label, "duration_s": p.duration_s, "source": p.source}
                             for p in s.parts]} for s in result.stops],
        "left_behind": [{"station": s, "car_indices": list(cars)} for s, cars in result.left_behind],
        "hauled_by": [{"station": h.station, "from_m": h.position_m, "railway": h.railway, "locomotive": h.locomotive,
                       "by_railway": h.by_railway, "note": h.note} for h in result.hauls],
        "warnings": [{"message": w.message, "car_index": w.car_index, "section_index": w.section_index}
                     for w in result.warnings],
    }
