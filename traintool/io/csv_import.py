"""Cars from a table: a CSV file, or tab-separated text pasted from a spreadsheet.

Columns: the car type (its id or its label), the name, and any field a car may override
(model/consist.py OVERRIDABLE), named by a header row as the cars CSV writes them ("length (m)",
"mass (t)", "max speed (km/h)" or "(mph)", "axles", "armored", "gauge change"; the field names
themselves are understood too). Without a header row the columns are, in order: type, name,
length (m), mass (t), axles, max speed (in the window's unit), armored, gauge change. A blank cell
follows the type. When an "overridden" column is there (the cars CSV has one), only the values it
names are overrides: the others are the type's and are not copied onto the car.

Every row is checked before any is returned: a bad one raises DocumentError naming the source, the
line and the column, and nothing is applied.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from ..errors import DocumentError
from ..model import MAX_CARS, OVERRIDABLE, Car, CarType, GaugeChange
from ..model.limits import field_label, limit_sentence
from ..printable import printable
from ..units import KMH, MPH, UnitSystem
from .csv_export import CAR_NAME, CAR_TYPE, CAR_TYPE_ID, OVERRIDDEN, car_headers

MAX_ERRORS_SHOWN = 10
_SPEED = {"km/h": KMH, "mph": MPH, "m/s": 1.0}
_TRUE, _FALSE = {"yes", "true", "1", "y", "x"}, {"no", "false", "0", "n", ""}
_IGNORED = {"#", "position", ""}


def _header_map(units: UnitSystem) -> dict[str, str]:
    """A header (lower case) -> a car field, "type", "type_id", "name" or "overridden"."""
    out = {CAR_TYPE_ID: "type_id", "type_id": "type_id", CAR_TYPE: "type", "type label": "type", CAR_NAME: "name",
           OVERRIDDEN: "overridden"}
    for u in UnitSystem:
        out.update({h: f for f, h in car_headers(u).items()})
    out.update({f: f for f in OVERRIDABLE})
    out.update({f"max speed ({unit})": "max_speed_m_s" for unit in _SPEED})
    return out


def _speed_factor(header: str, units: UnitSystem) -> float:
    for unit, factor in _SPEED.items():
        if f"({unit})" in header:
            return factor
    return KMH if units is UnitSystem.METRIC else MPH


def _value(field: str, text: str, header: str, units: UnitSystem) -> Any:
    t = text.strip()
    if field in ("length_m",):
        return float(t)
    if field == "mass_kg":
        return float(t) * (1.0 if "(kg)" in header or header == "mass_kg" else 1000.0)
    if field == "axles":
        x = float(t)
        if x != int(x):
            raise ValueError(f"{t!r} is not a whole number")
        return int(x)
    if field == "max_speed_m_s":
        return float(t) * (1.0 if header == "max_speed_m_s" else _speed_factor(header, units))
    if field == "armored":
        if t.lower() in _TRUE:
            return True
        if t.lower() in _FALSE:
            return False
        raise ValueError(f"{t!r} is neither yes nor no")
    if field == "gauge_change":
        for g in GaugeChange:
            if t.lower() in (g.value, g.label.lower(), g.value.replace("_", " ")):
                return g
        raise ValueError(f"{t!r} is none of " + ", ".join(g.label.lower() for g in GaugeChange))
    raise AssertionError(field)


def _split(text: str) -> list[list[str]]:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    dialect = "excel-tab" if "\t" in first else "excel"
    return [row for row in csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), dialect)]


def parse_cars(text: str, types: Sequence[CarType], source: str = "the table",
               units: UnitSystem = UnitSystem.METRIC) -> tuple[list[Car], list[CarType]]:
    """The cars of `text` and the types they use (looked up in `types`, by id, then by label)."""
    try:
        rows = _split(text)
    except csv.Error as e:
        raise DocumentError(f"{printable(source)}: not a table: {e}") from None
    by_id = {t.id: t for t in types}
    by_label: dict[str, CarType] = {}
    for car_type in types:
        by_label.setdefault(car_type.label.lower(), car_type)
    known = _header_map(units)
    numbered = [(n, row) for n, row in enumerate(rows, start=1) if any(c.strip() for c in row)]
    if not numbered:
        raise DocumentError(f"{printable(source)}: no cars in it")
    first_line, first = numbered[0]
    heads = [c.strip().lower() for c in first]
    if any(h in known for h in heads) and all(h in known or h in _IGNORED for h in heads):
        columns: list[str | None] = [known.get(h) for h in heads]
        body = numbered[1:]
    else:
        heads = ["type", "name"] + [car_headers(units)[f] for f in OVERRIDABLE]
        columns = ["type", "name", *OVERRIDABLE]
        body = numbered
    if "type" not in columns and "type_id" not in columns:
        raise DocumentError(f"{printable(source)}, line {first_line}: no “type” or “type id” column")
    if len(body) > MAX_CARS:
        raise DocumentError(f"{printable(source)}: {len(body):,} cars; a consist holds at most {MAX_CARS:,}")
    reverse_heads = {h: known[h] for h in known}
    errors: list[str] = []
    cars: list[Car] = []
    used: dict[str, CarType] = {}
    for line, row in body:
        def bad(col: int, why: str) -> None:
            name = heads[col] if col < len(heads) else "?"
            errors.append(f"line {line}, column {col + 1} ({name}): {why}")
        if len(row) > len(columns):
            extra = next((k for k in range(len(columns), len(row)) if row[k].strip()), None)
            if extra is not None:
                errors.append(f"line {line}, column {extra + 1}: a value in no column ({row[extra].strip()[:40]!r})")
                continue
        cells = {f: (k, row[k]) for k, f in enumerate(columns) if f is not None and k < len(row)}
        ctype: CarType | None = None
        for key, table in (("type_id", by_id), ("type", by_label)):
            if key in cells and cells[key][1].strip():
                k, t = cells[key]
                ctype = table.get(t.strip() if key == "type_id" else t.strip().lower())
                if ctype is None and key == "type":
                    ctype = by_id.get(t.strip())  # a type id in the type column
                if ctype is None:
                    bad(k, f"no car type {t.strip()[:60]!r} (neither an id nor a label of a known type)")
                break
        else:
            k = columns.index("type_id") if "type_id" in columns else columns.index("type")
            bad(k, "no car type given")
            continue
        if ctype is None:
            continue
        only: set[str] | None = None
        if "overridden" in cells:
            names = {n.strip().lower() for n in cells["overridden"][1].split(";") if n.strip()}
            only = {reverse_heads[n] for n in names if n in reverse_heads}
        fields: dict[str, Any] = {"type_id": ctype.id}
        if "name" in cells and cells["name"][1].strip():
            fields["name"] = cells["name"][1].strip()
        ok = True
        for f in OVERRIDABLE:
            if f not in cells or not cells[f][1].strip() or (only is not None and f not in only):
                continue
            k, t = cells[f]
            try:
                fields[f] = _value(f, t, heads[k], units)
            except (ValueError, OverflowError) as e:
                bad(k, str(e) if "could not convert" not in str(e) else f"{t.strip()[:40]!r} is not a number")
                ok = False
        if not ok:
            continue
        try:
            cars.append(Car(**fields))
        except ValidationError as e:
            err = e.errors()[0]
            f = str(err["loc"][0]) if err["loc"] else ""
            col = columns.index(f) if f in columns else 0
            # The field's limits in the user's units ("Length must be more than 0 m…"), not pydantic's wording.
            rule = limit_sentence(field_label(f), Car, f, units) if f in Car.model_fields else None
            typed = cells[f][1].strip()[:40] if f in cells else ""
            bad(col, f"{rule}, not {typed!r}" if rule else err["msg"])
            continue
        used.setdefault(ctype.id, ctype)
    if errors:
        more = f" (and {len(errors) - MAX_ERRORS_SHOWN} more)" if len(errors) > MAX_ERRORS_SHOWN else ""
        raise DocumentError(f"{printable(source)}: nothing was imported: " + "; ".join(errors[:MAX_ERRORS_SHOWN]) + more)
    return cars, list(used.values())
