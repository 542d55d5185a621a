"""The range's structure: shared factors drawn once per trip, residuals that do not cancel when a
route is cut finer, and percentiles that hold from one seed to another."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from traintool.io import default_document, load_document, sample_paths, shipped_routes
from traintool.physics.ranges import latin_hypercube, trip_range, uncertain_inputs


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
