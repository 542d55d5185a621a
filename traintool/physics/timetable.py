"""The trip as a timetable: at each stop, arrival and departure by the local clock, with the UTC
offset in force there and then, the day of the trip, the stand and its parts, and the 90 % range
of each time.

Built only from the trip's stops (`TripResult.stops`: arrivals and departures with everything
included) and, for the ranges, the range's time band read at the stops (bands.py counts every part
of every stop), so that whatever parts a stop has come through unchanged. Clock times come from
zoneinfo: daylight saving and historical offsets (Pyongyang's UTC+8:30 of 2015-2018, Moscow's
summer time before 2011) are the database's.

Zones: each station's own; a station without one takes the zone of the station before it; the
stations before the first zoned one, or all of them on a route that gives no zones, are told in
the departure's zone (the departure's own, else the first station's, else UTC), and the timetable
says so. The departure's wall-clock time is read with fold 0: in an hour the clocks repeat, the
first; in one they skip, the time as if the clocks had not changed yet.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import numpy as np
from pydantic import JsonValue

from ..model import Document, Route
from ..model.clock import zone
from ..units import format_duration
from .bands import TripBands
from .result import ReasonKind, Stop, StopPart, TripResult


@dataclass(frozen=True)
class ClockTime:
    """A moment by a station's clock, with its 90 % range when there is one."""

    at: datetime  # aware, in the station's zone
    day: int  # days after the departure's date (0: the day it leaves), by the dates of the local clocks
    low: datetime | None = None  # the range's 5th and 95th percentiles, in the same zone
    high: datetime | None = None

    @property
    def offset(self) -> str:
        """'UTC+9', 'UTC+8:30', 'UTC−3'."""
        return utc_offset_text(self.at)

    def text(self, with_range: bool = True) -> str:
        """'17:50', '06:10 +1', and with the range: '17:50, 90 % 16:40–19:30' (a range end on another
        day than the time says so: '23:40, 90 % 22:10–01:20 +1')."""
        said = f"{self.at:%H:%M}{_day(self.day)}"
        if with_range and self.low is not None and self.high is not None and self.low != self.high:
            low = f"{self.low:%H:%M}{_day(self._day_of(self.low), self.day)}"
            high = f"{self.high:%H:%M}{_day(self._day_of(self.high), self.day)}"
            said += f", 90 % {low}–{high}"
        return said

    def _day_of(self, t: datetime) -> int:
        return self.day + (t.date() - self.at.date()).days


def _day(day: int, same_as: int = 0) -> str:
    return "" if day == same_as else f" {day:+d}"


def utc_offset_text(t: datetime) -> str:
    off = t.utcoffset() or timedelta(0)
    minutes = int(off.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    h, m = divmod(abs(minutes), 60)
    return f"UTC{sign}{h}" + (f":{m:02d}" if m else "")


@dataclass(frozen=True)
class TimetableRow:
    station: str
    position_m: float
    time_zone: str  # the IANA zone the times are told in
    arrival: ClockTime | None  # None at the first station
    departure: ClockTime | None  # None at the last station, and where the trip stops
    stand_s: float  # from arrival to departure: every part of the stop
    parts: tuple[StopPart, ...]


@dataclass(frozen=True)
class Timetable:
    departure: datetime  # aware, in the departure's zone
    time_zone: str  # the departure's zone
    rows: list[TimetableRow]
    complete: bool  # the train gets to the end (else the rows stop where it does)
    zone_note: str | None = None  # where the route gives no zone for some stations, how they are told


def departure_moment(document: Document, route: Route) -> tuple[datetime, str]:
    """The departure as an aware time, and its zone's key."""
    key = departure_zone(document, route)
    return document.scenario.departure.local.replace(tzinfo=zone(key)), key


def departure_zone(document: Document, route: Route) -> str:
    return document.scenario.departure.time_zone or route.stations[0].time_zone or "UTC"


def station_zones(route: Route, fallback: str) -> dict[str, str]:
    """Each station's zone: its own, else that of the station before it, else `fallback`."""
    out: dict[str, str] = {}
    key = fallback
    for s in route.stations:
        key = s.time_zone or key
        out[s.name] = key
    return out


def zone_note(route: Route, fallback: str) -> str | None:
    missing = [s.name for s in route.stations if s.time_zone is None]
    if not missing:
        return None
    if len(missing) == len(route.stations):
        return f"The route gives no time zones: every time is told in {fallback}, the departure's zone."
    return (f"{len(missing)} of the route's stations have no time zone ({', '.join(missing[:3])}"
            f"{', ...' if len(missing) > 3 else ''}): each is told in the zone of the station before it"
            f" ({fallback} before the first that has one).")


def build_timetable(result: TripResult, document: Document, route: Route,
                    bands: TripBands | None = None) -> Timetable:
    """The timetable of a trip of `document` over `route`; with the range's bands, each time's range."""
    start, key = departure_moment(document, route)
    start_utc = start.astimezone(timezone.utc)
    zones = station_zones(route, key)
    ranges = stop_ranges(bands, result.stops) if bands is not None else {}
    first_date = start.date()
    stalled = any(r.kind is ReasonKind.STALL for r in result.reasons)
    rows = []
    last = len(result.stops) - 1
    for n, stop in enumerate(result.stops):
        tz = zone(zones[stop.station])
        arr_band, dep_band = ranges.get(stop.station, (None, None))

        def clock(elapsed: float, band: tuple[float, float] | None, tz: ZoneInfo = tz) -> ClockTime:
            at = (start_utc + timedelta(seconds=elapsed)).astimezone(tz)
            low = high = None
            if band is not None:
                low, high = ((start_utc + timedelta(seconds=b)).astimezone(tz) for b in band)
            return ClockTime(at, (at.date() - first_date).days, low, high)

        leaves = n < last or stalled  # a train that stalls leaves its last stop; one that cannot go on does not
        rows.append(TimetableRow(
            stop.station, stop.position_m, zones[stop.station],
            arrival=clock(stop.arrival_s, arr_band) if n > 0 else None,
            departure=clock(stop.departure_s, dep_band) if leaves else None,
            stand_s=stop.departure_s - stop.arrival_s, parts=stop.parts))
    return Timetable(start, key, rows, result.feasible, zone_note(route, key))


def stop_ranges(bands: TripBands, stops: list[Stop]) -> dict[str, tuple[tuple[float, float] | None,
                                                                       tuple[float, float] | None]]:
    """The 90 % range of each stop's arrival and departure (seconds from the departure), read from
    the time band at the stop's grid points: arriving, and leaving (a stop is read twice)."""
    x, leaves = bands.grid.distance_m, bands.grid.leaves
    at = np.array([s.position_m for s in stops], float)
    first, end = np.searchsorted(x, at, side="left"), np.searchsorted(x, at, side="right")  # x is sorted
    out = {}
    for stop, a, b in zip(stops, first.tolist(), end.tolist()):
        arriving = [i for i in range(a, b) if not leaves[i]]
        leaving = [i for i in range(a, b) if leaves[i]] or arriving
        out[stop.station] = (_band_at(bands, arriving), _band_at(bands, leaving))
    return out


def _band_at(bands: TripBands, at: list[int]) -> tuple[float, float] | None:
    if not at or bands.reaching[at[0]] == 0:
        return None
    i = at[0]
    low, high = float(bands.elapsed_s[0][i]), float(bands.elapsed_s[1][i])
    return (low, high) if np.isfinite(low) and np.isfinite(high) else None


def arrival_at(result: TripResult, document: Document, route: Route, station: str) -> datetime | None:
    """When the train arrives at `station` by that station's clock (aware), or None if it does not
    stop there or never gets there. For published timings given as clock times."""
    for row in build_timetable(result, document, route).rows:
        if row.station == station:
            if row.arrival is None:  # the first station: the departure
                return row.departure.at if row.departure is not None else None
            return row.arrival.at
    return None


# --------------------------------------------------------------------------------- as data, as text

def _iso(t: datetime | None) -> str | None:
    return None if t is None else t.isoformat(timespec="seconds")


def _clock_dict(c: ClockTime | None) -> dict[str, JsonValue] | None:
    if c is None:
        return None
    return {"time": _iso(c.at), "utc_offset": c.at.isoformat()[-6:], "day": c.day, "p5": _iso(c.low),
            "p95": _iso(c.high)}


def timetable_to_dict(t: Timetable) -> dict[str, JsonValue]:
    """The JSON form: times in ISO 8601 with their offsets, in each station's zone."""
    return {
        "departure": _iso(t.departure), "time_zone": t.time_zone, "complete": t.complete,
        "zone_note": t.zone_note,
        "stops": [{"station": r.station, "position_m": r.position_m, "time_zone": r.time_zone,
                   "arrival": _clock_dict(r.arrival), "departure": _clock_dict(r.departure),
                   "stand_s": r.stand_s,
                   "parts": [{"kind": p.kind, "label": p.label, "duration_s": p.duration_s, "source": p.source}
                             for p in r.parts]}
                  for r in t.rows],
    }


def parts_text(row: TimetableRow) -> str:
    """'Dwell 30 min; Refit (bogie exchange) 5 h 35 min'."""
    return "; ".join(f"{p.label} {format_duration(p.duration_s)}" for p in row.parts)


def offset_text(row: TimetableRow) -> str:
    """The UTC offset at the station, as its times have it (two when it changes during the stand)."""
    shown = [c.offset for c in (row.arrival, row.departure) if c is not None]
    return " / ".join(dict.fromkeys(shown))


def timetable_lines(t: Timetable, with_range: bool = True) -> list[str]:
    """The timetable as text, one line a stop, for the command line."""
    lines = [f"departs {t.departure:%Y-%m-%d %H:%M} {t.time_zone} ({utc_offset_text(t.departure)})"]
    if t.zone_note:
        lines.append(t.zone_note)
    width = max([len(r.station) for r in t.rows] + [7])
    for r in t.rows:
        arr = r.arrival.text(with_range) if r.arrival else ""
        dep = r.departure.text(with_range) if r.departure else ""
        stand = format_duration(r.stand_s) if r.stand_s else ""
        lines.append(f"  {r.station:<{width}}  {'arr ' + arr if arr else '':<36} {'dep ' + dep if dep else '':<36}"
                     f" {offset_text(r):<16} {r.time_zone:<18} {stand:>14}  {parts_text(r)}".rstrip())
    if not t.complete:
        lines.append("  the train gets no further: the trip cannot be made")
    return lines


# --------------------------------------------------------------------------------- the train graph

def train_path(result: TripResult) -> tuple[np.ndarray, np.ndarray]:
    """Distance (m) and elapsed time (s) of the train along the route, for the train graph: the
    running profile between stops, and at each stop its arrival and departure (the stop a vertical
    run), so that every part of every stop is drawn as the timetable tells it."""
    p, stops = result.profile, result.stops
    if not stops or not len(p.distance_m):
        return np.zeros(0), np.zeros(0)
    at = np.array([s.position_m for s in stops])
    run_at = np.interp(at, p.distance_m, p.time_s)  # a standing train's running time does not move
    xs: list[np.ndarray] = []
    ts: list[np.ndarray] = []
    for k, s in enumerate(stops):
        xs.append(np.array([s.position_m, s.position_m]))
        ts.append(np.array([s.arrival_s, s.departure_s]))
        end = stops[k + 1].position_m if k + 1 < len(stops) else float(p.distance_m[-1])
        last = k + 1 == len(stops)
        inside = (p.distance_m > s.position_m) & ((p.distance_m <= end) if last else (p.distance_m < end))
        xs.append(p.distance_m[inside])
        ts.append(p.time_s[inside] - run_at[k] + s.departure_s)
    return np.concatenate(xs), np.concatenate(ts)


def zone_changes(route: Route, fallback: str) -> list[tuple[float, str, str]]:
    """Where the clock changes along the route: (position m, zone before, zone after), at the first
    station of each new zone."""
    zones = station_zones(route, fallback)
    out = []
    before = zones[route.stations[0].name]
    for s in route.stations[1:]:
        if zones[s.name] != before:
            out.append((s.position_m, before, zones[s.name]))
            before = zones[s.name]
    return out


NIGHT = (20, 6)  # the hours night is shaded between, by the local clock at each place


def nights(route: Route, fallback: str, start: datetime, end: datetime) -> list[tuple[float, float, datetime, datetime]]:
    """The nights (20:00 to 06:00 by the local clock: a fixed rule, not sunset and sunrise) between
    `start` and `end` on each stretch of the route that keeps one zone: (from m, to m, dusk, dawn),
    the times aware (UTC)."""
    cuts = [0.0] + [x for x, _, _ in zone_changes(route, fallback)] + [route.length_m]
    zones = [station_zones(route, fallback)[route.stations[0].name]] + [z for _, _, z in zone_changes(route, fallback)]
    out = []
    for (x0, x1), key in zip(zip(cuts, cuts[1:]), zones):
        tz = zone(key)
        day = start.astimezone(tz).date() - timedelta(days=1)
        while True:
            dusk = datetime(day.year, day.month, day.day, NIGHT[0], tzinfo=tz)
            next_day = day + timedelta(days=1)
            dawn = datetime(next_day.year, next_day.month, next_day.day, NIGHT[1], tzinfo=tz)
            if dusk > end:
                break
            if dawn > start:
                out.append((x0, x1, dusk.astimezone(timezone.utc), dawn.astimezone(timezone.utc)))
            day = next_day
    return out
