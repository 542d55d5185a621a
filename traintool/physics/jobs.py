"""The computations the window hands to a process of its own (ui/compute_process.py), in a form
that crosses a process boundary cheaply: a long train goes as its distinct resolved cars and, per
position, the index of its car among them (a 100,000-car train has a few dozen distinct cars), and
the document without its consist (the trip reads only the scenario once it has the cars). The
answer comes back with its refit timelines as columns (result.TimelineColumns).
"""
from __future__ import annotations

import time
from dataclasses import replace

from ..model import Consist, Document, Route
from ..model.resolved_consist import Packed, unpack  # the cars in the form the window keeps edit by edit
from .ranges import (
    DEFAULT_SEED, Driver, SampledTrips, TripRange, strongest_first, drivers, latin_hypercube, sample_trips, summarize,
    uncertain_inputs,
)
from .result import TimelineColumns, TripResult
from .trip import compute_trip


def without_consist(document: Document) -> Document:
    """The document as the trip reads it once the cars are given: its scenario (and name)."""
    return document.model_copy(update={"consist": Consist(), "car_types": ()})


def trip_job(document: Document, route: Route, packed: Packed) -> tuple[TripResult, float]:
    """The trip, its refit timelines as columns (the window unpickles a few arrays, not thousands of
    bars), and the seconds the computation itself took: the window decides from that, not from the
    round trip, whether the next one may run on its own thread."""
    start = time.perf_counter()
    result = compute_trip(document, route, unpack(packed))
    seconds = time.perf_counter() - start
    if result.refits:
        result = replace(result, refits=[replace(r, timeline=TimelineColumns(r.timeline)) for r in result.refits])
    return result, seconds


def range_part(document: Document, route: Route, samples: int, part: int, parts: int,
               seed: int = DEFAULT_SEED) -> tuple[SampledTrips, list[Driver]]:
    """Part `part` of `parts` of a range and its drivers: every parts-th draw of the one Latin
    hypercube and every parts-th input, so that parts done in separate processes join (join_parts)
    into exactly the range and drivers of the whole."""
    inputs = uncertain_inputs(document, route)
    draws = latin_hypercube(inputs, samples, seed)[part::parts]
    return (sample_trips(document, route, inputs, draws),
            drivers(document, route, inputs, only=range(part, len(inputs), parts)))


def join_parts(parts: list[tuple[SampledTrips, list[Driver]]], seed: int = DEFAULT_SEED) -> tuple[TripRange, list[Driver]]:
    top = [d for _, ds in parts for d in ds]
    top.sort(key=strongest_first)
    return summarize([s for s, _ in parts], seed), top
