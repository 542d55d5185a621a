"""The answer: one value that holds a trip, its range, the range's drivers and the inputs behind it,
with what it was computed from. The window's computers and the command line make it once; the
report, print, CSV and JSON only read it, so what is handed on is what was seen.

Figures are SI throughout: units are the reader's choice, not the answer's.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..model import Document, Route
from ..sizes import RANGE_MAX_CARS, RANGE_SAMPLES
from .ranges import DEFAULT_SEED, Driver, Input, TripRange
from .result import TripResult
from .timing_check import TimingCheck



def no_range_reason(document: Document) -> str | None:
    """Why `document`'s trip gets no range, or None if it gets one."""
    if len(document.consist.cars) > RANGE_MAX_CARS:
        return f"no range: sampling a train of over {RANGE_MAX_CARS:,} cars would take minutes"
    return None


@dataclass(frozen=True)
class Stamp:
    """What an answer was computed from, as the report prints it."""

    file_name: str | None  # the document's file, None for one never saved
    sha256: str | None  # of the file's bytes; None if never saved or changed since
    route_id: str
    version: str

    @staticmethod
    def of(document_path: Path | None, route: Route, version: str, modified: bool = False) -> "Stamp":
        """The stamp of `document_path` run over `route` by traintool `version` (the caller's: the
        package's root imports the file formats, which physics stands below)."""
        digest = None
        if document_path is not None and not modified:
            try:
                digest = file_sha256(document_path)
            except OSError:
                digest = None
        return Stamp(document_path.name if document_path is not None else None, digest, route.id, version)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
    return h.hexdigest()


@dataclass(frozen=True)
class Answer:
    """A trip and how sure it is. `range` is None when there is none: `no_range` says why."""

    document: Document
    route: Route
    trip: TripResult
    range: TripRange | None = None
    drivers: tuple[Driver, ...] = ()
    inputs: tuple[Input, ...] = ()
    no_range: str | None = None
    stamp: Stamp | None = None
    # The model against published timings, as kept on disk (report.timings_cache): it does not
    # depend on the document, and the report quotes it; None: not yet computed.
    timings_check: tuple[TimingCheck, ...] | None = None

    @property
    def samples(self) -> int | None:
        return self.range.samples if self.range is not None else None

    @property
    def seed(self) -> int | None:
        return self.range.seed if self.range is not None else None


def compute_answer(document: Document, route: Route, *, samples: int = RANGE_SAMPLES, seed: int = DEFAULT_SEED,
                   stamp: Stamp | None = None, trip: TripResult | None = None) -> Answer:
    """The answer as the command line makes it: the trip, and its range over `samples` draws (0: none)."""
    from .ranges import drivers, trip_range, uncertain_inputs
    from .trip import compute_trip

    trip = trip if trip is not None else compute_trip(document, route)
    why = no_range_reason(document) if samples else "no range: none was asked for"
    if why is not None:
        return Answer(document, route, trip, no_range=why, stamp=stamp)
    inputs = uncertain_inputs(document, route)
    return Answer(document, route, trip, trip_range(document, route, samples, seed, inputs=inputs),
                  tuple(drivers(document, route, inputs)), tuple(inputs), stamp=stamp)


def with_range(answer: Answer, range_: TripRange, drivers: tuple[Driver, ...] | list[Driver]) -> Answer:
    """`answer` with the range and drivers the window sampled, and the inputs they were drawn from."""
    from dataclasses import replace

    from .ranges import uncertain_inputs

    return replace(answer, range=range_, drivers=tuple(drivers),
                   inputs=tuple(uncertain_inputs(answer.document, answer.route)), no_range=None)
