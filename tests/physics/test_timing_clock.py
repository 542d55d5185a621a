"""Published timings given as two clock times, compared by arrival as well as by duration: the
model's train leaves at the published departure and its arrival is read by the station's clock."""
import contextlib
import io as stdio
import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

import builders
from traintool.cli import main
from traintool.io import load_document, published_timings, sample_paths, shipped_routes
from traintool.model import Document, Route, Section, Station
from traintool.model.timings import ClockTime, Timing, TimingSource, split_set
from traintool.physics import compute_trip
from traintool.physics.ranges import Percentiles
from traintool.physics.result import Reason, ReasonKind, Stop
from traintool.physics.timing_check import TimingCheck, _verdict, arrival_check, check_timing

H = 3600.0
# Whichever verdict the duration gets, the arrival gets its counterpart: the physics does not
# depend on the hour the train leaves, so a trip longer than published arrives later.
COUNTERPART = {"inside": "inside", "model faster": "model earlier", "model slower": "model later",
               "cannot be made": "cannot be made"}


def _route() -> Route:
    """A (Pyongyang), B (Pyongyang) and C (Vladivostok), 100 km apart."""
    zones = ("Asia/Pyongyang", "Asia/Pyongyang", "Asia/Vladivostok")
    stations = [Station(name=chr(65 + i), position_m=i * 100_000.0, time_zone=z) for i, z in enumerate(zones)]
    sections = [Section(start_m=i * 100_000.0, end_m=(i + 1) * 100_000.0, gauges_mm=[1435], speed_limit_m_s=20)
                for i in range(2)]
    return Route(id="zones", name="Across zones", stations=stations, sections=sections)


def _trip(route: Route, arrives_after_h: float):
    """The small train's trip, its stops at known hours from the start (the last after
    `arrives_after_h`); the document departs at another time than the timing, on purpose."""
    base = builders.small_document()
    doc = Document.model_validate({**base.model_dump(), "route": route.model_dump(),
                                   "scenario": {"departure": {"local": datetime(2026, 1, 1, 8, 0)}}})
    result = compute_trip(doc, route)
    stops = [Stop("A", 0.0, 0.0, 0.0, ()), Stop("B", 100_000.0, 5 * H, 5 * H, ()),
             Stop("C", 200_000.0, arrives_after_h * H, arrives_after_h * H, ())]
    return doc, replace(result, stops=stops, total_s=arrives_after_h * H)


def _timing(departure: ClockTime, arrival: ClockTime) -> Timing:
    return Timing(id="t", label="t", sample="armored-train", route_id="zones", from_station="A", to_station="C",
                  measure="total", kind="observed", confidence="medium", set=split_set("t"), event_date="2018-05-04",
                  departure=departure, arrival=arrival, wording="w", sources=(TimingSource(title="t", publisher="p"),))


# Departing 22:00 at Pyongyang on 4 May 2018, still at UTC+8:30 (it went to UTC+9 at 23:30 that
# night): 13:30 UTC. Eleven hours on is 00:30 UTC on the 5th, 10:30 at Vladivostok (UTC+10).
DEPARTS = ClockTime(local=datetime(2018, 5, 4, 22, 0), zone="Asia/Pyongyang")
BAND = Percentiles(10 * H, 11 * H, 12 * H)  # 09:30 to 11:30 at Vladivostok


@pytest.mark.parametrize("published, verdict, minutes, text", [
    (datetime(2018, 5, 5, 10, 0), "inside", 30,
     "inside: arrives 10:30 (90 % 09:30–11:30), published 10:00 Asia/Vladivostok (+30 min)"),
    (datetime(2018, 5, 5, 12, 0), "model earlier", -90,
     "model earlier by 90 min: arrives 10:30 (90 % 09:30–11:30), published 12:00 Asia/Vladivostok (-90 min)"),
    (datetime(2018, 5, 5, 9, 0), "model later", 90,
     "model later by 90 min: arrives 10:30 (90 % 09:30–11:30), published 09:00 Asia/Vladivostok (+90 min)"),
    # published the evening before, by the Vladivostok clock: the model's times are a day on
    (datetime(2018, 5, 4, 23, 50), "model later", 640,
     "model later by 640 min: arrives 10:30 +1 d (90 % 09:30 +1 d–11:30 +1 d), published 23:50 Asia/Vladivostok "
     "(+640 min)"),
])
def test_the_arrival_across_a_zone_change_and_a_date_change(published, verdict, minutes, text):
    route = _route()
    doc, result = _trip(route, 11)
    timing = _timing(DEPARTS, ClockTime(local=published, zone="Asia/Vladivostok"))
    check = arrival_check(timing, doc, route, result, BAND)
    assert check.model == datetime(2018, 5, 5, 10, 30, tzinfo=timezone(timedelta(hours=10)))
    assert check.model.tzinfo.key == "Asia/Vladivostok"
    assert (check.low, check.high) == (datetime(2018, 5, 4, 23, 30, tzinfo=timezone.utc),
                                       datetime(2018, 5, 5, 1, 30, tzinfo=timezone.utc))
    assert check.verdict == verdict and check.minutes == pytest.approx(minutes)
    assert check.text() == text
    # the duration, from the same clock times, says the same
    assert _verdict(timing, BAND) == {v: k for k, v in COUNTERPART.items()}[verdict]


def test_a_published_arrival_in_another_zone_than_the_stations_is_the_same_moment():
    # The station's clock is Vladivostok's; a source giving the arrival by Seoul's clock (UTC+9) at
    # 09:30 means 10:30 at Vladivostok: no difference at all.
    route = _route()
    doc, result = _trip(route, 11)
    check = arrival_check(_timing(DEPARTS, ClockTime(local=datetime(2018, 5, 5, 9, 30), zone="Asia/Seoul")),
                          doc, route, result, BAND)
    assert check.verdict == "inside" and check.minutes == 0
    assert check.text().startswith("inside: arrives 09:30 (90 % 08:30–10:30), published 09:30 Asia/Seoul")


def test_an_entry_without_clock_times_or_a_trip_that_cannot_be_made_has_no_arrival_to_compare():
    route = _route()
    doc, result = _trip(route, 11)
    timing = _timing(DEPARTS, ClockTime(local=datetime(2018, 5, 5, 10, 0), zone="Asia/Vladivostok"))
    without = Timing.model_validate({**timing.model_dump(exclude={"departure", "arrival"}),
                                     "published_s": {"low": 1.0, "high": 2.0}})
    assert arrival_check(without, doc, route, result, BAND) is None
    refit = Timing.model_validate({**timing.model_dump(), "measure": "refit", "station": "B"})
    assert arrival_check(refit, doc, route, result, BAND) is None  # a stand is no arrival
    stall = Reason(ReasonKind.STALL, "stalls", position_m=150_000.0)
    stuck = arrival_check(timing, doc, route, replace(result, total_s=None, reasons=[stall], stops=result.stops[:2]),
                          None)
    assert stuck.verdict == "cannot be made" and stuck.minutes is None and "cannot be made" in stuck.text()
    no_band = arrival_check(timing, doc, route, result, None)  # made nominally, in no sample
    assert no_band.verdict == "cannot be made" and no_band.minutes == 30


CLOCK_ENTRIES = [t for t in published_timings().timings if t.departure is not None]


@pytest.fixture(scope="module")
def clock_checks():
    routes = shipped_routes()
    return [check_timing(t, load_document(sample_paths()[t.sample]), routes[t.route_id], samples=20)
            for t in CLOCK_ENTRIES]


def test_the_shipped_clock_time_entries_are_compared_by_arrival(clock_checks):
    assert len(clock_checks) >= 10
    for c in clock_checks:
        t, a = c.timing, c.arrival
        assert a is not None, t.id
        # the published arrival is the source's own reading of its clock
        assert (a.published.replace(tzinfo=None), a.published.tzinfo.key) == (t.arrival.local, t.arrival.zone)
        # the timetable's arrival is the trip's total after the published departure
        assert (a.model - t.departure.instant()).total_seconds() == pytest.approx(c.value_s, abs=1e-3), t.id
        assert a.minutes == pytest.approx(c.minutes, abs=1e-3), t.id
        assert a.verdict == COUNTERPART[c.verdict], t.id
        assert (a.verdict == "inside") == (a.low <= a.published <= a.high), t.id


def test_check_timings_says_both_verdicts_in_text_and_json(monkeypatch, capsys, clock_checks):
    """The command's output, the clock-time entries checked for real (at 20 samples), the others skipped."""
    import traintool.physics.timing_check as tc

    done = {c.timing.id: c for c in clock_checks}

    def kept(timing, document, route, samples=tc.CHECK_SAMPLES, seed=0):
        if timing.id in done:
            return done[timing.id]
        return TimingCheck(timing, None, None, "cannot be made")

    monkeypatch.setattr(tc, "check_timing", kept)
    main(["check-timings", "--json"])
    data = {c["id"]: c for c in json.loads(capsys.readouterr().out)["timings"]}
    for tid, c in done.items():
        shown = data[tid]
        assert shown["arrival"] == c.arrival.as_dict() and shown["minutes"] == pytest.approx(c.minutes)
        assert shown["arrival"]["published"] == f"{c.timing.arrival.local:%Y-%m-%dT%H:%M}" \
            + c.arrival.published.isoformat()[-6:]
        assert datetime.fromisoformat(shown["arrival"]["model"]).utcoffset() is not None
    assert all(c["arrival"] is None for tid, c in data.items() if tid not in done)
    main(["check-timings"])
    out = capsys.readouterr().out
    for c in done.values():
        assert f"duration: {c.verdict} (model {c.minutes:+.0f} min); arrival: {c.arrival.text()}" in out
    assert out.count("; arrival: ") == len(done)


def test_an_arrival_check_kept_in_a_file_comes_back_equal_with_its_zones(clock_checks):
    """The report keeps the check on disk (report/uncertainty.py): read back, it says the same."""
    from traintool.physics.timing_check import ArrivalCheck

    for c in clock_checks:
        back = ArrivalCheck.from_row(json.loads(json.dumps(c.arrival.to_row())))
        assert back == c.arrival and back.text() == c.arrival.text() and back.as_dict() == c.arrival.as_dict()
