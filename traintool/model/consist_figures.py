"""A consist's figures as a person reads them, in the chosen units: what the window's "Consist
figures" shows for the whole train and for the selection. No Qt.

The figures themselves are `consist_stats` (the one computation, which the report and the status
bar use too); this module only words them, every figure in the units of View > Units: metres, tonnes,
kilowatts, kilonewtons and km/h, or feet, (short) tons, horsepower, pounds-force and mph.
"""
from __future__ import annotations

from ..units import UnitSystem
from .consist import ConsistStats

NONE = "–"  # an en dash: no cars (or no locomotive) has no figure, which is not a figure of 0

# (key, label) in the order shown
FIGURES = (
    ("cars", "Cars"),
    ("length", "Length"),
    ("mass", "Mass"),
    ("axles", "Axles"),
    ("power", "Power"),
    ("power_per_tonne", "Power per tonne"),
    ("tractive_effort", "Tractive effort"),
    ("max_speed", "Maximum speed"),
    ("mass_per_axle", "Tonnes per axle"),
)


def length_text(length_m: float, units: UnitSystem) -> str:
    """'2,258 m' or '12.34 km'; '7,408 ft' or '2.13 mi': a train's length as a person writes it."""
    if units is UnitSystem.METRIC:
        return f"{length_m:,.0f} m" if length_m < 10_000 else f"{units.distance(length_m):,.2f} km"
    feet = units.length(length_m)
    return f"{feet:,.0f} ft" if feet < 10_000 else f"{units.distance(length_m):,.2f} mi"


def figure_labels(units: UnitSystem) -> dict[str, str]:
    """Each figure's label (by key), worded for the units: 'Power per ton', 'Tons per axle' in imperial."""
    if units is UnitSystem.METRIC:
        return dict(FIGURES)
    return {key: label.replace("tonne", "ton").replace("Tonne", "Ton") for key, label in FIGURES}


def mass_text(kg: float, units: UnitSystem) -> str:
    """'7,375 t', '14.5 t' or '8,130 tons', '16.0 tons': a train's mass, whole above 100."""
    m = units.mass(kg)
    return f"{m:,.0f} {units.mass_unit}" if m >= 100 else f"{m:.1f} {units.mass_unit}"


def figure_texts(stats: ConsistStats, units: UnitSystem) -> dict[str, str]:
    """Each figure of FIGURES (by key) as text; NONE where there is nothing to measure."""
    if not stats.cars:
        return {key: NONE for key, _label in FIGURES}
    locos = stats.locomotives > 0  # power and tractive effort are the locomotives'
    return {
        "cars": f"{stats.cars:,}",
        "length": length_text(stats.length_m, units),
        "mass": mass_text(stats.mass_kg, units),
        "axles": f"{stats.axles:,}",
        "power": f"{units.power(stats.power_w):,.0f} {units.power_unit}" if locos else NONE,
        "power_per_tonne": units.power_per_mass(stats.power_w, stats.mass_kg) if locos and stats.mass_kg else NONE,
        "tractive_effort": f"{units.force(stats.tractive_effort_n):,.0f} {units.force_unit}" if locos else NONE,
        "max_speed": f"{units.speed(stats.max_speed_m_s):.0f} {units.speed_unit}",
        "mass_per_axle": mass_text(stats.mass_per_axle_kg, units),
    }
