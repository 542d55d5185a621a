"""The trip as a timetable: clock times across zones and dates, from the trip's stops alone, each
with its range; the range's time band counts every part of every stop."""
import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import builders
from traintool.model import Document, Route, Section, Station
from traintool.physics import compute_trip
from traintool.physics.bands import along_grid, route_grid
from traintool.physics.ranges import trip_range
from traintool.physics.result import Stop, StopPart
from traintool.physics.timetable import arrival_at, build_timetable, timetable_lines, timetable_to_dict

H = 3600.0


def _route(*zones: str | None) -> Route:
    """Stations A, B, C ... 100 km apart, in the zones given."""
    n = len(zones)
    stations = [Station(name=chr(65 + i), position_m=i * 100_000.0, time_zone=z) for i, z in enumerate(zones)]
    sections = [Section(start_m=i * 100_000.0, end_m=(i + 1) * 100_000.0, gauges_mm=[1435], speed_limit_m_s=20)
                for i in range(n - 1)]
    return Route(id="zones", name="Across zones", stations=stations, sections=sections)


def _trip(route: Route, departure: datetime, zone: str | None, times: list[tuple[float, float]]):
    """The small train's trip over `route`, its stops at the given (arrival, departure) hours from
    the start: known answers need known elapsed times."""
    base = builders.small_document()
    doc = Document.model_validate({**base.model_dump(), "route": route.model_dump(),
                                   "scenario": {"departure": {"local": departure, "time_zone": zone}}})
    result = compute_trip(doc, route)
    stops = [Stop(s.name, s.position_m, a * H, d * H, (StopPart("dwell", "Dwell", (d - a) * H),) if d > a else ())
             for s, (a, d) in zip(route.stations, times)]
    return doc, replace(result, stops=stops)


def test_pyongyang_setting_its_clocks_back_half_an_hour_in_august_2015():
    # Pyongyang went from UTC+9 to UTC+8:30 at midnight on 15 August 2015.
    route = _route("Asia/Pyongyang", "Asia/Pyongyang", "Asia/Vladivostok")
    doc, result = _trip(route, datetime(2015, 8, 14, 22, 0), None, [(0, 0), (5, 5.5), (8, 8)])
    t = build_timetable(result, doc, route)
    a, b, c = t.rows
    assert (a.departure.at.strftime("%H:%M"), a.departure.offset, a.departure.day) == ("22:00", "UTC+9", 0)
    # 22:00 +9 is 13:00 UTC; five hours on, 18:00 UTC is 02:30 at +8:30, the next day.
    assert (b.arrival.at.strftime("%H:%M"), b.arrival.offset, b.arrival.day) == ("02:30", "UTC+8:30", 1)
    assert b.arrival.text(with_range=False) == "02:30 +1"
    # 21:00 UTC at Vladivostok (UTC+10 since 2014) is 07:00.
    assert (c.arrival.at.strftime("%H:%M"), c.arrival.offset, c.arrival.day) == ("07:00", "UTC+10", 1)
    assert c.departure is None and a.arrival is None


def test_pyongyang_setting_its_clocks_forward_in_may_2018():
    # Back to UTC+9 at 23:30 on 4 May 2018 (the clocks went to midnight).
    route = _route("Asia/Pyongyang", "Asia/Pyongyang")
    doc, result = _trip(route, datetime(2018, 5, 4, 23, 0), "Asia/Pyongyang", [(0, 0), (1, 1)])
    _, b = build_timetable(result, doc, route).rows
    assert (b.arrival.at.strftime("%Y-%m-%d %H:%M"), b.arrival.offset, b.arrival.day) == ("2018-05-05 00:30", "UTC+9", 1)


def test_moscow_and_vladivostok_in_october_2014():
    # On 26 October 2014 Moscow went from UTC+4 to UTC+3, Vladivostok from UTC+11 to UTC+10, at 02:00 local.
    route = _route("Europe/Moscow", "Europe/Moscow", "Asia/Vladivostok")
    doc, result = _trip(route, datetime(2014, 10, 25, 23, 0), None, [(0, 0), (4, 4), (30, 30)])
    a, b, c = build_timetable(result, doc, route).rows
    assert a.departure.offset == "UTC+4"
    # 19:00 UTC on the 25th, +4 h: 23:00 UTC is 02:00 on the 26th at +3.
    assert (b.arrival.at.strftime("%d %H:%M"), b.arrival.offset) == ("26 02:00", "UTC+3")
    # +30 h: 01:00 UTC on the 27th is 11:00 at Vladivostok, two days after the departure's date.
    assert (c.arrival.at.strftime("%d %H:%M"), c.arrival.offset, c.arrival.day) == ("27 11:00", "UTC+10", 2)


def test_moscow_summer_time_of_2001():
    route = _route("Europe/Moscow", "Europe/Moscow")
    doc, result = _trip(route, datetime(2001, 8, 3, 12, 0), None, [(0, 0), (10, 10)])
    _, b = build_timetable(result, doc, route).rows
    assert (b.arrival.at.strftime("%H:%M"), b.arrival.offset) == ("22:00", "UTC+4")


def test_a_route_without_zones_is_told_in_the_departures_zone_and_says_so():
    route = _route(None, None, None)
    doc, result = _trip(route, datetime(2020, 1, 1, 8, 0), "Asia/Pyongyang", [(0, 0), (2, 3), (5, 5)])
    t = build_timetable(result, doc, route)
    assert {r.time_zone for r in t.rows} == {"Asia/Pyongyang"}
    assert "no time zones" in t.zone_note and "Asia/Pyongyang" in t.zone_note
    assert t.rows[2].arrival.at.strftime("%H:%M") == "13:00"
    no_zone_at_all, result = _trip(route, datetime(2020, 1, 1, 8, 0), None, [(0, 0), (2, 3), (5, 5)])
    assert build_timetable(result, no_zone_at_all, route).time_zone == "UTC"


def test_a_station_without_a_zone_takes_the_one_before_it():
    route = _route("Europe/Warsaw", "Europe/Minsk", None)
    doc, result = _trip(route, datetime(2009, 5, 14, 20, 50), None, [(0, 0), (3, 4), (6, 6)])
    t = build_timetable(result, doc, route)
    assert [r.time_zone for r in t.rows] == ["Europe/Warsaw", "Europe/Minsk", "Europe/Minsk"]
    assert "C" in t.zone_note


def test_the_timetable_shows_whatever_parts_a_stop_has():
    route = _route("Asia/Pyongyang", "Asia/Vladivostok", "Asia/Vladivostok")
    doc, result = _trip(route, datetime(2019, 4, 24, 6, 0), None, [(0, 0), (5, 7), (9, 9)])
    parts = (StopPart("border_entry", "Border entry", 3600.0, "an operations source"),
             StopPart("customs", "Customs", 3600.0))
    result = replace(result, stops=[result.stops[0], replace(result.stops[1], parts=parts), result.stops[2]])
    row = build_timetable(result, doc, route).rows[1]
    assert [p.kind for p in row.parts] == ["border_entry", "customs"] and row.stand_s == 2 * H
    assert "Border entry 1 h 00 min; Customs 1 h 00 min" in timetable_lines(build_timetable(result, doc, route))[2]


def test_the_json_gives_iso_times_with_their_offsets():
    route = _route("Asia/Pyongyang", "Asia/Pyongyang", "Asia/Vladivostok")
    doc, result = _trip(route, datetime(2015, 8, 14, 22, 0), None, [(0, 0), (5, 5.5), (8, 8)])
    data = json.loads(json.dumps(timetable_to_dict(build_timetable(result, doc, route))))
    b = data["stops"][1]
    assert b["arrival"]["time"] == "2015-08-15T02:30:00+08:30" and b["arrival"]["utc_offset"] == "+08:30"
    assert b["departure"]["time"] == "2015-08-15T03:00:00+08:30"
    assert data["stops"][2]["arrival"]["time"] == "2015-08-15T07:00:00+10:00"
    assert data["departure"] == "2015-08-14T22:00:00+09:00"
    start = datetime.fromisoformat(data["departure"])
    for stop, src in zip(data["stops"][1:], result.stops[1:]):
        assert datetime.fromisoformat(stop["arrival"]["time"]) - start == timedelta(seconds=src.arrival_s)


def test_arrival_at_gives_the_stations_clock():
    route = _route("Asia/Pyongyang", "Asia/Pyongyang", "Asia/Vladivostok")
    doc, result = _trip(route, datetime(2015, 8, 14, 22, 0), None, [(0, 0), (5, 5.5), (8, 8)])
    at = arrival_at(result, doc, route, "C")
    assert at == datetime(2015, 8, 15, 7, 0, tzinfo=timezone(timedelta(hours=10)))
    assert at.tzinfo.key == "Asia/Vladivostok"
    assert arrival_at(result, doc, route, "A") == datetime(2015, 8, 14, 22, 0, tzinfo=timezone(timedelta(hours=9)))
    assert arrival_at(result, doc, route, "Nowhere") is None


def test_a_trip_that_cannot_be_made_stops_where_the_train_does():
    doc = builders.infeasible_documents()["cannot_change_gauge"]
    route = doc.route
    result = compute_trip(doc, route)
    t = build_timetable(result, doc, route)
    assert not t.complete and t.rows[-1].station == "B" and t.rows[-1].departure is None
    assert "gets no further" in timetable_lines(t)[-1]


def test_each_time_has_its_range_and_the_range_holds_the_time(small_document):
    data = small_document.model_dump()
    data["route"]["stations"][1]["ranges"] = {"dwell_s": {"low": 60, "high": 3600, "source": "test"}}
    data["route"]["sections"][0].update(estimated=True, ranges={"speed_limit_m_s": {"low": 10, "high": 25,
                                                                                     "source": "test"}})
    doc = Document.model_validate(data)
    route = doc.route
    result = compute_trip(doc, route)
    r = trip_range(doc, route, 40)
    t = build_timetable(result, doc, route, r.bands)
    assert t.rows[0].departure.low is None or t.rows[0].departure.low == t.rows[0].departure.at
    b = t.rows[1]
    for c in (b.arrival, b.departure, t.rows[2].arrival):
        assert c.low is not None and c.low < c.high
        assert c.low - timedelta(minutes=1) <= c.at <= c.high + timedelta(minutes=1)
    assert ", 90 % " in b.departure.text()


# ------------------------------------------------------------------ the band counts every part of a stop

def _at_stops(result, route):
    grid = route_grid(route)
    _, elapsed = along_grid(result, route, grid)
    out = []
    for s in result.stops:
        here = np.flatnonzero(grid.distance_m == s.position_m)
        arrive = [i for i in here if not grid.leaves[i]][0]
        leave = ([i for i in here if grid.leaves[i]] or [arrive])[0]
        out.append((float(elapsed[arrive]), float(elapsed[leave])))
    return out


@settings(max_examples=15, deadline=None)
@given(st.floats(0, 20 * H), st.sampled_from(["border_entry", "customs", "locomotive_change", "technical"]))
def test_the_time_band_at_a_stop_is_its_arrival_and_departure_whatever_its_parts(extra_s, kind):
    doc = builders.small_document()
    route = doc.route
    result = compute_trip(doc, route)
    a, b, c = result.stops  # a part the trip did not count before: later stops move on by it
    b = replace(b, departure_s=b.departure_s + extra_s, parts=b.parts + (StopPart(kind, kind, extra_s),))
    c = replace(c, arrival_s=c.arrival_s + extra_s, departure_s=c.departure_s + extra_s)
    result = replace(result, stops=[a, b, c])
    for (arrive, leave), s in zip(_at_stops(result, route), result.stops):
        assert arrive == pytest.approx(s.arrival_s, abs=0.5)
        assert leave == pytest.approx(s.departure_s, abs=0.5)


@settings(max_examples=60, deadline=None)
@given(st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2100, 1, 1)),
       st.sampled_from(["Asia/Pyongyang", "Europe/Moscow", "Asia/Vladivostok", "Europe/Warsaw", "America/Santiago"]),
       st.sampled_from(["Asia/Pyongyang", "Europe/Minsk", "Asia/Chita", "Australia/Lord_Howe"]),
       st.lists(st.floats(0, 40 * H), min_size=3, max_size=3))
def test_every_clock_time_is_the_same_moment_as_the_trips_elapsed_time(local, first, second, steps):
    route = _route(first, second, None)
    a, b, c = np.cumsum(steps)
    doc, result = _trip(route, local, None, [(0, 0), (a, b), (c, c)])
    t = build_timetable(result, doc, route)
    start = t.departure.astimezone(timezone.utc)
    for row, stop in zip(t.rows, result.stops):
        for clock, elapsed in ((row.arrival, stop.arrival_s), (row.departure, stop.departure_s)):
            if clock is None:
                continue
            assert clock.at - start == timedelta(seconds=elapsed)  # the same moment, whatever the offsets
            assert clock.at.tzinfo.key == row.time_zone
            assert clock.day == (clock.at.date() - local.date()).days
