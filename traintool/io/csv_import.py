"""Cars from a table: a CSV file, or tab-separated text pasted from a spreadsheet.

Columns: the car type (its id, its label, or both: then they must agree), the name, and any field
a car may override (model/consist.py OVERRIDABLE), named by a header row as the cars CSV writes them
in either unit system ("length (m)" or "(ft)", "mass (t)", "(kg)" or "(short tons)", "max speed
(km/h)", "(mph)" or "(m/s)", "axles", "armored", "gauge change"; the field names themselves are
understood too, in SI units), the "#" the cars CSV numbers its cars with (the cars are inserted
after the selection, not at that number) and "overridden". Without a header row the columns are, in
order: type, name, length, mass, axles, max speed, armored, gauge change, in the units given (the
window's).

Nothing is dropped silently: a header traintool does not read, a header twice, a value it cannot
apply are each refused. A blank cell follows the type. A value is the car's own (an override) when
the "overridden" column names it, or when it differs from the type's at the precision written
("25.30" is the type's 25.3); a value equal to the type's and not named stays the type's.
Text cells lose the apostrophe the export puts before a would-be formula (csv_export.text_cell).

Every row is checked before any is returned: each problem is one sentence naming the source, the
line, the column and the car, and nothing is applied. The input is bounded: at most
MAX_CSV_BYTES bytes and MAX_ROWS rows (blank ones included) are read.
"""
from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ..errors import DocumentError
from ..model import MAX_CARS, OVERRIDABLE, Car, CarType, GaugeChange
from ..model.limits import field_label, limit_sentence
from ..printable import printable
from ..units import FOOT, KMH, MPH, SHORT_TON, TONNE, UnitSystem
from .csv_export import CAR_NAME, CAR_NUMBER, CAR_TYPE, CAR_TYPE_ID, OVERRIDDEN, car_headers, text_from_cell

MAX_ERRORS_SHOWN = 10
MAX_CSV_BYTES = 32 * 2**20  # a 100,000-car CSV with long names is about 15 MiB
MAX_ROWS = MAX_CARS + 1_000  # the cars, a header and some blank lines
_TRUE, _FALSE = {"yes", "true", "1", "y", "x"}, {"no", "false", "0", "n"}
_POSITION = {CAR_NUMBER, "position"}

# A header (lower case) -> (the field, SI per unit of the column). Fields besides OVERRIDABLE:
# "type_id", "type", "name", "overridden", "#".
_UNIT_HEADERS: dict[str, tuple[str, float]] = {
    "length (m)": ("length_m", 1.0), "length (ft)": ("length_m", FOOT), "length_m": ("length_m", 1.0),
    "mass (t)": ("mass_kg", TONNE), "mass (kg)": ("mass_kg", 1.0), "mass (tons)": ("mass_kg", SHORT_TON),
    "mass (short tons)": ("mass_kg", SHORT_TON), "mass_kg": ("mass_kg", 1.0),
    "max speed (km/h)": ("max_speed_m_s", KMH), "max speed (mph)": ("max_speed_m_s", MPH),
    "max speed (m/s)": ("max_speed_m_s", 1.0), "max_speed_m_s": ("max_speed_m_s", 1.0),
}
_PLAIN_HEADERS = {CAR_TYPE_ID: "type_id", "type_id": "type_id", CAR_TYPE: "type", "type label": "type",
                  CAR_NAME: "name", OVERRIDDEN: "overridden", **{p: "#" for p in _POSITION},
                  "axles": "axles", "armored": "armored", "gauge change": "gauge_change", "gauge_change": "gauge_change"}


_WORDS = {"length_m": "length", "mass_kg": "mass", "max_speed_m_s": "max speed", "type_id": "type id",
          "type": "type label", "gauge_change": "gauge change", "#": "car number"}


@dataclass(frozen=True)
class _Column:
    index: int
    header: str  # as written, for messages
    field: str
    per_unit: float = 1.0  # SI per unit of the column, for lengths, masses and speeds


def _column(index: int, header: str) -> _Column | None:
    key = " ".join(header.strip().lower().split())
    if key in _UNIT_HEADERS:
        f, unit = _UNIT_HEADERS[key]
        return _Column(index, header.strip(), f, unit)
    if key in _PLAIN_HEADERS:
        return _Column(index, header.strip(), _PLAIN_HEADERS[key])
    return None


def _number(t: str) -> float:
    try:
        x = float(t)
    except ValueError:
        raise ValueError(f"{t[:40]!r} is not a number") from None
    if x != x or x in (float("inf"), float("-inf")):
        raise ValueError(f"{t[:40]!r} is not a finite number")
    return x


def _decimals(t: str) -> int:
    """The decimals a number is written with ("25.30": 2); a cell in exponent form counts as exact."""
    if "e" in t.lower():
        return 12
    return len(t.split(".", 1)[1]) if "." in t else 0


def _value(col: _Column, t: str) -> Any:
    """The SI value of the cell `t` (stripped, not blank) in `col`; ValueError saying why not."""
    f = col.field
    if f in ("length_m", "mass_kg", "max_speed_m_s"):
        return _number(t) * col.per_unit
    if f == "axles":
        x = _number(t)
        if x != int(x):
            raise ValueError(f"{t!r} is not a whole number")
        return int(x)
    if f == "armored":
        if t.lower() in _TRUE:
            return True
        if t.lower() in _FALSE:
            return False
        raise ValueError(f"{t[:40]!r} is neither yes nor no")
    if f == "gauge_change":
        for g in GaugeChange:
            if t.lower() in (g.value, g.label.lower(), g.value.replace("_", " ")):
                return g
        raise ValueError(f"{t[:40]!r} is none of " + ", ".join(g.label.lower() for g in GaugeChange))
    raise AssertionError(f)


_Bad = Callable[["_Column | None", str], None]  # says what is wrong with a cell of the row being read


def _same_as_type(col: _Column, t: str, value: Any, ctype: CarType) -> bool:
    """The cell says the type's own value, at the precision it is written with."""
    own = getattr(ctype, col.field)
    if col.field in ("length_m", "mass_kg", "max_speed_m_s"):
        return bool(round(own / col.per_unit, _decimals(t)) == round(value / col.per_unit, _decimals(t)))
    return bool(own == value)


def _rows(text: str) -> Iterator[list[str]]:
    """The rows of `text`, as they are read (never all at once); DocumentError past MAX_ROWS."""
    text = text.removeprefix("\ufeff")
    first = text[:text.find("\n")] if "\n" in text else text
    reader = csv.reader(io.StringIO(text, newline=""), "excel-tab" if "\t" in first else "excel")
    for n, row in enumerate(reader, start=1):
        if n > MAX_ROWS:
            raise _TooManyRows()
        yield row


class _TooManyRows(Exception):
    pass


def read_cars_csv(path: str | os.PathLike[str], types: Sequence[CarType],
                  units: UnitSystem = UnitSystem.METRIC) -> tuple[list[Car], list[CarType]]:
    """The cars of a CSV file (at most MAX_CSV_BYTES, a regular file, UTF-8): see parse_cars."""
    from .files import read_bytes

    data = read_bytes(path, limit=MAX_CSV_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise DocumentError(f"{printable(path)}: not UTF-8 text (byte {e.start + 1})", path=str(path)) from None
    return parse_cars(text, types, str(path), units)


def parse_cars(text: str, types: Sequence[CarType], source: str = "the table",
               units: UnitSystem = UnitSystem.METRIC) -> tuple[list[Car], list[CarType]]:
    """The cars of `text` and the types they use (looked up in `types`, by id, then by label)."""
    shown = printable(source)
    try:
        return _parse(text, types, shown, units)
    except csv.Error as e:
        raise DocumentError(f"{shown}: not a table: {e}") from None
    except _TooManyRows:
        raise DocumentError(f"{shown}: over {MAX_ROWS:,} rows; a consist holds at most {MAX_CARS:,} cars") from None


def _parse(text: str, types: Sequence[CarType], shown: str, units: UnitSystem) -> tuple[list[Car], list[CarType]]:
    by_id = {t.id: t for t in types}
    by_label: dict[str, CarType] = {}
    for car_type in types:
        by_label.setdefault(car_type.label.lower(), car_type)
    rows = ((n, row) for n, row in enumerate(_rows(text), start=1) if any(c.strip() for c in row))
    first_line, first = next(rows, (0, []))
    if not first:
        raise DocumentError(f"{shown}: no cars in it")
    errors: list[str] = []
    found = [_column(k, h) for k, h in enumerate(first)]
    body: Iterator[tuple[int, list[str]]]
    if any(c is not None for c in found):
        columns = [c for c in found if c is not None]
        for k, (h, c) in enumerate(zip(first, found)):
            if c is None:
                errors.append(f"line {first_line}, column {k + 1} ({printable(h.strip(), 40) or 'no header'}): "
                              "not a column traintool reads (it reads: type id, type, name, "
                              f"{', '.join(car_headers(units).values())}, overridden and #)")
        seen: dict[str, _Column] = {}
        for c in columns:
            if c.field in seen:
                errors.append(f"line {first_line}, column {c.index + 1} ({printable(c.header, 40)}): "
                              f"a second column for the {_WORDS.get(c.field, c.field)}, after column "
                              f"{seen[c.field].index + 1} ({printable(seen[c.field].header, 40)})")
            seen.setdefault(c.field, c)
        if errors:
            raise DocumentError(f"{shown}: nothing was imported: " + "\n".join(errors[:MAX_ERRORS_SHOWN]))
        body = rows
    else:
        heads = ["type", "name", *car_headers(units).values()]
        columns = [c for c in (_column(k, h) for k, h in enumerate(heads)) if c is not None]
        body = _chain(first_line, first, rows)
    by_field = {c.field: c for c in columns}
    if "type" not in by_field and "type_id" not in by_field:
        raise DocumentError(f"{shown}, line {first_line}: no “type” or “type id” column")
    width = max(c.index for c in columns) + 1
    cars: list[Car] = []
    used: dict[str, CarType] = {}
    number = 0
    for line, row in body:
        number += 1
        if number > MAX_CARS:
            raise DocumentError(f"{shown}: over {MAX_CARS:,} cars; a consist holds at most {MAX_CARS:,}")
        name_cell = row[by_field["name"].index].strip() if "name" in by_field and by_field["name"].index < len(row) else ""
        car_said = f"car {number}" + (f" ({printable(text_from_cell(name_cell), 40)})" if name_cell else "")

        def bad(col: _Column | None, why: str, k: int | None = None) -> None:
            where = (f"column {col.index + 1} ({printable(col.header, 40)})" if col is not None
                     else f"column {(k or 0) + 1}")
            errors.append(f"line {line}, {where}, {car_said}: {why}")

        extra = next((k for k in range(width, len(row)) if row[k].strip()), None)
        if extra is not None:
            bad(None, f"a value in no column ({printable(row[extra].strip(), 40)!r})", extra)
            continue
        cells = {c.field: row[c.index].strip() for c in columns if c.index < len(row)}
        ctype = _car_type(cells, by_field, by_id, by_label, bad)
        if ctype is None:
            continue
        overridden = _overridden(cells.get("overridden", None), by_field, bad)
        fields: dict[str, Any] = {"type_id": ctype.id}
        if cells.get("name"):
            fields["name"] = text_from_cell(cells["name"])
        ok = overridden is not None or "overridden" not in cells
        for f in OVERRIDABLE:
            col = by_field.get(f)
            t = cells.get(f, "")
            if col is None:
                continue
            if not t:
                if overridden and f in overridden:
                    bad(col, "blank, though the overridden column names it")
                    ok = False
                continue
            try:
                value = _value(col, t)
            except (ValueError, OverflowError) as e:
                bad(col, str(e))
                ok = False
                continue
            if (overridden and f in overridden) or not _same_as_type(col, t, value, ctype):
                fields[f] = value
        try:  # checked even when a cell of the row failed: each of its problems is said at once
            car = Car(**fields)
        except ValidationError as e:
            for err in e.errors():
                f = str(err["loc"][0]) if err["loc"] else ""
                # The field's limits in the user's units ("Length must be more than 0 m…"), not pydantic's wording.
                rule = limit_sentence(field_label(f), Car, f, units) if f in Car.model_fields else None
                typed = printable(cells.get(f, ""), 40)
                bad(by_field.get(f), f"{rule}, not {typed!r}" if rule else err["msg"])
            continue
        if ok:
            cars.append(car)
            used.setdefault(ctype.id, ctype)
    if errors:
        more = f" (and {len(errors) - MAX_ERRORS_SHOWN} more)" if len(errors) > MAX_ERRORS_SHOWN else ""
        # One problem a line: the command line says each (a line is cut to a readable length, a message is not).
        raise DocumentError(f"{shown}: nothing was imported: " + "\n".join(errors[:MAX_ERRORS_SHOWN]) + more)
    if not cars:
        raise DocumentError(f"{shown}: no cars in it")
    return cars, list(used.values())


def _chain(line: int, row: list[str], rest: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
    yield line, row
    yield from rest


def _car_type(cells: dict[str, str], by_field: dict[str, _Column], by_id: dict[str, CarType],
              by_label: dict[str, CarType], bad: _Bad) -> CarType | None:
    """The row's car type, by id or label; both given, they must agree."""
    tid, label = text_from_cell(cells.get("type_id", "")), text_from_cell(cells.get("type", ""))
    if not tid and not label:
        bad(by_field.get("type_id") or by_field.get("type"), "no car type given")
        return None
    if tid:
        ctype = by_id.get(tid)
        if ctype is None:
            bad(by_field["type_id"], f"no car type with the id {printable(tid, 60)!r}")
            return None
        if label and label.lower() != ctype.label.lower():
            bad(by_field["type"], f"{printable(label, 60)!r} is not the label of the type {printable(tid, 60)!r} "
                                  f"({printable(ctype.label, 60)!r})")
            return None
        return ctype
    ctype = by_label.get(label.lower()) or by_id.get(label)  # a type id in the type column
    if ctype is None:
        bad(by_field["type"], f"no car type {printable(label, 60)!r} (neither an id nor a label of a known type)")
    return ctype


def _overridden(cell: str | None, by_field: dict[str, _Column], bad: _Bad) -> set[str] | None:
    """The fields the overridden column names (None if it names one the table has no column for)."""
    if not cell:
        return set()
    out: set[str] = set()
    for name in (n.strip() for n in cell.split(";")):
        c = _column(0, name) if name else None
        if c is None or c.field not in OVERRIDABLE or c.field not in by_field:
            bad(by_field["overridden"], f"{printable(name, 40)!r} is not a column of this table that a car may "
                                        "override")
            return None
        out.add(c.field)
    return out
