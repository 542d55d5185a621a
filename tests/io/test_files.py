"""Reading and writing files: clear errors naming file, field and car; atomic saves with a backup."""
import json
import os

import pytest

from traintool.errors import DocumentError, SaveError
from traintool.io import (
    MAX_FILE_BYTES, document_to_json, load_document, load_route, route_to_json, save_document, save_route,
)
from builders import gauge_route


def _write(tmp_path, name, content):
    p = tmp_path / name
    p.write_bytes(content if isinstance(content, bytes) else content.encode())
    return p


def test_save_and_load_round_trip(tmp_path, small_document):
    p = tmp_path / "t.consist.json"
    save_document(small_document, p)
    assert load_document(p) == small_document


def test_save_keeps_only_the_car_types_used(tmp_path, small_document):
    from builders import make_type

    doc = small_document.model_copy(update={"car_types": small_document.car_types + (make_type("unused"),)})
    data = json.loads(document_to_json(doc))
    assert "unused" not in {t["id"] for t in data["car_types"]}


def test_save_keeps_a_backup_of_the_previous_version(tmp_path, small_document):
    p = tmp_path / "t.consist.json"
    save_document(small_document, p)
    first = p.read_text()
    save_document(small_document.model_copy(update={"name": "Renamed"}), p)
    assert (tmp_path / "t.consist.json~").read_text() == first
    assert load_document(p).name == "Renamed"
    assert not [f for f in os.listdir(tmp_path) if f.endswith(".tmp")]


def test_save_to_a_missing_folder_says_so_and_leaves_nothing(tmp_path, small_document):
    with pytest.raises(SaveError) as e:
        save_document(small_document, tmp_path / "nope" / "t.consist.json")
    assert "nope" in str(e.value)


def test_save_under_a_file_says_so_and_keeps_the_old_file(tmp_path, small_document):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("keep me")
    with pytest.raises(SaveError) as e:
        save_document(small_document, blocker / "t.consist.json")
    assert str(blocker) in str(e.value)
    assert blocker.read_text() == "keep me"


def test_route_round_trip(tmp_path):
    p = tmp_path / "r.route.json"
    save_route(gauge_route(), p)
    assert load_route(p) == gauge_route()
    assert json.loads(route_to_json(gauge_route()))["format"] == "traintool.route"


@pytest.mark.parametrize("content, expected", [
    (b"", "empty"),
    (b"{\"format\": ", "not valid JSON"),
    (b"\xff\xfe\x00garbage", "UTF-8"),
    (b"[1, 2]", "not a traintool file"),
    (b'{"format": "traintool.consist", "version": 1, "name": "a", "name": "b"}', "appears twice"),
    (b'{"format": "traintool.consist", "version": 1, "notes": NaN}', "NaN"),
    (b'{"format": "traintool.route", "version": 1}', "this is a route"),
    (b'{"format": "other.thing"}', "not a consist document"),
    (b'{"format": "traintool.consist", "version": 7}', "newer traintool"),
    (b"[" * 100_000 + b"]" * 100_000, "traintool"),
])
def test_bad_files_give_one_clear_error_naming_the_file(tmp_path, content, expected):
    p = _write(tmp_path, "bad.consist.json", content)
    with pytest.raises(DocumentError) as e:
        load_document(p)
    assert str(p) in str(e.value) and expected in str(e.value)


def test_a_bom_is_accepted(tmp_path, small_document):
    p = _write(tmp_path, "bom.consist.json", b"\xef\xbb\xbf" + document_to_json(small_document).encode())
    assert load_document(p) == small_document


def test_bad_car_names_file_field_and_car(tmp_path, small_document):
    data = json.loads(document_to_json(small_document))
    data["consist"]["cars"][4]["length_m"] = -2
    p = _write(tmp_path, "neg.consist.json", json.dumps(data))
    with pytest.raises(DocumentError) as e:
        load_document(p)
    msg = str(e.value)
    assert str(p) in msg and "consist.cars[4].length_m" in msg and "car 5, Coach 3" in msg


def test_folder_and_missing_file(tmp_path):
    with pytest.raises(DocumentError, match="folder"):
        load_document(tmp_path)
    with pytest.raises(DocumentError, match="no such file"):
        load_document(tmp_path / "gone.consist.json")


def test_oversized_file_is_refused_before_parsing(tmp_path):
    p = tmp_path / "huge.consist.json"
    with open(p, "wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(DocumentError, match="limit"):
        load_document(p)


def test_hand_written_document_may_name_shipped_car_types(tmp_path):
    from traintool.io import catalogue

    t = catalogue()[0]
    p = _write(tmp_path, "hand.consist.json", json.dumps(
        {"format": "traintool.consist", "version": 1, "consist": {"cars": [{"type_id": t.id}]}}))
    assert load_document(p).resolved_cars()[0].type == t
