"""A consist's figures as a person reads them, in the chosen units: what the window's "Consist
figures" shows for the whole train and for the selection. No Qt.

The figures themselves are `consist_stats` (the one computation, which the report and the status
bar use too); this module only words them. Lengths and speeds follow View > Units; masses, powers
and forces are in tonnes, kilowatts and kilonewtons in either system, as everywhere in traintool.
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


def _tonnes(kg: float) -> str:
    t = kg / 1000.0
    return f"{t:,.0f} t" if t >= 100 else f"{t:.1f} t"


def figure_texts(stats: ConsistStats, units: UnitSystem) -> dict[str, str]:
    """Each figure of FIGURES (by key) as text; NONE where there is nothing to measure."""
    if not stats.cars:
        return {key: NONE for key, _label in FIGURES}
    locos = stats.locomotives > 0  # power and tractive effort are the locomotives'
    return {
        "cars": f"{stats.cars:,}",
        "length": length_text(stats.length_m, units),
        "mass": _tonnes(stats.mass_kg),
        "axles": f"{stats.axles:,}",
        "power": f"{stats.power_w / 1000:,.0f} kW" if locos else NONE,
        "power_per_tonne": f"{stats.power_per_tonne_w / 1000:.2f} kW/t" if locos else NONE,
        "tractive_effort": f"{stats.tractive_effort_n / 1000:,.0f} kN" if locos else NONE,
        "max_speed": f"{units.speed(stats.max_speed_m_s):.0f} {units.speed_unit}",
        "mass_per_axle": _tonnes(stats.mass_per_axle_kg),
    }
