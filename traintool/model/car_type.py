"""Car types: the entries of the catalogue that cars in a consist refer to."""
from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Final, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .ranges import Range, check_ranges

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,63}$", description="Short identifier: lower case, digits, - _ .")]
PositiveLength = Annotated[float, Field(gt=0, le=100, allow_inf_nan=False, description="metres")]
PositiveMass = Annotated[float, Field(gt=0, le=1_000_000, allow_inf_nan=False, description="kilograms")]
# 1 km/h: the lowest speed a limit, a cap or a car's maximum may have. Below it no trip ends in a
# time worth telling (and near 0 the time is not even a finite number).
MIN_SPEED_M_S = 1 / 3.6
PositiveSpeed = Annotated[float, Field(ge=MIN_SPEED_M_S, le=150, allow_inf_nan=False,
                                       description="metres per second, at least 1 km/h")]
Gauge = Annotated[int, Field(ge=381, le=3000, description="track gauge in millimetres")]


class StrictModel(BaseModel):
    """Unknown keys are refused: a typo in a file is reported, not silently ignored.

    Frozen: a document never changes in place (undo snapshots, CarResolver, the trip worker and the
    autosave thread share them); an edit (model/edits.py) makes a new one.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)


FILE_VERSION: Final = 3  # every file format: 2 added ranges on estimated figures, 3 departures and time zones


def upgrade_version(data: Any) -> Any:
    """A file of an earlier version loads as the current one: each version only adds to the one
    before, so reading it needs nothing but the new number (saving writes the new one)."""
    if isinstance(data, dict) and data.get("version") in (1, 2):
        return {**data, "version": FILE_VERSION}
    return data


class RangedModel(StrictModel):
    """A model whose estimated figures may carry ranges (a `ranges` field of its own, by field
    name): each range is checked against the model's own validation."""

    if TYPE_CHECKING:  # each subclass declares the field itself, last among its fields
        ranges: dict[str, Range]

    @model_validator(mode="after")
    def _ranges_hold(self) -> Self:
        ranges = getattr(self, "ranges", None)
        if ranges:
            check_ranges(self, ranges)
        return self


class CarKind(str, Enum):
    """What a car is for; each kind has a drawing of its own."""

    LOCOMOTIVE = "locomotive"
    COACH = "coach"
    SALOON = "saloon"
    RESTAURANT = "restaurant"
    KITCHEN = "kitchen"
    SLEEPER = "sleeper"
    HELICOPTER_CAR = "helicopter_car"
    VEHICLE_CARRIER = "vehicle_carrier"
    SECURITY = "security"
    COMMUNICATIONS = "communications"
    GENERATOR = "generator"
    BAGGAGE = "baggage"
    BOX_CAR = "box_car"
    FLAT_CAR = "flat_car"
    TANK_CAR = "tank_car"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS: dict[CarKind, str] = {
    CarKind.LOCOMOTIVE: "Locomotive",
    CarKind.COACH: "Coach",
    CarKind.SALOON: "Saloon",
    CarKind.RESTAURANT: "Restaurant car",
    CarKind.KITCHEN: "Kitchen car",
    CarKind.SLEEPER: "Sleeper",
    CarKind.HELICOPTER_CAR: "Helicopter car",
    CarKind.VEHICLE_CARRIER: "Vehicle carrier",
    CarKind.SECURITY: "Security car",
    CarKind.COMMUNICATIONS: "Communications car",
    CarKind.GENERATOR: "Generator car",
    CarKind.BAGGAGE: "Baggage car",
    CarKind.BOX_CAR: "Box car",
    CarKind.FLAT_CAR: "Flat car",
    CarKind.TANK_CAR: "Tank car",
}


class GaugeChange(str, Enum):
    """How a car's running gear can be moved to another gauge."""

    BOGIE_EXCHANGE = "bogie_exchange"  # lifted on jacks, bogies swapped
    VARIABLE_GAUGE = "variable_gauge"  # variable-gauge axles: rolls through a gauge changer
    NONE = "none"  # cannot change gauge (locomotives: swapped for one of the new gauge)

    @property
    def label(self) -> str:
        return {"bogie_exchange": "Bogie exchange", "variable_gauge": "Variable-gauge axles", "none": "None"}[self.value]


class CarType(RangedModel):
    """A catalogue entry. Figures carry their source; estimates say so."""

    id: Id
    label: str = Field(min_length=1, max_length=200)
    kind: CarKind
    length_m: PositiveLength = Field(description="length over buffers, m")
    mass_kg: PositiveMass = Field(description="mass in service, kg")
    axles: int = Field(ge=2, le=32)
    bogies: int = Field(ge=0, le=8, description="0 for a car on single axles")
    max_speed_m_s: PositiveSpeed = Field(description="maximum speed, m/s")
    armored: bool = False
    gauge_change: GaugeChange = GaugeChange.BOGIE_EXCHANGE
    # Locomotives only: what pulls the train.
    power_w: float | None = Field(default=None, gt=0, le=50e6, allow_inf_nan=False, description="power at the rail, W")
    max_tractive_effort_n: float | None = Field(default=None, gt=0, le=2e6, allow_inf_nan=False, description="starting tractive effort, N")
    gauge_mm: Gauge | None = Field(default=None, description="the gauge a locomotive runs on")
    source: str = Field(default="", max_length=2000, description="where the figures come from")
    estimated: bool = Field(default=False, description="true when no source states the figures directly")
    notes: str = Field(default="", max_length=5000)
    ranges: dict[str, Range] = Field(default_factory=dict,
                                     description="low and high values of estimated figures, by field name")

    @model_validator(mode="before")
    @classmethod
    def _drop_frontal_area(cls, data: Any) -> Any:
        # Earlier files may carry a frontal area, which no physics ever used (the Davis air term
        # has its own coefficient, davis_k): read them and drop the figure.
        if isinstance(data, dict) and "frontal_area_m2" in data:
            data = {k: v for k, v in data.items() if k != "frontal_area_m2"}
        return data

    @model_validator(mode="after")
    def _locomotive_fields(self) -> "CarType":
        if self.kind is CarKind.LOCOMOTIVE:
            missing = [n for n in ("power_w", "max_tractive_effort_n", "gauge_mm") if getattr(self, n) is None]
            if missing:
                raise ValueError(f"car type '{self.id}' is a locomotive but has no {', '.join(missing)}")
        if self.bogies and self.axles % self.bogies:
            raise ValueError(f"car type '{self.id}': {self.axles} axles do not share evenly over {self.bogies} bogies")
        return self

    @property
    def is_locomotive(self) -> bool:
        return self.kind is CarKind.LOCOMOTIVE


def unique_type_ids(car_types: Sequence[CarType]) -> set[str]:
    """The ids of `car_types`, for a validator: a ValueError names the first id used twice."""
    seen: set[str] = set()
    for i, t in enumerate(car_types):
        if t.id in seen:
            raise ValueError(f"car_types[{i}]: the id '{t.id}' is used twice")
        seen.add(t.id)
    return seen
