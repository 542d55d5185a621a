"""The car catalogue file: the car types a user can add to a consist."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .car_type import FILE_VERSION, CarType, StrictModel, unique_type_ids, upgrade_version


class Catalogue(StrictModel):
    format: Literal["traintool.catalogue"] = "traintool.catalogue"
    version: Literal[3] = FILE_VERSION
    car_types: tuple[CarType, ...] = Field(min_length=1)

    _upgrade = model_validator(mode="before")(upgrade_version)

    @model_validator(mode="after")
    def _unique_ids(self) -> "Catalogue":
        unique_type_ids(self.car_types)
        return self
