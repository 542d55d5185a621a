"""Train resistance: the modified Davis law, converted to SI once, plus gradient and curves.

AREA-modified Davis (imperial), per short ton of car:  R = a + axle/w + b·V + K·V²/(w·n)  lb/ton,
with w the weight per axle in short tons, n the axles and V in mph (defaults a = 0.6, axle = 20,
b = 0.01, K = 0.07). Multiplied by the car's weight T = w·n this is, per car:

    R = a·T + axle·n + b·T·V + K·V²   lb

so the air term of a car does not depend on its weight, and the whole train's resistance is a
quadratic in speed whose coefficients are sums over the cars. Physics keeps it as three SI
coefficients (N, N/(m/s), N/(m/s)²), computed once per train here: nothing downstream loops over
cars. The leading unit's air term is `lead_air_factor` times a trailing car's (Davis, 1926).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Assumptions, ResolvedCar
from ..units import G, MPH, SHORT_TON

LBF = 4.4482216152605  # N in one pound-force


@dataclass(frozen=True, slots=True)
class Quadratic:
    """R(v) = a + b·v + c·v², in N with v in m/s."""

    a: float = 0.0
    b: float = 0.0
    c: float = 0.0

    def __call__(self, v: float) -> float:
        return self.a + v * (self.b + self.c * v)


def davis_si(short_tons: float, axles: float, air_units: float, a: Assumptions) -> Quadratic:
    """The modified Davis law in SI for `short_tons` of cars on `axles` axles.

    `air_units` counts the K·V² terms: one per trailing car, `lead_air_factor` for a leading unit.
    This is the one place where imperial units are turned into SI.
    """
    return Quadratic(
        a=(a.davis_a_lb_per_ton * short_tons + a.davis_axle_lb * axles) * LBF,
        b=a.davis_b_lb_per_ton_mph * short_tons * LBF / MPH,
        c=a.davis_k * air_units * LBF / MPH**2,
    )


def davis_car(mass_kg: float, axles: int, a: Assumptions, *, leading: bool = False) -> Quadratic:
    """One car's modified-Davis resistance in SI; the leading unit carries a larger air term."""
    return davis_si(mass_kg / SHORT_TON, axles, a.lead_air_factor if leading else 1.0, a)


def davis_train(cars: Iterable[ResolvedCar], a: Assumptions) -> Quadratic:
    """The whole train's rolling, bearing/flange and air resistance, the first car leading."""
    mass = 0.0
    axles = 0
    count = 0
    for car in cars:
        mass += car.mass_kg
        axles += car.axles
        count += 1
    if not count:
        return Quadratic()
    # One leading unit, count - 1 trailing cars.
    return davis_si(mass / SHORT_TON, axles, a.lead_air_factor + (count - 1), a)


def grade_force(mass_kg: float, gradient_permille: float) -> float:
    """The gradient's pull against the train, N (negative downhill): m·g·i, i = ‰ / 1000."""
    return mass_kg * G * gradient_permille / 1000.0


def curve_permille(radius_m: float | None, a: Assumptions) -> float:
    """Curve resistance as an equivalent gradient, ‰: k / R newtons per kilonewton of weight
    (so its pull is grade_force of this); nothing on straight track."""
    return a.curve_resistance_k / radius_m if radius_m else 0.0
