"""resources/timings.json: the published timings traintool's answers are checked against.

The file is data a reader must be able to trust: every entry names a source, runs between
stations of a shipped route in the route's direction, names a shipped sample that loads and
can make the trip, and gives a published range that is a range. These tests hold the file to
that; what the model computes against the ranges is the timings check's business, not theirs.
"""
from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

import pytest
from pydantic import ValidationError

from traintool import io
from traintool.physics import compute_trip
from traintool.app_paths import resources_dir
from traintool.model.timings import PublishedRange, Timing, split_set

MEASURES = {"total", "running", "refit"}
ENTRY_FIELDS = {"id", "label", "sample", "route_id", "from_station", "to_station", "measure", "station",
                "kind", "confidence", "set", "event_date", "published_s", "wording", "sources", "notes"}
CLOCK_FIELDS = {"departure", "arrival"}  # optional, together


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
    assert DATA["version"] == 2
    assert DATA["notes"].strip()
    assert len(ENTRIES) >= 10


def test_ids_are_unique_kebab_case():
    ids = [e["id"] for e in ENTRIES]
    assert len(ids) == len(set(ids)), "an id is used twice"
    for i in ids:
        assert i == i.lower() and " " not in i and "_" not in i, i


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids)
def test_entry_has_every_field_and_a_quoted_wording(entry):
    fields = set(entry) - (CLOCK_FIELDS if CLOCK_FIELDS <= set(entry) else set())
    assert fields == ENTRY_FIELDS, f"{entry['id']}: fields {fields ^ ENTRY_FIELDS}"
    assert entry["label"].strip() and entry["wording"].strip() and entry["notes"].strip()
    assert entry["measure"] in MEASURES
    assert entry["kind"] in {"observed", "timetabled", "forecast", "typical"}
    assert entry["confidence"] in {"high", "medium", "low"}
    assert entry["event_date"] is None or 1950 <= int(entry["event_date"][:4]) <= 2100
    if entry["event_date"] is None:
        assert "undated" in entry["notes"].lower(), f"{entry['id']}: an entry without an event date says why in its notes"


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


def _rule(timing_id: str) -> str:
    # The rule as the README and the file's notes write it, spelled out again here on purpose.
    return "validation" if int(hashlib.sha256(timing_id.encode()).hexdigest(), 16) % 3 == 0 else "calibration"


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids)
def test_every_entry_is_in_the_set_the_fixed_rule_gives(entry):
    assert entry["set"] == _rule(entry["id"]), f"{entry['id']}: moved by hand into '{entry['set']}'"


def test_both_sets_have_entries():
    sets = {e["set"] for e in ENTRIES}
    assert sets == {"calibration", "validation"}


def test_the_split_rule_is_written_where_readers_look():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for text in (DATA["notes"], readme):
        assert "int(sha256(id).hexdigest(), 16) % 3 == 0" in text


def test_the_loader_refuses_an_entry_moved_into_the_other_set():
    entry = dict(ENTRIES[0])
    entry["set"] = "calibration" if entry["set"] == "validation" else "validation"
    with pytest.raises(ValidationError, match="by the fixed rule"):
        Timing.model_validate(entry)
    assert split_set(ENTRIES[0]["id"]) == ENTRIES[0]["set"]


def test_one_sided_is_exactly_one_open_end():
    assert PublishedRange(low=3600).one_sided and PublishedRange(high=3600).one_sided
    assert not PublishedRange(low=3600, high=7200).one_sided
    assert PublishedRange(low=3600, high=7200).value == 5400 and PublishedRange(low=3600).value is None


def _clock_entry(departure: dict, arrival: dict, **more) -> dict:
    entry = {k: v for k, v in ENTRIES[0].items() if k != "published_s"}
    return {**entry, "departure": departure, "arrival": arrival, **more}


def test_clock_times_give_the_range_across_zones():
    # 11:40 Pyongyang (UTC+9) to 17:50 Vladivostok (UTC+10): 5 h 10 min elapsed, not 6 h 10 min.
    t = Timing.model_validate(_clock_entry({"local": "2019-04-24T11:40", "zone": "Asia/Pyongyang"},
                                           {"local": "2019-04-24T17:50", "zone": "Asia/Vladivostok"}))
    assert (t.published_s.low, t.published_s.high) == (5 * 3600 + 600, 5 * 3600 + 600)
    # 'around' each time widens the range by both.
    t = Timing.model_validate(_clock_entry({"local": "2019-04-24T10:40", "zone": "Asia/Vladivostok", "within_s": 600},
                                           {"local": "2019-04-24T11:40", "zone": "Asia/Vladivostok", "within_s": 300}))
    assert (t.published_s.low, t.published_s.high) == (3600 - 900, 3600 + 900)


def test_clock_times_follow_a_zones_change_of_offset():
    # Pyongyang went from UTC+9 to UTC+8:30 at midnight on 15 August 2015 (clocks back 30 min):
    # 23:00 to 01:00 local that night is 2 h 30 min elapsed.
    t = Timing.model_validate(_clock_entry({"local": "2015-08-14T23:00", "zone": "Asia/Pyongyang"},
                                           {"local": "2015-08-15T01:00", "zone": "Asia/Pyongyang"}))
    assert t.published_s.low == t.published_s.high == 2.5 * 3600
    # and back to UTC+9 on 5 May 2018 (23:30 became 00:00): 23:00 to 01:00 is then 1 h 30 min.
    t = Timing.model_validate(_clock_entry({"local": "2018-05-04T23:00", "zone": "Asia/Pyongyang"},
                                           {"local": "2018-05-05T01:00", "zone": "Asia/Pyongyang"}))
    assert t.published_s.low == t.published_s.high == 1.5 * 3600


@pytest.mark.parametrize("departure, arrival, published, message", [
    ({"local": "2019-04-24T11:40", "zone": "Asia/Vladivostok"}, {"local": "2019-04-24T10:40", "zone": "Asia/Vladivostok"},
     None, "not after the departure"),
    ({"local": "2019-04-24T11:40", "zone": "Asia/Nowhere"}, {"local": "2019-04-24T12:40", "zone": "Asia/Vladivostok"},
     None, "not an IANA time zone"),
    ({"local": "2019-04-24T11:40+10:00", "zone": "Asia/Vladivostok"},
     {"local": "2019-04-24T12:40", "zone": "Asia/Vladivostok"}, None, "give its zone, not an offset"),
    ({"local": "2019-04-24T11:40", "zone": "Asia/Vladivostok"}, {"local": "2019-04-24T12:40", "zone": "Asia/Vladivostok"},
     {"low": 3000, "high": 3000}, "not what the clock times give"),
])
def test_bad_clock_times_are_refused_with_a_reason(departure, arrival, published, message):
    more = {} if published is None else {"published_s": published}
    with pytest.raises(ValidationError, match=message):
        Timing.model_validate(_clock_entry(departure, arrival, **more))


def _countable(entry: dict) -> bool:
    two_sided = entry["published_s"]["low"] is not None and entry["published_s"]["high"] is not None
    return entry["kind"] in {"observed", "timetabled"} and entry["confidence"] in {"high", "medium"} and two_sided


def test_the_validation_set_has_enough_countable_entries():
    # Fewer and coverage's interval is too wide to tell 80 % from 50 %.
    assert sum(_countable(e) for e in ENTRIES if e["set"] == "validation") >= 15
    assert sum(_countable(e) for e in ENTRIES if e["set"] == "calibration") >= 15


def test_the_file_counts_every_entry_the_loader_counts():
    shipped = {t.id: t for t in io.published_timings().timings}
    assert {e["id"]: _countable(e) for e in ENTRIES} == {i: t.counted for i, t in shipped.items()}
