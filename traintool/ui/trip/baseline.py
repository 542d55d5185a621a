"""The trip pinned as a baseline, and how a change since it reads."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...units import format_duration

if TYPE_CHECKING:
    from ...model import Document, Route
    from ...physics import TripResult


@dataclass(frozen=True)
class Baseline:
    total_s: float | None  # None: the pinned trip could not be made
    running_s: float
    dwell_s: float
    refit_s: float
    label: str
    result: TripResult  # the whole pinned trip: the plots draw its lines, the legs compare with its legs
    route: Route | None  # the route it was timed on (its time line needs the stations)
    document: Document | None = None  # the document pinned: the train graph draws it from its own departure


def signed_duration(delta_s: float) -> str:
    if abs(delta_s) < 30:
        return "±0 min"
    return ("+" if delta_s > 0 else "") + format_duration(delta_s)
