"""The numbers of a trip as CSV for a spreadsheet: the legs, the refit steps, the cars, the speed
profile, the timetable.

RFC 4180 (comma-separated, fields quoted where needed, CRLF line ends), UTF-8, a header row whose
names carry their units ("distance (km)"). Times are in seconds, so a spreadsheet can add them; the timetable's clock times are ISO 8601 with
their UTC offsets (a spreadsheet reads them as text; the seconds from departure are beside them).
A trip that cannot be made has no total: the legs CSV holds every leg with the running time of
those the train runs (blank for the others: they add up to the result's running time), and the
profile runs as far as the train gets (after a stall, partway into a leg: its last time is then the
time to the stand, more than the legs run).
"""
from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from enum import Enum
from pathlib import Path

import numpy as np

from ..model import Document, Route
from ..physics.bands import TripBands
from ..physics.result import TripResult
from ..physics.timetable import ClockTime, build_timetable, parts_text
from ..units import UnitSystem
from .safe_write import write_file


class CsvKind(str, Enum):
    LEGS = "legs"
    REFITS = "refits"
    CARS = "cars"
    PROFILE = "profile"
    TIMETABLE = "timetable"


DEFAULT_STEP_M = 100.0

# The cars CSV: these headers, read back by csv_import. Length and mass are in m and t in both unit
# systems (as in the window); the speed follows the unit system.
CAR_TYPE_ID, CAR_TYPE, CAR_NAME, OVERRIDDEN = "type id", "type", "name", "overridden"


def car_headers(units: UnitSystem) -> dict[str, str]:
    """Overridable field -> its column header in the cars CSV."""
    return {"length_m": "length (m)", "mass_kg": "mass (t)", "axles": "axles",
            "max_speed_m_s": f"max speed ({units.speed_unit})", "armored": "armored", "gauge_change": "gauge change"}


def _num(x: float) -> str:
    """A number as Python prints it: the shortest text that reads back to the same float."""
    return repr(float(x))


def _rows_to_text(rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")  # RFC 4180's line end
    w.writerows(rows)
    return out.getvalue()


def legs_rows(r: TripResult, u: UnitSystem) -> list[list[object]]:
    rows: list[list[object]] = [["from", "to", f"distance ({u.distance_unit})", "running time (s)",
                                 f"average speed ({u.speed_unit})"]]
    for leg in r.legs:
        avg = leg.average_speed_m_s
        rows.append([leg.from_station, leg.to_station, _num(u.distance(leg.distance_m)),
                     "" if leg.running_s is None else _num(leg.running_s), "" if avg is None else _num(u.speed(avg))])
    return rows


def refits_rows(r: TripResult, u: UnitSystem) -> list[list[object]]:
    rows: list[list[object]] = [["station", f"position ({u.distance_unit})", "from gauge (mm)", "to gauge (mm)",
                                 "method", "cars", "cuts", "step", "duration (s)"]]
    for ref in r.refits:
        for s in ref.steps:
            rows.append([ref.station, _num(u.distance(ref.position_m)), ref.from_gauge_mm, ref.to_gauge_mm,
                         ref.method.label, ref.cars, ref.cuts, s.name, _num(s.duration_s)])
    return rows


def cars_rows(doc: Document, u: UnitSystem) -> list[list[object]]:
    """One row per car, every value in force; `overridden` names the columns that differ from the type."""
    heads = car_headers(u)
    rows: list[list[object]] = [["#", CAR_TYPE_ID, CAR_TYPE, CAR_NAME, *heads.values(), OVERRIDDEN]]
    for i, (car, rc) in enumerate(zip(doc.consist.cars, doc.resolved_cars())):
        values = [_num(rc.length_m), _num(rc.mass_kg / 1000), rc.axles, _num(u.speed(rc.max_speed_m_s)),
                  "yes" if rc.armored else "no", rc.gauge_change.value]
        rows.append([i + 1, rc.type.id, rc.type.label, car.name or "", *values,
                     "; ".join(heads[f] for f in heads if f in rc.overridden)])
    return rows


def profile_rows(r: TripResult, route: Route, u: UnitSystem, step_m: float = DEFAULT_STEP_M) -> list[list[object]]:
    """The speed profile every `step_m` metres from the start, and at the last point the train reaches."""
    if not step_m > 0:
        raise ValueError(f"the step must be a positive distance, not {step_m}")
    p = r.profile
    rows: list[list[object]] = [[f"distance ({u.distance_unit})", f"speed ({u.speed_unit})", "running time (s)",
                                 f"limit ({u.speed_unit})", "gradient (‰)", "section"]]
    if len(p.distance_m) == 0:
        return rows
    end = float(p.distance_m[-1])
    xs = np.arange(float(p.distance_m[0]), end, step_m)
    xs = np.append(xs, end)
    speed = np.interp(xs, p.distance_m, p.speed_m_s)
    time = np.interp(xs, p.distance_m, p.time_s)
    # The limit in force is a step function: take the sample at or before each point, not a blend.
    at = np.clip(np.searchsorted(p.distance_m, xs, side="right") - 1, 0, len(p.distance_m) - 1)
    limit = p.limit_m_s[at]
    starts = np.array([s.start_m for s in route.sections])
    sec = np.clip(np.searchsorted(starts, xs, side="right") - 1, 0, len(route.sections) - 1)
    for x, v, t, lim, k in zip(xs, speed, time, limit, sec):
        s = route.sections[int(k)]
        rows.append([_num(u.distance(x)), _num(u.speed(v)), _num(t), _num(u.speed(lim)), _num(s.gradient_permille),
                     route.section_label(int(k))])
    return rows


def timetable_rows(doc: Document, route: Route, r: TripResult, u: UnitSystem,
                   bands: TripBands | None = None) -> list[list[object]]:
    """One row per stop: arrival and departure by the station's clock (ISO 8601 with the offset), the day,
    the 90 % range where the range's bands are given, the stand and its parts."""
    def clock(c: ClockTime | None) -> list[object]:
        if c is None:
            return ["", "", "", ""]
        return [c.at.isoformat(timespec="seconds"), c.day, c.low.isoformat(timespec="seconds") if c.low else "",
                c.high.isoformat(timespec="seconds") if c.high else ""]

    t = build_timetable(r, doc, route, bands)
    rows: list[list[object]] = [["station", f"position ({u.distance_unit})", "time zone",
                                 "arrival", "arrival day", "arrival 5 %", "arrival 95 %",
                                 "departure", "departure day", "departure 5 %", "departure 95 %",
                                 "stand (s)", "parts"]]
    for row in t.rows:
        rows.append([row.station, _num(u.distance(row.position_m)), row.time_zone, *clock(row.arrival),
                     *clock(row.departure), _num(row.stand_s), parts_text(row)])
    return rows


def csv_text(kind: CsvKind, doc: Document, route: Route, result: TripResult | None, units: UnitSystem = UnitSystem.METRIC,
             step_m: float = DEFAULT_STEP_M, bands: TripBands | None = None) -> str:
    """The CSV of `kind`; `result` may be None for the cars alone; `bands`: the range's, for the timetable's
    ranges."""
    if kind is CsvKind.CARS:
        return _rows_to_text(cars_rows(doc, units))
    if result is None:
        raise ValueError(f"the {kind.value} need a computed trip")
    if kind is CsvKind.LEGS:
        return _rows_to_text(legs_rows(result, units))
    if kind is CsvKind.REFITS:
        return _rows_to_text(refits_rows(result, units))
    if kind is CsvKind.TIMETABLE:
        return _rows_to_text(timetable_rows(doc, route, result, units, bands))
    return _rows_to_text(profile_rows(result, route, units, step_m))


def write_csv(path: str | os.PathLike[str], kind: CsvKind, doc: Document, route: Route, result: TripResult | None,
              units: UnitSystem = UnitSystem.METRIC, step_m: float = DEFAULT_STEP_M,
              not_onto: Iterable[str | os.PathLike[str]] = (), bands: TripBands | None = None) -> Path:
    """Write one CSV through the safe writer (SaveError on failure, the old file kept)."""
    return write_file(path, csv_text(kind, doc, route, result, units, step_m, bands), not_onto=not_onto)
