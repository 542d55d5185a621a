"""resources/timings.json: the published timings traintool's answers are checked against.

The file is data a reader must be able to trust: every entry names a source, runs between
stations of a shipped route in the route's direction, names a shipped sample that loads and
can make the trip, and gives a published range that is a range. These tests hold the file to
that; what the model computes against the ranges is the timings check's business, not theirs.
"""
from __future__ import annotations

import json
from functools import cache

import pytest

from traintool import io
from traintool.physics import compute_trip
from traintool.app_paths import resources_dir

MEASURES = {"total", "running", "refit"}
ENTRY_FIELDS = {"id", "label", "sample", "route_id", "from_station", "to_station", "measure", "station",
                "published_s", "wording", "year", "sources", "notes"}


def _load() -> dict:
    return json.loads((resources_dir() / "timings.json").read_text(encoding="utf-8"))


DATA = _load()
ENTRIES = DATA["timings"]


def _ids(entry: dict) -> str:
    return entry["id"]


@cache
def _document(stem: str):
    return io.load_document(io.sample_paths()[stem])


def test_the_file_says_what_it_is():
    assert DATA["format"] == "traintool.timings"
    assert DATA["version"] == 1
    assert DATA["notes"].strip()
    assert len(ENTRIES) >= 10


def test_ids_are_unique_kebab_case():
    ids = [e["id"] for e in ENTRIES]
    assert len(ids) == len(set(ids)), "an id is used twice"
    for i in ids:
        assert i == i.lower() and " " not in i and "_" not in i, i


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids)
def test_entry_has_every_field_and_a_quoted_wording(entry):
    assert set(entry) == ENTRY_FIELDS, f"{entry['id']}: fields {set(entry) ^ ENTRY_FIELDS}"
    assert entry["label"].strip() and entry["wording"].strip() and entry["notes"].strip()
    assert entry["measure"] in MEASURES
    assert entry["year"] is None or 1950 <= entry["year"] <= 2100


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids)
def test_entry_has_a_source_a_reader_can_look_up(entry):
    sources = entry["sources"]
    assert sources, f"{entry['id']}: no source"
    findable = [s for s in sources
                if (s.get("url") or "").startswith(("http://", "https://"))
                or ((s.get("title") or "").strip() and (s.get("publisher") or "").strip())]
    assert findable, f"{entry['id']}: no source with a url, or with a title and a publisher"
    for s in sources:
        assert set(s) == {"title", "publisher", "date", "url"}, f"{entry['id']}: source fields {set(s)}"


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids)
def test_published_range_is_a_range_in_seconds(entry):
    low, high = entry["published_s"]["low"], entry["published_s"]["high"]
    assert set(entry["published_s"]) == {"low", "high"}
    assert low is not None or high is not None, f"{entry['id']}: neither bound"
    for v in (low, high):
        assert v is None or (isinstance(v, int) and not isinstance(v, bool) and v > 0), f"{entry['id']}: {v!r}"
    if low is not None and high is not None:
        assert low <= high, f"{entry['id']}: low {low} > high {high}"


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids)
def test_route_and_stations_exist_in_the_routes_direction(entry):
    routes = io.shipped_routes()
    assert entry["route_id"] in routes, f"{entry['id']}: no shipped route '{entry['route_id']}'"
    route = routes[entry["route_id"]]
    order = {s.name: i for i, s in enumerate(route.stations)}
    for key in ("from_station", "to_station"):
        name = entry[key]
        if entry["measure"] == "refit" and name is None:
            continue
        assert name in order, f"{entry['id']}: {key} '{name}' is not a station of {route.id}: {sorted(order)}"
    if entry["from_station"] is not None and entry["to_station"] is not None:
        assert order[entry["from_station"]] < order[entry["to_station"]], f"{entry['id']}: runs against the route"


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids)
def test_a_refit_is_at_a_break_of_gauge_between_its_stations(entry):
    route = io.shipped_routes()[entry["route_id"]]
    if entry["measure"] != "refit":
        assert entry["station"] is None, f"{entry['id']}: a station is only for a refit"
        return
    breaks = {b.station for b in route.breaks_of_gauge}
    assert entry["station"] in breaks, f"{entry['id']}: '{entry['station']}' is not a break of gauge of {route.id}"
    order = [s.name for s in route.stations]
    at = order.index(entry["station"])
    if entry["from_station"] is not None:
        assert order.index(entry["from_station"]) < at
    if entry["to_station"] is not None:
        assert at < order.index(entry["to_station"])


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids)
def test_sample_exists_validates_and_can_make_the_trip(entry):
    assert entry["sample"] in io.sample_paths(), f"{entry['id']}: no shipped sample '{entry['sample']}'"
    doc = _document(entry["sample"])  # load_document validates: a bad sample raises here
    route = io.shipped_routes()[entry["route_id"]]
    result = compute_trip(doc, route)
    assert result.total_s is not None, f"{entry['id']}: {doc.name} cannot run {route.id}: {result.reasons[:1]}"
    if entry["measure"] == "refit":
        stations = [r.station for r in result.refits]
        assert entry["station"] in stations, f"{entry['id']}: no refit at {entry['station']}, only at {stations}"


def test_the_seeds_figures_are_there():
    """The issue names them: 'at least 20 hours' Pyongyang - Vladivostok and the hours at the border."""
    by_id = {e["id"]: e for e in ENTRIES}
    trip = by_id["kim-2023-pyongyang-vladivostok"]
    assert (trip["sample"], trip["route_id"], trip["measure"]) == ("armored-train", "pyongyang-vladivostok", "total")
    assert trip["published_s"] == {"low": 20 * 3600, "high": None}
    assert "at least 20 hours" in trip["wording"]
    border = by_id["kim-2023-refit-border"]
    assert (border["measure"], border["station"]) == ("refit", "Khasan")
    assert "several hours" in border["wording"]


def test_brest_and_at_least_three_timetabled_trains():
    brest = [e for e in ENTRIES if e["measure"] == "refit" and e["station"] == "Brest"]
    assert len(brest) >= 3
    # the reports span about one to about two hours: the data keeps that spread, it does not average it away
    assert min(e["published_s"]["high"] for e in brest) <= 3600
    assert max(e["published_s"]["low"] for e in brest) >= 5400
    regular = [e for e in ENTRIES if not e["id"].startswith(("kim-", "brest-"))]  # timetabled trains
    assert len(regular) >= 3
    assert {e["sample"] for e in regular} >= {"dandong-pyongyang-train", "sleeper-train"}
    assert {e["route_id"] for e in regular} >= {"pyongyang-beijing", "warsaw-minsk"}
