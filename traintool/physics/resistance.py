"""Train resistance: the modified Davis law, converted to SI once, plus gradient and curves.

AREA-modified Davis (imperial), per short ton of car:  R = a + axle/w + b·V + K·V²/(w·n)  lb/ton,
with w the weight per axle in short tons, n the axles and V in mph. Multiplied by the car's
weight T = w·n this is, per car:  R = a·T + axle·n + b·T·V + K·V²  lb. Summed over the cars it
is a quadratic in speed, which physics keeps as three SI coefficients (N, N/(m/s), N/(m/s)²).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..model import Assumptions, ResolvedCar
from ..units import G, MPH

LBF = 4.4482216152605  # N in one pound-force
SHORT_TON = 907.18474  # kg


@dataclass(frozen=True, slots=True)
class Quadratic:
    """R(v) = a + b·v + c·v², in N with v in m/s."""

    a: float = 0.0
    b: float = 0.0
    c: float = 0.0

    def __call__(self, v: float) -> float:
        return self.a + v * (self.b + self.c * v)

    def __add__(self, other: "Quadratic") -> "Quadratic":
        return Quadratic(self.a + other.a, self.b + other.b, self.c + other.c)


def davis_car(mass_kg: float, axles: int, a: Assumptions, *, leading: bool = False) -> Quadratic:
    """One car's modified-Davis resistance in SI; the leading unit carries a larger air term."""
    tons = mass_kg / SHORT_TON
    a_lb = a.davis_a_lb_per_ton * tons + a.davis_axle_lb * axles
    b_lb_per_mph = a.davis_b_lb_per_ton_mph * tons
    c_lb_per_mph2 = a.davis_k * (a.lead_air_factor if leading else 1.0)
    return Quadratic(a_lb * LBF, b_lb_per_mph * LBF / MPH, c_lb_per_mph2 * LBF / MPH**2)


def davis_train(cars: Iterable[ResolvedCar], a: Assumptions) -> Quadratic:
    """The whole train's rolling, flange/bearing and air resistance, the first car leading."""
    total = Quadratic()
    for i, car in enumerate(cars):
        total = total + davis_car(car.mass_kg, car.axles, a, leading=i == 0)
    return total


def grade_force(mass_kg: float, gradient_permille: float) -> float:
    """The gradient's pull against the train, N (negative downhill): m·g·i, i = ‰ / 1000."""
    return mass_kg * G * gradient_permille / 1000.0


def curve_force(mass_kg: float, radius_m: float | None, a: Assumptions) -> float:
    """Curve resistance k / R newtons per kilonewton of weight; nothing on straight track."""
    if not radius_m:
        return 0.0
    return a.curve_resistance_k / radius_m * mass_kg * G / 1000.0
