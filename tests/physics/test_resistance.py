"""The Davis law in SI equals the imperial formula it comes from; who pulls, and how hard."""
import pytest

from traintool.model import Assumptions
from traintool.physics.resistance import curve_permille, davis_car, davis_train, grade_force
from traintool.physics.traction import TractiveEffort, train_forces, train_on_gauge

LB, TON, MPH = 4.4482216152605, 907.18474, 0.44704  # N, kg, m/s


def test_modified_davis_in_si_matches_the_imperial_formula():
    # A 50 t, four-axle coach at 30 mph, by hand in AREA's units:
    tons = 50_000 / TON  # short tons
    w, n, V = tons / 4, 4, 30.0
    r_lb_per_ton = 0.6 + 20 / w + 0.01 * V + 0.07 * V**2 / (w * n)
    r_newton = r_lb_per_ton * tons * LB
    assert davis_car(50_000, 4, Assumptions())(30 * MPH) == pytest.approx(r_newton, rel=1e-12)
    assert r_newton == pytest.approx(856.7, abs=0.1)  # by hand: 192.6 lb


def test_whole_train_in_si_matches_the_imperial_formula_car_by_car(doc):
    # A 120 t six-axle locomotive leading five 50 t four-axle coaches, at 40 mph.
    d = doc(None, coaches=5)
    a = d.scenario.assumptions
    V = 40.0
    total_lb = 0.0
    for i, (mass, axles) in enumerate([(120_000, 6)] + [(50_000, 4)] * 5):
        tons = mass / TON
        w = tons / axles
        k = 0.07 * (a.lead_air_factor if i == 0 else 1)
        total_lb += tons * (0.6 + 20 / w + 0.01 * V + k * V**2 / (w * axles))
    r = davis_train(d.resolved_cars(), a)
    assert r(V * MPH) == pytest.approx(total_lb * LB, rel=1e-12)
    assert (r.a, r.b, r.c) == pytest.approx(tuple(sum(x) for x in zip(*[
        (q.a, q.b, q.c) for q in (davis_car(c.mass_kg, c.axles, a, leading=i == 0) for i, c in enumerate(d.resolved_cars()))])))


def test_leading_unit_has_more_air_drag():
    a = Assumptions()
    lead, trail = davis_car(100_000, 6, a, leading=True), davis_car(100_000, 6, a)
    assert lead.c == pytest.approx(a.lead_air_factor * trail.c) and lead.a == trail.a and lead.b == trail.b


def test_gradient_and_curve():
    assert grade_force(1_000_000, 10) == pytest.approx(1_000_000 * 9.80665 * 0.010)
    assert grade_force(1_000_000, -5) < 0
    assert curve_permille(None, Assumptions()) == 0
    # k / R = 1 N per kN of weight: 1,000 t weigh 9,806.65 kN, so 9,806.65 N.
    assert grade_force(1_000_000, curve_permille(600, Assumptions(curve_resistance_k=600))) == pytest.approx(9806.65)


def test_tractive_effort_is_the_sum_of_each_locomotives_least_limit():
    # Two locomotives with knees at 2 and 10 m/s.
    te = TractiveEffort.of([(300_000.0, 600_000.0), (100_000.0, 1_000_000.0)])
    for v in (0.0, 1.0, 2.0, 5.0, 10.0, 30.0):
        expected = min(300_000.0, 600_000.0 / v if v else 1e99) + min(100_000.0, 1_000_000.0 / v if v else 1e99)
        assert te(v) == pytest.approx(expected), v
    assert te.max_force_n == 400_000 and te.power_w == 1_600_000


def test_adhesion_limits_a_light_locomotive(doc):
    a = Assumptions(adhesion_coefficient=0.25)
    d = doc(None, te=1_000_000.0, loco_mass=80_000.0, assumptions=a)
    f = train_forces(d.resolved_cars(), 1435, 0.0, None, a)
    assert f.max_force_n == pytest.approx(0.25 * 80_000 * 9.80665)


def test_locomotives_of_another_gauge_neither_pull_nor_weigh(doc):
    d = doc(None, coaches=4, extra_locos=[(3e6, 400_000.0, 200_000.0, 1520)])
    cars, a = d.resolved_cars(), d.scenario.assumptions
    std, broad = train_on_gauge(cars, 1435, a), train_on_gauge(cars, 1520, a)
    assert std.mass_kg == 120_000 + 4 * 50_000 and std.locomotives == 1
    assert broad.mass_kg == 200_000 + 4 * 50_000 and broad.locomotives == 1
    assert std.length_m == 20 + 4 * 25 and std.traction.power_w == 4e7 and broad.traction.power_w == 3e6
