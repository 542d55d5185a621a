"""The car catalogue file: the car types a user can add to a consist."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .car_type import CarType, StrictModel, unique_type_ids


class Catalogue(StrictModel):
    format: Literal["traintool.catalogue"] = "traintool.catalogue"
    version: Literal[1] = 1
    car_types: list[CarType] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> "Catalogue":
        unique_type_ids(self.car_types)
        return self
