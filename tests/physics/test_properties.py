"""Properties of every trip, over random small routes and consists (hypothesis)."""
import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from traintool.model import MIN_SPEED_M_S, Document
from traintool.physics import compute_trip

# The profile (tests/conftest.py) sets the number of examples and, under CI, a fixed seed.
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

# (length m, limit m/s, gradient ‰, curve radius m or None)
sections = st.lists(st.tuples(st.floats(20, 20_000), st.floats(0.5, 45), st.floats(-20, 20),
                              st.one_of(st.none(), st.floats(100, 3000))), min_size=1, max_size=8)


@st.composite
def trips(draw, line, doc):
    secs = draw(sections)
    n = len(secs)
    ends = list(range(n - 1))
    stops = draw(st.lists(st.sampled_from(ends), unique=True)) if ends else []
    passes = [i for i in draw(st.lists(st.sampled_from(ends), unique=True)) if i not in stops] if ends else []
    breaks = {}
    gauges = [1435] * n
    if n > 1 and draw(st.booleans()):  # a break of gauge to 1520 mm at the end of one section
        at = draw(st.sampled_from(ends))
        breaks = {at: 1520}
        gauges = [1435] * (at + 1) + [1520] * (n - at - 1)
    route = line(*secs, stops=tuple(stops), passes=tuple(passes), gauges=gauges, breaks=breaks,
                 dwell_s=draw(st.sampled_from([0.0, 60.0, 600.0])))
    extra = [(draw(st.floats(2e5, 6e6)), draw(st.floats(5e4, 4e5)), 120_000.0, 1520)] if breaks else []
    return doc(route, coaches=draw(st.integers(0, 40)), power=draw(st.floats(2e5, 6e6)), te=draw(st.floats(5e4, 4e5)),
               cap=draw(st.one_of(st.none(), st.floats(MIN_SPEED_M_S, 50.0))), coach_length=draw(st.floats(5, 30)),
               max_speed=draw(st.floats(5, 60)), extra_locos=extra)


def _check_one(r):
    p = r.profile
    for value in (r.running_s, r.dwell_s, r.refit_s, r.distance_m, r.reached_m):
        assert math.isfinite(value) and value >= 0
    for arr in (p.distance_m, p.speed_m_s, p.time_s, p.limit_m_s):
        assert np.all(np.isfinite(arr))
    assert np.all(p.speed_m_s >= 0) and np.all(p.speed_m_s <= p.limit_m_s + 1e-9)
    run = [leg.running_s for leg in r.legs if leg.running_s is not None]
    assert all(math.isfinite(t) and t > 0 for t in run)
    assert [leg.running_s is not None for leg in r.legs] == [True] * len(run) + [False] * (len(r.legs) - len(run))
    assert r.running_s == sum(run)  # the legs run come first, and their times are the running time
    if r.feasible:
        assert not r.reasons and len(run) == len(r.legs) and r.reached_m == r.distance_m
        assert r.total_s == np.float64(r.running_s + r.dwell_s + r.refit_s)
    else:
        # No duration for a trip that cannot be made; where the train gets to is said.
        assert r.reasons and r.total_s is None and len(run) < len(r.legs)
        assert r.reached_m <= r.distance_m and all(reason.message for reason in r.reasons)


@SETTINGS
@given(data=st.data())
def test_every_trip_is_finite_under_its_limits_and_adds_up(line, doc, data):
    d = data.draw(trips(line, doc))
    r = compute_trip(d, d.route)
    _check_one(r)
    cap = d.scenario.top_speed_cap_m_s
    if r.feasible:
        assert np.all(r.profile.speed_m_s <= (cap if cap is not None else 60) + 1e-9)
        assert r.dwell_s == sum(s.dwell_s for s in d.route.stations[1:-1] if s.stop)
        assert r.refit_s == sum(x.duration_s for x in r.refits)


def _with(d, **assumptions_or_cap):
    """The document with other assumptions or cap, validated as a loaded file would be."""
    data = d.model_dump()
    if "cap" in assumptions_or_cap:
        data["scenario"]["top_speed_cap_m_s"] = assumptions_or_cap.pop("cap")
    data["scenario"]["assumptions"].update(assumptions_or_cap)
    return Document.model_validate(data)


def _not_faster(slower, faster):
    """`slower` takes at least as long as `faster`; a trip that cannot be completed is the slowest."""
    if not faster.feasible:
        assert not slower.feasible
    elif slower.feasible:
        assert slower.running_s >= faster.running_s * (1 - 1e-6)  # to the solver's precision


@SETTINGS
@given(data=st.data(), factor=st.floats(1.0, 4.0))
def test_more_resistance_is_never_faster(line, doc, data, factor):
    d = data.draw(trips(line, doc))
    a = d.scenario.assumptions
    more = _with(d, davis_a_lb_per_ton=a.davis_a_lb_per_ton * factor,
                 davis_b_lb_per_ton_mph=a.davis_b_lb_per_ton_mph * factor,
                 davis_k=min(a.davis_k * factor, 1.0), curve_resistance_k=a.curve_resistance_k * factor)
    _not_faster(compute_trip(more, more.route), compute_trip(d, d.route))


@SETTINGS
@given(data=st.data(), factor=st.floats(0.05, 1.0))
def test_a_lower_cap_is_never_faster(line, doc, data, factor):
    d = data.draw(trips(line, doc))
    cap = d.scenario.top_speed_cap_m_s
    lower = _with(d, cap=max((cap if cap is not None else 60.0) * factor, MIN_SPEED_M_S))
    base = compute_trip(d, d.route)
    slow = compute_trip(lower, lower.route)
    _check_one(slow)
    _not_faster(slow, base)
