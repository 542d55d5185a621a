"""The edits of model/edits.py, one bug at a time: each test failed before the edit path existed."""
import json

import pytest
from pydantic import ValidationError

import builders
from traintool.errors import EditError
from traintool.io import default_document, document_from_data, document_to_json, resolve_route
from traintool.model import MAX_CARS, Car, Document, Scenario
from traintool.model import edits as E
from traintool.model.limits import shown_range
from traintool.physics import compute_trip
from traintool.units import UnitSystem


def _reload(doc: Document) -> Document:
    return document_from_data(json.loads(document_to_json(doc)), "test")


def test_documents_are_immutable(small_document):
    with pytest.raises(ValidationError, match="frozen"):
        small_document.name = "Changed"
    with pytest.raises(AttributeError):
        small_document.consist.cars.append(Car(type_id="coach"))  # a tuple
    with pytest.raises(ValidationError, match="frozen"):
        small_document.consist.cars[0].mass_kg = 1.0
    with pytest.raises(AttributeError):
        small_document.route.stations.pop()


def test_renaming_a_station_carries_its_dwell_and_facility_overrides():
    doc = default_document()
    route = resolve_route(doc)
    doc = E.set_dwell(doc, route, "Khasan", 7380.0).document
    doc = E.set_facility_field(doc, route, "Khasan", "tracks", 4).document
    k = [s.name for s in route.stations].index("Khasan")
    renamed = E.rename_station(doc, route, k, "Khasan border").document
    again = _reload(renamed)
    assert again.scenario.dwell_overrides_s == {"Khasan border": 7380.0}
    assert set(again.scenario.facility_overrides) == {"Khasan border"}
    assert again.scenario.facility_overrides["Khasan border"].tracks == 4
    assert [b.station for b in again.route.breaks_of_gauge] == ["Khasan border"]


def test_a_pasted_car_keeps_its_own_figures_when_the_type_id_clashes(small_document):
    heavy = builders.make_type("coach", mass_kg=80_000.0)  # same id as the target's 50 t coach
    e = E.paste_cars(small_document, 0, [Car(type_id="coach")], [heavy])
    doc = e.document
    cars = doc.resolved_cars()
    assert cars[0].mass_kg == 80_000.0 and doc.consist.cars[0].type_id == "coach-2"
    assert all(c.mass_kg == 50_000.0 for c in cars[1:] if c.type.id == "coach")
    assert _reload(doc) == doc
    twice = E.paste_cars(doc, 0, [Car(type_id="coach")], [heavy]).document
    assert twice.consist.cars[0].type_id == "coach-2" and len(twice.car_types) == len(doc.car_types)
    same = E.paste_cars(small_document, 0, [Car(type_id="coach")], [small_document.type_by_id()["coach"]]).document
    assert same.car_types == small_document.car_types  # the same figures: no new type


def test_pasting_past_the_car_limit_is_refused_and_inserts_nothing():
    empty = Document(car_types=builders.small_document().car_types)
    with pytest.raises(EditError, match=f"at most {MAX_CARS:,} cars.*200,000"):
        E.paste_cars(empty, 0, [Car(type_id="coach")] * 200_000, [])
    full = E.insert_cars(empty, 0, [Car(type_id="coach")] * MAX_CARS).document
    with pytest.raises(EditError, match="100,001"):
        E.duplicate_cars(full, [0])


def test_a_refused_value_is_said_in_the_users_units(small_document):
    with pytest.raises(EditError) as e:
        E.set_scenario_field(small_document, "top_speed_cap_m_s", 200.0)
    assert e.value.message(UnitSystem.IMPERIAL) == "Top speed cap must be at most 335 mph."
    assert e.value.message(UnitSystem.METRIC) == "Top speed cap must be at most 540 km/h."
    assert "pydantic" not in str(e.value) and "validation error" not in str(e.value)


def test_spin_ranges_are_the_model_limits_in_the_units_shown():
    assert shown_range(Scenario, "top_speed_cap_m_s", UnitSystem.IMPERIAL) == (1, 335)  # 1 km/h (0.62 mph) is the least cap: shown as 1 mph, whole numbers
    assert shown_range(Scenario, "top_speed_cap_m_s", UnitSystem.METRIC) == (1, 540)


def test_choosing_a_route_drops_overrides_at_stations_it_lacks(small_document):
    doc = E.set_dwell(small_document, small_document.route, "B", 600.0).document
    routes = __import__("traintool.io", fromlist=["shipped_routes"]).shipped_routes()
    e = E.choose_route(doc, "warsaw-minsk", routes["warsaw-minsk"])
    assert e.document.scenario.dwell_overrides_s == {} and "dropping 1 override" in e.label
    assert _reload(e.document) == e.document


def test_an_undo_record_names_what_changed(small_document):
    assert E.set_car_field(small_document, [3], "mass_kg", 60_000.0).changes.cars == (3,)
    assert E.delete_cars(small_document, [3]).changes.cars == E.ALL
    c = E.set_scenario_field(small_document, "top_speed_cap_m_s", 20.0).changes
    assert c.scenario and not c.consist and not c.route and c.trip


# --- ranges on estimated figures ---------------------------------------------------------------------

def _route(doc: Document):
    return resolve_route(doc)


def _owners(doc: Document):
    """One owner of each kind with a figure it may range, and that figure's value (SI)."""
    route = _route(doc)
    station = next(i for i, s in enumerate(route.stations) if s.dwell_s > 0)
    return [(("car_type", "coach"), "mass_kg", 50_000.0), (("section", 0), "speed_limit_m_s", 20.0),
            (("station", station), "dwell_s", route.stations[station].dwell_s),
            (("facility", "B"), "lift_s", 600.0)]


@pytest.mark.parametrize("which", range(4))
def test_a_range_is_set_saved_and_cleared_on_each_kind_of_figure(small_document, which):
    owner, field, value = _owners(small_document)[which]
    e = E.set_range(small_document, _route(small_document), owner, field, value * 0.9, value * 1.2, "a book, p. 3")
    doc = e.document
    model, _ = E.range_of(doc, _route(doc), owner)
    assert model.ranges[field].low == pytest.approx(value * 0.9) and model.ranges[field].source == "a book, p. 3"
    assert "range" in e.label and "–" in e.label
    assert e.changes.trip  # the trip's range is computed again
    assert _reload(doc) == doc  # saved in the file
    model, _ = E.range_of(_reload(doc), _route(doc), owner)
    assert model.ranges[field].high == pytest.approx(value * 1.2)
    cleared = E.clear_range(doc, _route(doc), owner, field).document
    assert field not in E.range_of(cleared, _route(cleared), owner)[0].ranges
    with pytest.raises(E.NoChange):
        E.clear_range(cleared, _route(cleared), owner, field)


def test_a_facility_range_is_the_scenarios_and_leaves_the_route_alone(small_document):
    route = _route(small_document)
    doc = E.set_range(small_document, route, ("facility", "B"), "tracks", 1, 4, "site plan").document
    assert doc.scenario.facility_overrides["B"].ranges["tracks"].high == 4
    assert doc.route == small_document.route


def test_a_range_is_said_in_the_users_units(small_document):
    e = E.set_range(small_document, _route(small_document), ("section", 0), "speed_limit_m_s", 15.0, 25.0,
                    units=UnitSystem.IMPERIAL)
    assert e.label.endswith("to 33.55–55.92 mph")
    with pytest.raises(EditError) as err:
        E.set_range(small_document, _route(small_document), ("section", 0), "speed_limit_m_s", 25.0, 15.0,
                    units=UnitSystem.IMPERIAL)
    assert str(err.value) == "The low end of the speed limit range, 55.92 mph, is above its high end, 33.55 mph"


@pytest.mark.parametrize("owner, field, low, high, said", [
    (("car_type", "coach"), "mass_kg", 60_000.0, 50_000.0, "The low end of the mass range, 60 t, is above its high end, 50 t"),
    (("car_type", "coach"), "mass_kg", 55_000.0, 60_000.0,
     "The mass range 55–60 t does not hold the mass itself, 50 t: a range is around its value (change the value "
     "first, or widen the range)"),
    (("car_type", "coach"), "mass_kg", 0.0, 60_000.0,
     "The low end of the mass range, 0 t, is not a mass Coach can have: A mass must be more than 0 t"),
    (("car_type", "coach"), "power_w", 1.0, 2.0, "Coach has no power to give a range to"),
    (("car_type", "coach"), "axles", 2, 6, "The axles of Coach cannot carry a range: only its mass, length, power, "
                                           "tractive effort, top speed can"),
    (("car_type", "nope"), "mass_kg", 1.0, 2.0, "The document has no car type 'nope'"),
    (("section", 0), "gradient_permille", -90.0, 5.0,
     "The low end of the gradient range, -90 ‰, is not a gradient section 1 (km 0–km 50) can have: "
     "A gradient must be at least -80 ‰"),
    (("section", 7), "gradient_permille", -1.0, 5.0, "There is no section 8: the route has 2"),
    (("station", 1), "dwell_s", float("nan"), 600.0, "The low end of the dwell range must be a number, not “nan”"),
    (("facility", "B"), "tracks", 1.5, 3, "Exchange tracks are counted in whole numbers, so its range must be too, not 1.5 to 3"),
    (("facility", "A"), "tracks", 1, 3, "“A” is not a break of gauge on the route Break of gauge"),
])
def test_an_invalid_range_is_refused_with_a_sentence_and_changes_nothing(small_document, owner, field, low, high, said):
    dump = small_document.model_dump_json()
    with pytest.raises(EditError) as err:
        E.set_range(small_document, _route(small_document), owner, field, low, high)
    assert str(err.value) == said
    assert small_document.model_dump_json() == dump


def test_a_value_edited_outside_its_range_widens_the_range(small_document):
    """The rule of edits.py: a value set outside its range widens the range, and says so; inside, the range stays."""
    route = _route(small_document)
    doc = E.set_range(small_document, route, ("car_type", "coach"), "mass_kg", 45_000.0, 55_000.0, "catalogue").document
    inside = E.set_car_type_field(doc, "coach", "mass_kg", 52_000.0, "52 t")
    assert inside.document.type_by_id()["coach"].ranges["mass_kg"].high == 55_000.0 and "widened" not in inside.label
    e = E.set_car_type_field(doc, "coach", "mass_kg", 60_000.0, "60 t")
    r = e.document.type_by_id()["coach"].ranges["mass_kg"]
    assert (r.low, r.high) == (45_000.0, 60_000.0) and r.source == "catalogue" + E.WIDENED
    assert e.label == "Set the mass of Coach to 60 t (its range widened to hold it)"
    again = E.set_car_type_field(e.document, "coach", "mass_kg", 40_000.0).document.type_by_id()["coach"].ranges["mass_kg"]
    assert (again.low, again.high) == (40_000.0, 60_000.0) and again.source.count("widened") == 1
    # A value the field refuses is refused for what it is, not for the range.
    with pytest.raises(EditError, match="more than 0"):
        E.set_car_type_field(doc, "coach", "mass_kg", -5.0)


def test_route_and_facility_value_edits_widen_their_ranges_too(small_document):
    route = _route(small_document)
    doc = E.set_range(small_document, route, ("section", 1), "gradient_permille", -1.0, 2.0).document
    doc = E.set_section_field(doc, doc.route, 1, "gradient_permille", 6.0).document
    assert doc.route.sections[1].ranges["gradient_permille"].high == 6.0
    doc = E.set_range(doc, doc.route, ("station", 1), "dwell_s", 200.0, 400.0).document
    e = E.set_station_field(doc, doc.route, 1, "dwell_s", 100.0)
    assert e.document.route.stations[1].ranges["dwell_s"].low == 100.0 and "widened" in e.label
    doc = E.set_range(doc, doc.route, ("facility", "B"), "lift_s", 500.0, 700.0).document
    doc = E.set_facility_field(doc, doc.route, "B", "lift_s", 900.0).document
    assert doc.scenario.facility_overrides["B"].ranges["lift_s"].high == 900.0
    assert _reload(doc) == doc


def test_the_trip_draws_a_range_as_set_and_the_default_spread_once_it_is_cleared():
    from traintool.physics.ranges import uncertain_inputs

    doc = default_document()
    route = resolve_route(doc)
    section = next(i for i, s in enumerate(route.sections) if s.estimated)
    limit = route.sections[section].speed_limit_m_s
    doc = E.set_range(doc, route, ("section", section), "speed_limit_m_s", limit - 2.0, limit + 1.0, "a timetable").document
    key = f"section:{section}:speed_limit_m_s"
    drawn = {i.key: i for i in uncertain_inputs(doc, resolve_route(doc))}[key]
    assert (drawn.low, drawn.high, drawn.source, drawn.stated) == (limit - 2.0, limit + 1.0, "a timetable", True)
    doc = E.clear_range(doc, resolve_route(doc), ("section", section), "speed_limit_m_s").document
    drawn = {i.key: i for i in uncertain_inputs(doc, resolve_route(doc))}[key]
    assert not drawn.stated and drawn.low == pytest.approx(limit * 0.95) and "default" in drawn.source


def test_a_car_past_the_last_or_before_the_first_is_refused_by_its_number(small_document):
    n = len(small_document.consist.cars)
    for edit in (E.delete_cars, E.duplicate_cars):
        with pytest.raises(EditError, match=f"There is no car {n + 1}: the consist has {n} cars"):
            edit(small_document, [0, n])
        with pytest.raises(EditError, match="There is no car 0:"):
            edit(small_document, [-1])
    assert len(E.delete_cars(small_document, [n - 1]).document.consist.cars) == n - 1  # the last one is a car


def test_resetting_a_dwell_gives_the_routes_own_back():
    doc = default_document()
    route = resolve_route(doc)
    changed = E.set_dwell(doc, route, "Hamhung", 0.0).document
    assert changed.scenario.dwell_overrides_s == {"Hamhung": 0.0}
    reset = E.set_dwell(changed, route, "Hamhung", None)
    assert reset.document.scenario.dwell_overrides_s == {} and reset.label == "Reset dwell at Hamhung"
    assert compute_trip(reset.document, route).dwell_s == compute_trip(doc, route).dwell_s != \
        compute_trip(changed, route).dwell_s  # the route's own dwell, in the trip too


def test_an_undo_step_keeps_an_acronym_that_opens_a_type_name():
    # Found in the audit of issue 26: importing two DF4B locomotives read "Import 2 dF4B-type diesel locomotives".
    doc = default_document()
    types = doc.type_by_id()
    df4b = next(t for t in types.values() if t.label.startswith("DF4B"))
    coach = next(t for t in types.values() if t.label.startswith("Armored coach"))
    assert E.type_phrase([df4b, df4b]) == f"2 {df4b.label.split(' (')[0]}s"
    assert E.type_phrase([coach] * 3) == "3 armored coaches"


def test_who_hauls_after_a_change_is_an_edit_the_file_keeps(small_document):
    from traintool.model import Haulage
    assert small_document.scenario.haulage is Haulage.RAILWAYS  # the default, and that of a file without one
    e = E.set_haulage(small_document, Haulage.OWN)
    assert e.changes.scenario and e.changes.trip and e.label == Haulage.OWN.label
    assert _reload(e.document).scenario.haulage is Haulage.OWN
    assert E.set_haulage(e.document, Haulage.RAILWAYS).document == small_document
    with pytest.raises(E.NoChange):
        E.set_haulage(small_document, Haulage.RAILWAYS)
    data = json.loads(document_to_json(e.document))
    data["scenario"]["haulage"] = "by mule"
    with pytest.raises(Exception, match="haulage"):
        document_from_data(data, "bad.consist.json")
