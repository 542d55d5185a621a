"""Running time against cases with known answers, and against the 1 m reference integrator."""
import math

import numpy as np
import pytest

import builders
from reference_integrator import reference_running_time
from traintool.model import Assumptions, Car, CarKind, Consist, Document, Route, Scenario, Section, Station
from traintool.physics import compute_trip
from traintool.physics import running

FREE = Assumptions(davis_a_lb_per_ton=0, davis_axle_lb=0, davis_b_lb_per_ton_mph=0, davis_k=0, lead_air_factor=1,
                   rotating_mass_factor=1.0, adhesion_coefficient=0.5, service_braking_m_s2=0.8)


def _doc(route, *, n_coaches=5, assumptions=None, power=4e7, te=200_000.0, cap=None, coach_length=25.0):
    loco = builders.make_type("loco", CarKind.LOCOMOTIVE, power_w=power, max_tractive_effort_n=te, max_speed_m_s=60)
    coach = builders.make_type("coach", max_speed_m_s=60, length_m=coach_length)
    cars = [Car(type_id="loco")] + [Car(type_id="coach") for _ in range(n_coaches)]
    return Document(car_types=[loco, coach], consist=Consist(cars=cars), route=route,
                    scenario=Scenario(assumptions=assumptions or Assumptions(), top_speed_cap_m_s=cap))


def _line(*sections, stops=()):
    """sections: (length m, limit m/s, gradient ‰); stops: indices of section ends where the train stops."""
    secs, x = [], 0.0
    for length, limit, grad in sections:
        secs.append(Section(start_m=x, end_m=x + length, gauges_mm=[1435], speed_limit_m_s=limit, gradient_permille=grad))
        x += length
    stations = [Station(name="Start", position_m=0)]
    for i in stops:
        stations.append(Station(name=f"Stop {i}", position_m=secs[i].end_m))
    stations.append(Station(name="End", position_m=x))
    return Route(id="line", name="Line", stations=stations, sections=secs)


def test_constant_force_no_resistance_has_the_textbook_answer():
    L, v = 20_000.0, 25.0
    doc = _doc(_line((L, v, 0)), assumptions=FREE)
    m = doc.stats().mass_kg
    a, b = 200_000.0 / m, FREE.service_braking_m_s2
    r = compute_trip(doc, doc.route)
    assert r.running_s == pytest.approx(L / v + v / (2 * a) + v / (2 * b), rel=1e-6)


def test_constant_power_converges_to_the_balancing_speed():
    doc = _doc(_line((200_000, 100, 0)), power=1_000_000, te=300_000)
    r = compute_trip(doc, doc.route)
    cars = doc.resolved_cars()
    from traintool.physics.resistance import davis_train

    R = davis_train(cars, doc.scenario.assumptions)
    # Balancing speed: P / v = R(v), by bisection on the closed form.
    lo, hi = 1.0, 100.0
    for _ in range(100):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if 1_000_000 / mid > R(mid) else (lo, mid)
    mid_speed = np.interp(100_000, r.profile.distance_m, r.profile.speed_m_s)
    assert mid_speed == pytest.approx(lo, rel=1e-3)
    assert lo < 60  # a real balance, under every limit


def test_profile_never_exceeds_the_limit_and_stops_at_every_stop():
    doc = _doc(_line((5000, 30, 0), (3000, 12, 5), (8000, 40, -3), (4000, 20, 8), stops=(1, 2)), power=3e6)
    r = compute_trip(doc, doc.route)
    p = r.profile
    assert np.all(p.speed_m_s <= p.limit_m_s + 1e-9)
    assert np.all(np.diff(p.distance_m) >= -1e-9) and np.all(np.diff(p.time_s) >= -1e-9)
    for st in doc.route.stations:
        at = np.isclose(p.distance_m, st.position_m, atol=1e-6)
        assert at.any() and np.allclose(p.speed_m_s[at], 0.0, atol=1e-6), st.name
    # Limits in force from the section under the front; check the speed against the route's own limits too.
    for s in doc.route.sections:
        inside = (p.distance_m > s.start_m + 1e-6) & (p.distance_m < s.end_m - 1e-6)
        assert np.all(p.speed_m_s[inside] <= s.speed_limit_m_s + 1e-9)


def test_a_longer_train_takes_longer_through_a_restriction():
    route = _line((5000, 40, 0), (1000, 10, 0), (5000, 40, 0))
    short = compute_trip(d := _doc(route, n_coaches=4), d.route).running_s
    long_ = compute_trip(d := _doc(route, n_coaches=30), d.route).running_s
    # The long train holds 10 m/s until its rear (~770 m) has left the restriction: about 77 s more at least.
    assert long_ - short > 0.8 * (30 - 4) * 25 / 10


@pytest.mark.parametrize("power, route_sections", [
    (3e6, ((4000, 30, 0), (2000, 15, 6), (6000, 40, -4), (3000, 22, 10), (5000, 33, 0))),
    (1.2e6, ((8000, 35, 3), (1500, 12, 0), (9000, 35, -6))),
])
def test_agrees_with_the_1m_reference_integrator(power, route_sections):
    doc = _doc(_line(*route_sections, stops=(1,)), power=power, n_coaches=12)
    fast = compute_trip(doc, doc.route).running_s
    ref = reference_running_time(doc, doc.route, dx=1.0)
    assert fast == pytest.approx(ref, rel=1e-3)


def test_independent_of_the_integration_step(monkeypatch):
    doc = _doc(_line((6000, 35, 0), (3000, 15, 9), (6000, 35, -2)), power=2e6, n_coaches=10)
    base = compute_trip(doc, doc.route).running_s
    monkeypatch.setattr(running, "DV", 0.05)
    fine = compute_trip(doc, doc.route).running_s
    monkeypatch.setattr(running, "DV", 2.0)
    coarse = compute_trip(doc, doc.route).running_s
    assert fine == pytest.approx(base, rel=1e-3) and coarse == pytest.approx(base, rel=1e-3)


def test_a_grade_the_train_cannot_climb_is_reported_not_looped():
    doc = _doc(_line((3000, 30, 0), (3000, 30, 60), (3000, 30, 0)), power=500_000, te=60_000, n_coaches=40)
    r = compute_trip(doc, doc.route)
    assert not r.feasible
    w = [w for w in r.warnings if w.section_index is not None]
    assert w and w[0].section_index == 1 and "cannot climb" in w[0].message
    assert all(math.isfinite(x) for x in (r.total_s, r.running_s))


def test_a_cap_of_zero_is_a_clear_warning():
    doc = _doc(_line((3000, 30, 0)), cap=0.0)
    r = compute_trip(doc, doc.route)
    assert not r.feasible and "cap is 0" in r.warnings[0].message


def test_the_cap_and_the_slowest_car_set_the_limit():
    doc = _doc(_line((50_000, 40, 0)), power=5e6, cap=15.0)
    r = compute_trip(doc, doc.route)
    assert r.profile.speed_m_s.max() == pytest.approx(15.0)


def test_no_locomotive_for_the_gauge_is_a_warning(small_document):
    cars = [c for c in small_document.consist.cars if c.type_id != "loco-ru"]
    doc = small_document.model_copy(update={"consist": Consist(cars=cars)})
    r = compute_trip(doc, doc.route)
    assert not r.feasible and any("1520 mm" in w.message and w.section_index == 1 for w in r.warnings)
