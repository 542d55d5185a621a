"""Running time against cases with known answers, and against the 1 m reference integrator."""
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reference_integrator import ReferenceStall, reference_leg_times, reference_running_time
from pydantic import ValidationError

from traintool.io import load_document, resolve_route, sample_paths
from traintool.model import MIN_SPEED_M_S, Assumptions, Consist, Scenario
from traintool.physics import compute_trip, running
from traintool.physics.resistance import davis_train
from traintool.physics.result import ReasonKind
from traintool.physics.traction import train_forces
from traintool.units import LBF, MILE, UnitSystem


def _run(d):
    return compute_trip(d, d.route)


def _balance(d, power_w: float, permille: float, top: float = 30.0) -> float:
    """The speed where constant power balances the whole train's Davis resistance and a gradient:
    P / v = R(v) + m·g·i, by bisection on the closed form (an answer worked out apart from the solver)."""
    R = davis_train(d.resolved_cars(), d.scenario.assumptions)
    grade = d.stats().mass_kg * 9.80665 * permille / 1000
    lo, hi = 1.0, top
    for _ in range(100):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if power_w / mid > R(mid) + grade else (lo, mid)
    return lo


def test_constant_force_no_resistance_has_the_textbook_answer(line, doc, free):
    L, v = 20_000.0, 25.0
    d = doc(line((L, v, 0)), assumptions=free)  # 40 MW: the 200 kN limit holds up to 200 m/s
    a, b = 200_000.0 / d.stats().mass_kg, free.service_braking_m_s2
    r = _run(d)
    assert r.running_s == pytest.approx(L / v + v / (2 * a) + v / (2 * b), rel=1e-9)
    assert r.legs[0].running_s == r.running_s


@pytest.mark.parametrize("coaches", [4, 30])
def test_a_limit_holds_until_the_rear_has_left_its_section(line, doc, free, coaches):
    # 40 m/s, then 10 m/s for 1 km, then 40 m/s: by hand, with constant force and no resistance,
    # the train slows to 10 m/s as its front reaches the restriction and speeds up again only
    # once its rear has left it, after 1 km plus its own length.
    d = doc(line((5000, 40, 0), (1000, 10, 0), (5000, 40, 0)), assumptions=free, coaches=coaches,
            coach_mass=10_000.0)
    train_length = 20 + 25 * coaches
    a, b = 200_000.0 / d.stats().mass_kg, free.service_braking_m_s2
    up1, down1 = 40**2 / (2 * a), (40**2 - 10**2) / (2 * b)
    up2, down2 = (40**2 - 10**2) / (2 * a), 40**2 / (2 * b)
    cruise1 = 5000 - up1 - down1
    cruise2 = 11_000 - (6000 + train_length) - up2 - down2
    assert cruise1 > 0 and cruise2 > 0  # the train reaches 40 m/s both times
    expected = 40 / a + cruise1 / 40 + 30 / b + (1000 + train_length) / 10 + 30 / a + cruise2 / 40 + 40 / b
    assert _run(d).running_s == pytest.approx(expected, rel=1e-9)


def test_a_longer_train_takes_longer_through_a_restriction(line, doc):
    route = line((5000, 40, 0), (1000, 10, 0), (5000, 40, 0))
    short = _run(doc(route, coaches=4)).running_s
    long_ = _run(doc(route, coaches=30)).running_s
    # The long train holds 10 m/s until its rear (770 m behind) has left the restriction: 650 m more at 10 m/s.
    assert long_ - short > 0.8 * (30 - 4) * 25 / 10


def test_constant_power_converges_to_the_balancing_speed(line, doc):
    d = doc(line((200_000, 100, 0)), power=1_000_000, te=300_000)
    r = _run(d)
    lo = _balance(d, 1_000_000, permille=0.0, top=100.0)
    assert lo < 60  # a real balance, under every limit
    mid_speed = np.interp(100_000, r.profile.distance_m, r.profile.speed_m_s)
    assert mid_speed == pytest.approx(lo, rel=1e-3)


def test_profile_never_exceeds_the_limit_and_stops_at_every_stop(line, doc):
    d = doc(line((5000, 30, 0), (3000, 12, 5), (8000, 40, -3), (4000, 20, 8), stops=(1, 2), passes=(0,)), power=3e6,
            coaches=20)
    r = _run(d)
    p = r.profile
    assert np.all(p.speed_m_s <= p.limit_m_s + 1e-9)
    assert np.all(np.diff(p.distance_m) >= -1e-9) and np.all(np.diff(p.time_s) >= -1e-9)
    for st in d.route.stations:
        at = np.isclose(p.distance_m, st.position_m, atol=1e-6)
        assert at.any(), st.name
        assert np.allclose(p.speed_m_s[at], 0.0, atol=1e-6) == st.stop, st.name
    # Against the route's own limits: a section's limit holds from its start to its end plus the train's length.
    length = d.stats().length_m
    for s in d.route.sections:
        inside = (p.distance_m > s.start_m + 1e-6) & (p.distance_m < s.end_m + length - 1e-6)
        assert np.all(p.speed_m_s[inside] <= s.speed_limit_m_s + 1e-9)


def test_the_cap_and_the_slowest_car_set_the_limit(line, doc):
    r = _run(doc(line((50_000, 40, 0)), power=5e6, cap=15.0))
    assert r.profile.speed_m_s.max() == pytest.approx(15.0)
    r = _run(doc(line((50_000, 40, 0)), power=5e6, max_speed=22.0))
    assert r.profile.speed_m_s.max() == pytest.approx(22.0)


@pytest.mark.parametrize("cap", [MIN_SPEED_M_S, 0.5])
def test_a_tiny_cap_is_slow_but_not_a_stall(line, doc, cap):
    r = _run(doc(line((1000, 30, 0)), cap=cap))
    assert r.feasible and not r.warnings
    assert r.running_s == pytest.approx(1000 / cap, rel=1e-2)


@pytest.mark.parametrize("cap", [0.0, 2.2e-309, 1e-4, 0.27])  # 2.2e-309: what hypothesis once found
def test_a_cap_below_1_kmh_is_refused_by_the_model(cap):
    with pytest.raises(ValidationError, match="greater than or equal to 0.277"):
        Scenario(top_speed_cap_m_s=cap)


@pytest.mark.parametrize("power, sections, stops", [
    (3e6, ((4000, 30, 0), (2000, 15, 6), (6000, 40, -4), (3000, 22, 10), (5000, 33, 0)), (1,)),
    (1.2e6, ((8000, 35, 3), (1500, 12, 0), (9000, 35, -6)), ()),
    (2e6, ((6000, 35, 3, 400), (700, 8, 0), (9000, 35, -6, 900), (300, 30, 12)), (0, 2)),
])
def test_agrees_with_the_1m_reference_integrator(line, doc, power, sections, stops):
    d = doc(line(*sections, stops=stops), power=power, coaches=12)
    r = _run(d)
    ref = reference_leg_times(d, d.route, dx=1.0)
    assert [leg.running_s for leg in r.legs] == pytest.approx(ref, rel=1e-3)
    assert r.running_s == pytest.approx(sum(ref), rel=1e-4)


def test_agrees_with_the_reference_with_mixed_locomotives_and_a_break_of_gauge(line, doc):
    # Two 1435 mm locomotives of different knees, a 1520 mm one after the break, a cap, curves.
    d = doc(line((6000, 30, 2, 500), (4000, 25, -3), (8000, 35, 4), (5000, 20, 0), gauges=[1435, 1435, 1520, 1520],
                 breaks={1: 1520}), power=1.5e6, te=250_000,
            extra_locos=[(3e6, 120_000.0, 90_000.0, 1435), (2.5e6, 350_000.0, 150_000.0, 1520)], coaches=15, cap=32.0)
    r = _run(d)
    assert r.feasible and len(r.legs) == 2
    ref = reference_leg_times(d, d.route, dx=1.0)
    assert [leg.running_s for leg in r.legs] == pytest.approx(ref, rel=1e-3)


def test_independent_of_the_integration_step(line, doc, monkeypatch):
    d = doc(line((6000, 35, 0), (3000, 15, 9), (6000, 35, -2)), power=2e6, coaches=10)
    base = _run(d).running_s
    for dv in (0.05, 2.0, 5.0):
        monkeypatch.setattr(running, "DV", dv)
        assert _run(d).running_s == pytest.approx(base, rel=1e-4), dv


def test_a_grade_the_train_cannot_climb_is_reported_promptly(line, doc):
    d = doc(line((3000, 30, 0), (3000, 30, 60), (3000, 30, 0)), power=500_000, te=60_000, coaches=40)
    r = _run(d)
    assert not r.feasible and r.total_s is None and r.running_s == 0 and r.legs[0].running_s is None
    [why] = r.reasons
    assert why.kind is ReasonKind.STALL and why.section_index == 1 and "section 2 (km 3–km 6)" in why.message
    # Where: on the grade, once enough of the train is on it; how much pull is missing, in kN.
    assert 3000 < why.position_m < 6000 and r.reached_m == why.position_m
    assert f"km {why.position_m / 1000:,.1f}" in why.message
    f = train_forces(d.resolved_cars(), 1435, 60.0, None, d.scenario.assumptions)
    assert 0 < why.shortfall_n <= f.resistance(0.0) - f.traction(0.0)  # at most: with the whole train on 60 ‰
    assert f"by {why.shortfall_n / 1000:,.0f} kN" in why.message
    # The same sentence in imperial units: miles and pounds-force, the same figures converted.
    assert why.text(UnitSystem.METRIC) == why.message == why.text(UnitSystem.METRIC, d.route)
    imperial = why.text(UnitSystem.IMPERIAL, d.route)
    assert "section 2 (mi 1.86411–mi 3.72823)" in imperial  # km 3 and km 6
    assert f"mi {why.position_m / MILE:,.1f}" in imperial and f"by {why.shortfall_n / LBF:,.0f} lbf" in imperial
    assert f"({why.resistance_n / LBF:,.0f} lbf) exceeds" in imperial and " kN" not in imperial
    assert f"starting tractive effort ({(why.resistance_n - why.shortfall_n) / 1000:,.0f} kN)" in why.message
    with pytest.raises(ReferenceStall):
        reference_running_time(d, d.route)


def test_a_train_too_heavy_to_start_on_the_level_is_reported(line, doc):
    d = doc(line((3000, 30, 0), (3000, 30, -1)), power=500_000, te=20_000, coaches=80)
    r = _run(d)
    [why] = r.reasons
    assert why.kind is ReasonKind.STALL and why.section_index == 0 and "section 1" in why.message
    assert why.position_m == 0 and r.reached_m == 0


def test_a_train_that_slows_on_a_grade_but_climbs_it_is_feasible(line, doc):
    # It enters the 12 ‰ grade at 30 m/s and slows toward its balancing speed there, never stalls.
    d = doc(line((3000, 30, 0), (10_000, 30, 12), (3000, 30, 0)), power=1e6, te=200_000, coaches=10)
    r = _run(d)
    assert r.feasible
    lo = _balance(d, 1e6, permille=12.0)
    assert lo < 20
    assert np.interp(12_900, r.profile.distance_m, r.profile.speed_m_s) == pytest.approx(lo, rel=5e-3)
    assert r.running_s == pytest.approx(reference_running_time(d, d.route), rel=1e-3)


def test_no_locomotive_for_the_gauge_is_a_reason(small_document):
    cars = [c for c in small_document.consist.cars if c.type_id != "loco-ru"]
    d = small_document.model_copy(update={"consist": Consist(cars=cars)})
    r = compute_trip(d, d.route)
    [why] = r.reasons
    assert why.kind is ReasonKind.NO_LOCOMOTIVE and why.gauge_mm == 1520 and why.section_index == 1
    assert "1520 mm" in why.message and "section 2" in why.message
    # It runs as far as the break of gauge, and no further; no duration for the whole.
    assert r.total_s is None and r.legs[0].running_s > 0 and r.legs[1].running_s is None
    assert r.running_s == r.legs[0].running_s and r.reached_m == d.route.stations[1].position_m


def test_an_empty_consist_is_a_reason(small_document):
    d = small_document.model_copy(update={"consist": Consist(cars=[])})
    r = compute_trip(d, d.route)
    [why] = r.reasons
    assert why.kind is ReasonKind.EMPTY_TRAIN and "empty" in why.message
    assert r.total_s is None and r.running_s == 0 and r.reached_m == 0 and r.dwell_s == r.refit_s == 0


def test_a_route_of_two_stations(line, doc):
    r = _run(doc(line((1.0, 30, 0))))  # one metre
    assert r.feasible and 0 < r.running_s < 10 and len(r.legs) == 1


def test_a_train_longer_than_the_route(line, doc):
    d = doc(line((100, 30, 0), (100, 5, 0), (100, 30, 0)), coaches=100)
    r = _run(d)
    assert r.feasible and r.profile.speed_m_s.max() <= 5 + 1e-9  # its rear never leaves the restriction
    assert r.running_s == pytest.approx(reference_running_time(d, d.route, dx=0.1), rel=1e-3)


def test_a_locomotive_of_another_gauge_changes_nothing(line, doc):
    route = line((20_000, 30, 5), (10_000, 20, -2))
    alone = _run(doc(route, power=2e6))
    with_broad = _run(doc(route, power=2e6, extra_locos=[(5e6, 500_000.0, 300_000.0, 1520)]))
    assert with_broad.running_s == alone.running_s


def test_more_locomotives_of_the_gauge_are_faster(line, doc):
    route = line((20_000, 30, 5), (10_000, 20, -2))
    one = _run(doc(route, power=1e6, coaches=20))
    two = _run(doc(route, power=1e6, coaches=20, extra_locos=[(1e6, 200_000.0, 120_000.0, 1435)]))
    assert two.running_s < one.running_s


def test_no_nan_in_a_profile(line, doc):
    r = _run(doc(line((2000, 30, -80), (5000, MIN_SPEED_M_S, 0), (10, 45, 80), (3000, 45, -30)), power=3e7, te=2e6,
                 loco_mass=900_000.0))
    p = r.profile
    assert r.feasible
    for arr in (p.distance_m, p.speed_m_s, p.time_s, p.limit_m_s):
        assert arr.dtype == float and np.all(np.isfinite(arr))
    assert len(p.distance_m) == len(p.speed_m_s) == len(p.time_s) == len(p.limit_m_s)


def test_the_profile_time_ends_at_the_running_time(line, doc):
    r = _run(doc(line((5000, 30, 0), (3000, 12, 5), stops=(0,)), power=3e6))
    assert r.profile.time_s[-1] == pytest.approx(r.running_s)
    assert r.profile.distance_m[-1] == pytest.approx(8000)


def test_stronger_braking_is_never_slower(line, doc):
    route = line((5000, 30, 0), (3000, 12, 5), (5000, 30, 0), stops=(0,))
    slow = _run(doc(route, assumptions=Assumptions(service_braking_m_s2=0.3))).running_s
    fast = _run(doc(route, assumptions=Assumptions(service_braking_m_s2=1.0))).running_s
    assert fast < slow


def test_a_limit_below_1_kmh_is_refused_by_the_model(line):
    with pytest.raises(ValidationError, match="greater than or equal to 0.277"):
        line((3000, 1e-320, 0))


# ----------------------------------------------------------------------------- grades over the train's length

def _hump_line(line, hump_m: float, permille: float):
    # 2 km level, a hump of `hump_m` at `permille` up and as much down, 2 km level.
    return line((2000, 20, 0), (hump_m, 20, permille), (hump_m, 20, -permille), (2000, 20, 0))


def test_a_hump_shorter_than_the_train_is_climbed_by_the_averaged_grade(line, doc):
    # A 262 m train (a 20 m locomotive and 11 coaches of 22 m) over a 120 m hump at 30 ‰. With
    # the grade under the front acting on the whole train it could not start up it: its starting
    # pull is below the resistance of the whole train on 30 ‰. Averaged over its length, at most
    # 120 m of the 262 m (46 %) is ever on the rise, and on the crest as much is on the fall.
    d = doc(_hump_line(line, 120, 30), coaches=11, coach_length=22.0, coach_mass=50_000.0, te=150_000, power=2e6)
    whole_on_30 = train_forces(d.resolved_cars(), 1435, 30.0, None, d.scenario.assumptions)
    assert whole_on_30.net_force(0.0) < 0  # the front rule would stall it
    r = _run(d)
    assert r.feasible and not r.reasons
    # The mean grade under the train never exceeds 120/262 of 30 ‰: its speed never falls to 0 there.
    assert r.profile.speed_m_s[(r.profile.distance_m > 2100) & (r.profile.distance_m < 2500)].min() > 0
    assert r.running_s == pytest.approx(reference_running_time(d, d.route, dx=0.5), rel=1e-3)


def test_on_a_grade_longer_than_the_train_both_rules_agree(line, doc):
    # Once the whole train is on a long grade, the mean grade under it is the grade: the speed it
    # settles at there is the balancing speed of the whole train on that grade.
    d = doc(line((3000, 30, 0), (20_000, 30, 12), (3000, 30, 0)), power=1e6, te=200_000, coaches=10)
    r = _run(d)
    lo = _balance(d, 1e6, permille=12.0)
    assert np.interp(15_000, r.profile.distance_m, r.profile.speed_m_s) == pytest.approx(lo, rel=1e-3)


def test_a_short_level_stretch_between_grades_is_not_taken_as_level(line, doc):
    # 40 m of level between two long 10 ‰ climbs: a 270 m train has at least 230 m on the climb
    # all the while (a mean of at least 8.5 ‰), so it can never pass its balancing speed on 8.5 ‰;
    # with the grade under the front acting on the whole train, it would speed up as on the level.
    d = doc(line((1000, 30, 0), (5000, 30, 10), (40, 30, 0), (5000, 30, 10)), power=1.5e6, te=250_000, coaches=10)
    r = _run(d)
    length = d.stats().length_m
    lo = _balance(d, 1.5e6, permille=10 * (length - 40) / length)
    p = r.profile
    on_level = (p.distance_m >= 6000) & (p.distance_m <= 6040 + length)
    assert r.feasible and p.speed_m_s[on_level].max() <= lo
    assert r.running_s == pytest.approx(reference_running_time(d, d.route, dx=0.5), rel=1e-3)


def test_the_rear_of_a_train_at_the_first_station_stands_on_the_first_section(line, doc):
    # Starting on a grade, the whole train is on it (the line is taken to go on behind the start):
    # it starts exactly as on a long grade.
    d = doc(line((5000, 30, 8)), power=1e6, te=200_000, coaches=10)
    first = build_segments_for(d)[0]
    assert first.forces.gradient_permille == pytest.approx(8.0)


def build_segments_for(d):
    """The segments of the document's first leg, as compute_trip builds them."""
    from traintool.physics.resistance import curve_permille
    from traintool.physics.running import LineProfile, build_segments
    from traintool.physics.traction import forces_on, train_on_gauge

    a = d.scenario.assumptions
    secs = d.route.sections
    train = train_on_gauge(d.resolved_cars(), 1435, a)
    line = LineProfile.of([s.start_m for s in secs], [s.end_m for s in secs], [s.speed_limit_m_s for s in secs],
                          [s.gradient_permille for s in secs], [curve_permille(s.curve_radius_m, a) for s in secs])
    return build_segments(line, lambda g, c: forces_on(train, g, c, a), secs[0].start_m, secs[-1].end_m,
                          train.length_m)


@pytest.mark.parametrize("sections", [1_000, 20_000])
def test_many_tiny_sections_make_few_segments(line, doc, sections):
    # 1 m sections of alternating ±5 ‰ and limits: the mean grade under a 270 m train barely moves,
    # so the segments do not multiply with the sections (the work is near-linear in them).
    d = doc(line(*[(1.0, 30 if i % 7 else 25, 5 if i % 2 else -5) for i in range(sections)]), coaches=10)
    segs = build_segments_for(d)
    length = d.stats().length_m
    # Behind the start the first section (-5 ‰) is taken to go on: the mean climbs from -5 ‰ to
    # about 0 over the train's first length, in steps of at most GRADE_STEP_PERMILLE; then it stays.
    assert len(segs) <= 5 / running.GRADE_STEP_PERMILLE + 2
    assert all(abs(s.forces.gradient_permille) < running.GRADE_STEP_PERMILLE for s in segs if s.start_m >= length)
    assert segs[-1].end_m == sections and all(s.limit_m_s == 25 for s in segs)  # a 25 m/s section is always under it


@pytest.mark.parametrize("sample", sorted(sample_paths()))
def test_an_even_spread_of_mass_is_within_0_1_percent_of_car_by_car_on_the_shipped_samples(sample):
    # traintool spreads the train's mass evenly over its length to average the gradient; the
    # reference puts each car's mass where the car is. On every shipped sample over its own
    # route the two running times agree within 0.1 % (they differ by about 1e-4 on the default).
    d = load_document(sample_paths()[sample])
    route = resolve_route(d)
    r = compute_trip(d, route)
    assert r.feasible
    assert r.running_s == pytest.approx(reference_running_time(d, route, dx=2.0, mass="per_car"), rel=1e-3)


@given(lengths=st.lists(st.floats(1e-3, 5_000), min_size=1, max_size=40),
       grades=st.lists(st.floats(-30, 30), min_size=40, max_size=40),
       fronts=st.lists(st.floats(0, 1), min_size=1, max_size=60), train=st.floats(0, 3_000))
def test_the_mean_under_the_train_is_the_same_sum_in_numpy_and_in_python(monkeypatch_many, lengths, grades, fronts,
                                                                            train):
    # A long leg's means come from numpy, a short one's from plain Python: to the bit the same.
    starts = [0.0]
    for length in lengths[:-1]:
        starts.append(starts[-1] + length)
    ends = starts[1:] + [starts[-1] + lengths[-1]]
    line = running.LineProfile.of(starts, ends, [10.0] * len(starts), grades[:len(starts)],
                                  [abs(g) / 10 for g in grades[:len(starts)]])
    xs = sorted(f * ends[-1] for f in fronts)
    with monkeypatch_many(0):
        vectorised = line.means_under(xs, train)
    with monkeypatch_many(10**9):
        plain = line.means_under(xs, train)
    assert vectorised == plain
    # And the mean is what it says: over a train inside one section, that section's gradient.
    for x, g in zip(xs, plain[0]):
        i = line.section_at(x)
        if train >= 1.0 and x - train >= starts[i]:
            assert g == pytest.approx(line.grade[i], abs=1e-9 * max(1.0, abs(line.grade[i])) + 1e-6)


@pytest.fixture(scope="session")
def monkeypatch_many():
    from contextlib import contextmanager

    @contextmanager
    def at(threshold: int):
        saved = running.MANY_POINTS
        running.MANY_POINTS = threshold
        try:
            yield
        finally:
            running.MANY_POINTS = saved
    return at


@given(length=st.floats(20.0, 5_000.0), grade=st.floats(-5.0, 5.0), split=st.floats(0.1, 0.9),
       limits=st.tuples(st.floats(25.0, 40.0), st.floats(25.0, 40.0)))
def test_a_limit_the_train_never_reaches_changes_nothing(length, grade, split, limits):
    # A short run never gets near 25 m/s; a change of limit where the grade ends once cut the
    # grade's mean under the train differently (the pieces followed the limits), and a lower cap
    # gave a faster trip (found by the cap property in CI: 40 m, 1 permille, limits 31 and 30).
    from builders import make_type
    from traintool.model import Car, CarKind, Document, Route, Section, Station

    loco = make_type("loco", CarKind.LOCOMOTIVE, power_w=200_000.0, max_tractive_effort_n=50_000.0, max_speed_m_s=40.0)
    cut = length * split

    def doc(a: float, b: float, cap: float | None) -> Document:
        route = Route(id="line", name="Line", stations=[Station(name="A", position_m=0), Station(name="B", position_m=length)],
                      sections=[Section(start_m=0, end_m=cut, gauges_mm=[1435], speed_limit_m_s=a, gradient_permille=grade),
                                Section(start_m=cut, end_m=length, gauges_mm=[1435], speed_limit_m_s=b)])
        return Document(car_types=[loco], consist=Consist(cars=[Car(type_id="loco")]), route=route,
                        scenario=Scenario(top_speed_cap_m_s=cap))

    plain = compute_trip(d := doc(*limits, None), d.route)
    if not plain.feasible or float(np.max(plain.profile.speed_m_s)) > 24.0:
        return  # the limits may bind: nothing to compare
    for other in (doc(40.0, 40.0, None), doc(*limits, 24.5), doc(limits[1], limits[0], None)):
        assert compute_trip(other, other.route).running_s == pytest.approx(plain.running_s, rel=1e-7)  # the event search's precision
