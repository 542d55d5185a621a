"""Ranges on the operations' and the railways' figures, and the stations' time zones: pure edits of
the document, each one undo step, refused with a sentence where they cannot be made."""
import pytest

from traintool.errors import EditError
from traintool.io import default_document, load_document, resolve_route, save_document
from traintool.model import OperationKind, edits
from traintool.model.edits import NoChange
from traintool.physics.ranges import trip_range, uncertain_inputs


@pytest.fixture(scope="module")
def default():
    doc = default_document()
    return doc, resolve_route(doc)


def _input(doc, key):
    return next((i for i in uncertain_inputs(doc, resolve_route(doc)) if i.key == key), None)


def test_an_operations_range_is_the_routes_and_is_drawn(default, tmp_path):
    doc, route = default
    e = edits.set_range(doc, route, ("operation", "Khasan/border_entry"), "duration_s", 600, 5400, "a source")
    assert e.label == "Set the duration range of the entry control at Khasan to 10–90 min"
    op = edits.operation_at(resolve_route(e.document), "Khasan", OperationKind.BORDER_ENTRY, doc.scenario.service)
    assert (op.ranges["duration_s"].low, op.ranges["duration_s"].high) == (600, 5400)
    i = _input(e.document, "operation:Khasan/border_entry:duration_s")
    assert (i.low, i.high, i.source, i.stated) == (600, 5400, "a source", True)
    assert load_document(save_document(e.document, tmp_path / "d.traintool.json")) == e.document
    # cleared: the data's own range is gone, and with it the route's own copy of that operation's range
    cleared = edits.clear_range(e.document, resolve_route(e.document), ("operation", "Khasan/border_entry"), "duration_s")
    assert "duration_s" not in edits.operation_at(resolve_route(cleared.document), "Khasan", OperationKind.BORDER_ENTRY,
                                                  doc.scenario.service).ranges


def test_a_stated_range_on_a_railways_figure_of_zero_is_drawn(default):
    doc, route = default
    assert edits.rules_of(doc, route, "rzd").allowance_min_per_100km == 0
    assert _input(doc, "railway:rzd:allowance_min_per_100km") is None  # 0 ± a spread is no range
    e = edits.set_range(doc, route, ("railway", "rzd"), "allowance_min_per_100km", 0, 6, "UIC 451-1's figures")
    assert e.label == ("Set the distance allowance range of Russian Railways running a special (leader's) train "
                       "to 0–6 min/100 km")
    assert e.document.scenario.railway_overrides["rzd"].ranges["allowance_min_per_100km"].high == 6
    i = _input(e.document, "railway:rzd:allowance_min_per_100km")
    assert (i.value, i.low, i.high) == (0, 0, 6)
    before = trip_range(doc, route, samples=40).total_s
    after = trip_range(e.document, resolve_route(e.document), samples=40).total_s
    assert after.p95 > before.p95  # an allowance that may be up to 6 min per 100 km lengthens the trip


@pytest.mark.parametrize("owner, said", [(("operation", "Khasan/teleport"), "“teleport” is not an operation"),
                                         (("operation", "Nowhere/customs"), "has no station “Nowhere”"),
                                         (("operation", "Khasan/customs"), "Khasan has no customs for a special"),
                                         (("railway", "sncf"), "There is no railway 'sncf'")])
def test_an_owner_that_is_not_there_is_refused_in_a_sentence(default, owner, said):
    doc, route = default
    with pytest.raises(EditError) as e:
        edits.set_range(doc, route, owner, "duration_s" if owner[0] == "operation" else "limit_factor", 1, 2)
    assert said in str(e.value)


def test_a_stations_time_zone_is_set_cleared_and_refused_in_a_sentence(default):
    doc, route = default
    i = next(k for k, s in enumerate(route.stations) if s.name == "Khasan")
    e = edits.set_station_time_zone(doc, route, i, " Asia/Seoul ")
    assert resolve_route(e.document).stations[i].time_zone == "Asia/Seoul"
    assert e.label == "Set the time zone of Khasan to Asia/Seoul" and e.changes.route
    cleared = edits.set_station_time_zone(doc, route, i, "")
    assert resolve_route(cleared.document).stations[i].time_zone is None
    assert cleared.label == "Clear the time zone of Khasan"
    with pytest.raises(NoChange):
        edits.set_station_time_zone(doc, route, i, "Asia/Vladivostok")
    for bad in ("Asia/Atlantis", "/etc/passwd", "../zoneinfo/UTC", "posix/UTC", "Factory", "x" * 10_000, "Asia/\n"):
        with pytest.raises(EditError) as err:
            edits.set_station_time_zone(doc, route, i, bad)
        assert "is not an IANA time zone" in str(err.value) and "Khasan keeps Asia/Vladivostok" in str(err.value)
        assert len(str(err.value)) < 200
