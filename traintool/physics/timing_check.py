"""Published timings against the model: does what was observed fall within the computed range?

For each timing, the sample's trip over the stretch of route between its two stations is
computed as a range (physics.ranges); the published range (its wording read as a range, see
resources/timings.json's notes) falls inside when the two ranges meet. Nothing here is tuned to
any one timing: a miss is reported with the timing's own notes on what the model does not know.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Document, Route
from ..model.timings import Timing
from .ranges import DEFAULT_SEED, Percentiles, trip_range
from .trip import compute_trip

CHECK_SAMPLES = 200  # per timing: 17 timings in a few seconds; the percentiles move by minutes


@dataclass(frozen=True)
class TimingCheck:
    timing: Timing
    value_s: float | None  # the model's answer with every input at its value; None: it cannot be made
    range_s: Percentiles | None  # 5th, 50th and 95th percentiles; None: in no sample can it be made
    verdict: str  # "inside", "model faster" (the published time is longer), "model slower", "cannot be made"


def check_timing(timing: Timing, document: Document, route: Route, samples: int = CHECK_SAMPLES,
                 seed: int = DEFAULT_SEED) -> TimingCheck:
    """`route` is the timing's whole route: the check takes the stretch between its stations."""
    stretch = route.between(timing.from_station, timing.to_station)
    nominal = compute_trip(document, stretch)
    r = trip_range(document, stretch, samples=samples, seed=seed)
    if timing.measure == "refit":
        assert timing.station is not None  # the model requires it of a refit
        value = next((x.duration_s for x in nominal.refits if x.station == timing.station), None)
        computed = r.refit_s.get(timing.station)
    elif timing.measure == "running":
        value, computed = nominal.running_s if nominal.feasible else None, r.running_s
    else:
        value, computed = nominal.total_s, r.total_s
    return TimingCheck(timing, value, computed, _verdict(timing, computed))


def _verdict(timing: Timing, computed: Percentiles | None) -> str:
    if computed is None:
        return "cannot be made"
    low, high = timing.published_s.low, timing.published_s.high
    if low is not None and low > computed.p95:
        return "model faster"
    if high is not None and high < computed.p5:
        return "model slower"
    return "inside"
