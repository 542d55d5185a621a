"""The forces on the train in one section: who pulls, how hard, against what.

Only locomotives that run on the gauge the train is on pull. Locomotives of another gauge are
not part of the train there (they wait at the break of gauge to take over), so neither their
mass nor their resistance counts. The gradient and curve of the section under the front of the
train act on the whole train (a simplification: they are not averaged over the train's length).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Assumptions, ResolvedCar
from ..units import G
from .resistance import Quadratic, curve_force, davis_train, grade_force


@dataclass(frozen=True, slots=True)
class TrainForces:
    """Everything the running-time integrator needs for one section."""

    mass_kg: float  # static mass of the train on this gauge
    effective_mass_kg: float  # with the rotating-mass factor
    max_force_n: float  # tractive effort at low speed: adhesion or the locomotives' own limit
    power_w: float  # at the rail
    resistance: Quadratic  # Davis resistance plus gradient and curve, N
    max_speed_m_s: float  # the lowest of the cars' maximum speeds
    length_m: float
    locomotives: int

    def tractive_effort(self, v: float) -> float:
        if v <= 0.0:
            return self.max_force_n
        return min(self.max_force_n, self.power_w / v)

    def net_force(self, v: float) -> float:
        """Tractive effort less resistance, N: positive accelerates."""
        return self.tractive_effort(v) - self.resistance(v)

    def acceleration(self, v: float) -> float:
        return self.net_force(v) / self.effective_mass_kg


def cars_on_gauge(cars: list[ResolvedCar], gauge_mm: int) -> list[ResolvedCar]:
    return [c for c in cars if not c.is_locomotive or c.type.gauge_mm == gauge_mm]


def train_forces(cars: list[ResolvedCar], gauge_mm: int, gradient_permille: float, curve_radius_m: float | None,
                 a: Assumptions, davis: Quadratic | None = None) -> TrainForces:
    """The train's forces on a section; `davis` may be passed in when several sections share a gauge."""
    present = cars_on_gauge(cars, gauge_mm)
    mass = sum(c.mass_kg for c in present)
    locos = [c for c in present if c.is_locomotive]
    max_force = sum(min(a.adhesion_coefficient * c.mass_kg * G, c.type.max_tractive_effort_n or 0.0) for c in locos)
    power = sum(c.type.power_w or 0.0 for c in locos)
    base = davis if davis is not None else davis_train(present, a)
    fixed = grade_force(mass, gradient_permille) + curve_force(mass, curve_radius_m, a)
    return TrainForces(
        mass_kg=mass,
        effective_mass_kg=mass * a.rotating_mass_factor,
        max_force_n=max_force,
        power_w=power,
        resistance=Quadratic(base.a + fixed, base.b, base.c),
        max_speed_m_s=min((c.max_speed_m_s for c in present), default=0.0),
        length_m=sum(c.length_m for c in present),
        locomotives=len(locos),
    )
