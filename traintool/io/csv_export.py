"""The numbers of a trip as CSV for a spreadsheet: the legs, the refit steps, the cars, the speed
profile, the timetable.

RFC 4180 (comma-separated, fields quoted where needed, CRLF line ends), UTF-8 (with a byte-order
mark on request, for spreadsheets that need one), a header row whose names carry their units
("distance (km)"). Each file is in one unit system, the one asked for, and says which in its
headers; the cars CSV reads back in either. Times are in seconds, so a spreadsheet can add them; the
timetable's clock times are ISO 8601 with their UTC offsets (a spreadsheet reads them as text; the
seconds from departure are beside them).

Figures are rounded to the precision their source has (PRECISION: a distance to the metre, a car's
length to the centimetre, a mass to the kilogram, a speed to a hundredth, a time to a tenth of a
second), never with float noise ("60" and not "60.000119999999995").

Numbers and text are told apart by the column, never by how a cell looks: a numeric column holds a
plain number ("-21.1" is a number), every other column is text. A text cell a spreadsheet would take
for a formula (starting with =, +, -, @, a tab or a carriage return, after any apostrophes) gets one
more apostrophe in front, as OWASP's CSV-injection advice has it; `text_from_cell` removes it, so a
name reads back exactly.

A trip that cannot be made has no total: the legs CSV holds every leg with the running time of
those the train runs (blank for the others: they add up to the result's running time), and the
profile runs as far as the train gets (after a stall, partway into a leg: its last time is then the
time to the stand, more than the legs run).

The rows are made as they are written (`csv_chunks`): a profile of millions of points never sits in
memory whole.
"""
from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Iterator
from enum import Enum
from pathlib import Path

import numpy as np

from ..model import Document, Route
from ..physics.bands import TripBands
from ..physics.result import TripResult
from ..physics.timetable import ClockTime, build_timetable, parts_text
from ..units import UnitSystem
from .safe_write import write_file, write_output


class CsvKind(str, Enum):
    LEGS = "legs"
    REFITS = "refits"
    CARS = "cars"
    PROFILE = "profile"
    TIMETABLE = "timetable"


DEFAULT_STEP_M = 100.0
BOM = "\ufeff"
ROWS_PER_CHUNK = 2000  # rows encoded at a time: few writes, little memory

# Decimals kept, by the kind of figure: what its source is good for (see the module's docstring).
PRECISION = {"distance": 3, "length": 2, "mass": 3, "speed": 2, "time": 1, "gradient": 2}

# The cars CSV: these headers, read back by csv_import.
CAR_TYPE_ID, CAR_TYPE, CAR_NAME, OVERRIDDEN, CAR_NUMBER = "type id", "type", "name", "overridden", "#"

# A text cell that a spreadsheet would run: its first character after any apostrophes.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")


def text_cell(text: str) -> str:
    """A text cell a spreadsheet reads as text (one apostrophe more in front of a would-be formula)."""
    return "'" + text if _FORMULA.match(text) else text


def text_from_cell(cell: str) -> str:
    """The text `text_cell` was given: exactly, for every string."""
    return cell[1:] if _ESCAPED.match(cell) else cell


def number_cell(x: float, decimals: int) -> str:
    """A number rounded to `decimals`, without trailing zeros or float noise: '60', '-21.1'."""
    text = f"{float(x):.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _n(kind: str, x: float) -> str:
    return number_cell(x, PRECISION[kind])


def mass_header(units: UnitSystem) -> str:
    return "mass (t)" if units is UnitSystem.METRIC else "mass (short tons)"


def car_headers(units: UnitSystem) -> dict[str, str]:
    """Overridable field -> its column header in the cars CSV, in `units`."""
    return {"length_m": f"length ({units.length_unit})", "mass_kg": mass_header(units), "axles": "axles",
            "max_speed_m_s": f"max speed ({units.speed_unit})", "armored": "armored", "gauge_change": "gauge change"}


def car_value_cells(values: dict[str, object], units: UnitSystem) -> dict[str, str]:
    """A car's field values (SI, as the model holds them) as the cars CSV writes them in `units`."""
    cells: dict[str, str] = {}
    for f, v in values.items():
        if f == "length_m":
            cells[f] = _n("length", units.length(float(v)))  # type: ignore[arg-type]
        elif f == "mass_kg":
            cells[f] = _n("mass", units.mass(float(v)))  # type: ignore[arg-type]
        elif f == "max_speed_m_s":
            cells[f] = _n("speed", units.speed(float(v)))  # type: ignore[arg-type]
        elif f == "armored":
            cells[f] = "yes" if v else "no"
        elif f == "gauge_change":
            cells[f] = v.value  # type: ignore[attr-defined]
        else:
            cells[f] = str(v)
    return cells


Row = list[str]


def legs_rows(r: TripResult, u: UnitSystem) -> Iterator[Row]:
    yield ["from", "to", f"distance ({u.distance_unit})", "running time (s)", f"average speed ({u.speed_unit})",
           "allowance (s)", "stand at 'to' (s)", "stand at 'to': its parts"]
    stops = {s.station: s for s in r.stops}
    for leg in r.legs:
        avg = leg.average_speed_m_s
        stop = stops.get(leg.to_station) if leg.running_s is not None else None
        parts = "; ".join(f"{p.label} {_n('time', p.duration_s)} s" for p in stop.parts) if stop else ""
        yield [text_cell(leg.from_station), text_cell(leg.to_station), _n("distance", u.distance(leg.distance_m)),
               "" if leg.running_s is None else _n("time", leg.running_s),
               "" if avg is None else _n("speed", u.speed(avg)),
               "" if leg.running_s is None else _n("time", leg.allowance_s),
               _n("time", stop.departure_s - stop.arrival_s) if stop else "", text_cell(parts)]


def refits_rows(r: TripResult, u: UnitSystem) -> Iterator[Row]:
    yield ["station", f"position ({u.distance_unit})", "from gauge (mm)", "to gauge (mm)", "method", "cars", "cuts",
           "step", "duration (s)"]
    for ref in r.refits:
        for s in ref.steps:
            yield [text_cell(ref.station), _n("distance", u.distance(ref.position_m)), str(ref.from_gauge_mm),
                   str(ref.to_gauge_mm), text_cell(ref.method.label), str(ref.cars), str(ref.cuts), text_cell(s.name),
                   _n("time", s.duration_s)]


def cars_rows(doc: Document, u: UnitSystem) -> Iterator[Row]:
    """One row per car, every value in force; `overridden` names the columns that differ from the type."""
    heads = car_headers(u)
    yield [CAR_NUMBER, CAR_TYPE_ID, CAR_TYPE, CAR_NAME, *heads.values(), OVERRIDDEN]
    for i, (car, rc) in enumerate(zip(doc.consist.cars, doc.resolved_cars())):
        cells = car_value_cells({f: getattr(rc, f) for f in heads}, u)
        yield [str(i + 1), text_cell(rc.type.id), text_cell(rc.type.label), text_cell(car.name or ""),
               *cells.values(), "; ".join(heads[f] for f in heads if f in rc.overridden)]


PROFILE_BLOCK = 8_192  # points interpolated at a time: a 0.1 m step over 10,000 km stays in bounded memory


def profile_rows(r: TripResult, route: Route, u: UnitSystem, step_m: float = DEFAULT_STEP_M) -> Iterator[Row]:
    """The speed profile every `step_m` metres from the start, and at the last point the train reaches."""
    if not step_m > 0:  # here, not in the generator: refused when asked, before any file is opened
        raise ValueError(f"the step must be a positive distance, not {step_m}")
    return _profile_rows(r, route, u, step_m)


def _profile_rows(r: TripResult, route: Route, u: UnitSystem, step_m: float) -> Iterator[Row]:
    p = r.profile
    yield [f"distance ({u.distance_unit})", f"speed ({u.speed_unit})", "running time (s)",
           f"limit ({u.speed_unit})", "gradient (‰)", "section"]
    if len(p.distance_m) == 0:
        return
    start, end = float(p.distance_m[0]), float(p.distance_m[-1])
    points = int(np.floor((end - start) / step_m - 1e-9)) + 1 if end > start else 1  # start + k·step < end
    starts = np.array([s.start_m for s in route.sections])
    labels = [text_cell(route.section_label(k)) for k in range(len(route.sections))]
    gradients = [_n("gradient", s.gradient_permille) for s in route.sections]
    for first in range(0, points + 1, PROFILE_BLOCK):
        k = np.arange(first, min(first + PROFILE_BLOCK, points + 1), dtype=np.float64)
        xs = np.where(k < points, start + k * step_m, end)  # the last point is the end itself
        speed = np.interp(xs, p.distance_m, p.speed_m_s)
        time = np.interp(xs, p.distance_m, p.time_s)
        # The limit in force is a step function: take the sample at or before each point, not a blend.
        at = np.clip(np.searchsorted(p.distance_m, xs, side="right") - 1, 0, len(p.distance_m) - 1)
        limit = p.limit_m_s[at]
        sec = np.clip(np.searchsorted(starts, xs, side="right") - 1, 0, len(route.sections) - 1)
        for x, v, t, lim, s in zip(u.distance(xs).tolist(), u.speed(speed).tolist(), time.tolist(),
                                   u.speed(limit).tolist(), sec.tolist()):
            yield [_n("distance", x), _n("speed", v), _n("time", t), _n("speed", lim), gradients[s], labels[s]]


def timetable_rows(doc: Document, route: Route, r: TripResult, u: UnitSystem,
                   bands: TripBands | None = None) -> Iterator[Row]:
    """One row per stop: arrival and departure by the station's clock (ISO 8601 with the offset), the day,
    the 90 % range where the range's bands are given, the stand and its parts."""
    def clock(c: ClockTime | None) -> list[str]:
        if c is None:
            return ["", "", "", ""]
        return [c.at.isoformat(timespec="seconds"), str(c.day), c.low.isoformat(timespec="seconds") if c.low else "",
                c.high.isoformat(timespec="seconds") if c.high else ""]

    t = build_timetable(r, doc, route, bands)
    yield ["station", f"position ({u.distance_unit})", "time zone", "arrival", "arrival day", "arrival 5 %",
           "arrival 95 %", "departure", "departure day", "departure 5 %", "departure 95 %", "stand (s)", "parts"]
    for row in t.rows:
        yield [text_cell(row.station), _n("distance", u.distance(row.position_m)), text_cell(row.time_zone),
               *clock(row.arrival), *clock(row.departure), _n("time", row.stand_s), text_cell(parts_text(row))]


def csv_rows(kind: CsvKind, doc: Document, route: Route, result: TripResult | None,
             units: UnitSystem = UnitSystem.METRIC, step_m: float = DEFAULT_STEP_M,
             bands: TripBands | None = None) -> Iterator[Row]:
    """The rows of `kind`, header first; `result` may be None for the cars alone; `bands`: the range's, for
    the timetable's ranges."""
    if kind is CsvKind.CARS:
        return cars_rows(doc, units)
    if result is None:
        raise ValueError(f"the {kind.value} need a computed trip")
    if kind is CsvKind.LEGS:
        return legs_rows(result, units)
    if kind is CsvKind.REFITS:
        return refits_rows(result, units)
    if kind is CsvKind.TIMETABLE:
        return timetable_rows(doc, route, result, units, bands)
    return profile_rows(result, route, units, step_m)


def encode_rows(rows: Iterable[Row], bom: bool = False) -> Iterator[bytes]:
    """The rows as UTF-8 CSV, a block of rows at a time."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")  # RFC 4180's line end
    if bom:
        out.write(BOM)
    n = 0
    for row in rows:
        w.writerow(row)
        n += 1
        if n % ROWS_PER_CHUNK == 0:
            yield out.getvalue().encode("utf-8")
            out.seek(0)
            out.truncate()
    if out.tell():
        yield out.getvalue().encode("utf-8")


def csv_chunks(kind: CsvKind, doc: Document, route: Route, result: TripResult | None,
               units: UnitSystem = UnitSystem.METRIC, step_m: float = DEFAULT_STEP_M, bom: bool = False,
               bands: TripBands | None = None) -> Iterator[bytes]:
    return encode_rows(csv_rows(kind, doc, route, result, units, step_m, bands), bom)


def csv_text(kind: CsvKind, doc: Document, route: Route, result: TripResult | None, units: UnitSystem = UnitSystem.METRIC,
             step_m: float = DEFAULT_STEP_M, bom: bool = False, bands: TripBands | None = None) -> str:
    """The whole CSV of `kind` as text (for a small one: the cars, a test)."""
    return b"".join(csv_chunks(kind, doc, route, result, units, step_m, bom, bands)).decode("utf-8")


def write_csv(path: str | os.PathLike[str], kind: CsvKind, doc: Document, route: Route, result: TripResult | None,
              units: UnitSystem = UnitSystem.METRIC, step_m: float = DEFAULT_STEP_M,
              not_onto: Iterable[str | os.PathLike[str]] = (), bom: bool = False, streams: bool = False,
              bands: TripBands | None = None) -> Path | None:
    """Write one CSV through the safe writer (SaveError on failure, the old file kept), row blocks as they
    are made. With `streams` (the command line's -o), a stream ("-", /dev/stdout, a pipe) is written as a
    stream (then None is returned); without, it is refused, as the safe writer refuses it."""
    rows = csv_rows(kind, doc, route, result, units, step_m, bands)  # a bad step fails before any file is touched
    chunks = encode_rows(rows, bom)
    if streams:
        return write_output(path, chunks, not_onto=not_onto)
    return write_file(path, chunks, not_onto=not_onto)
