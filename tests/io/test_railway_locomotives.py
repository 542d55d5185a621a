"""A railway's locomotive in the files: a catalogue type by id; older files' free-text names still load."""
import json

import pytest

from traintool.errors import DocumentError
from traintool.io import catalogue, document_from_data, document_to_json, load_route, route_to_json, shipped_routes
from traintool.model import ServiceKind


def _route_data():
    return json.loads(route_to_json(shipped_routes()["warsaw-minsk"]))


def _write(tmp_path, data, name="old.route.json"):
    p = tmp_path / name
    p.write_text(json.dumps(data), encoding="utf-8")
    return p


def _pkp(route):
    return next(r for r in route.railways if r.id == "pkp").rules(ServiceKind.INTERNATIONAL)


def test_a_shipped_railway_names_a_catalogue_type_and_reading_it_gives_the_types_figures():
    rules = _pkp(shipped_routes()["warsaw-minsk"])
    assert rules.locomotive_id == "pl-ep09"
    assert rules.locomotive_type == next(t for t in catalogue() if t.id == "pl-ep09")
    assert rules.locomotive_label == "EP09 electric locomotive (PKP Intercity)"


def test_the_file_names_the_id_only(tmp_path):
    text = route_to_json(shipped_routes()["warsaw-minsk"])
    assert '"locomotive_id": "pl-ep09"' in text and "locomotive_type" not in text and "PKP Intercity" not in text


@pytest.mark.parametrize("name, expected", [("EP09 electric", "pl-ep09"), ("pl-ep09", "pl-ep09"),
                                            ("ep09", "pl-ep09")])
def test_an_older_files_name_of_a_catalogue_locomotive_becomes_its_id(tmp_path, name, expected):
    data = _route_data()
    rules = data["railways"][0]["services"]["international_passenger"]
    del rules["locomotive_id"]
    rules["locomotive"] = name
    route = load_route(_write(tmp_path, data))
    assert _pkp(route).locomotive_id == expected and _pkp(route).locomotive_type is not None
    assert _pkp(route).locomotive_note == ""  # every word of the name is in the type's label: nothing lost


@pytest.mark.parametrize("name", ["DF11 diesel", "2TE116 diesel or EP1 electric", "diesel", "Лок ТЭП70 🚂"])
def test_an_older_files_name_that_is_no_single_type_is_kept_as_the_note(tmp_path, name):
    data = _route_data()
    rules = data["railways"][0]["services"]["international_passenger"]
    del rules["locomotive_id"]
    rules["locomotive"] = name
    rules = _pkp(load_route(_write(tmp_path, data)))
    assert rules.locomotive_id is None and rules.locomotive_type is None and rules.locomotive_note == name


@pytest.mark.parametrize("bad, what", [("ru-ep1", "is not a car type"), ("uic-z-coach", "is not a locomotive")])
def test_an_unknown_locomotive_id_is_refused_in_a_sentence_naming_file_railway_service_and_id(tmp_path, bad, what):
    data = _route_data()
    data["railways"][1]["services"]["international_passenger"]["locomotive_id"] = bad
    path = _write(tmp_path, data, "mine.route.json")
    with pytest.raises(DocumentError) as e:
        load_route(path)
    text = str(e.value)
    assert "mine.route.json" in text and "Belarusian Railway" in text and "international_passenger" in text
    assert f"'{bad}' {what}" in text and "ru-tep70" in text  # and the catalogue's locomotives


def test_a_file_cannot_give_the_railways_locomotive_figures_of_its_own(tmp_path):
    data = _route_data()
    fake = {**next(t for t in catalogue() if t.id == "pl-ep09").model_dump(mode="json"), "power_w": 99_000_000.0}
    data["railways"][0]["services"]["international_passenger"]["locomotive_type"] = fake
    assert _pkp(load_route(_write(tmp_path, data))).locomotive_type.power_w == 2_920_000.0


def test_a_document_with_its_own_route_and_rules_in_older_words_loads_and_saves_ids():
    from traintool.io import default_document
    doc = default_document()
    data = json.loads(document_to_json(doc))
    data["route"] = json.loads(route_to_json(shipped_routes()["pyongyang-vladivostok"]))
    for k in ("format", "version"):
        data["route"].pop(k)
    for rw in data["route"]["railways"]:
        for rules in rw["services"].values():
            rules.pop("locomotive_id", None)
    data["route"]["railways"][1]["services"]["special"]["locomotive"] = "2TE116 diesel"
    data["scenario"]["railway_overrides"] = {"ksr": {"allowance_percent": 7.0, "locomotive": "Red Flag 1 electric"}}
    loaded = document_from_data(data, "older.consist.json")
    rzd = loaded.route.railways[1].rules(ServiceKind.SPECIAL)
    assert rzd.locomotive_id == "ru-2te116" and rzd.locomotive_type.gauge_mm == 1520
    assert loaded.scenario.railway_overrides["ksr"].locomotive_id == "kp-red-flag-1"
    again = document_from_data(json.loads(document_to_json(loaded)), "again.consist.json")
    assert again == loaded


def test_an_unknown_id_in_a_documents_rules_is_refused_naming_them():
    from traintool.io import default_document
    data = json.loads(document_to_json(default_document()))
    data["scenario"]["railway_overrides"] = {"rzd": {"locomotive_id": "nope"}}
    with pytest.raises(DocumentError, match=r"mine.consist.json: scenario.railway_overrides.rzd: locomotive_id 'nope'"):
        document_from_data(data, "mine.consist.json")


@pytest.mark.parametrize("bad", [5, ["EP09"], {"id": "pl-ep09"}, None])
def test_an_older_name_that_is_not_text_is_refused_in_a_sentence_not_dropped(tmp_path, bad):
    data = _route_data()
    rules = data["railways"][0]["services"]["international_passenger"]
    del rules["locomotive_id"]
    rules["locomotive"] = bad
    path = _write(tmp_path, data)
    if bad is None:  # null: no name at all
        assert _pkp(load_route(path)).locomotive_note == ""
        return
    with pytest.raises(DocumentError, match=r"old.route.json: .*locomotive_note"):
        load_route(path)
