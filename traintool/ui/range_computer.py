"""The trip's range and its drivers, for the panel and the drivers chart: computed on a worker
thread once a burst of edits has settled, and dropped as soon as a newer edit makes it stale.

The range samples the trip hundreds of times (a few seconds for the default train), so it never
runs on the GUI thread and never delays the trip's own answer: the panel shows the answer at
once and its range when it comes. Trains over RANGE_CARS are not sampled (it would take minutes).
"""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from .document_holder import DocumentHolder
from .recompute import TripComputer

if TYPE_CHECKING:
    from ..model import Document, Route

SETTLE_MS = 600  # after the last answer: a burst of edits (typing, dragging) is not sampled at each step
RANGE_CARS = 2_000
SAMPLES = 500  # the tests lower it: each window would otherwise sample for seconds


class _Signals(QObject):
    done = Signal(int, object, object)  # generation, TripRange, list[Driver]


class _Job(QRunnable):
    def __init__(self, generation: int, owner: "RangeComputer", document: "Document", route: "Route", samples: int):
        super().__init__()
        self.generation, self.owner, self.document, self.route, self.samples = generation, owner, document, route, samples
        self.signals = owner._signals

    def _current(self, _done: int = 0) -> bool:
        return self.owner.alive[0] and self.owner.generation == self.generation

    def run(self) -> None:
        from ..physics.ranges import drivers, trip_range, uncertain_inputs

        try:
            inputs = uncertain_inputs(self.document, self.route)
            r = trip_range(self.document, self.route, self.samples, inputs=inputs, progress=self._current)
            if not self._current():
                return
            top = drivers(self.document, self.route, inputs)
            if self._current():
                self.signals.done.emit(self.generation, r, top)
        except RuntimeError:
            pass  # the window was closed while this ran: nobody is left to tell
        except Exception:  # noqa: BLE001 - a bug: report it; the answer itself stands without its range
            sys.excepthook(*sys.exc_info())


class RangeComputer(QObject):
    range_ready = Signal(object, object)  # TripRange, list[Driver]
    pending = Signal(str)  # why there is no range (yet): "computing…", or too long a train

    def __init__(self, holder: DocumentHolder, computer: TripComputer, parent: QObject | None = None):
        super().__init__(parent)
        self.holder, self.samples = holder, SAMPLES
        self.generation = 0
        # A closed window stops its range at the next check (a plain list: read after the QObject is gone).
        self.alive = [True]
        alive = self.alive
        (parent or computer).destroyed.connect(lambda *_: alive.__setitem__(0, False))
        self.range = None
        self.drivers: list = []
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
            self.pending.emit(f"no range: sampling a train of over {RANGE_CARS:,} cars would take minutes")
            return
        self.pending.emit("range: computing…")
        self._timer.start()

    def _start(self) -> None:
        route = self.holder.route
        if route is None:
            return
        QThreadPool.globalInstance().start(_Job(self.generation, self, self.holder.document, route, self.samples))

    def _done(self, generation: int, r, top) -> None:
        if generation == self.generation:
            self.range, self.drivers = r, top
            self.range_ready.emit(r, top)
