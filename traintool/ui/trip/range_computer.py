"""The trip's range and its drivers, for the panel and the drivers chart: computed in processes of
their own (compute_process.py), in two halves at once, once a burst of edits has settled, and
dropped if a newer edit made it stale by the time it comes.

The range samples the trip hundreds of times (seconds of work for the default train), so it
never runs on the GUI thread nor shares its interpreter lock, and never delays the trip's own
answer: the panel shows the answer at once and its range when it comes. One range is computed at
a time; edits made meanwhile are sampled together after it. Trains over RANGE_MAX_CARS are not
sampled (it would take minutes).
"""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ...sizes import RANGE_MAX_CARS, RANGE_SAMPLES
from ..common.document_holder import DocumentHolder
from .recompute import TripComputer

if TYPE_CHECKING:
    from ...physics.answer import Answer
    from ...physics.ranges import TripRange

SETTLE_MS = 600  # after the last answer: a burst of edits (typing, dragging) is not sampled at each step
SAMPLES = RANGE_SAMPLES  # the tests lower it: each window would otherwise sample for seconds
PARTS = 2  # halves sampled at once, one per process of the range pool


class _Signals(QObject):
    done = Signal(int, int, object)  # generation, part, (SampledTrips, list[Driver]) or None after an error


class RangeComputer(QObject):
    range_ready = Signal(object, object)  # TripRange, list[Driver]
    pending = Signal(str)  # why there is no range (yet): "computing…", or too long a train

    def __init__(self, holder: DocumentHolder, computer: TripComputer, parent: QObject | None = None):
        super().__init__(parent)
        self.holder, self.computer, self.samples = holder, computer, SAMPLES
        self._answer: Answer | None = None  # with its range, once the range has come
        self.generation = 0
        self.range: TripRange | None = None
        self.drivers: list = []
        self.pending_reason: str | None = None  # the last `pending` said, until a range comes
        self._parts: dict[int, object] = {}  # the parts come in for the range under way
        self._running: int | None = None  # the generation being computed, if any
        self._signals = _Signals()
        self._signals.done.connect(self._done)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self._start)
        computer.result_ready.connect(self._answered)

    def _answered(self, _result) -> None:
        self.generation += 1  # any range on its way is stale now
        self.range, self.drivers = None, []
        from ...physics.answer import no_range_reason  # loaded with the result's physics

        why = no_range_reason(self.holder.document)
        if why is not None:
            self._timer.stop()
            self._pending(why)
            return
        self._pending("range: computing…")
        self._timer.start()

    def _pending(self, reason: str) -> None:
        self.pending_reason = reason
        self.pending.emit(reason)

    def _start(self) -> None:
        route = self.holder.route
        if route is None or self._running is not None:
            return  # a range under way: this one starts when it is done
        from ...physics.jobs import range_part
        from .compute_process import run

        generation, signals = self.generation, self._signals
        self._running, self._parts = generation, {}
        for part in range(PARTS):
            def done(result, error, part=part) -> None:
                if error is not None:  # a bug: report it; the answer itself stands without its range
                    sys.excepthook(type(error), error, error.__traceback__)
                try:
                    signals.done.emit(generation, part, result if error is None else None)
                except RuntimeError:
                    pass  # the window was closed while this ran: nobody is left to tell

            run("range", range_part, self.holder.document, route, self.samples, part, PARTS, done=done)

    def _done(self, generation: int, part: int, result) -> None:
        if generation != self._running:
            return
        self._parts[part] = result
        if len(self._parts) < PARTS:
            return
        parts, self._running = self._parts, None
        if generation != self.generation:
            if not self._timer.isActive() and len(self.holder.document.consist.cars) <= RANGE_MAX_CARS:
                self._start()  # edits came meanwhile: sample them now
            return
        if all(p is not None for p in parts.values()):
            from ...physics.jobs import join_parts

            self.range, self.drivers = join_parts([parts[k] for k in range(PARTS)])  # type: ignore[misc]  # all there
            self.pending_reason = None
            self._answer = None
            self.range_ready.emit(self.range, self.drivers)

    def answer(self) -> "Answer | None":
        """The answer the window shows: its trip, and its range once that has come (else why there is
        none yet). Made once per result and range; the report and print read it. None without a trip."""
        from ...physics.answer import Answer, with_range

        result, route = self.computer.result, self.holder.route
        if result is None or route is None:
            return None
        if self._answer is None or self._answer.trip is not result or (
                self.range is not None and self._answer.range is not self.range):
            why = self.pending_reason
            if why is None or why.startswith("range: computing"):
                why = "no range: it was still being computed when this was made"
            document, route = self.computer.result_inputs or (self.holder.document, route)
            plain = Answer(document, route, result, no_range=why)
            self._answer = with_range(plain, self.range, self.drivers) if self.range is not None else plain
        return self._answer
