"""The scenario: what the user assumes about this trip, saved with the document."""
from __future__ import annotations

from enum import Enum

from pydantic import Field

from .car_type import PositiveSpeed, StrictModel
from .clock import Departure
from .operations import ServiceKind, ServiceRules
from .route import BreakOfGauge, RefitFacility, Route, Seconds


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


class Haulage(str, Enum):
    """Who hauls the train after a locomotive change (a station's locomotive change for the service, or a
    break of gauge)."""

    RAILWAYS = "railways"  # the locomotive the next section's railway puts on, where its rules name one
    OWN = "own"  # the consist's own locomotives throughout

    @property
    def label(self) -> str:
        return {"railways": "Hauled by the railways' locomotives at changes",
                "own": "Hauled by the consist's own locomotives throughout"}[self.value]


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
    refit_places: dict[str, str] = Field(
        default_factory=dict, description="where a break of gauge's refit is made, by the station the route puts it at "
                                          "('Khasan': 'Tumangang'), among the places the route allows; none: the route's")
    haulage: Haulage = Field(default=Haulage.RAILWAYS,
                             description="who hauls the train after a locomotive change: the locomotive the next "
                                         "section's railway puts on (where its rules name one), or the consist's own")
    assumptions: Assumptions = Field(default_factory=Assumptions)
    departure: Departure = Field(default_factory=Departure,
                                 description="when the trip starts; a file without one departs at the default")

    def facility_at(self, brk: BreakOfGauge) -> RefitFacility:
        """The refit facility in force at a break of gauge: this scenario's for its station, else the break's own.
        The trip, its range, the window, the report and the edits all ask this."""
        return self.facility_overrides.get(brk.station, brk.facility)


def refit_key(scenario: Scenario, station: str) -> str:
    """The station the route puts a refit at, for a refit the scenario may have moved to `station`:
    the key of Scenario.refit_places."""
    return next((k for k, v in scenario.refit_places.items() if v == station), station)


def route_as_chosen(route: Route, scenario: Scenario) -> Route:
    """The route with each refit at the place the scenario chooses for it (Scenario.refit_places).
    A route already moved so, or a choice that names no break of this route, is left as it is (a
    document's choices are checked against its route when it loads: document.scenario_station_problem)."""
    for station, place in scenario.refit_places.items():
        brk = next((b for b in route.breaks_of_gauge if b.station == station), None)
        if brk is not None and place in brk.alternatives:
            route = route.with_refit_at(station, place)
    return route
