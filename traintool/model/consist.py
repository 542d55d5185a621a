"""Cars and consists. A car is a type plus optional overrides; stats are derived, never stored."""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter

from pydantic import Field

from ..text import plural, position_runs

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
MAX_CARS = 100_000  # a stated limit: the window stays responsive up to here (benchmarks/huge_consist_benchmark.py)
_overridable = attrgetter(*OVERRIDABLE)  # a car's own values, None where it follows its type


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

    cars: tuple[Car, ...] = Field(default=(), max_length=MAX_CARS)


@dataclass(frozen=True, slots=True)
class ResolvedCar:
    """A car with every value in force (override or type); what physics and drawings use.

    It does not know its place in the train: an edit moves cars without resolving them again.
    """

    type: CarType
    name: str
    length_m: float
    mass_kg: float
    axles: int
    max_speed_m_s: float
    armored: bool
    gauge_change: GaugeChange
    overridden: frozenset[str]
    is_locomotive: bool  # its type's kind, as a field: the physics asks it 800,000 times of 100,000 cars

    @property
    def kind(self) -> CarKind:
        return self.type.kind



def car_label(index: int, car: ResolvedCar) -> str:
    """'car 12 (Armored coach 3)': how messages name the car at 0-based position `index`."""
    return f"car {index + 1} ({car.name})"


def describe_cars(indices: Sequence[int], cars: Sequence[ResolvedCar]) -> str:
    """'30 armored coaches, cars 6-15 and 43-62': how a reason names a group of cars.

    One car is named as messages name a car; more are counted by their kind ('armored' when all
    are; 'cars' when the kinds differ), with their positions as runs.
    """
    if len(indices) == 1:
        label = car_label(indices[0], cars[indices[0]])
        return label[0].upper() + label[1:]
    kinds = {cars[i].kind for i in indices}
    what = plural(kinds.pop().label.lower(), len(indices)) if len(kinds) == 1 else "cars"
    if what != "cars" and all(cars[i].armored for i in indices):
        what = "armored " + what
    return f"{len(indices)} {what}, cars {position_runs(indices)}"


def resolve_car(car: Car, car_type: CarType) -> ResolvedCar:
    o = car.overrides()
    return ResolvedCar(
        type=car_type,
        name=car.name or car_type.label,
        length_m=o.get("length_m", car_type.length_m),  # type: ignore[arg-type]
        mass_kg=o.get("mass_kg", car_type.mass_kg),  # type: ignore[arg-type]
        axles=o.get("axles", car_type.axles),  # type: ignore[arg-type]
        max_speed_m_s=o.get("max_speed_m_s", car_type.max_speed_m_s),  # type: ignore[arg-type]
        armored=o.get("armored", car_type.armored),  # type: ignore[arg-type]
        gauge_change=o.get("gauge_change", car_type.gauge_change),  # type: ignore[arg-type]
        overridden=frozenset(o),
        is_locomotive=car_type.kind is CarKind.LOCOMOTIVE,
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

    @property
    def mass_per_axle_kg(self) -> float:
        return self.mass_kg / self.axles if self.axles else 0.0


class CarResolver:
    """Resolves a consist's cars, reusing what it resolved before.

    Cars and car types are immutable and an edit copies the list, not the cars, so a car the edit
    did not touch is the very same object: resolving a 100,000-car train after an edit is then a
    lookup per car. Each entry holds its car, so the id() it is filed under cannot be reused.
    Cars alike (same type, name and overrides: most of a long train) share one resolved car.
    """

    def __init__(self) -> None:
        self._by_id: dict[int, tuple[Car, ResolvedCar]] = {}
        self._alike: dict[tuple[int, str | None, tuple[object, ...]], ResolvedCar] = {}

    def resolve(self, cars: Sequence[Car], types: dict[str, CarType]) -> list[ResolvedCar]:
        known = self._by_id
        if len(known) > 2 * len(cars) + 1000:  # forget cars long deleted
            known = self._by_id = {}
            self._alike = {}
        out = []
        for car in cars:
            hit = known.get(id(car))
            car_type = types[car.type_id]
            if hit is None or hit[0] is not car or hit[1].type is not car_type:
                hit = known[id(car)] = (car, self._resolve_new(car, car_type))
            out.append(hit[1])
        return out

    def _resolve_new(self, car: Car, car_type: CarType) -> ResolvedCar:
        key = (id(car_type), car.name, _overridable(car))
        alike = self._alike.get(key)
        if alike is None or alike.type is not car_type:
            alike = self._alike[key] = resolve_car(car, car_type)
        return alike


_speed = attrgetter("max_speed_m_s")
NUMPY_TALLY = 5_000  # cars: from there numpy tallies them (faster); a short train never loads it


def _tally(cars: Sequence[ResolvedCar]) -> tuple[list[ResolvedCar], list[int]]:
    """The distinct cars (by identity), first seen first, and how many times each is in `cars`."""
    if len(cars) < NUMPY_TALLY:
        tally = Counter(map(id, cars))
        return list(dict(zip(map(id, cars), cars)).values()), list(tally.values())
    import numpy as np

    ids = np.fromiter(map(id, cars), np.int64, len(cars))
    _ids, first, counts = np.unique(ids, return_index=True, return_counts=True)
    order = np.argsort(first)
    return [cars[i] for i in first[order].tolist()], counts[order].tolist()


def consist_stats(cars: Sequence[ResolvedCar]) -> ConsistStats:
    """The figures of `cars` (a train, or a selection of its cars).

    Cars alike share one ResolvedCar (CarResolver), so the cars are tallied by identity at C speed
    and each distinct car is weighed by its count: the stats of 100,000 cars (or a selection of
    them) in milliseconds, after every edit or selection change.
    """
    distinct, counts = _tally(cars)
    by_kind: Counter[CarKind] = Counter()
    locos = armored = 0
    for c, n in zip(distinct, counts):
        by_kind[c.type.kind] += n
        locos += n if c.is_locomotive else 0
        armored += n if c.armored else 0
    loco_counts = [(c, n) for c, n in zip(distinct, counts) if c.is_locomotive]
    return ConsistStats(
        cars=len(cars),
        count_by_kind={k: by_kind[k] for k in CarKind if by_kind[k]},
        length_m=math.fsum(c.length_m * n for c, n in zip(distinct, counts)),
        mass_kg=math.fsum(c.mass_kg * n for c, n in zip(distinct, counts)),
        axles=sum(c.axles * n for c, n in zip(distinct, counts)),
        max_speed_m_s=min(map(_speed, distinct), default=0.0),
        power_w=math.fsum((c.type.power_w or 0.0) * n for c, n in loco_counts),
        tractive_effort_n=math.fsum((c.type.max_tractive_effort_n or 0.0) * n for c, n in loco_counts),
        locomotives=locos,
        armored=armored,
    )


def updated_stats(stats: ConsistStats, removed: Sequence[ResolvedCar], added: Sequence[ResolvedCar],
                  cars: Sequence[ResolvedCar]) -> ConsistStats:
    """The stats of `cars`, a consist whose stats were `stats` until an edit replaced `removed` by `added`.

    The sums and counts are updated rather than redone, so an edit of one car in 100,000 costs what
    that car costs; the lowest speed is looked for again only if a car that had it went and no car
    as slow came (a move or a value set on a car takes away and brings back the same cars).
    """
    if not cars or not stats.cars:
        return consist_stats(cars)
    r, a = consist_stats(removed), consist_stats(added)
    by_kind = Counter(stats.count_by_kind)
    by_kind.subtract(r.count_by_kind)
    by_kind.update(a.count_by_kind)
    if r.cars and r.max_speed_m_s <= stats.max_speed_m_s and not (a.cars and a.max_speed_m_s <= stats.max_speed_m_s):
        max_speed = min(map(_speed, cars))  # a slowest car went, and none as slow came: look again
    else:
        max_speed = min(stats.max_speed_m_s, a.max_speed_m_s) if a.cars else stats.max_speed_m_s
    return ConsistStats(
        cars=len(cars),
        count_by_kind={k: by_kind[k] for k in CarKind if by_kind[k]},
        length_m=stats.length_m - r.length_m + a.length_m,
        mass_kg=stats.mass_kg - r.mass_kg + a.mass_kg,
        axles=stats.axles - r.axles + a.axles,
        max_speed_m_s=max_speed,
        power_w=stats.power_w - r.power_w + a.power_w,
        tractive_effort_n=stats.tractive_effort_n - r.tractive_effort_n + a.tractive_effort_n,
        locomotives=stats.locomotives - r.locomotives + a.locomotives,
        armored=stats.armored - r.armored + a.armored,
    )
