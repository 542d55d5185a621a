"""Route length uncertain where the sources say so: one factor per source for the stretch, drawn in
the range, shown among the drivers, the trip run on the route stretched."""
import json

import numpy as np
import pytest

from traintool.io import default_document, resolve_route, shipped_routes
from traintool.model import Route
from traintool.physics import compute_trip
from traintool.physics.ranges import _Variant, drivers, trip_range, uncertain_inputs


def test_only_stretches_whose_sources_disagree_have_a_length_range():
    routes = shipped_routes()
    [pyongra] = routes["pyongyang-vladivostok"].length_ranges
    assert (pyongra.from_station, pyongra.to_station) == ("Pyongyang", "Rajin")
    assert pyongra.low == pytest.approx(799 / 819, abs=1e-5) and pyongra.high == 1.0 and "781.1 km" in pyongra.source
    assert routes["pyongyang-moscow"].length_ranges == (pyongra,)  # the same line, the same source
    # The Trans-Siberian's kilometre posts are exact: no range.
    assert routes["moscow-vladivostok"].length_ranges == () and routes["vladivostok-moscow"].length_ranges == ()


def test_a_length_range_is_one_input_per_source_whatever_the_sections():
    doc = default_document()
    route = resolve_route(doc)
    [length] = [i for i in uncertain_inputs(doc, route) if i.owner == "route"]
    assert length.label == "Length of Pyongyang – Rajin" and length.unit == "× length" and length.stated
    assert (length.low, length.value, length.high) == (pytest.approx(799 / 819, abs=1e-5), 1.0, 1.0)
    assert any(d.input.key == length.key and d.swing_s > 30 * 60 for d in drivers(doc, route))  # 20 km of running


@pytest.mark.parametrize("factor", [0.9, 0.97558, 1.0, 1.05])
def test_a_drawn_length_runs_the_trip_on_the_route_stretched(factor):
    doc = default_document()
    route = resolve_route(doc)
    inputs = uncertain_inputs(doc, route)
    values = [factor if i.owner == "route" else i.value for i in inputs]
    result, ran_on = _Variant(doc, route, inputs).trip_on(values)
    # The stretched route is a valid route of its own: the trip on it, computed the slow way, is the draw's.
    again = Route.model_validate(json.loads(ran_on.model_dump_json()))
    assert compute_trip(doc, again).total_s == pytest.approx(result.total_s, rel=1e-12)
    at = {s.name: s.position_m for s in route.stations}
    moved = {s.name: s.position_m for s in ran_on.stations}
    assert moved["Pyongyang"] == 0 and moved["Rajin"] == pytest.approx(at["Rajin"] * factor)
    assert moved["Hamhung"] == pytest.approx(at["Hamhung"] * factor)  # the stations between, in proportion
    assert moved["Vladivostok"] - moved["Rajin"] == pytest.approx(at["Vladivostok"] - at["Rajin"])  # the rest as it was
    if factor < 1:
        assert result.total_s < compute_trip(doc, route).total_s


def test_the_band_reads_every_draw_at_the_same_places():
    # Drawn shorter, a trip still gets to Vladivostok: the bands read it there, not 20 km short of it.
    doc = default_document()
    route = resolve_route(doc)
    inputs = [i for i in uncertain_inputs(doc, route) if i.owner == "route"]
    r = trip_range(doc, route, samples=30, seed=3, inputs=inputs)
    b = r.bands
    assert b.reaching[-1] == 30
    # The band's end is the draws' own totals; the total's range adds up the parts of the draws (total_percentiles):
    # the two agree within the sampling of 30 draws.
    assert (float(b.elapsed_s[0][-1]), float(b.elapsed_s[1][-1])) == (
        pytest.approx(r.total_s.p5, rel=2e-3), pytest.approx(r.total_s.p95, rel=2e-3))
    rajin = np.flatnonzero(b.grid.distance_m == next(s.position_m for s in route.stations if s.name == "Rajin"))
    t5, t95 = b.elapsed_s
    assert t5[rajin[0]] < t95[rajin[0]]  # the time to Rajin moves with its length
    beyond = b.grid.distance_m > next(s.position_m for s in route.stations if s.name == "Khasan")
    assert np.all(np.diff(b.elapsed_s[1][beyond]) >= -1e-3)


def test_a_stretch_keeps_its_range_where_a_part_of_the_route_is_checked():
    route = shipped_routes()["pyongyang-vladivostok"]
    [part] = route.between("Hamhung", "Vladivostok").length_ranges
    assert (part.from_station, part.to_station, part.low) == ("Hamhung", "Rajin", route.length_ranges[0].low)
    assert route.between("Rajin", "Vladivostok").length_ranges == ()


@pytest.mark.parametrize("change, message", [
    ({"to_station": "Nowhere"}, "no station named 'Nowhere'"),
    ({"from_station": "Rajin", "to_station": "Pyongyang"}, "'Rajin' does not come before 'Pyongyang'"),
    ({"low": 1.0}, "needs its low below its high"),
    ({"high": 0.9}, "greater than or equal to 1"),
])
def test_a_bad_length_range_is_refused_in_a_sentence(change, message):
    data = json.loads(shipped_routes()["pyongyang-vladivostok"].model_dump_json())
    data["length_ranges"][0].update(change)
    with pytest.raises(ValueError, match=message):
        Route.model_validate(data)


def test_two_ranges_on_one_stretch_are_refused():
    data = json.loads(shipped_routes()["pyongyang-vladivostok"].model_dump_json())
    data["length_ranges"].append({**data["length_ranges"][0], "from_station": "Hamhung", "to_station": "Khasan"})
    with pytest.raises(ValueError, match="overlaps another length range"):
        Route.model_validate(data)
