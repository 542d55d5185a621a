"""How trains are run, beyond the physics: who runs each section and what the train stops for.

A trip's time is its running time, plus the running-time allowance the railway adds (UIC leaflet
451-1: a percentage of the running time and/or minutes per 100 km; OSRD's "linear" and
"construction" allowances), plus every stop: named dwells, refits at breaks of gauge, and the
operations at stations (border procedures, locomotive and crew changes, technical stops, and
scheduled stops with no named dwell, which take the service's default).

A railway (the DPRK's Korean State Railway, Russian Railways, China Railway, ...) owns sections and
carries, per kind of service, its operating rules: the allowance, how close its trains run to the
line limits, the highest speed it runs that class of train at, and the locomotive it puts on.
Each figure is an estimate with a range and a source, like any other in the data.
"""
from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

from pydantic import (Field, SerializationInfo, SerializerFunctionWrapHandler, model_serializer,
                      model_validator)

from .car_type import CarType, Id, PositiveSpeed, RangedModel, StrictModel
from .ranges import Range

Seconds = Annotated[float, Field(ge=0, le=30 * 86400, allow_inf_nan=False, description="seconds")]


class ServiceKind(str, Enum):
    """The kind of service a train runs as: a railway runs each by its own rules."""

    SPECIAL = "special"  # a leader's or other special train: cleared line, its own schedule
    INTERNATIONAL = "international_passenger"  # a scheduled passenger train across borders
    FREIGHT = "freight"

    @property
    def label(self) -> str:
        return {"special": "Special (leader's) train", "international_passenger": "International passenger",
                "freight": "Freight"}[self.value]


class OperationKind(str, Enum):
    """Why a train stands at a station, besides a named dwell and a refit."""

    BORDER_EXIT = "border_exit"
    BORDER_ENTRY = "border_entry"
    CUSTOMS = "customs"
    LOCOMOTIVE_CHANGE = "locomotive_change"
    CREW_CHANGE = "crew_change"
    TECHNICAL = "technical"
    SCHEDULED_STOP = "scheduled_stop"

    @property
    def label(self) -> str:
        return OPERATION_LABELS[self]


OPERATION_LABELS = {
    OperationKind.BORDER_EXIT: "Exit control", OperationKind.BORDER_ENTRY: "Entry control",
    OperationKind.CUSTOMS: "Customs", OperationKind.LOCOMOTIVE_CHANGE: "Locomotive change",
    OperationKind.CREW_CHANGE: "Crew change", OperationKind.TECHNICAL: "Technical stop",
    OperationKind.SCHEDULED_STOP: "Scheduled stop",
}


class Operation(RangedModel):
    """One thing the train stands at a station for, for a kind (or all kinds) of service."""

    kind: OperationKind
    duration_s: Seconds
    services: tuple[ServiceKind, ...] = Field(default=(), description="the services it applies to; empty: all")
    source: str = Field(default="", max_length=2000)
    ranges: dict[str, Range] = Field(default_factory=dict,
                                     description="low and high values of estimated figures, by field name")

    def applies_to(self, service: ServiceKind) -> bool:
        return not self.services or service in self.services


class ServiceRules(RangedModel):
    """How a railway runs one kind of service."""

    # UIC 451-1 names the two parts of a running-time allowance by what they grow with: time and distance.
    allowance_percent: float = Field(default=0.0, ge=0, le=100, allow_inf_nan=False, title="Time allowance",
                                     description="running-time allowance, % of the running time (UIC 451-1)")
    allowance_min_per_100km: float = Field(default=0.0, ge=0, le=600, allow_inf_nan=False, title="Distance allowance",
                                           description="running-time allowance, minutes per 100 km (UIC 451-1)")
    limit_factor: float = Field(default=1.0, gt=0, le=1.5, allow_inf_nan=False,
                                description="how close the railway runs this service to the line limits: the "
                                            "speed it runs at is this times the section's limit")
    max_speed_m_s: PositiveSpeed | None = Field(default=None,
                                                description="the highest speed the railway runs this class of train at")
    stop_dwell_s: Seconds = Field(default=0.0, description="the dwell at a scheduled stop that names none")
    locomotive_id: Id | None = Field(default=None, description="the car type (catalogue id) of the locomotive the "
                                                               "railway puts on at a locomotive change; none: the "
                                                               "consist's own locomotives haul")
    locomotive_count: int = Field(default=1, ge=1, le=8, description="how many of that locomotive it puts on")
    locomotive_note: str = Field(default="", max_length=500,
                                 description="what the sources say of the railway's locomotive beyond its type (a "
                                             "name an older file gave that is no catalogue type is kept here)")
    # The type itself, as the catalogue has it: filled in by io when a route or document is read, so that
    # the physics, which reads no files, has the locomotive's figures. Files name the id only (_saved).
    locomotive_type: CarType | None = None
    source: str = Field(default="", max_length=2000)
    ranges: dict[str, Range] = Field(default_factory=dict,
                                     description="low and high values of estimated figures, by field name")

    @model_validator(mode="before")
    @classmethod
    def _older_name(cls, data: Any) -> Any:
        """An older file names the locomotive in free text ('locomotive'); io matches such a name to a
        catalogue type before this runs (io.files.locomotive_names), and whatever reaches here is kept as
        the note, never dropped."""
        if isinstance(data, dict) and "locomotive" in data:
            data = dict(data)
            old = data.pop("locomotive")
            if (old is not None and not isinstance(old, str)) or (isinstance(old, str) and old.strip() and not data.get("locomotive_note")):
                data["locomotive_note"] = old  # what is not text is refused there, naming the field
        return data

    @model_serializer(mode="wrap")
    def _saved(self, handler: SerializerFunctionWrapHandler, info: SerializationInfo) -> dict[str, Any]:
        """The JSON form (a file's) names the locomotive by id only: the type is the catalogue's."""
        data: dict[str, Any] = handler(self)
        if info.mode_is_json():
            data.pop("locomotive_type", None)
        return data

    @model_validator(mode="after")
    def _type_is_the_named_locomotive(self) -> "ServiceRules":
        t = self.locomotive_type
        if t is not None and (t.id != self.locomotive_id or not t.is_locomotive):
            raise ValueError(f"locomotive_type: '{t.id}' is not the locomotive named by locomotive_id "
                             f"('{self.locomotive_id}')")
        return self

    @property
    def locomotive_label(self) -> str:
        """The railway's locomotive as a reader knows it: the type's label (its id until io fills the type in)."""
        if self.locomotive_id is None:
            return ""
        name = self.locomotive_type.label if self.locomotive_type is not None else self.locomotive_id
        return f"{self.locomotive_count} × {name}" if self.locomotive_count > 1 else name


class Railway(StrictModel):
    """A railway that owns sections of a route, with its rules per kind of service."""

    id: Id
    name: str = Field(min_length=1, max_length=200)
    services: dict[ServiceKind, ServiceRules] = Field(default_factory=dict)
    source: str = Field(default="", max_length=2000)

    def rules(self, service: ServiceKind) -> ServiceRules:
        """Its rules for `service`; a service it states no rules for runs at the physics' minimum."""
        return self.services.get(service) or _NO_RULES


_NO_RULES = ServiceRules()
