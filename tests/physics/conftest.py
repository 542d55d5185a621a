"""Routes and documents for the physics tests, built in code.

The helpers are session-scoped fixtures that return plain functions, so that hypothesis tests
may use them too (it refuses function-scoped fixtures).
"""
from collections.abc import Callable

import pytest

import builders
from traintool.model import (
    Assumptions, BreakOfGauge, Car, CarKind, Consist, Document, RefitFacility, Route, Scenario, Section, Station,
)

# No resistance at all, no rotating mass: the forces are the textbook's.
FREE = Assumptions(davis_a_lb_per_ton=0, davis_axle_lb=0, davis_b_lb_per_ton_mph=0, davis_k=0, lead_air_factor=1,
                   rotating_mass_factor=1.0, adhesion_coefficient=0.5, service_braking_m_s2=0.8)


def make_line(*sections: tuple, stops: tuple[int, ...] = (), passes: tuple[int, ...] = (), gauges=None,
              breaks: dict[int, int] | None = None, dwell_s: float = 0.0) -> Route:
    """A route from (length m, limit m/s, gradient ‰[, curve radius m]) per section.

    stops / passes: indices of section ends with a station where the train stops / passes.
    gauges: the gauge of each section (1435 by default); breaks: {section end index: new gauge}
    puts a break of gauge with a default facility at that station.
    """
    secs, x = [], 0.0
    for i, (length, limit, grad, *curve) in enumerate(sections):
        gauge = gauges[i] if gauges else 1435
        secs.append(Section(start_m=x, end_m=x + length, gauges_mm=[gauge], speed_limit_m_s=limit,
                            gradient_permille=grad, curve_radius_m=curve[0] if curve else None))
        x += length
    stations = [Station(name="Start", position_m=0)]
    breaks = breaks or {}
    for i in sorted(set(stops) | set(passes) | set(breaks)):
        stations.append(Station(name=f"Station {i + 1}", position_m=secs[i].end_m, stop=i not in passes,
                                dwell_s=dwell_s))
    stations.append(Station(name="End", position_m=x))
    brks = [BreakOfGauge(station=f"Station {i + 1}", to_gauge_mm=g, facility=RefitFacility())
            for i, g in breaks.items()]
    return Route(id="line", name="Line", stations=stations, sections=secs, breaks_of_gauge=brks)


def make_doc(route: Route | None, *, coaches: int = 5, assumptions: Assumptions | None = None, power: float = 4e7,
             te: float = 200_000.0, cap: float | None = None, coach_length: float = 25.0, coach_mass: float = 50_000.0,
             loco_mass: float = 120_000.0, max_speed: float = 60.0, extra_locos: tuple = ()) -> Document:
    """A locomotive (1435 mm) and `coaches` coaches; extra_locos: (power W, te N, mass kg, gauge mm) each,
    put behind the first locomotive."""
    types = [builders.make_type("loco", CarKind.LOCOMOTIVE, power_w=power, max_tractive_effort_n=te,
                                max_speed_m_s=max_speed, mass_kg=loco_mass),
             builders.make_type("coach", max_speed_m_s=max_speed, length_m=coach_length, mass_kg=coach_mass)]
    cars = [Car(type_id="loco")]
    for i, (p, f, m, g) in enumerate(extra_locos):
        types.append(builders.make_type(f"loco-{i}", CarKind.LOCOMOTIVE, power_w=p, max_tractive_effort_n=f,
                                        mass_kg=m, gauge_mm=g, max_speed_m_s=max_speed))
        cars.append(Car(type_id=f"loco-{i}"))
    cars += [Car(type_id="coach", name=f"Coach {i + 1}") for i in range(coaches)]
    return Document(car_types=types, consist=Consist(cars=cars), route=route,
                    scenario=Scenario(assumptions=assumptions or Assumptions(), top_speed_cap_m_s=cap))


@pytest.fixture(scope="session")
def line() -> Callable[..., Route]:
    return make_line


@pytest.fixture(scope="session")
def doc() -> Callable[..., Document]:
    return make_doc


@pytest.fixture(scope="session")
def free() -> Assumptions:
    return FREE
