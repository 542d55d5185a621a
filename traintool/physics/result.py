"""What a trip computation returns. Plain dataclasses: the CLI, the GUI and the report read them."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..model import RefitMethod


@dataclass(frozen=True)
class Warning_:
    """Something the user must know about the result; points at the culprit car or section."""

    message: str
    car_index: int | None = None  # 0-based position in the consist
    section_index: int | None = None  # 0-based index in route.sections


@dataclass(frozen=True)
class LegResult:
    """From one stop to the next."""

    from_station: str
    to_station: str
    distance_m: float
    running_s: float

    @property
    def average_speed_m_s(self) -> float:
        return self.distance_m / self.running_s if self.running_s > 0 else 0.0


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
    timeline: list[TimelineBar]
    cannot_change: list[int] = field(default_factory=list)  # 0-based car positions that cannot change gauge here


@dataclass(frozen=True)
class SpeedProfile:
    """The speed profile, sampled densely enough to plot; arrays of equal length."""

    distance_m: np.ndarray
    speed_m_s: np.ndarray
    time_s: np.ndarray  # running time only (dwell and refits not included)
    limit_m_s: np.ndarray  # the limit in force at each sample


@dataclass(frozen=True)
class TripResult:
    total_s: float
    running_s: float
    dwell_s: float
    refit_s: float
    distance_m: float
    legs: list[LegResult]
    refits: list[RefitResult]
    dwells: list[tuple[str, float]]  # (station, seconds) for each intermediate stop
    profile: SpeedProfile
    warnings: list[Warning_] = field(default_factory=list)
    feasible: bool = True  # false when the train cannot complete the route (no traction, a grade it cannot climb)

    @property
    def average_speed_m_s(self) -> float:
        return self.distance_m / self.total_s if self.total_s > 0 else 0.0


def trip_to_dict(result: TripResult) -> dict:
    """The JSON form of a trip, as `traintool compute --json` prints it (SI units)."""
    return {
        "feasible": result.feasible,
        "total_s": result.total_s,
        "running_s": result.running_s,
        "dwell_s": result.dwell_s,
        "refit_s": result.refit_s,
        "distance_m": result.distance_m,
        "average_speed_m_s": result.average_speed_m_s,
        "legs": [{"from": leg.from_station, "to": leg.to_station, "distance_m": leg.distance_m,
                  "running_s": leg.running_s, "average_speed_m_s": leg.average_speed_m_s} for leg in result.legs],
        "dwells": [{"station": s, "dwell_s": d} for s, d in result.dwells],
        "refits": [{"station": r.station, "position_m": r.position_m, "from_gauge_mm": r.from_gauge_mm,
                    "to_gauge_mm": r.to_gauge_mm, "method": r.method.value, "cars": r.cars, "cuts": r.cuts,
                    "duration_s": r.duration_s, "cannot_change": r.cannot_change,
                    "steps": [{"name": s.name, "duration_s": s.duration_s} for s in r.steps]} for r in result.refits],
        "warnings": [{"message": w.message, "car_index": w.car_index, "section_index": w.section_index}
                     for w in result.warnings],
    }
