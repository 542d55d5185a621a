"""The car catalogue file: the car types a user can add to a consist."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .car_type import CarType, StrictModel


class Catalogue(StrictModel):
    format: Literal["traintool.catalogue"] = "traintool.catalogue"
    version: Literal[1] = 1
    car_types: tuple[CarType, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> "Catalogue":
        seen: set[str] = set()
        for i, t in enumerate(self.car_types):
            if t.id in seen:
                raise ValueError(f"car_types[{i}]: the id '{t.id}' is used twice")
            seen.add(t.id)
        return self
