"""The range's structure: shared factors drawn once per trip, residuals that do not cancel when a
route is cut finer, and percentiles that hold from one seed to another."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from traintool.io import default_document, load_document, resolve_route, sample_paths, shipped_routes
from traintool.physics.ranges import (
    Percentiles, latin_hypercube, sample_trips, summarize, total_percentiles, trip_range, uncertain_inputs,
)


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
    # ... and the same strata of the facility's steps in every seed: the refit's tail does not move.
    [steps] = [j for j, i in enumerate(inputs) if i.field == "split_s_per_cut"]
    other = latin_hypercube(inputs, samples, seed + 1)
    assert np.array_equal(np.sort(draws[level == 1, steps]), np.sort(other[np.round(other[:, k]) == 1, steps]))
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


def _strata_middles(n: int, rng: np.random.Generator, low: float = 0.0, high: float = 1.0) -> np.ndarray:
    """n draws of a uniform variable, one in the middle of each of n strata, in an order of chance."""
    return low + (high - low) * (rng.permutation(n) + 0.5) / n


@given(seed=st.integers(0, 2**32 - 1), n=st.integers(100, 400))
@settings(max_examples=20, deadline=None)
def test_the_total_is_the_sum_of_its_parts_each_read_from_all_its_draws(seed, n):
    # Three independent uniform parts (the running time and two kinds of stand), their draws paired by
    # chance: their sum is Irwin-Hall, whose 5th percentile is 0.3^(1/3). Read from the n totals drawn,
    # the percentile is off by chance; read as the sum of the parts' own distributions, it is not.
    rng = np.random.default_rng(seed)
    running, dwell, refit = (_strata_middles(n, rng) for _ in range(3))
    totals = list(running + dwell + refit)
    standing = [{"dwell": d, "refit at B": r} for d, r in zip(dwell, refit)]
    no_allowance = [np.zeros(0)] * n
    p = total_percentiles(totals, standing, list(running), no_allowance, no_allowance, n)
    assert (p.p5, p.p50, p.p95) == pytest.approx((0.3 ** (1 / 3), 1.5, 3 - 0.3 ** (1 / 3)), abs=2 / n)
    # The draws in another order (parts sampled apart, then joined): the very same percentiles.
    order = rng.permutation(n)
    again = total_percentiles([totals[k] for k in order], [standing[k] for k in order], list(running[order]),
                              no_allowance, no_allowance, n)
    assert again == p
    # Draws that cannot be made leave the rest's own totals: feasibility may depend on any part.
    some = totals[: n - 1]
    assert total_percentiles(some, standing[: n - 1], list(running)[: n - 1], no_allowance, no_allowance, n) \
        == Percentiles(*np.percentile(some, [5, 50, 95]))


@given(seed=st.integers(0, 2**32 - 1))
@settings(max_examples=5, deadline=None)
def test_each_running_time_is_taken_with_every_draws_allowance_rate(seed):
    # Moving time = running × (1 + rate), the rate drawn apart from the running time, plus a stand. The
    # percentiles against those of two million independent draws of the same three variables.
    n = 200
    rng = np.random.default_rng(seed)
    running, rate, stand = _strata_middles(n, rng, 10, 20), _strata_middles(n, rng, 0, 0.5), _strata_middles(n, rng)
    terms = [np.array([r, 0.0]) for r in running]  # one railway: its running time, no metres charged
    rates = [np.array([a, 0.0]) for a in rate]
    p = total_percentiles(list(running * (1 + rate) + stand), [{"dwell": s} for s in stand], list(running), terms,
                          rates, n)
    big = np.random.default_rng(0).random((3, 2_000_000))
    truth = np.percentile((10 + 10 * big[0]) * (1 + 0.5 * big[1]) + big[2], [5, 50, 95])
    assert (p.p5, p.p50, p.p95) == pytest.approx(tuple(truth), abs=0.05)  # the range is 9 to 31


@pytest.mark.parametrize("sample", ["sleeper-train", "leaders-train-21"])
@given(seed=st.integers(0, 2**32 - 1))
@settings(max_examples=3, deadline=None)
def test_a_draws_parts_add_up_to_its_total_and_its_allowance_is_its_terms_times_its_rates(sample, seed):
    # What total_percentiles adds up is what the trip adds up: the running time, the allowance (linear in
    # the railways' rates, drawn ones included) and the stands by part.
    doc = load_document(sample_paths()[sample])
    route = resolve_route(doc)
    inputs = uncertain_inputs(doc, route)
    assert any(i.field == "allowance_percent" for i in inputs)
    s = sample_trips(doc, route, inputs, latin_hypercube(inputs, 8, seed))
    assert len(s.totals) == len(s.standing) == len(s.allowance_terms) == len(s.allowance_rates) == 8
    for total, running, terms, rates, standing in zip(s.totals, s.running, s.allowance_terms, s.allowance_rates,
                                                      s.standing):
        assert terms @ rates > 0
        assert running + terms @ rates + sum(standing.values()) == pytest.approx(total, rel=1e-12)
    assert len({float(terms @ rates) for terms, rates in zip(s.allowance_terms, s.allowance_rates)}) == 8


def test_two_seeds_agree_far_better_than_the_draws_own_percentiles():
    # The sleeper train's band at 100 draws, six seeds: its 5th and 95th percentiles move at most a third
    # as much from seed to seed as the percentiles of the same draws' own totals (which is what independent
    # draws give). Reading the total as its time moving plus its time standing paired every way, they moved
    # about half as much; the border stands and the Brest refit, read each from all its draws, settle it.
    doc = load_document(sample_paths()["sleeper-train"])
    route = resolve_route(doc)
    inputs = uncertain_inputs(doc, route)
    ours, own = [], []
    for seed in range(6):
        s = sample_trips(doc, route, inputs, latin_hypercube(inputs, 100, seed))
        p = summarize([s], seed).total_s
        ours.append((p.p5, p.p95))
        own.append(np.percentile(s.totals, [5, 95]))
    assert np.all(np.ptp(ours, axis=0) <= np.ptp(own, axis=0) / 3)
