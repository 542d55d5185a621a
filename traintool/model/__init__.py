"""The data model: pydantic, no Qt. The single source of truth for the file format."""
from .catalogue import Catalogue
from .car_type import FILE_VERSION, KIND_LABELS, MIN_SPEED_M_S, CarKind, CarType, GaugeChange
from .ranges import RANGED_FIELDS, Range
from .consist import (
    MAX_CARS, OVERRIDABLE, Car, CarResolver, Consist, ConsistStats, ResolvedCar, car_label, consist_stats,
    describe_cars, resolve_car,
)
from .document import FORMAT, VERSION, Document
from .route import BreakOfGauge, LengthRange, RefitFacility, RefitMethod, Route, RouteFile, Section, Station
from .operations import Operation, OperationKind, Railway, ServiceKind, ServiceRules
from .scenario import ASSUMPTION_SOURCES, Assumptions, Haulage, Scenario, StrandedCars

__all__ = [
    "ASSUMPTION_SOURCES", "Assumptions", "FILE_VERSION", "RANGED_FIELDS", "Range", "Catalogue", "BreakOfGauge", "Car", "CarKind", "CarType", "Consist", "ConsistStats",
    "Document", "FORMAT", "GaugeChange", "KIND_LABELS", "MIN_SPEED_M_S", "OVERRIDABLE", "RefitFacility", "RefitMethod",
    "CarResolver", "LengthRange", "MAX_CARS", "ResolvedCar", "Route", "RouteFile", "Scenario", "Section", "Station", "Haulage", "StrandedCars", "VERSION",
    "Operation", "OperationKind", "Railway", "ServiceKind", "ServiceRules",
    "car_label", "consist_stats", "describe_cars", "resolve_car",
]
