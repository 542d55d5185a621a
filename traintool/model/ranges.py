"""Ranges on estimated figures: a low and a high value with where the range comes from.

A figure the data marks as estimated can carry a range (`ranges` on a car type, a section, a
station, a refit facility, keyed by the field's name). The value itself stays the central
estimate; the range says how far off it may be. The trip is then answered as a range too
(traintool.physics.ranges).
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

# The fields of each model that may carry a range.
RANGED_FIELDS: dict[str, tuple[str, ...]] = {
    "CarType": ("mass_kg", "length_m", "power_w", "max_tractive_effort_n", "max_speed_m_s"),
    "Section": ("speed_limit_m_s", "gradient_permille"),
    "Station": ("dwell_s",),
    "RefitFacility": ("tracks", "split_s_per_cut", "lift_s", "bogie_swap_s", "lower_s", "couple_s_per_car",
                      "locomotive_change_s", "brake_test_s", "transship_s_per_car"),
    "Operation": ("duration_s",),
    "ServiceRules": ("allowance_percent", "allowance_min_per_100km", "limit_factor", "max_speed_m_s", "stop_dwell_s"),
}


class Range(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    low: float = Field(allow_inf_nan=False)
    high: float = Field(allow_inf_nan=False)
    source: str = Field(default="", max_length=2000, description="where the range comes from")

    @model_validator(mode="after")
    def _ordered(self) -> "Range":
        if self.low > self.high:
            raise ValueError(f"the low value {self.low:g} is above the high value {self.high:g}")
        return self


def check_ranges(model: BaseModel, ranges: dict[str, Range]) -> None:
    """Each range names a field that may have one, holds the field's value, and each end is a
    value the field accepts (checked by the model's own validation)."""
    kind = type(model).__name__
    allowed = RANGED_FIELDS[kind]
    for field, r in ranges.items():
        if field not in allowed:
            raise ValueError(f"ranges: '{field}' cannot carry a range (those that can: {', '.join(allowed)})")
        value = getattr(model, field)
        if value is None:
            raise ValueError(f"ranges.{field}: the {kind.lower()} has no {field} to give a range to")
        if not r.low <= value <= r.high:
            raise ValueError(f"ranges.{field}: {r.low:g} to {r.high:g} does not hold the value itself, {value:g}")
        data: dict[str, Any] = model.model_dump(exclude={"ranges"})
        for end in (r.low, r.high):
            if isinstance(value, int) and end != int(end):
                raise ValueError(f"ranges.{field}: {end:g} is not a whole number")
            type(model).model_validate({**data, field: int(end) if isinstance(value, int) else end})
