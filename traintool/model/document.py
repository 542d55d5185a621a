"""The document a user saves: consist, route, scenario. One file reproduces one report."""
from __future__ import annotations

from typing import Final, Literal

from pydantic import Field, model_validator

from .car_type import CarType, Id, StrictModel, unique_type_ids, upgrade_version
from .consist import CarResolver, Consist, ConsistStats, ResolvedCar, consist_stats
from .route import Route
from .scenario import Scenario

FORMAT: Final = "traintool.consist"  # Final: the literal types the fields below need
VERSION: Final = 3  # = FILE_VERSION; 1 and 2 are read too (upgrade_version)


def scenario_station_problem(scenario: Scenario, route: Route | None) -> str | None:
    """Why the scenario does not fit the route (it names a station the route does not have), or None.

    Checked for a document's own route when it is validated, and by io for a shipped route named by id.
    """
    if route is None:
        return None
    names = {s.name for s in route.stations}
    for key in ("dwell_overrides_s", "facility_overrides", "operation_overrides_s"):
        for name in getattr(scenario, key):
            station = name.rpartition("/")[0] if key == "operation_overrides_s" else name
            if station not in names:
                return (f"scenario.{key}: '{station}' is not a station of the route {route.name} "
                        f"({', '.join(sorted(names)[:8])}{', ...' if len(names) > 8 else ''}); "
                        f"remove this entry or give it the station's name")
    for station, place in scenario.refit_places.items():
        brk = next((b for b in route.breaks_of_gauge if station in b.places() and place in b.places()), None)
        if brk is None:
            return (f"scenario.refit_places: the route {route.name} has no refit at '{station}' that may be made "
                    f"at '{place}' (its refits: {'; '.join(', '.join(b.places()) for b in route.breaks_of_gauge) or 'none'}); "
                    f"remove this entry")
    railways = {r.id for r in route.railways}
    for rid in scenario.railway_overrides:
        if rid not in railways:
            return (f"scenario.railway_overrides: '{rid}' is not a railway of the route {route.name} "
                    f"({', '.join(sorted(railways)) or 'it names none'}); remove this entry")
    return None


class Document(StrictModel):
    format: Literal["traintool.consist"] = FORMAT
    version: Literal[3] = VERSION
    name: str = Field(default="Untitled", min_length=1, max_length=200)
    notes: str = Field(default="", max_length=100_000)
    car_types: tuple[CarType, ...] = Field(default=(), max_length=10_000,
                                     description="the car types the consist uses; a document carries its own")
    consist: Consist = Field(default_factory=Consist)
    route_id: Id | None = Field(default=None, description="a shipped route, by id")
    route: Route | None = Field(default=None, description="a route of the document's own; wins over route_id")
    scenario: Scenario = Field(default_factory=Scenario)

    _upgrade = model_validator(mode="before")(upgrade_version)

    @model_validator(mode="after")
    def _check_references(self) -> "Document":
        seen = unique_type_ids(self.car_types)
        for i, car in enumerate(self.consist.cars):
            if car.type_id not in seen:
                name = f" ({car.name})" if car.name else ""
                raise ValueError(f"consist.cars[{i}] (car {i + 1}{name}): unknown car type id '{car.type_id}'")
        problem = scenario_station_problem(self.scenario, self.route)
        if problem:
            raise ValueError(problem)
        return self

    def type_by_id(self) -> dict[str, CarType]:
        return {t.id: t for t in self.car_types}

    def resolved_cars(self) -> list[ResolvedCar]:
        return CarResolver().resolve(self.consist.cars, self.type_by_id())

    def stats(self) -> ConsistStats:
        return consist_stats(self.resolved_cars())
