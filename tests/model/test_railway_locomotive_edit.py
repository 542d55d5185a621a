"""The locomotive a railway puts on at a change, chosen by the user: one pure, undoable scenario edit."""
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from traintool.errors import DocumentError, EditError
from traintool.io import catalogue, document_from_data, document_to_json, load_document, sample_paths, save_document, shipped_routes
from traintool.model import edits
from traintool.physics import compute_trip

ROUTE = shipped_routes()["pyongyang-vladivostok"]
DOC = load_document(sample_paths()["leaders-train-21"])


def _type(tid):
    return next(t for t in catalogue() if t.id == tid)


def test_a_railways_locomotive_is_set_in_the_scenario_with_a_label_and_the_old_document_untouched():
    e = edits.set_railway_locomotive(DOC, ROUTE, "rzd", _type("ru-tep70"), 2)
    rules = e.document.scenario.railway_overrides["rzd"]
    assert (rules.locomotive_id, rules.locomotive_count, rules.locomotive_type) == ("ru-tep70", 2, _type("ru-tep70"))
    assert e.label == f"Russian Railways puts on 2 × {_type('ru-tep70').label}"
    assert e.changes.scenario
    assert "rzd" not in DOC.scenario.railway_overrides  # pure: the document edited is left as it was
    # the railway's other rules are kept as they were in force
    before = edits.rules_of(DOC, ROUTE, "rzd")
    assert rules.allowance_percent == before.allowance_percent and rules.ranges == before.ranges


def test_none_lets_the_consists_own_locomotives_haul_on():
    e = edits.set_railway_locomotive(DOC, ROUTE, "rzd", None)
    assert e.document.scenario.railway_overrides["rzd"].locomotive_id is None
    assert "none" in e.label and "Russian Railways" in e.label
    hauls = compute_trip(e.document, ROUTE).hauls
    assert not any(h.by_railway for h in hauls)


def test_a_locomotive_of_the_wrong_gauge_is_refused_in_a_sentence_and_not_offered():
    with pytest.raises(EditError, match=r"Korean State Railway cannot put on .*1520 mm.*1435 mm"):
        edits.set_railway_locomotive(DOC, ROUTE, "ksr", _type("ru-tep70"), 1)
    assert "ksr" not in DOC.scenario.railway_overrides
    offered = {t.id for t in edits.locomotives_for(ROUTE, "ksr", catalogue())}
    assert {"kp-df4b", "kp-red-flag-1"} <= offered and not offered & {"ru-tep70", "ru-2te116"}
    moscow = shipped_routes()["moscow-vladivostok"]  # broad gauge only
    assert {t.id for t in edits.locomotives_for(moscow, "rzd", catalogue())} == {"ru-tep70", "ru-2te116"}
    with pytest.raises(EditError, match="is not a locomotive"):
        edits.set_railway_locomotive(DOC, ROUTE, "rzd", next(t for t in catalogue() if not t.is_locomotive), 1)


@settings(max_examples=30, deadline=None)
@given(st.integers())
def test_a_count_outside_one_to_eight_is_refused_and_inside_it_is_taken(n):
    if 1 <= n <= 8:
        assert edits.set_railway_locomotive(DOC, ROUTE, "rzd", _type("ru-tep70"), n).document.scenario \
            .railway_overrides["rzd"].locomotive_count == n
    else:
        with pytest.raises(EditError, match="Russian Railways"):
            edits.set_railway_locomotive(DOC, ROUTE, "rzd", _type("ru-tep70"), n)


def test_the_choice_is_saved_by_id_and_read_back_with_the_catalogues_type(tmp_path):
    doc = edits.set_railway_locomotive(DOC, ROUTE, "rzd", _type("ru-tep70"), 3).document
    text = document_to_json(doc)
    saved = json.loads(text)["scenario"]["railway_overrides"]["rzd"]
    assert saved["locomotive_id"] == "ru-tep70" and saved["locomotive_count"] == 3 and "locomotive_type" not in saved
    path = save_document(doc, tmp_path / "mine.consist.json")
    again = load_document(path)
    assert again.scenario.railway_overrides["rzd"] == doc.scenario.railway_overrides["rzd"]
    assert compute_trip(again, ROUTE).total_s == pytest.approx(compute_trip(doc, ROUTE).total_s)


def test_an_unknown_id_in_a_saved_override_is_refused_naming_file_railway_and_field():
    data = json.loads(document_to_json(edits.set_railway_locomotive(DOC, ROUTE, "rzd", _type("ru-tep70"), 1).document))
    data["scenario"]["railway_overrides"]["rzd"]["locomotive_id"] = "ru-nope"
    with pytest.raises(DocumentError, match=r"leaders.consist.json: scenario.railway_overrides.rzd: locomotive_id 'ru-nope'"):
        document_from_data(data, "leaders.consist.json")


def test_a_weaker_locomotive_after_khasan_makes_the_leaders_train_slower():
    strong = compute_trip(edits.set_railway_locomotive(DOC, ROUTE, "rzd", _type("ru-2te116"), 1).document, ROUTE)
    weak = compute_trip(edits.set_railway_locomotive(DOC, ROUTE, "rzd", _type("ru-tep70"), 1).document, ROUTE)
    assert weak.running_s > strong.running_s
    assert any("TEP70" in h.locomotive for h in weak.hauls if h.by_railway)
