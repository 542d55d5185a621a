"""Cars and consists. A car is a type plus optional overrides; stats are derived, never stored."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from pydantic import Field

from .car_type import (
    CarKind,
    CarType,
    GaugeChange,
    Id,
    PositiveLength,
    PositiveMass,
    PositiveSpeed,
    StrictModel,
)

# The fields of a car type that a single car may override.
OVERRIDABLE = ("length_m", "mass_kg", "axles", "max_speed_m_s", "armored", "gauge_change")


class Car(StrictModel):
    """One vehicle in the consist. Unset fields take the type's value."""

    type_id: Id
    name: str | None = Field(default=None, max_length=200)
    length_m: PositiveLength | None = None
    mass_kg: PositiveMass | None = None
    axles: int | None = Field(default=None, ge=2, le=32)
    max_speed_m_s: PositiveSpeed | None = None
    armored: bool | None = None
    gauge_change: GaugeChange | None = None

    def overrides(self) -> dict[str, object]:
        return {f: getattr(self, f) for f in OVERRIDABLE if getattr(self, f) is not None}


class Consist(StrictModel):
    """The ordered list of cars, front to back."""

    cars: list[Car] = Field(default_factory=list, max_length=100_000)


@dataclass(frozen=True, slots=True)
class ResolvedCar:
    """A car with every value in force (override or type); what physics and drawings use."""

    index: int  # 0-based position in the consist
    type: CarType
    name: str
    length_m: float
    mass_kg: float
    axles: int
    max_speed_m_s: float
    armored: bool
    gauge_change: GaugeChange
    overridden: frozenset[str]

    @property
    def kind(self) -> CarKind:
        return self.type.kind

    @property
    def is_locomotive(self) -> bool:
        return self.type.kind is CarKind.LOCOMOTIVE

    @property
    def label(self) -> str:
        """'car 12 (Armored coach 3)': how messages name a car."""
        return f"car {self.index + 1} ({self.name})"


def resolve_car(index: int, car: Car, car_type: CarType) -> ResolvedCar:
    o = car.overrides()
    return ResolvedCar(
        index=index,
        type=car_type,
        name=car.name or car_type.label,
        length_m=o.get("length_m", car_type.length_m),  # type: ignore[arg-type]
        mass_kg=o.get("mass_kg", car_type.mass_kg),  # type: ignore[arg-type]
        axles=o.get("axles", car_type.axles),  # type: ignore[arg-type]
        max_speed_m_s=o.get("max_speed_m_s", car_type.max_speed_m_s),  # type: ignore[arg-type]
        armored=o.get("armored", car_type.armored),  # type: ignore[arg-type]
        gauge_change=o.get("gauge_change", car_type.gauge_change),  # type: ignore[arg-type]
        overridden=frozenset(o),
    )


@dataclass(frozen=True)
class ConsistStats:
    """Derived figures of a consist, in SI."""

    cars: int
    count_by_kind: dict[CarKind, int]
    length_m: float
    mass_kg: float
    axles: int
    max_speed_m_s: float  # the lowest of its cars'; 0 for an empty consist
    power_w: float
    tractive_effort_n: float
    locomotives: int
    armored: int

    @property
    def power_per_tonne_w(self) -> float:
        return self.power_w / (self.mass_kg / 1000.0) if self.mass_kg else 0.0


def consist_stats(cars: list[ResolvedCar]) -> ConsistStats:
    by_kind = Counter(c.kind for c in cars)
    locos = [c for c in cars if c.is_locomotive]
    return ConsistStats(
        cars=len(cars),
        count_by_kind={k: by_kind[k] for k in CarKind if by_kind[k]},
        length_m=sum(c.length_m for c in cars),
        mass_kg=sum(c.mass_kg for c in cars),
        axles=sum(c.axles for c in cars),
        max_speed_m_s=min((c.max_speed_m_s for c in cars), default=0.0),
        power_w=sum(c.type.power_w or 0.0 for c in locos),
        tractive_effort_n=sum(c.type.max_tractive_effort_n or 0.0 for c in locos),
        locomotives=len(locos),
        armored=sum(1 for c in cars if c.armored),
    )
