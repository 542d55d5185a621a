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
