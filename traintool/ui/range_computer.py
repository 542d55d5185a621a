"""The trip's range and its drivers, for the panel and the drivers chart: computed in a process of
its own (compute_process.py) once a burst of edits has settled, and dropped if a newer edit made
it stale by the time it comes.

The range samples the trip hundreds of times (seconds for the default train), so it never runs
on the GUI thread nor shares its interpreter lock, and never delays the trip's own answer: the
panel shows the answer at once and its range when it comes. One range is computed at a time;
edits made meanwhile are sampled together after it. Trains over RANGE_CARS are not sampled (it
would take minutes).
"""
from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer, Signal

from .document_holder import DocumentHolder
from .recompute import TripComputer

SETTLE_MS = 600  # after the last answer: a burst of edits (typing, dragging) is not sampled at each step
RANGE_CARS = 2_000
SAMPLES = 500  # the tests lower it: each window would otherwise sample for seconds


class _Signals(QObject):
    done = Signal(int, object)  # generation, (TripRange, list[Driver]) or None after an error


class RangeComputer(QObject):
    range_ready = Signal(object, object)  # TripRange, list[Driver]
    pending = Signal(str)  # why there is no range (yet): "computing…", or too long a train

    def __init__(self, holder: DocumentHolder, computer: TripComputer, parent: QObject | None = None):
        super().__init__(parent)
        self.holder, self.samples = holder, SAMPLES
        self.generation = 0
        self.range = None
        self.drivers: list = []
        self._running = False  # a range is being computed (its generation tells if it is stale)
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
        cars = len(self.holder.document.consist.cars)
        if cars > RANGE_CARS:
            self._timer.stop()
            self.pending.emit(f"no range: sampling a train of over {RANGE_CARS:,} cars would take minutes")
            return
        self.pending.emit("range: computing…")
        self._timer.start()

    def _start(self) -> None:
        route = self.holder.route
        if route is None or self._running:
            return  # a range under way: this one starts when it is done
        from ..physics.jobs import range_job
        from .compute_process import run

        self._running = True
        generation, signals = self.generation, self._signals

        def done(result, error) -> None:
            if error is not None:  # a bug: report it; the answer itself stands without its range
                sys.excepthook(type(error), error, error.__traceback__)
            try:
                signals.done.emit(generation, result if error is None else None)
            except RuntimeError:
                pass  # the window was closed while this ran: nobody is left to tell

        run("range", range_job, self.holder.document, route, self.samples, done=done)

    def _done(self, generation: int, result) -> None:
        self._running = False
        if generation != self.generation:
            if not self._timer.isActive() and len(self.holder.document.consist.cars) <= RANGE_CARS:
                self._start()  # edits came meanwhile: sample them now
            return
        if result is not None:
            self.range, self.drivers = result
            self.range_ready.emit(*result)
