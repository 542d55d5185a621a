"""The trip as a range: inputs from the estimates, Latin hypercube sampling, drivers with known answers."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import builders
from traintool.io import default_document, resolve_route
from traintool.model import CarType, Document, Range, Station
from traintool.physics import compute_trip
from traintool.physics.ranges import (
    Input, _triangular, _Variant, drivers, latin_hypercube, trip_range, uncertain_inputs,
)


def _estimated(doc: Document, **ranges) -> Document:
    """The document with its coach type estimated (so it gets the default spreads) or given `ranges`."""
    types = [t.model_copy(update={"estimated": True, "ranges": {k: Range(**v) for k, v in ranges.items()}})
             if t.id == "coach" else t for t in doc.car_types]
    return Document.model_validate({**doc.model_dump(), "car_types": [t.model_dump() for t in types]})


@given(samples=st.integers(1, 300), seed=st.integers(0, 2**32 - 1),
       low=st.floats(-100, 100), width=st.floats(1e-3, 100), at=st.floats(0, 1))
def test_latin_hypercube_puts_one_draw_in_each_stratum(samples, seed, low, width, at):
    high = low + width
    value = low + at * width
    inp = Input("k", "k", "mass_kg", value, low, high, "", "car_type", "x")
    draws = latin_hypercube([inp, inp], samples, seed)
    for col in draws.T:
        # Back through the triangular distribution function: each stratum of probability once.
        c = (value - low) / width
        x = (col - low) / width
        u = np.where(x < c, x * x / max(c, 1e-300), 1 - (1 - x) ** 2 / max(1 - c, 1e-300))
        strata = np.floor(np.clip(u, 0, 1 - 1e-12) * samples).astype(int)
        assert sorted(strata) == list(range(samples))
        assert np.all((col >= low - 1e-9) & (col <= high + 1e-9))


def test_the_triangular_distribution_has_its_mode_at_the_value():
    u = (np.arange(100_000) + 0.5) / 100_000
    x = _triangular(u, 10.0, 12.0, 20.0)
    assert x.min() == pytest.approx(10, abs=0.05) and x.max() == pytest.approx(20, abs=0.05)
    assert x.mean() == pytest.approx((10 + 12 + 20) / 3, rel=1e-3)  # the mean of a triangular distribution


def test_without_estimates_the_range_is_the_answer_itself(small_document):
    r = compute_trip(small_document, small_document.route)
    assert uncertain_inputs(small_document, small_document.route) == [
        i for i in uncertain_inputs(small_document, small_document.route) if i.owner in ("station", "facility")]
    # Only the stop's dwell and the refit facility are estimates here; fix them and nothing is left.
    doc = small_document.model_copy(update={"scenario": small_document.scenario.model_copy(update={
        "dwell_overrides_s": {"B": 300.0},
        "facility_overrides": {}})})
    inputs = [i for i in uncertain_inputs(doc, doc.route) if i.owner != "facility"]
    assert inputs == []
    rng = trip_range(doc, doc.route, samples=20, inputs=inputs)
    assert rng.total_s.p5 == rng.total_s.p50 == rng.total_s.p95 == pytest.approx(r.total_s)


def test_a_document_always_gives_the_same_range_and_another_seed_other_draws(small_document):
    d = _estimated(small_document)
    a, b = trip_range(d, d.route, samples=60, seed=7), trip_range(d, d.route, samples=60, seed=7)
    assert a == b
    c = trip_range(d, d.route, samples=60, seed=8)
    assert not np.array_equal(c.bands.elapsed_s, a.bands.elapsed_s)  # other draws
    # Each part of this trip (the running time, the dwell, the refit) rests on one input, or one group,
    # whose strata are the same whatever the seed: the total, read as the sum of its parts, is too.
    assert c.total_s == a.total_s
    assert a.total_s.p5 <= a.total_s.p50 <= a.total_s.p95 and a.feasible_samples == 60


def test_a_dwell_moves_the_total_by_exactly_its_own_range(small_document):
    d = small_document.model_copy(update={"route": small_document.route.model_copy(update={"stations": [
        s if s.name != "B" else Station(name="B", position_m=s.position_m, dwell_s=600,
                                        ranges={"dwell_s": Range(low=300, high=1800, source="test")})
        for s in small_document.route.stations]})})
    [dwell] = [x for x in drivers(d, d.route) if x.input.key == "station:B:dwell_s"]
    assert (dwell.input.low, dwell.input.high, dwell.input.source) == (300, 1800, "test")
    assert dwell.total_s_high - dwell.total_s_low == pytest.approx(1500)


def test_the_drivers_move_the_way_physics_says(small_document):
    d = _estimated(small_document)
    by_field = {x.input.field: x for x in drivers(d, d.route) if x.input.owner == "car_type"}
    assert by_field["mass_kg"].total_s_high > by_field["mass_kg"].total_s_low  # heavier is slower
    assert by_field["length_m"].total_s_high >= by_field["length_m"].total_s_low  # longer: more cuts, later clear
    swings = [x.swing_s for x in drivers(d, d.route)]
    assert swings == sorted(swings, reverse=True)


def test_the_default_documents_range_is_honest_about_its_inputs():
    d = default_document()
    route = resolve_route(d)
    r = trip_range(d, route, samples=100)
    total = compute_trip(d, route).total_s
    assert r.total_s.p5 < total < r.total_s.p95  # the estimate lies inside its own range
    keys = {i.key for i in uncertain_inputs(d, route)}
    # The DF4B's power carries the range its two sources give; the armored cars' top speed is one input.
    [power] = [i for i in uncertain_inputs(d, route) if i.key == "car_type:kp-df4b:power_w"]
    assert power.low == 1_944_000 and power.high == 2_252_500 and "2,650 kW" in power.source
    assert sum(1 for k in keys if k.endswith(":max_speed_m_s") and "kp-armored-coach" in k) == 1
    [tracks] = [x for x in drivers(d, route) if x.input.key == "facility:Khasan:tracks"]
    assert tracks.total_s_low > total > tracks.total_s_high  # 87 coaches: one exchange track is slower than three


def test_a_range_must_hold_its_value_and_be_ordered():
    base = builders.make_type("coach", estimated=True).model_dump()
    with pytest.raises(ValidationError, match="low value 60000 is above the high value 40000"):
        CarType.model_validate({**base, "ranges": {"mass_kg": {"low": 60000, "high": 40000}}})
    with pytest.raises(ValidationError, match="does not hold the value itself"):
        CarType.model_validate({**base, "ranges": {"mass_kg": {"low": 60000, "high": 70000}}})
    with pytest.raises(ValidationError, match="'axles' cannot carry a range"):
        CarType.model_validate({**base, "ranges": {"axles": {"low": 2, "high": 6}}})
    with pytest.raises(ValidationError):  # each end must be a value the field accepts
        CarType.model_validate({**base, "ranges": {"mass_kg": {"low": -5, "high": 60000}}})


def test_a_version_1_file_loads_and_is_saved_as_the_current_version(small_document):
    data = small_document.model_dump(mode="json")
    data["version"] = 1
    d = Document.model_validate(data)
    assert d.version == 3 and d == small_document
    data["version"] = 4
    with pytest.raises(ValidationError):
        Document.model_validate(data)


@pytest.mark.parametrize("parts", [2, 3])
def test_a_range_sampled_in_parts_apart_is_the_range_of_the_whole(small_document, parts):
    # The window samples in two processes at once: the halves must join into exactly one run's answer.
    from traintool.physics.jobs import join_parts, range_part

    d = _estimated(small_document)
    joined, top = join_parts([range_part(d, d.route, 37, k, parts, seed=5) for k in range(parts)], seed=5)
    whole = trip_range(d, d.route, samples=37, seed=5)
    assert joined == whole
    assert joined.bands is not None and joined.bands == whole.bands and joined.bands.reaching[0] == 37
    assert [x.input.key for x in top] == [x.input.key for x in drivers(d, d.route)]
    assert top == drivers(d, d.route)


def _applied_the_slow_way(document: Document, route, inputs, values):
    """The document and route with each input's value put where the user would put it, every model
    validated again: the car type's figure, the section's, the station's dwell, the facility's step."""
    data = document.model_dump()
    route_data = route.model_dump()
    overrides = data["scenario"]["facility_overrides"]
    lengths = {}
    for inp, v in zip(inputs, values):
        if inp.owner == "car_type":
            for t in data["car_types"]:
                if t["id"] in inp.owner_id.split(","):
                    t[inp.field] = v
        elif inp.owner == "section":
            route_data["sections"][int(inp.owner_id)][inp.field] = v
        elif inp.owner == "station":
            [st] = [s for s in route_data["stations"] if s["name"] == inp.owner_id]
            st["dwell_s"] = v
        elif inp.owner == "car":
            for k in inp.cars:
                data["consist"]["cars"][k][inp.field] = v
        elif inp.owner == "railway":
            [rw] = [r for r in route_data["railways"] if r["id"] == inp.owner_id]
            rw["services"][data["scenario"]["service"]][inp.field] = v
        elif inp.owner == "operation":
            station, _, kind = inp.owner_id.rpartition("/")
            [st] = [s for s in route_data["stations"] if s["name"] == station]
            service = data["scenario"]["service"]
            [op] = [o for o in st["operations"] if o["kind"] == kind and service in (o.get("services") or [service])]
            op["duration_s"] = v
        elif inp.owner == "route":
            lengths[int(inp.owner_id)] = v
        else:
            fac = overrides[inp.owner_id] if inp.owner_id in overrides else next(
                b["facility"] for b in route_data["breaks_of_gauge"] if b["station"] == inp.owner_id)
            fac[inp.field] = round(v) if inp.field == "tracks" else v
    # A stretch drawn longer or shorter: the positions along it scaled, those after it moved along (from the
    # last stretch back, so that each is moved by the positions it was given).
    at = {s["name"]: s["position_m"] for s in route_data["stations"]}
    for k in sorted(lengths, key=lambda k: -at[route_data["length_ranges"][k]["from_station"]]):
        r, f = route_data["length_ranges"][k], lengths[k]
        x0, x1 = at[r["from_station"]], at[r["to_station"]]

        def move(x, x0=x0, x1=x1, f=f):
            return x if x <= x0 else x0 + (x - x0) * f if x <= x1 else x + (x1 - x0) * (f - 1)

        for st in route_data["stations"]:
            st["position_m"] = move(st["position_m"])
        for sec in route_data["sections"]:
            sec["start_m"], sec["end_m"] = move(sec["start_m"]), move(sec["end_m"])
    return Document.model_validate(data), type(route).model_validate(route_data)


def _same_trip(fast, slow):
    assert (fast.total_s is None) == (slow.total_s is None)
    for a, b in [(fast.total_s or 0.0, slow.total_s or 0.0), (fast.running_s, slow.running_s),
                 (fast.dwell_s, slow.dwell_s), (fast.refit_s, slow.refit_s)]:
        assert a == pytest.approx(b, rel=1e-12, abs=1e-9)
    assert [leg.running_s for leg in fast.legs] == pytest.approx([leg.running_s for leg in slow.legs], rel=1e-12)
    assert [r.duration_s for r in fast.refits] == pytest.approx([r.duration_s for r in slow.refits], rel=1e-12)
    assert [r.message for r in fast.reasons] == [r.message for r in slow.reasons]
    for name in ("distance_m", "speed_m_s", "time_s", "limit_m_s"):
        np.testing.assert_allclose(getattr(fast.profile, name), getattr(slow.profile, name), rtol=1e-12, atol=1e-9)


@given(seed=st.integers(0, 2**32 - 1), row=st.integers(0, 9))
@settings(max_examples=12, deadline=None)
def test_a_sampled_trip_is_the_trip_of_the_document_with_the_drawn_values(seed, row):
    # Samples are built without validating a document each (for speed); they must still be exactly
    # the trip that the document with the drawn values put in their places gives.
    d = default_document()
    route = resolve_route(d)
    inputs = uncertain_inputs(d, route)
    values = latin_hypercube(inputs, 10, seed)[row]
    slow_doc, slow_route = _applied_the_slow_way(d, route, inputs, values)
    _same_trip(_Variant(d, route, inputs).trip(values), compute_trip(slow_doc, slow_route))


@given(seed=st.integers(0, 2**32 - 1))
@settings(max_examples=10, deadline=None)
def test_a_sampled_trip_keeps_a_cars_own_values_and_the_users_overrides(seed):
    # A car that overrides its type's mass keeps its own value when the type's mass is drawn, and that
    # value is drawn as an input of its own; a facility the scenario overrides is the one moved.
    d = _estimated(builders.small_document())
    cars = list(d.consist.cars)
    coach = next(i for i, c in enumerate(cars) if c.type_id == "coach")
    cars[coach] = cars[coach].model_copy(update={"mass_kg": 61_000.0})
    brk = d.route.breaks_of_gauge[0]
    scenario = d.scenario.model_copy(update={"facility_overrides": {brk.station: brk.facility}})
    d = Document.model_validate({**d.model_dump(), "consist": {"cars": [c.model_dump() for c in cars]},
                                 "scenario": scenario.model_dump()})
    inputs = uncertain_inputs(d, d.route)
    assert {i.owner for i in inputs} == {"car_type", "car", "station", "facility"}
    [own] = [i for i in inputs if i.owner == "car"]
    assert own.cars == (coach,) and own.value == 61_000.0 and own.low < 61_000.0 < own.high
    assert _Variant(d, d.route, inputs).cars[coach].mass_kg == 61_000.0
    for values in latin_hypercube(inputs, 3, seed):
        slow_doc, slow_route = _applied_the_slow_way(d, d.route, inputs, values)
        _same_trip(_Variant(d, d.route, inputs).trip(values), compute_trip(slow_doc, slow_route))
