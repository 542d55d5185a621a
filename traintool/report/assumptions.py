"""The report's table of assumptions: each coefficient in the report's units, with the figure as
published beside it where that differs (the modified Davis terms are published in pounds, short
tons and mph; the document keeps them so, and physics/resistance.py turns them into SI). The
other coefficients are estimates of ours, kept in SI: they are only converted."""
from __future__ import annotations

from ..model import Assumptions
from ..units import FOOT, KMH, LBF, MPH, SHORT_TON, TONNE, UnitSystem

_PER_SHORT_TON_TO_PER_TONNE = LBF / (SHORT_TON / TONNE)  # lb per short ton -> N per tonne

# Each coefficient: its label, what it means (no units: the unit column says them), the unit it is
# kept in, and its unit and factor from that in each system. A system not listed keeps the kept figure.
PUBLISHED = frozenset({"davis_a_lb_per_ton", "davis_axle_lb", "davis_b_lb_per_ton_mph", "davis_k"})
ASSUMPTIONS: dict[str, tuple[str, str, str, dict[UnitSystem, tuple[str, float]]]] = {
    "davis_a_lb_per_ton": ("Davis constant term", "modified Davis: constant term, per weight", "lb per short ton",
                           {UnitSystem.METRIC: ("N/t", _PER_SHORT_TON_TO_PER_TONNE)}),
    "davis_axle_lb": ("Davis bearing term", "modified Davis: bearing term, per axle (the 20/w term)", "lb per axle",
                      {UnitSystem.METRIC: ("N per axle", LBF)}),
    "davis_b_lb_per_ton_mph": ("Davis flange term", "modified Davis: flange term, per weight and speed",
                               "lb per short ton per mph",
                               {UnitSystem.METRIC: ("N/t per km/h", _PER_SHORT_TON_TO_PER_TONNE * KMH / MPH)}),
    "davis_k": ("Davis air-drag coefficient", "modified Davis: air-drag coefficient K of a trailing car, per "
                "square of speed", "lb per mph² per car", {UnitSystem.METRIC: ("N per (km/h)² per car",
                                                                             LBF * (KMH / MPH) ** 2)}),
    "lead_air_factor": ("Leading unit's air drag", "how many times a trailing car's air drag the leading unit has",
                        "× a trailing car's", {}),
    "rotating_mass_factor": ("Rotating mass factor", "effective mass / static mass, for rotating wheels and gears",
                             "", {}),
    "adhesion_coefficient": ("Adhesion coefficient", "usable adhesion on driving wheels (dry rail about 0.25-0.33)",
                             "", {}),
    "service_braking_m_s2": ("Service braking", "service deceleration of a passenger train", "m/s²",
                             {UnitSystem.IMPERIAL: ("mph/s", 1 / MPH)}),
    "curve_resistance_k": ("Curve resistance k", "curve resistance per weight = k / radius", "N/kN · m",
                           {UnitSystem.IMPERIAL: ("lb/kip · ft", 1 / FOOT)}),
}


def assumption_cells(a: Assumptions, name: str, u: UnitSystem) -> tuple[str, str, str, str]:
    """(label, value, unit, meaning) of the coefficient `name` in `u`: a converted figure to three
    significant digits, its unit followed by the figure as published if it was."""
    label, meaning, kept, by_system = ASSUMPTIONS.get(name, (name.replace("_", " ").capitalize(), "", "", {}))
    value = getattr(a, name)
    if u not in by_system:
        return label, f"{value:g}", kept, meaning
    unit, factor = by_system[u]
    converted = f"{float(f'{value * factor:.3g}'):,g}"  # 1,970, not 1.97e+03
    return label, converted, f"{unit} (published: {value:g} {kept})" if name in PUBLISHED else unit, meaning
