"""The scenario: what the user assumes about this trip, saved with the document."""
from __future__ import annotations

from enum import Enum

from pydantic import Field

from .car_type import PositiveSpeed, StrictModel
from .clock import Departure
from .operations import ServiceKind, ServiceRules
from .route import BreakOfGauge, RefitFacility, Seconds


class Assumptions(StrictModel):
    """Every coefficient the trip computation uses; the report prints each with its source."""

    davis_a_lb_per_ton: float = Field(default=0.6, ge=0, le=20, allow_inf_nan=False,
                                      description="modified Davis: constant term, lb per short ton")
    davis_axle_lb: float = Field(default=20.0, ge=0, le=200, allow_inf_nan=False,
                                 description="modified Davis: bearing term, lb per axle (the 20/w term)")
    davis_b_lb_per_ton_mph: float = Field(default=0.01, ge=0, le=1, allow_inf_nan=False,
                                          description="modified Davis: flange term, lb per short ton per mph")
    davis_k: float = Field(default=0.07, ge=0, le=1, allow_inf_nan=False,
                           description="modified Davis: air-drag coefficient K for trailing cars")
    lead_air_factor: float = Field(default=3.0, ge=1, le=20, allow_inf_nan=False,
                                   description="how many times a trailing car's air drag the leading unit has")
    rotating_mass_factor: float = Field(default=1.06, ge=1.0, le=1.5, allow_inf_nan=False,
                                        description="effective mass / static mass, for rotating wheels and gears")
    adhesion_coefficient: float = Field(default=0.25, gt=0, le=0.5, allow_inf_nan=False,
                                        description="usable adhesion on driving wheels (dry rail about 0.25-0.33)")
    service_braking_m_s2: float = Field(default=0.5, gt=0, le=3, allow_inf_nan=False,
                                        description="service deceleration of a passenger train")
    curve_resistance_k: float = Field(default=600.0, ge=0, le=5000, allow_inf_nan=False,
                                      description="curve resistance N per kN of weight = k / radius (m)")


ASSUMPTION_SOURCES: dict[str, str] = {
    "davis_a_lb_per_ton": "Davis (1926) as modified by AREA Committee 16; A. A. Trani, Rail resistance equations, Virginia Tech CEE 3604",
    "davis_axle_lb": "Davis (1926) as modified by AREA Committee 16; A. A. Trani, Virginia Tech CEE 3604",
    "davis_b_lb_per_ton_mph": "Davis (1926) as modified by AREA Committee 16; A. A. Trani, Virginia Tech CEE 3604",
    "davis_k": "AREA modified Davis, K = 0.07 for conventional equipment; A. A. Trani, Virginia Tech CEE 3604",
    "lead_air_factor": "estimate from Davis (1926): the leading unit's air term is several times a trailing car's",
    "rotating_mass_factor": "assumption: 1.04-1.10 of the static mass is usual for passenger stock",
    "adhesion_coefficient": "assumption: 0.25-0.33 of the weight on driving wheels on dry rail, less in the wet",
    "service_braking_m_s2": "assumption: 0.5-0.7 m/s² for a passenger train's service brake",
    "curve_resistance_k": "assumption: curve resistance k / R with k about 500-1200 (N/kN and m)",
}


class StrandedCars(str, Enum):
    """What happens at a break of gauge to cars its facility cannot refit."""

    STOP = "stop"  # the trip stops there: it cannot be made as the consist stands (nothing hidden)
    LEAVE_BEHIND = "leave_behind"  # the train goes on without them

    @property
    def label(self) -> str:
        return {"stop": "Stop the trip there", "leave_behind": "Leave them behind"}[self.value]


class Scenario(StrictModel):
    top_speed_cap_m_s: PositiveSpeed | None = Field(default=None,
                                                    description="a cap on speed for the whole trip, m/s (at least 1 km/h)")
    stranded_cars: StrandedCars = Field(
        default=StrandedCars.STOP,
        description="cars a break of gauge cannot refit: the trip stops there, or they are left behind")
    dwell_overrides_s: dict[str, Seconds] = Field(default_factory=dict,
                                                  description="dwell at a station by its name, s; replaces the route's")
    facility_overrides: dict[str, RefitFacility] = Field(
        default_factory=dict, description="the refit facility at a break of gauge, by station name; replaces the route's")
    service: ServiceKind = Field(default=ServiceKind.INTERNATIONAL,
                                 description="the kind of service the train runs as: each railway runs it by its "
                                             "rules for that kind (a file that names none: international passenger)")
    operation_overrides_s: dict[str, Seconds] = Field(
        default_factory=dict, description="the duration of an operation at a station, by 'station/kind' "
                                          "(as 'Khasan/customs'); replaces the route's")
    railway_overrides: dict[str, ServiceRules] = Field(
        default_factory=dict, description="a railway's rules for the scenario's service, by railway id; "
                                          "replace the route's")
    assumptions: Assumptions = Field(default_factory=Assumptions)
    departure: Departure = Field(default_factory=Departure,
                                 description="when the trip starts; a file without one departs at the default")

    def facility_at(self, brk: BreakOfGauge) -> RefitFacility:
        """The refit facility in force at a break of gauge: this scenario's for its station, else the break's own.
        The trip, its range, the window, the report and the edits all ask this."""
        return self.facility_overrides.get(brk.station, brk.facility)
