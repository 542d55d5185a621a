"""Where a break of gauge's refit is made, where the sources do not say: a scenario choice among the
places the route allows, saved with the document and undone as one edit."""
import json

import pytest

from traintool.errors import TraintoolError
from traintool.io import default_document, load_document, resolve_route, save_document, shipped_routes
from traintool.model import Route
from traintool.model.edits import EditError, set_refit_place
from traintool.physics import compute_trip
from traintool.physics.ranges import _Variant, uncertain_inputs


def test_the_vladivostok_route_offers_tumangang_and_khasan_with_a_source():
    [brk] = shipped_routes()["pyongyang-vladivostok"].breaks_of_gauge
    assert brk.places() == ("Khasan", "Tumangang") and "Tumangang" in brk.alternatives_source
    # The 2001 route crossed the bridge before it was dual gauge: there the exchange had to be at Tumangang.
    [old] = shipped_routes()["pyongyang-moscow"].breaks_of_gauge
    assert old.places() == ("Tumangang",)


def test_an_alternative_where_the_gauges_do_not_allow_a_refit_is_refused():
    route = shipped_routes()["pyongyang-moscow"]
    data = json.loads(route.model_dump_json())
    data["breaks_of_gauge"][0]["alternatives"] = ["Khasan"]
    with pytest.raises(ValueError, match=r"the alternative 'Khasan' does not fit the route.*arrives on 1435 mm"):
        Route.model_validate(data)
    data["breaks_of_gauge"][0]["alternatives"] = ["Nowhere"]
    with pytest.raises(ValueError, match="no station named 'Nowhere'"):
        Route.model_validate(data)


def test_a_file_without_the_choice_refits_where_the_route_says():
    doc = default_document()
    assert doc.scenario.refit_places == {}
    assert [r.station for r in compute_trip(doc, resolve_route(doc)).refits] == ["Khasan"]


def test_the_refit_moves_with_the_choice_and_back(tmp_path):
    doc = default_document()
    route = resolve_route(doc)
    edit = set_refit_place(doc, route, "Khasan", "Tumangang")
    assert edit.changes.route and edit.changes.scenario  # the window resolves the route again
    moved = edit.document
    assert moved.scenario.refit_places == {"Khasan": "Tumangang"}
    now = resolve_route(moved)
    assert [b.station for b in now.breaks_of_gauge] == ["Tumangang"] and now.breaks_of_gauge[0].alternatives == ("Khasan",)
    before, after = compute_trip(doc, route), compute_trip(moved, now)
    assert [r.station for r in after.refits] == ["Tumangang"]
    # The same refit, at another station: the whole train's stand is the same length.
    assert after.refits[0].duration_s == pytest.approx(before.refits[0].duration_s)
    # Saved and read again, the choice holds; a route given unmoved is moved by the scenario all the same.
    again = load_document(save_document(moved, tmp_path / "moved.traintool.json"))
    assert again.scenario.refit_places == {"Khasan": "Tumangang"}
    assert [r.station for r in compute_trip(again, shipped_routes()["pyongyang-vladivostok"]).refits] == ["Tumangang"]
    # Back to the route's place: the scenario forgets the choice.
    back = set_refit_place(moved, now, "Tumangang", "Khasan").document
    assert back.scenario.refit_places == {} and back == doc
    with pytest.raises(EditError, match="cannot be made at “Rajin”"):
        set_refit_place(doc, route, "Khasan", "Rajin")


def test_the_ranges_inputs_follow_the_refit_to_its_place():
    doc = set_refit_place(default_document(), resolve_route(default_document()), "Khasan", "Tumangang").document
    route = shipped_routes()["pyongyang-vladivostok"]  # as the route names it: the inputs move it themselves
    inputs = uncertain_inputs(doc, route)
    tracks = [i for i in inputs if i.owner == "facility" and i.field == "tracks"]
    assert [i.owner_id for i in tracks] == ["Tumangang"]
    values = [i.high if i is tracks[0] else i.value for i in inputs]
    slow = _Variant(doc, route, inputs).trip(values)
    assert slow.refits[0].station == "Tumangang"
    assert slow.refits[0].duration_s < compute_trip(doc, route).refits[0].duration_s  # more tracks: a shorter refit


def test_a_file_that_puts_the_refit_where_the_route_allows_none_is_refused_in_a_sentence(tmp_path):
    data = json.loads(default_document().model_dump_json())
    data["scenario"]["refit_places"] = {"Khasan": "Rajin"}
    path = tmp_path / "bad.traintool.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(TraintoolError, match=r"scenario.refit_places: .*no refit at 'Khasan' that may be made at 'Rajin'"):
        load_document(path)


def test_a_route_of_the_documents_own_saved_with_the_refit_moved_moves_it_back():
    # The route editor saves the route as the window shows it: the refit already at Tumangang.
    from traintool.model.edits import rename_station, use_route

    doc = default_document()
    moved = set_refit_place(doc, resolve_route(doc), "Khasan", "Tumangang").document
    own = use_route(moved, resolve_route(moved)).document
    assert [b.station for b in own.route.breaks_of_gauge] == ["Tumangang"]
    back = set_refit_place(own, resolve_route(own), "Tumangang", "Khasan").document
    assert [r.station for r in compute_trip(back, resolve_route(back)).refits] == ["Khasan"]
    # A station renamed: its refit, its alternatives, its length range and the choice follow the name.
    names = [s.name for s in own.route.stations]
    renamed = rename_station(own, resolve_route(own), names.index("Tumangang"), "Tumen River").document
    [brk] = renamed.route.breaks_of_gauge
    assert brk.places() == ("Tumen River", "Khasan") and renamed.scenario.refit_places == {"Khasan": "Tumen River"}
    rajin = rename_station(own, own.route, names.index("Rajin"), "Rason").document
    assert rajin.route.length_ranges[0].to_station == "Rason"
