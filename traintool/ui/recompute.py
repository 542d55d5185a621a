"""One trip computation per burst of edits, shared by the panel, the plots and the PDF export.

Edits arrive as `changed` signals; a zero-delay timer coalesces a burst into one computation at
the next turn of the event loop. The default trip takes a few milliseconds, so it runs on the GUI
thread; once a computation has taken longer than a frame (a huge consist), the next ones run on a
worker thread and a stale result (from before a newer edit) is dropped.
"""
from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from ..errors import TraintoolError
from ..io import resolve_route
from ..model import Document, Route
from .document_holder import DocumentHolder

if TYPE_CHECKING:
    from ..physics import TripResult


def _compute(document: Document) -> tuple[Route, "TripResult"]:
    # physics (and numpy) load here, after the window is on screen, not at start-up.
    from ..physics import compute_trip

    route = resolve_route(document)
    return route, compute_trip(document, route)

FRAME_S = 0.016


class _Signals(QObject):
    done = Signal(int, object, object, float)  # generation, route, result, seconds taken
    failed = Signal(int, str)


class _Job(QRunnable):
    def __init__(self, generation: int, document: Document, signals: _Signals):
        super().__init__()
        self.generation, self.document, self.signals = generation, document, signals

    def run(self) -> None:
        start = time.perf_counter()
        try:
            route, result = _compute(self.document)
            self.signals.done.emit(self.generation, route, result, time.perf_counter() - start)
        except TraintoolError as e:
            self.signals.failed.emit(self.generation, str(e))


class TripComputer(QObject):
    result_ready = Signal(object)  # TripResult
    failed = Signal(str)

    def __init__(self, holder: DocumentHolder, parent: QObject | None = None):
        super().__init__(parent)
        self.holder = holder
        self.result: TripResult | None = None
        self.route: Route | None = None
        self.error: str | None = None
        self.last_duration_s = 0.0
        self._generation = 0
        self._signals = _Signals()
        self._signals.done.connect(self._done)
        self._signals.failed.connect(self._failed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.compute_now)
        holder.changed.connect(self.schedule)
        self.schedule()  # the first result comes at the first turn of the event loop: the window shows first

    def schedule(self) -> None:
        self._timer.start()

    def compute_now(self) -> None:
        self._timer.stop()
        self._generation += 1
        doc = self.holder.document
        if self.last_duration_s > FRAME_S:
            QThreadPool.globalInstance().start(_Job(self._generation, doc, self._signals))
            return
        start = time.perf_counter()
        try:
            route, result = _compute(doc)
        except TraintoolError as e:
            self._failed(self._generation, str(e))
            return
        finally:
            self.last_duration_s = time.perf_counter() - start
        self._done(self._generation, route, result, self.last_duration_s)

    def _done(self, generation: int, route: Route, result: "TripResult", seconds: float) -> None:
        self.last_duration_s = seconds
        if generation != self._generation:
            return  # an edit came after this computation started
        self.route, self.result, self.error = route, result, None
        self.result_ready.emit(result)

    def _failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self.result, self.error = None, message
        self.failed.emit(message)
