"""The forces on the train in one section: who pulls, how hard, against what.

Who is in the train on a section: every car that is not a locomotive, and the locomotives whose
``gauge_mm`` is the gauge the train runs on there (``Route.gauge_by_section``). Locomotives of
another gauge are not part of the train there: they wait at the break of gauge to take over (or
have been left behind there), so neither their pull nor their mass, length, resistance or maximum
speed counts on that section.

Tractive effort, per locomotive that pulls: min(adhesion · its weight, its power / v, its own
maximum tractive effort). The whole of a locomotive's mass is taken as the weight on its driving
wheels. The train's tractive effort is the sum over those locomotives; each has its own knee
(the speed where power, not adhesion, starts to limit it).

The gradient and curve act over the train's length: the running-time integrator passes their
mean over the stretch the train covers (running.build_segments), and `forces_on` turns it into
forces here.
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Assumptions, ResolvedCar
from ..units import G
from .resistance import Quadratic, curve_permille, davis_train, grade_force


@dataclass(frozen=True, slots=True)
class TractiveEffort:
    """Σ over locomotives of min(F_i, P_i / v), kept in a form that is quick to evaluate.

    The locomotives are sorted by their knee P_i / F_i. At a speed v the first k of them (knee ≤ v)
    are power-limited and the others force-limited, so the sum is power_below[k] / v + force_above[k].
    """

    knees: tuple[float, ...]  # m/s, ascending
    power_below: tuple[float, ...]  # power_below[k] = Σ P of the k locomotives with the lowest knees
    force_above: tuple[float, ...]  # force_above[k] = Σ F of the others

    @classmethod
    def of(cls, locomotives: list[tuple[float, float]]) -> "TractiveEffort":
        """From (force limit N, power W) per locomotive."""
        locos = sorted(locomotives, key=lambda fp: fp[1] / fp[0])
        power = [0.0]
        for _, p in locos:
            power.append(power[-1] + p)
        force = [0.0]
        for f, _ in reversed(locos):
            force.append(force[-1] + f)
        return cls(tuple(p / f for f, p in locos), tuple(power), tuple(reversed(force)))

    @property
    def max_force_n(self) -> float:
        """The tractive effort at a standstill."""
        return self.force_above[0]

    @property
    def power_w(self) -> float:
        return self.power_below[-1]

    def __call__(self, v: float) -> float:
        k = bisect.bisect_right(self.knees, v)
        return (self.power_below[k] / v if k else 0.0) + self.force_above[k]


@dataclass(frozen=True, slots=True)
class TrainForces:
    """Everything the running-time integrator needs for one section."""

    mass_kg: float  # static mass of the train on this gauge
    effective_mass_kg: float  # with the rotating-mass factor: what accelerates
    traction: TractiveEffort
    resistance: Quadratic  # Davis resistance plus gradient and curve, N (negative a downhill)
    gradient_permille: float
    max_speed_m_s: float  # the lowest of the cars' maximum speeds; 0 for no car
    length_m: float
    locomotives: int

    @property
    def max_force_n(self) -> float:
        return self.traction.max_force_n

    @property
    def power_w(self) -> float:
        return self.traction.power_w

    def tractive_effort(self, v: float) -> float:
        return self.traction(v)

    def net_force(self, v: float) -> float:
        """Tractive effort less resistance, N: positive accelerates. Falls as v rises."""
        return self.traction(v) - self.resistance(v)

def cars_on_gauge(cars: Sequence[ResolvedCar], gauge_mm: int) -> list[ResolvedCar]:
    """The cars that make up the train on this gauge (see the module notes)."""
    return [c for c in cars if not c.is_locomotive or c.type.gauge_mm == gauge_mm]


def locomotive_limits(cars: Sequence[ResolvedCar], a: Assumptions) -> list[tuple[float, float]]:
    """(force limit N, power W) of each locomotive among `cars`: adhesion or its own maximum."""
    return [(min(a.adhesion_coefficient * c.mass_kg * G, c.type.max_tractive_effort_n or 0.0), c.type.power_w or 0.0)
            for c in cars if c.is_locomotive]


@dataclass(frozen=True, slots=True)
class Train:
    """The train as it runs on one gauge: summed once, then reused for every section of that gauge."""

    gauge_mm: int
    mass_kg: float
    length_m: float
    max_speed_m_s: float  # the lowest of its cars' maximum speeds; 0 for no car
    locomotives: int
    traction: TractiveEffort
    davis: Quadratic  # rolling, bearing/flange and air resistance on straight, level track


def train_on_gauge(cars: Sequence[ResolvedCar], gauge_mm: int, a: Assumptions) -> Train:
    present = cars_on_gauge(cars, gauge_mm)
    return Train(
        gauge_mm=gauge_mm,
        mass_kg=sum(c.mass_kg for c in present),
        length_m=sum(c.length_m for c in present),
        max_speed_m_s=min((c.max_speed_m_s for c in present), default=0.0),
        locomotives=sum(1 for c in present if c.is_locomotive),
        traction=TractiveEffort.of(locomotive_limits(present, a)),
        davis=davis_train(present, a),
    )


def section_forces(train: Train, gradient_permille: float, curve_radius_m: float | None,
                   a: Assumptions) -> TrainForces:
    """The forces on `train` with the whole of it on a section of this gradient and curve."""
    return forces_on(train, gradient_permille, curve_permille(curve_radius_m, a), a)


def forces_on(train: Train, gradient_permille: float, curve_permille_: float, a: Assumptions) -> TrainForces:
    """The forces on `train` under a (mean) gradient and a (mean) curve term, both in ‰."""
    fixed = grade_force(train.mass_kg, gradient_permille + curve_permille_)
    d = train.davis
    return TrainForces(
        mass_kg=train.mass_kg,
        effective_mass_kg=train.mass_kg * a.rotating_mass_factor,
        traction=train.traction,
        resistance=Quadratic(d.a + fixed, d.b, d.c),
        gradient_permille=gradient_permille,
        max_speed_m_s=train.max_speed_m_s,
        length_m=train.length_m,
        locomotives=train.locomotives,
    )


def train_forces(cars: list[ResolvedCar], gauge_mm: int, gradient_permille: float, curve_radius_m: float | None,
                 a: Assumptions) -> TrainForces:
    """The forces on the consist's train on one section (a shorthand for tests and one-off use)."""
    return section_forces(train_on_gauge(cars, gauge_mm, a), gradient_permille, curve_radius_m, a)
