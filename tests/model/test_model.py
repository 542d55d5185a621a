"""The model refuses bad data with a message that names the field and the car or section."""
import json

import pytest
from pydantic import ValidationError

from traintool.model import BreakOfGauge, Car, CarKind, Consist, Document, RefitFacility, Route, Section, Station, car_label

from builders import gauge_route, make_type


def test_negative_length_is_refused_naming_the_field():
    with pytest.raises(ValidationError) as e:
        make_type(length_m=-3)
    assert "length_m" in str(e.value)


def test_zero_mass_is_refused():
    with pytest.raises(ValidationError) as e:
        make_type(mass_kg=0)
    assert "mass_kg" in str(e.value)


def test_locomotive_without_power_is_refused():
    with pytest.raises(ValidationError) as e:
        make_type("l", CarKind.LOCOMOTIVE, power_w=None)
    assert "power_w" in str(e.value)


def test_unknown_car_type_names_the_car_by_position_and_name():
    with pytest.raises(ValidationError) as e:
        Document(car_types=[make_type()], consist=Consist(cars=[Car(type_id="coach"), Car(type_id="nope", name="Mystery")]))
    msg = str(e.value)
    assert "consist.cars[1]" in msg and "car 2" in msg and "Mystery" in msg and "'nope'" in msg


def test_unknown_keys_are_refused():
    with pytest.raises(ValidationError) as e:
        Car.model_validate({"type_id": "coach", "colour": "green"})
    assert "colour" in str(e.value)


def _route(sections, stations=None, breaks=()):
    stations = stations or [Station(name="A", position_m=0), Station(name="B", position_m=100)]
    return Route(id="r", name="R", stations=stations, sections=sections, breaks_of_gauge=list(breaks))


def test_section_gap_is_refused_naming_the_section():
    with pytest.raises(ValidationError) as e:
        _route([Section(start_m=0, end_m=40, gauges_mm=[1435], speed_limit_m_s=10),
                Section(start_m=50, end_m=100, gauges_mm=[1435], speed_limit_m_s=10, name="Second")])
    msg = str(e.value)
    assert "sections[1]" in msg and "Second" in msg and "gap of 10 m" in msg


def test_section_overlap_is_refused():
    with pytest.raises(ValidationError) as e:
        _route([Section(start_m=0, end_m=60, gauges_mm=[1435], speed_limit_m_s=10),
                Section(start_m=50, end_m=100, gauges_mm=[1435], speed_limit_m_s=10)])
    assert "overlap of 10 m" in str(e.value)


def test_sections_must_reach_the_last_station():
    with pytest.raises(ValidationError) as e:
        _route([Section(start_m=0, end_m=60, gauges_mm=[1435], speed_limit_m_s=10)])
    assert "last station (B)" in str(e.value)


def test_break_of_gauge_without_facility_is_refused():
    with pytest.raises(ValidationError) as e:
        BreakOfGauge.model_validate({"station": "B", "to_gauge_mm": 1520})
    assert "facility" in str(e.value)


def test_gauge_change_without_a_break_is_refused():
    stations = [Station(name="A", position_m=0), Station(name="B", position_m=50), Station(name="C", position_m=100)]
    with pytest.raises(ValidationError) as e:
        _route([Section(start_m=0, end_m=50, gauges_mm=[1435], speed_limit_m_s=10),
                Section(start_m=50, end_m=100, gauges_mm=[1520], speed_limit_m_s=10)], stations)
    assert "sections[1]" in str(e.value) and "refit facility" in str(e.value)


def test_dual_gauge_section_carries_the_train_until_the_break():
    stations = [Station(name="A", position_m=0), Station(name="B", position_m=50),
                Station(name="C", position_m=80), Station(name="D", position_m=100)]
    r = _route([Section(start_m=0, end_m=50, gauges_mm=[1435], speed_limit_m_s=10),
                Section(start_m=50, end_m=80, gauges_mm=[1435, 1520], speed_limit_m_s=10),
                Section(start_m=80, end_m=100, gauges_mm=[1520], speed_limit_m_s=10)], stations,
               [BreakOfGauge(station="C", to_gauge_mm=1520, facility=RefitFacility())])
    assert r.gauge_by_section() == [1435, 1435, 1520]


def test_break_at_unknown_station_is_refused():
    with pytest.raises(ValidationError) as e:
        Route.model_validate({**gauge_route().model_dump(), "breaks_of_gauge": [
            {"station": "Nowhere", "to_gauge_mm": 1520, "facility": {}}]})
    assert "Nowhere" in str(e.value)


def test_stats_are_derived(small_document):
    st = small_document.stats()
    assert st.cars == 10
    assert st.count_by_kind == {CarKind.LOCOMOTIVE: 2, CarKind.COACH: 8}
    assert st.length_m == pytest.approx(2 * 20 + 8 * 25)
    assert st.mass_kg == pytest.approx(2 * 120_000 + 8 * 50_000)
    assert st.axles == 2 * 6 + 8 * 4
    assert st.max_speed_m_s == 30.0
    assert st.power_w == 4_000_000
    assert st.power_per_tonne_w == pytest.approx(4_000_000 / 640)


def test_overrides_win_over_the_type_and_are_marked(small_document):
    cars = list(small_document.consist.cars)
    cars[3] = cars[3].model_copy(update={"mass_kg": 80_000.0, "max_speed_m_s": 10.0})
    doc = small_document.model_copy(update={"consist": Consist(cars=cars)})
    rc = doc.resolved_cars()[3]
    assert rc.mass_kg == 80_000 and rc.overridden == {"mass_kg", "max_speed_m_s"}
    assert doc.stats().max_speed_m_s == 10.0
    assert car_label(3, rc) == "car 4 (Coach 2)"


def test_json_round_trip(small_document):
    again = Document.model_validate_json(small_document.model_dump_json())
    assert again == small_document


def test_a_frontal_area_in_an_older_file_is_read_and_dropped(small_document):
    # No physics ever used it (the Davis air term has its own coefficient): the field is gone from
    # the model and the schema, and files that still carry it open as before.
    data = small_document.model_dump(mode="json")
    data["car_types"][0]["frontal_area_m2"] = 10.0
    again = Document.model_validate(data)
    assert again == small_document
    assert "frontal_area_m2" not in json.dumps(Document.model_json_schema())
    assert "frontal_area_m2" not in again.model_dump_json()


def test_the_stranded_cars_choice_is_saved_and_stop_is_the_default(small_document):
    from traintool.model import StrandedCars

    assert small_document.scenario.stranded_cars is StrandedCars.STOP
    data = small_document.model_dump(mode="json")
    data["scenario"]["stranded_cars"] = "leave_behind"
    assert Document.model_validate_json(json.dumps(data)).scenario.stranded_cars is StrandedCars.LEAVE_BEHIND
    data["scenario"]["stranded_cars"] = "abandon"
    with pytest.raises(ValidationError, match="stranded_cars"):
        Document.model_validate(data)
