"""How a figure is shown, known from its field's name alone: what it measures (by its SI suffix), its
value in the units shown and back, its unit, and how a sentence says it ('78 t', '70–85 t').

The window's forms, the messages of the edits and the model's limit sentences all show figures
through these; the model's own knowledge of a field (its limits, its title) is in model/limits.py.
"""
from __future__ import annotations

from .units import KM, UnitSystem


def quantity(field: str) -> str:
    """What a field measures, from its name's SI suffix: speed, length, distance, mass, duration, power,
    force, gradient, pace (a time per distance), percent or plain."""
    if field.endswith("_min_per_100km"):  # UIC 451-1's allowance, kept in the unit the rule is published in
        return "pace"
    if field.endswith("_percent"):
        return "percent"
    if field.endswith("_m_s"):
        return "speed"
    if field in ("position_m", "start_m", "end_m"):
        return "distance"
    if field.endswith("_m"):
        return "length"
    if field.endswith("_kg"):
        return "mass"
    if field.endswith("_s") or "_s_per_" in field:
        return "duration"
    if field.endswith("_w"):
        return "power"
    if field.endswith("_n"):
        return "force"
    if field.endswith("_permille"):
        return "gradient"
    return "plain"


def to_shown(field: str, si: float, units: UnitSystem) -> float:
    """An SI value in the unit the window shows `field` in."""
    q = quantity(field)
    if q == "speed":
        return units.speed(si)
    if q == "distance":
        return units.distance(si)
    if q == "length":
        return units.length(si)
    if q == "mass":
        return units.mass(si)
    if q == "duration":
        return si / 60.0
    if q == "power":
        return units.power(si)
    if q == "force":
        return units.force(si)
    if q == "pace":  # minutes per 100 of the distance unit shown
        return si * units.distance_to_si(1.0) / KM
    return si


def from_shown(field: str, shown: float, units: UnitSystem) -> float:
    """The SI value of what the window shows for `field` (the inverse of to_shown)."""
    q = quantity(field)
    if q == "speed":
        return units.speed_to_si(shown)
    if q == "distance":
        return units.distance_to_si(shown)
    if q == "length":
        return units.length_to_si(shown)
    if q == "mass":
        return units.mass_to_si(shown)
    if q == "duration":
        return shown * 60.0
    if q == "power":
        return units.power_to_si(shown)
    if q == "force":
        return units.force_to_si(shown)
    if q == "pace":
        return shown * KM / units.distance_to_si(1.0)
    return shown


def unit_of(field: str, units: UnitSystem) -> str:
    """The unit `field` is shown in: 't', 'km/h', 'min', '‰'; '' for a plain number or a count."""
    return {"speed": units.speed_unit, "distance": units.distance_unit, "length": units.length_unit,
            "mass": units.mass_unit, "duration": "min", "power": units.power_unit, "force": units.force_unit,
            "gradient": "‰", "pace": f"min/100 {units.distance_unit}", "percent": "%"}.get(quantity(field), "")


def shown_quantity(field: str, si: float, units: UnitSystem) -> str:
    """A figure in the units shown, as a sentence says it: '78 t', '2,430 kW', '50 km/h', '12.5 min', '3'."""
    unit = unit_of(field, units)
    x = to_shown(field, si, units)
    text = f"{x:,.2f}".rstrip("0").rstrip(".") if abs(x) < 1000 else f"{x:,.0f}"
    text = "0" if text == "-0" else text
    return f"{text} {unit}" if unit else text


def range_text(field: str, low: float, high: float, units: UnitSystem) -> str:
    """'70–85 t': a range in the units shown, the unit said once."""
    unit = unit_of(field, units)
    ends = [shown_quantity(field, x, units).removesuffix(f" {unit}") if unit else shown_quantity(field, x, units)
            for x in (low, high)]
    return f"{ends[0]}–{ends[1]}" + (f" {unit}" if unit else "")
