"""One trip computation per burst of edits, shared by the panel, the plots and the PDF export.

Edits arrive as the holder's `edited` records (only those that can change the trip count); a
zero-delay timer coalesces a burst into one computation at the next turn of the event loop. The
default trip takes a few milliseconds, so it runs on the GUI thread; once a computation has taken
longer than a frame (a huge consist), the next ones run in a process of their own
(compute_process.py: a thread would hold the window's interpreter lock), one at a time: edits made
meanwhile are computed together when it is done, and a stale result (from before a newer edit) is
dropped.
"""
from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ...errors import TraintoolError
from ...model import Document, ResolvedCar, Route
from ..common.document_holder import DocumentHolder

if TYPE_CHECKING:
    from ...physics import TripResult


def _compute(document: Document, route: Route, cars: list[ResolvedCar]) -> tuple["TripResult", float]:
    """The trip and the seconds it took. physics (and numpy) load here, after the window is on
    screen, not at start-up, and their loading is not counted as the computation's time."""
    from ...physics import compute_trip

    start = time.perf_counter()
    return compute_trip(document, route, cars), time.perf_counter() - start


FRAME_S = 0.016
GIL_SWITCH_S = 0.0002
BIG_CONSIST = 2_000  # cars: from the first computation on, a process of its own (a guess until one has been timed)


class _Signals(QObject):
    done = Signal(int, object, float)  # generation, result, seconds taken
    failed = Signal(int, str)


class TripComputer(QObject):
    """The trip's answer for the holder's document and route: it holds results only (the route is the holder's)."""

    result_ready = Signal(object)  # TripResult
    failed = Signal(str)

    def __init__(self, holder: DocumentHolder, parent: QObject | None = None):
        super().__init__(parent)
        self.holder = holder
        self.result: TripResult | None = None
        self.result_inputs: tuple[Document, Route] | None = None  # the document and route `result` is of
        self._computing: tuple[Document, Route] | None = None  # those a worker computes
        self.error: str | None = None
        self.last_duration_s = 0.0
        self._generation = 0
        self._running = False  # a worker is computing (the generation it computes tells if it is stale)
        self._signals = _Signals()
        self._signals.done.connect(self._done)
        self._signals.failed.connect(self._failed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.compute_now)
        # While a worker computes, every Qt call of a paint hands the GIL back and forth; at Python's
        # default 5 ms a handover, painting a long train would wait out the whole computation.
        sys.setswitchinterval(min(sys.getswitchinterval(), GIL_SWITCH_S))
        holder.edited.connect(self._edited)
        self.schedule()  # the first result comes at the first turn of the event loop: the window shows first

    def _edited(self, changes) -> None:
        if changes.trip:
            self.schedule()

    def schedule(self) -> None:
        self._timer.start()

    def compute_now(self) -> None:
        self._timer.stop()
        self._generation += 1
        if self._running:
            return  # the worker's answer is stale now: a new computation starts when it comes
        doc, route = self.holder.document, self.holder.route
        if route is None:
            self._fail(self.holder.route_error or "The document has no route")
            return
        cars = self.holder.resolved_cars()  # resolved once per document, by the holder
        if self.last_duration_s > FRAME_S or (self.last_duration_s == 0.0 and len(cars) > BIG_CONSIST):
            self._running, self._computing = True, (doc, route)
            self._in_process(self._generation, doc, route)
            return
        start = time.perf_counter()
        try:
            result, self.last_duration_s = _compute(doc, route, cars)
        except TraintoolError as e:
            self.last_duration_s = time.perf_counter() - start
            self._fail(str(e))
            return
        self._deliver(result, (doc, route))

    def _in_process(self, generation: int, doc: Document, route: Route) -> None:
        from ...physics.jobs import trip_job, without_consist
        from .compute_process import run

        signals = self._signals

        def done(answer, error) -> None:
            try:
                if error is None:
                    result, seconds = answer  # the computation's own time, not the round trip's
                    signals.done.emit(generation, result, seconds)
                elif isinstance(error, TraintoolError):
                    signals.failed.emit(generation, str(error))
                else:  # a bug: report it, and let the next edit compute again
                    signals.failed.emit(generation, "The trip could not be computed: an unexpected error (reported)")
                    sys.excepthook(type(error), error, error.__traceback__)
            except RuntimeError:
                pass  # the window was closed while this ran: nobody is left to tell

        run("trip", trip_job, without_consist(doc), route, self.holder.packed_cars(), done=done)  # kept edit by edit

    def _stale(self, generation: int) -> bool:
        """After a worker's answer: if edits came meanwhile, start computing them and say so."""
        self._running = False
        if generation != self._generation:
            self.compute_now()
            return True
        return False

    def _done(self, generation: int, result: "TripResult", seconds: float) -> None:
        self.last_duration_s = seconds
        if not self._stale(generation):
            self._deliver(result, self._computing)

    def _failed(self, generation: int, message: str) -> None:
        if not self._stale(generation):
            self._fail(message)

    def _deliver(self, result: "TripResult", inputs: tuple[Document, Route] | None) -> None:
        self.result, self.result_inputs, self.error = result, inputs, None
        self.result_ready.emit(result)

    def _fail(self, message: str) -> None:
        self.result, self.result_inputs, self.error = None, None, message
        self.failed.emit(message)
