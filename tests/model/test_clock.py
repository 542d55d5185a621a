"""Departures and time zones in the model: validated, saved, undoable, defaulted for older files."""
import json
from datetime import date, datetime

import pytest
from hypothesis import given, strategies as st
from pydantic import ValidationError

from traintool.errors import EditError
from traintool.io import document_from_data, document_to_json, load_route
from traintool.model import Document, Station
from traintool.model import edits as E
from traintool.model.clock import Departure, zone


def _reload(doc: Document) -> Document:
    return document_from_data(json.loads(document_to_json(doc)), "test")


@pytest.mark.parametrize("key", ["Asia/Pyongyang", "Europe/Moscow", "America/Argentina/Buenos_Aires", "UTC",
                                 "Etc/GMT+9"])
def test_iana_zones_are_taken(key):
    assert Station(name="A", position_m=0, time_zone=key).time_zone == key


@pytest.mark.parametrize("key", ["Asia/Pyongyng", "Asia", "../../etc/passwd", "/etc/localtime", "localtime",
                                 "posixrules", "posix/Asia/Tokyo", "Asia/Pyongyang\x00", "x" * 10_000, "",
                                 "Asia/../Asia/Tokyo"])
def test_a_name_that_is_not_a_zone_is_refused_with_a_sentence(key):
    with pytest.raises(ValidationError, match="time_zone") as e:
        Station(name="A", position_m=0, time_zone=key)
    assert "IANA time zone" in str(e.value) or "at most 64" in str(e.value)


def test_a_departure_with_an_offset_is_refused():
    with pytest.raises(ValidationError, match="without an offset"):
        Departure(local="2019-04-24T06:00+09:00")


def test_a_departure_is_an_undoable_edit_that_the_file_keeps(small_document):
    edit = E.set_departure(small_document, datetime(2015, 8, 14, 23, 0), "Asia/Pyongyang")
    assert edit.changes.scenario and edit.changes.trip
    assert "2015-08-14 23:00" in edit.label
    again = _reload(edit.document)
    assert again.scenario.departure == Departure(local=datetime(2015, 8, 14, 23, 0), time_zone="Asia/Pyongyang")
    assert small_document.scenario.departure != again.scenario.departure  # the old document is untouched


def test_a_bad_zone_in_the_departure_edit_is_refused_and_changes_nothing(small_document):
    with pytest.raises(EditError, match="Asia/Nowhere"):
        E.set_departure(small_document, datetime(2019, 4, 24, 6, 0), "Asia/Nowhere")


def test_the_same_departure_again_is_no_change(small_document):
    d = small_document.scenario.departure
    with pytest.raises(E.NoChange):
        E.set_departure(small_document, d.local, d.time_zone)


def test_an_older_file_without_a_departure_loads_with_the_default(small_document):
    data = json.loads(document_to_json(small_document))
    data["version"] = 2
    del data["scenario"]["departure"]
    doc = document_from_data(data, "old.consist.json")
    assert doc.scenario.departure == Departure()
    assert doc.version == 3


def test_a_route_file_of_version_2_without_zones_loads(small_document, tmp_path):
    data = small_document.route.model_dump(mode="json", exclude={"stations": {"__all__": {"time_zone"}}})
    path = tmp_path / "old.route.json"
    path.write_text(json.dumps({"format": "traintool.route", "version": 2, **data}), encoding="utf-8")
    route = load_route(path)
    assert all(s.time_zone is None for s in route.stations)


def test_a_new_document_departs_at_eight_tomorrow(small_document):
    doc = E.new_document(small_document, today=date(2026, 12, 31))
    assert doc.scenario.departure.local == datetime(2027, 1, 1, 8, 0)
    assert doc.scenario.departure.time_zone is None


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2199, 12, 31)),
       st.sampled_from([None, "Asia/Pyongyang", "Europe/Moscow", "Asia/Vladivostok", "UTC"]))
def test_any_departure_round_trips_through_the_file(local, key):
    doc = Document(scenario={"departure": {"local": local, "time_zone": key}})
    assert _reload(doc).scenario.departure == doc.scenario.departure


def test_zone_lookups_are_the_databases():
    assert zone("Asia/Pyongyang").utcoffset(datetime(2016, 1, 1)).total_seconds() == 8.5 * 3600
