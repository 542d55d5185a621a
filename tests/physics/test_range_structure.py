"""The range's structure: shared factors drawn once per trip, residuals that do not cancel when a
route is cut finer, and percentiles that hold from one seed to another."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from traintool.io import default_document, load_document, resolve_route, sample_paths, shipped_routes
from traintool.physics.ranges import Percentiles, latin_hypercube, total_percentiles, trip_range, uncertain_inputs


def _cut(route, pieces: int):
    """The same route with every section cut into `pieces` equal sections."""
    sections = []
    for sec in route.sections:
        step = sec.length_m / pieces
        for k in range(pieces):
            end = sec.end_m if k == pieces - 1 else sec.start_m + (k + 1) * step
            sections.append(sec.model_copy(update={"start_m": sec.start_m + k * step, "end_m": end}))
    return type(route).model_validate({**route.model_dump(), "sections": [s.model_dump() for s in sections]})


@given(pieces=st.integers(2, 16))
@settings(max_examples=4, deadline=None)
def test_cutting_every_section_leaves_the_band_where_it_was(pieces):
    # Independent draws per section would cancel: cut 16-fold, the Vladivostok route's band shrank from
    # 4.4 % to 1.1 % of the total. Drawn per stretch of a railway, the band stays within sampling noise.
    doc = default_document()
    route = shipped_routes()["pyongyang-vladivostok"]
    whole = trip_range(doc, route, samples=200)
    cut = trip_range(doc, _cut(route, pieces), samples=200)
    p50 = whole.total_s.p50
    assert abs(cut.total_s.p5 - whole.total_s.p5) <= 0.01 * p50
    assert abs(cut.total_s.p95 - whole.total_s.p95) <= 0.01 * p50
    assert (cut.total_s.p95 - cut.total_s.p5) >= 0.9 * (whole.total_s.p95 - whole.total_s.p5)


def test_a_railway_is_one_draw_for_all_its_sections():
    doc = default_document()
    route = shipped_routes()["pyongyang-vladivostok"]
    inputs = uncertain_inputs(doc, route)
    factors = [i for i in inputs if i.owner == "railway" and i.field == "limit_factor"]
    assert {i.owner_id for i in factors} == {s.railway for s in route.sections}  # one per railway, not per section
    # The sections of one stretch share their residual's draw, each through its own range.
    limits = [i for i in inputs if i.owner == "section" and i.field == "speed_limit_m_s"]
    groups = {i.group for i in limits}
    assert len(groups) < len(limits)
    draws = latin_hypercube(inputs, 50, 7)
    shared = 0
    for group in groups:
        members = [k for k, i in enumerate(inputs) if i.group == group and not i.stated]  # the default ±5 %
        ratios = [draws[:, k] / inputs[k].value for k in members]
        shared += len(members) > 1
        for r in ratios[1:]:
            assert r == pytest.approx(ratios[0])
    assert shared


def test_the_leaders_cars_own_limit_is_drawn():
    doc = load_document(sample_paths()["leaders-train-21"])
    inputs = uncertain_inputs(doc, shipped_routes()[doc.route_id])
    [own] = [i for i in inputs if i.owner == "car" and i.field == "max_speed_m_s"]
    assert len(own.cars) == 21 and own.low < own.value < own.high


def test_a_scheduled_train_has_its_railways_allowance_and_border_stands_as_inputs():
    doc = load_document(sample_paths()["sleeper-train"])
    inputs = {i.key for i in uncertain_inputs(doc, shipped_routes()["warsaw-minsk"])}
    assert {"railway:pkp:allowance_percent", "railway:bch:allowance_percent", "operation:Terespol/border_exit:duration_s",
            "operation:Brest/customs:duration_s"} <= inputs


def _strata(inp, col, samples):
    """Each draw's stratum of probability, back through the input's triangular distribution."""
    width = inp.high - inp.low
    c, x = (inp.value - inp.low) / width, (col - inp.low) / width
    u = np.where(x < c, x * x / max(c, 1e-300), 1 - (1 - x) ** 2 / max(1 - c, 1e-300))
    return np.floor(np.clip(u, 0, 1 - 1e-12) * samples).astype(int)


@given(samples=st.integers(40, 600), seed=st.integers(0, 2**32 - 1))
@settings(max_examples=15, deadline=None)
def test_each_slice_of_a_count_sees_every_other_inputs_whole_range(samples, seed):
    # The tracks at Khasan (1, 2 or 3) cut the draws into slices; the facility's steps, drawn in the same
    # half of the trip (standing), are dealt to each slice evenly: a slice's strata never bunch.
    doc = default_document()
    inputs = uncertain_inputs(doc, resolve_route(doc))
    draws = latin_hypercube(inputs, samples, seed)
    [k] = [k for k, i in enumerate(inputs) if i.field == "tracks"]
    level = np.round(draws[:, k])
    ones = np.count_nonzero(level == 1)
    assert ones == np.count_nonzero((np.arange(samples) + 0.5) / samples < 0.125)  # the same share in every seed
    for j, inp in enumerate(inputs):
        strata = _strata(inp, draws[:, j], samples)
        assert sorted(strata) == list(range(samples))  # still one draw per stratum
        if inp.owner != "facility" or inp.field == "tracks":
            continue
        for value in np.unique(level):
            mine = np.sort(strata[level == value])
            m = len(mine)
            # The slice's i-th stratum lies within one slice step of (i + offset) * samples / m.
            ideal = np.arange(m) * samples / m
            assert np.ptp(mine - ideal) <= samples / m + 1


@given(seed=st.integers(0, 2**32 - 1), n=st.integers(100, 400))
@settings(max_examples=20, deadline=None)
def test_the_total_is_read_from_every_pairing_of_the_time_moving_and_standing(seed, n):
    # Two independent uniform parts (stratum middles, paired at random): their sum's distribution is
    # triangular on 0..2, whose 5th percentile is sqrt(0.1). Read from the n pairs drawn, the
    # percentile is off by chance; read from every pairing, it is not.
    rng = np.random.default_rng(seed)
    moving = (np.arange(n) + 0.5) / n
    standing = (rng.permutation(n) + 0.5) / n
    p = total_percentiles(list(moving + standing), list(moving), n)
    exact = (np.sqrt(0.1), 1.0, 2 - np.sqrt(0.1))
    assert (p.p5, p.p50, p.p95) == pytest.approx(exact, abs=2 / n)
    # Draws that cannot be made leave the rest's own totals: feasibility may depend on either half.
    some = list(moving + standing)[: n - 1]
    assert total_percentiles(some, list(moving)[: n - 1], n) == Percentiles(*np.percentile(some, [5, 50, 95]))
