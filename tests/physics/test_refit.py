"""The refit delay at a break of gauge: hand-computed answers and the properties of the model."""
import math
import random

import pytest

from builders import make_type
from traintool.model import BreakOfGauge, Car, CarKind, GaugeChange, RefitFacility, RefitMethod, resolve_car
from traintool.physics.refit import (
    BRAKE, COUPLE, LIFT, LOCO, LOWER, ROLL, SPLIT, SWAP, TRANSSHIP, can_change, compute_refit, overlong_cars,
    plan_cuts, schedule_cuts,
)

LOCO_T = make_type("loco", CarKind.LOCOMOTIVE)
COACH = make_type("coach", length_m=25.0)
COACH24 = make_type("coach24", length_m=24.0)
FIXED = make_type("fixed", gauge_change=GaugeChange.NONE)
TALGO = make_type("talgo", length_m=13.0, gauge_change=GaugeChange.VARIABLE_GAUGE)
LONG = make_type("long", length_m=40.0)

# Round, distinct figures so that a hand sum shows which step went where.
HAND = dict(split_s_per_cut=100.0, lift_s=200.0, bogie_swap_s=300.0, lower_s=400.0, couple_s_per_car=10.0,
            locomotive_change_s=1000.0, brake_test_s=2000.0)


def consist(*types, **overrides):
    """Resolved cars front to back; overrides = {position: {field: value}}."""
    return [resolve_car(Car(type_id=t.id, **overrides.get(f"c{i}", {})), t) for i, t in enumerate(types)]


def refit(cars, facility=None, **kw):
    facility = facility or RefitFacility(**kw)
    brk = BreakOfGauge(station="Tumangang", to_gauge_mm=1520, facility=RefitFacility())
    return compute_refit(cars, brk, facility, 1435, 812_000.0)


def by_name(result):
    return {s.name: s.duration_s for s in result.steps}


def check_consistent(r):
    """Steps add up to the duration; bars on one track never overlap and all end by the duration."""
    assert math.fsum(s.duration_s for s in r.steps) == pytest.approx(r.duration_s, abs=1e-6)
    assert all(s.duration_s >= 0 for s in r.steps)
    per_track: dict[int, list] = {}
    for b in r.timeline:
        assert 0 <= b.start_s <= b.end_s <= r.duration_s + 1e-6
        per_track.setdefault(b.track, []).append(b)
    for bars in per_track.values():
        bars.sort(key=lambda b: (b.start_s, b.end_s))
        for a, b in zip(bars, bars[1:]):
            assert b.start_s >= a.end_s - 1e-6, (a, b)
    cut_end = max((b.end_s for b in r.timeline if b.track >= 0), default=0.0)
    assert all(b.start_s >= cut_end - 1e-6 for b in r.timeline if b.track == -1)
    if r.timeline:
        assert max(b.end_s for b in r.timeline) == pytest.approx(r.duration_s)
    assert {b.cut for b in r.timeline if b.track >= 0} == set(range(r.cuts))


def closed_form(n: int, tracks: int, s: float, w: float) -> float:
    """End of the cut phase for n equal cuts: one shunting locomotive, cuts to the first free track."""
    r, j = divmod(n - 1, tracks)
    return max((n - 1) * s, r * (s + w) + j * s) + s + w


# ----------------------------------------------------------------------------- bogie exchange

def test_one_cut_on_one_track_is_the_sum_of_the_steps():
    r = refit(consist(LOCO_T, COACH, COACH, COACH, COACH), tracks=1, track_length_m=100, **HAND)
    # 100 + 200 + 300 + 400 + 4 × 10 + 1000 + 2000
    assert r.duration_s == pytest.approx(4040.0)
    assert (r.cars, r.cuts, r.cannot_change) == (4, 1, [])
    assert by_name(r) == {SPLIT: 100, LIFT: 200, SWAP: 300, LOWER: 400, COUPLE: 40, LOCO: 1000, BRAKE: 2000}
    assert [s.name for s in r.steps] == [SPLIT, LIFT, SWAP, LOWER, COUPLE, LOCO, BRAKE]
    assert (r.station, r.position_m, r.from_gauge_mm, r.to_gauge_mm, r.method) == (
        "Tumangang", 812_000.0, 1435, 1520, RefitMethod.BOGIE_EXCHANGE)
    check_consistent(r)
    whole = [(b.step, b.start_s, b.end_s) for b in r.timeline if b.track == -1]
    assert whole == [(LOCO, 1040, 2040), (BRAKE, 2040, 4040)]
    assert all(b.cut == -1 for b in r.timeline if b.track == -1)


@pytest.mark.parametrize("n, tracks, s, f, expected", [
    (11, 2, 600, 2100, 16200),  # track-bound: 6 rounds of S + W
    (7, 3, 1000, 500, 7500),  # shunter-bound: 6 shunts, then the last cut's 1500
    (5, 2, 300, 1000, 3900),  # track-bound with a cut left over: r = 2, j = 0 → 3 × 1300
    (6, 4, 300, 1000, 2900),  # r = 1, j = 1: cut 4 waits for track 0 (1300), cut 5 for track 1 (1600) + 1300
    (1, 5, 300, 1000, 1300),
])
def test_equal_cuts_on_parallel_tracks_follow_the_closed_form(n, tracks, s, f, expected):
    # No coupling time, so fuller cuts are always best: the plan is n cuts of 4 coaches.
    fac = RefitFacility(tracks=tracks, track_length_m=100, split_s_per_cut=s, lift_s=f, bogie_swap_s=0, lower_s=0,
                        couple_s_per_car=0, locomotive_change_s=50, brake_test_s=70)
    r = refit(consist(LOCO_T, *[COACH] * (4 * n)), fac)
    assert r.cuts == n
    assert closed_form(n, tracks, s, f) == pytest.approx(expected)
    assert r.duration_s == pytest.approx(expected + 50 + 70)
    check_consistent(r)


@pytest.mark.parametrize("n, tracks, k", [(11, 2, 8), (4, 3, 3), (9, 4, 1), (3, 1, 5)])
def test_schedule_of_equal_cuts_with_coupling_matches_the_closed_form(n, tracks, k):
    fac = RefitFacility(tracks=tracks, **HAND)
    w = 200 + 300 + 400 + 10 * k
    sched = schedule_cuts([k] * n, fac)
    assert sched.makespan_s == pytest.approx(closed_form(n, tracks, 100, w))
    assert math.fsum(sched.critical_s.values()) == pytest.approx(sched.makespan_s)
    assert sched.tracks == [i % tracks for i in range(n)]  # equal cuts go round the tracks in turn


def test_critical_path_counts_the_rounds():
    # 3 equal cuts on 2 tracks, track-bound: the path is cut 0 on track 0, then cut 2 after it.
    fac = RefitFacility(tracks=2, track_length_m=50, **HAND)
    r = refit(consist(*[COACH] * 6), fac)  # cuts of 2 coaches, no locomotive
    assert r.cuts == 3
    w = 200 + 300 + 400 + 20
    assert r.duration_s == pytest.approx(2 * (100 + w) + 2000)
    assert by_name(r) == {SPLIT: 200, LIFT: 400, SWAP: 600, LOWER: 800, COUPLE: 40, BRAKE: 2000}
    check_consistent(r)
    # Shunter-bound: 3 cuts on 3 tracks, slow shunting: three shunts, then the last cut's work.
    fac = RefitFacility(tracks=3, track_length_m=50, split_s_per_cut=1000, lift_s=100, bogie_swap_s=100, lower_s=100,
                        couple_s_per_car=0, brake_test_s=0)
    r = refit(consist(*[COACH] * 6), fac)
    assert r.duration_s == pytest.approx(3000 + 300)
    assert by_name(r) == {SPLIT: 3000, LIFT: 100, SWAP: 100, LOWER: 100, COUPLE: 0, BRAKE: 0}
    check_consistent(r)


def test_cuts_follow_the_track_length_and_locomotives_stay_out():
    # 2 locomotives (front and middle) and 10 coaches on a 110 m track: cuts of 4, 4, 2 coaches.
    fac = RefitFacility(tracks=1, track_length_m=110, **HAND)
    cars = consist(LOCO_T, *[COACH] * 5, LOCO_T, *[COACH] * 5)
    assert plan_cuts([25.0] * 10, fac) == [4, 4, 2]
    r = refit(cars, fac)
    assert (r.cars, r.cuts) == (10, 3)
    # On one track the cuts follow one another: 3 × (100 + 900) + 10 × 10, then locomotives and brakes once.
    assert r.duration_s == pytest.approx(3000 + 100 + 1000 + 2000)
    assert by_name(r)[LOCO] == 1000
    check_consistent(r)


def test_the_facility_does_not_always_fill_the_track():
    # 15 coaches of 24 m, a track for all of them, 2 tracks, default timings. One cut of 15:
    # 600 + 2100 + 15 × 60 = 3600. Two cuts of 13 and 2: 600 + 2100 + 780 = 3480 on track 0 and
    # 1200 + 2100 + 120 = 3420 on track 1: quicker, so the facility works it that way.
    fac = RefitFacility(track_length_m=400)
    assert plan_cuts([24.0] * 15, fac) == [13, 2]
    r = refit(consist(LOCO_T, *[COACH24] * 15), fac)
    assert r.cuts == 2
    assert r.duration_s == pytest.approx(3480 + 600 + 600)
    # On one track, one cut is best.
    r1 = refit(consist(LOCO_T, *[COACH24] * 15), RefitFacility(track_length_m=400, tracks=1))
    assert r1.cuts == 1 and r1.duration_s == pytest.approx(3600 + 1200)


def test_a_car_longer_than_the_track_is_a_cut_of_its_own():
    fac = RefitFacility(tracks=1, track_length_m=30, **HAND)
    cars = consist(COACH, LONG, COACH)
    assert plan_cuts([c.length_m for c in cars], fac) == [1, 1, 1]
    assert overlong_cars(cars, fac) == [1]
    assert overlong_cars(cars, RefitFacility(method="gauge_changer", track_length_m=30)) == []
    r = refit(cars, fac)
    assert (r.cars, r.cuts, r.cannot_change) == (3, 3, [])
    check_consistent(r)



def test_a_car_exactly_as_long_as_the_track_is_not_overlong_and_a_centimetre_more_is():
    fac = RefitFacility(tracks=1, track_length_m=40, **HAND)
    assert overlong_cars(consist(COACH, LONG, COACH), fac) == []  # 40 m on a 40 m track: it fits
    longer = consist(COACH, make_type("longer", length_m=40.01), COACH)
    assert overlong_cars(longer, fac) == [1]
    # Two cars that fill the track to its end are one cut; a centimetre more and they are two.
    assert plan_cuts([20.0, 20.0], fac) == [2]
    assert plan_cuts([20.0, 20.01], fac) == [1, 1]
    # An overlong car first in the train is a cut of its own too, with no empty cut before it.
    assert plan_cuts([40.01, 20.0, 20.0], fac) == [1, 2]

# ----------------------------------------------------------------------------- cars that cannot change

def test_a_car_that_cannot_change_is_reported_and_left_out():
    cars = consist(LOCO_T, COACH, COACH, FIXED, COACH, TALGO)
    r = refit(cars, tracks=1, track_length_m=500, **HAND)
    assert r.cannot_change == [3, 5]
    assert (r.cars, r.cuts) == (3, 1)
    assert r.duration_s == pytest.approx(100 + 200 + 300 + 400 + 30 + 1000 + 2000)
    check_consistent(r)


def test_which_cars_each_method_accepts():
    assert can_change(GaugeChange.BOGIE_EXCHANGE, RefitMethod.BOGIE_EXCHANGE)
    assert not can_change(GaugeChange.VARIABLE_GAUGE, RefitMethod.BOGIE_EXCHANGE)
    assert not can_change(GaugeChange.NONE, RefitMethod.BOGIE_EXCHANGE)
    assert can_change(GaugeChange.VARIABLE_GAUGE, RefitMethod.GAUGE_CHANGER)
    assert not can_change(GaugeChange.BOGIE_EXCHANGE, RefitMethod.GAUGE_CHANGER)
    assert all(can_change(g, RefitMethod.TRANSSHIPMENT) for g in GaugeChange)
    cars = consist(LOCO_T, COACH, FIXED, TALGO)
    assert refit(cars, method="gauge_changer").cannot_change == [1, 2]
    assert refit(cars, method="transshipment").cannot_change == []
    # An override on the car counts, not the type's value.
    cars = consist(COACH, COACH, c1={"gauge_change": GaugeChange.NONE})
    assert refit(cars).cannot_change == [1]


def test_when_no_car_can_change_only_the_locomotives_are_swapped():
    r = refit(consist(LOCO_T, FIXED, FIXED), **HAND)
    assert r.cannot_change == [1, 2]
    assert (r.cars, r.cuts, r.duration_s) == (0, 0, 1000)
    assert by_name(r) == {LOCO: 1000}
    check_consistent(r)


# ----------------------------------------------------------------------------- other methods

def test_gauge_changer_is_length_over_speed_plus_fixed_steps():
    # 10 cars of 13 m at 2.5 m/s: 52 s, then 1000 + 2000.
    r = refit(consist(LOCO_T, *[TALGO] * 10), method="gauge_changer", changer_speed_m_s=2.5, **HAND)
    assert r.duration_s == pytest.approx(52 + 1000 + 2000)
    assert (r.cars, r.cuts) == (10, 1)
    assert by_name(r) == {ROLL: pytest.approx(52), LOCO: 1000, BRAKE: 2000}
    check_consistent(r)


def test_transshipment_shares_the_cars_over_the_platforms():
    # 5 cars × 900 s on 2 platforms: 2250 s; on 10 platforms only 5 are used: 900 s.
    r = refit(consist(LOCO_T, COACH, FIXED, TALGO, COACH, COACH), method="transshipment", tracks=2,
              transship_s_per_car=900, locomotive_change_s=100, brake_test_s=200)
    assert (r.cars, r.cuts, r.cannot_change) == (5, 2, [])
    assert r.duration_s == pytest.approx(2250 + 300)
    assert by_name(r) == {TRANSSHIP: 2250, LOCO: 100, BRAKE: 200}
    check_consistent(r)
    r = refit(consist(*[COACH] * 5), method="transshipment", tracks=10, transship_s_per_car=900, brake_test_s=0)
    assert (r.cuts, r.duration_s) == (5, 900)
    check_consistent(r)


# ----------------------------------------------------------------------------- edge cases

@pytest.mark.parametrize("method", list(RefitMethod))
def test_empty_consist(method):
    r = refit([], method=method)
    assert (r.cars, r.cuts, r.duration_s, r.steps, r.timeline, r.cannot_change) == (0, 0, 0.0, [], [], [])


@pytest.mark.parametrize("method", list(RefitMethod))
def test_locomotives_only(method):
    r = refit(consist(LOCO_T, LOCO_T), method=method, locomotive_change_s=900)
    assert (r.cars, r.cuts, r.duration_s, r.cannot_change) == (0, 0, 900, [])
    assert [(s.name, s.duration_s) for s in r.steps] == [(LOCO, 900)]
    check_consistent(r)


def test_no_locomotive_no_locomotive_change():
    r = refit(consist(COACH, COACH), tracks=1, **HAND)
    assert LOCO not in by_name(r)
    assert r.duration_s == pytest.approx(100 + 900 + 20 + 2000)


# ----------------------------------------------------------------------------- properties

def _random_case(rng):
    lengths = [rng.choice([13.0, 20.0, 24.0, 25.0, 26.4, 40.0]) for _ in range(rng.randint(1, 40))]
    timings = dict(split_s_per_cut=rng.choice([0, 60, 600, 1500]), lift_s=rng.choice([0, 300, 600]),
                   bogie_swap_s=rng.choice([0, 900, 1800]), lower_s=rng.choice([0, 600]),
                   couple_s_per_car=rng.choice([0, 30, 60, 300, 900]))
    return lengths, timings, rng.randint(1, 5), rng.uniform(20, 600)


def _bogie_exchange(lengths, timings, tracks, track_length):
    types = [make_type(f"c{i}", length_m=x) for i, x in enumerate(lengths)]
    return refit(consist(LOCO_T, *types), tracks=tracks, track_length_m=track_length, **timings)


def test_steps_add_up_and_bars_never_overlap_on_random_trains():
    rng = random.Random(20240913)
    for _ in range(150):
        lengths, timings, tracks, track_length = _random_case(rng)
        r = _bogie_exchange(lengths, timings, tracks, track_length)
        check_consistent(r)
        assert r.cars == len(lengths)
        assert sum(1 for b in r.timeline if b.step == SPLIT) == r.cuts


def test_more_tracks_or_a_longer_track_are_never_slower():
    rng = random.Random(7)
    for _ in range(300):
        lengths, timings, tracks, track_length = _random_case(rng)
        base = _bogie_exchange(lengths, timings, tracks, track_length).duration_s
        assert _bogie_exchange(lengths, timings, tracks + 1, track_length).duration_s <= base + 1e-6
        longer = track_length * rng.uniform(1.0, 3.0)
        assert _bogie_exchange(lengths, timings, tracks, longer).duration_s <= base + 1e-6


def test_a_longer_track_is_not_slower_where_filling_it_would_be():
    # 24 coaches, 2 tracks, default timings. On 300 m tracks: cuts of 12 on both tracks,
    # 1200 + 2100 + 720 = 4020. On a 600 m track one cut of 24 would take 600 + 2100 + 1440 = 4140,
    # so the facility still works two cuts.
    short = refit(consist(*[COACH] * 24), track_length_m=300, brake_test_s=0)
    assert short.duration_s == pytest.approx(4020)
    assert refit(consist(*[COACH] * 24), track_length_m=600, brake_test_s=0).duration_s <= short.duration_s


# ----------------------------------------------------------------------------- the defaults

def test_defaults_a_passenger_train_in_one_to_one_and_a_half_hours():
    cars = consist(LOCO_T, *[COACH24] * 15)
    for fac in (RefitFacility(track_length_m=15 * 24), RefitFacility(track_length_m=15 * 24, tracks=1),
                RefitFacility()):
        r = refit(cars, fac)
        assert 3600 <= r.duration_s <= 5400, (fac, r.duration_s)
    # One track long enough for the whole train: 600 + 600 + 900 + 600 + 15 × 60 + 600 + 600.
    assert refit(cars, RefitFacility(track_length_m=360, tracks=1)).duration_s == pytest.approx(4800)


def test_defaults_the_90_car_train_takes_several_hours():
    # 2 locomotives and 88 coaches of 25 m: 11 cuts of 8 on 2 tracks of 220 m, track-bound:
    # 6 rounds of (600 + 600 + 900 + 600 + 8 × 60) = 19,080 s, then 600 + 600.
    r = refit(consist(LOCO_T, LOCO_T, *[COACH] * 88), RefitFacility())
    assert (r.cars, r.cuts) == (88, 11)
    assert r.duration_s == pytest.approx(20280)
    assert 3 * 3600 <= r.duration_s <= 8 * 3600
    check_consistent(r)
