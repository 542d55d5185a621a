"""Pure functions over the model: resistance, running time, refit delay, trip. No Qt, no I/O."""
from .result import TripResult, trip_to_dict
from .trip import compute_trip

__all__ = ["TripResult", "compute_trip", "trip_to_dict"]
