"""The Davis law in SI equals the imperial formula it comes from."""
import pytest

from traintool.model import Assumptions
from traintool.physics.resistance import curve_force, davis_car, grade_force


def test_modified_davis_in_si_matches_the_imperial_formula():
    # A 50 t, four-axle coach at 30 mph, by hand in AREA's units:
    tons = 50_000 / 907.18474  # short tons
    w, n, V = tons / 4, 4, 30.0
    r_lb_per_ton = 0.6 + 20 / w + 0.01 * V + 0.07 * V**2 / (w * n)
    r_newton = r_lb_per_ton * tons * 4.4482216152605
    assert davis_car(50_000, 4, Assumptions())(30 * 0.44704) == pytest.approx(r_newton, rel=1e-12)
    assert r_newton == pytest.approx(856.7, abs=0.1)


def test_leading_unit_has_more_air_drag():
    a = Assumptions()
    lead, trail = davis_car(100_000, 6, a, leading=True), davis_car(100_000, 6, a)
    assert lead.c == pytest.approx(a.lead_air_factor * trail.c) and lead.a == trail.a


def test_gradient_and_curve():
    assert grade_force(1_000_000, 10) == pytest.approx(1_000_000 * 9.80665 * 0.010)
    assert grade_force(1_000_000, -5) < 0
    assert curve_force(1_000_000, None, Assumptions()) == 0
    assert curve_force(1_000_000, 600, Assumptions(curve_resistance_k=600)) == pytest.approx(9806.65)
