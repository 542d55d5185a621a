"""A thin strip showing the whole consist, each car a sliver in its kind's colour, and what is in view.

Click or drag in it to scroll the layout view there. After an edit or a change of selection the
strip is drawn again at the next turn of the event loop, not in the edit's: the layout, which
shows the edit, is painted first, and a 100,000-car train's edit freezes the window half as long.
"""
from __future__ import annotations

import bisect
import math
from itertools import accumulate

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from ...model.edits import ALL
from ..common import theme
from ..common.document_holder import DocumentHolder
from ...render.drawings import livery

SELECTED = QColor(30, 110, 230)
IN_VIEW = QColor("#d23c2a")


class Overview(QWidget):
    car_clicked = Signal(int)

    def __init__(self, holder: DocumentHolder, parent=None):
        super().__init__(parent)
        self.holder = holder
        self._view = (0, -1)
        self._strip: QPixmap | None = None  # the cars, redrawn only when the train, selection or width change
        self._stale = False  # the strip no longer shows the train or the selection: drawn again once _later fires
        self._ends: list[float] = []  # each car's rear end, metres from the front
        self._sum_from: int | None = None  # the ends from this car on are to be summed again (None: all are right)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.update)
        self.setFixedHeight(22)
        self.setToolTip("The whole train: click or drag to scroll there")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        holder.edited.connect(self._document_edited)
        holder.selection_changed.connect(self._invalidate)

    def _document_edited(self, changes) -> None:
        """Sum the lengths again from the first car whose length may differ (none: the colours only)."""
        if not changes.consist:
            return
        ends, lengths = self._ends, self.holder.car_lengths()
        start = 0  # the ends before this car stay
        if changes.cars != ALL and not changes.car_types:
            if self._sum_from is None and len(ends) == len(lengths):
                moved = [i for i in changes.cars if lengths[i] != ends[i] - (ends[i - 1] if i else 0.0)]
                if not moved:
                    self._invalidate()  # the same lengths: only the colours may differ
                    return
                start = min(moved)
            else:
                start = min(changes.cars)
        elif changes.stretch is not None:
            start = changes.stretch[0]
        self._sum_from = min(start, self._sum_from if self._sum_from is not None else start)
        self._invalidate()

    def _invalidate(self) -> None:
        self._stale = True
        self._later.start()

    def set_visible_cars(self, first: int, last: int) -> None:
        if (first, last) != self._view:
            self._view = (first, last)
            self.update()

    def resizeEvent(self, event) -> None:  # noqa: N802
        self._strip = None
        super().resizeEvent(event)

    def _x(self, metres: float) -> float:
        total = self._ends[-1] if self._ends else 0.0
        return 4 + (self.width() - 8) * (metres / total if total else 0)

    def _ensure_ends(self) -> list[float]:
        start, self._sum_from = self._sum_from, None
        lengths = self.holder.car_lengths()
        if start is not None and 0 < start <= len(self._ends) and start <= len(lengths):
            self._ends = self._ends[:start] + list(accumulate(lengths[start:], initial=self._ends[start - 1]))[1:]
        elif start is not None or len(self._ends) != len(lengths):
            self._ends = list(accumulate(lengths))
        return self._ends

    def _build_strip(self) -> QPixmap:
        cars = self.holder.resolved_cars()
        ends = self._ensure_ends()
        dpr = self.devicePixelRatioF()
        pix = QPixmap(int(self.width() * dpr), int(self.height() * dpr))
        pix.setDevicePixelRatio(dpr)
        pix.fill(theme.strip(self.palette()))
        p = QPainter(pix)
        colours: dict[tuple, QColor] = {}

        def colour(c) -> QColor:
            key = (id(c.type), c.armored)
            return colours.get(key) or colours.setdefault(key, livery(c))

        top, height = 6, self.height() - 12
        columns = max(self.width() - 8, 1)
        if len(cars) <= columns:  # each car a sliver of its own, a hairline between two
            selected = set(self.holder.selection)
            start = 0.0
            for i, (c, end) in enumerate(zip(cars, ends)):
                x0, x1 = self._x(start), self._x(end)
                p.fillRect(QRectF(x0, top, max(x1 - x0 - 0.5, 0.5), height), SELECTED if i in selected else colour(c))
                start = end
        else:  # more cars than pixels (a long train): each pixel shows the car at its middle...
            total = ends[-1]
            shown = [colour(cars[min(bisect.bisect_left(ends, (col + 0.5) / columns * total), len(cars) - 1)])
                     for col in range(columns)]
            col = 0
            while col < columns:  # one rectangle per run of pixels of one colour
                stop = col + 1
                while stop < columns and shown[stop] is shown[col]:
                    stop += 1
                p.fillRect(QRectF(4 + col, top, stop - col, height), shown[col])
                col = stop
            # ...and every selected car stays visible, a pixel at least.
            marked = bytearray(columns + 1)  # a sentinel 0 at the end closes the last run
            for i in self.holder.selection:
                first = min(int((ends[i - 1] if i else 0.0) / total * columns), columns - 1)
                last = min(max(math.ceil(ends[i] / total * columns), first + 1), columns)
                marked[first:last] = b"\x01" * (last - first)
            col = marked.find(1)
            while col >= 0:
                stop = marked.find(0, col)
                p.fillRect(QRectF(4 + col, top, stop - col, height), SELECTED)
                col = marked.find(1, stop)
        p.end()
        return pix

    def paintEvent(self, event) -> None:  # noqa: N802
        if (self._strip is None or self._strip.deviceIndependentSize().toSize() != self.size()
                or (self._stale and not self._later.isActive())):
            self._stale = False
            self._strip = self._build_strip()
        p = QPainter(self)
        p.drawPixmap(0, 0, self._strip)
        first, last = self._view
        if self._ends and 0 <= first <= last < len(self._ends):
            x0 = self._x(self._ends[first - 1] if first else 0.0)
            x1 = self._x(self._ends[last])
            p.setPen(QPen(IN_VIEW, 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(x0 - 1, 2, x1 - x0 + 2, self.height() - 4))
        p.end()

    def car_at_x(self, x: float) -> int | None:
        """The car drawn at x (widget pixels), the nearest end one outside the strip."""
        ends = self._ensure_ends()
        if not ends:
            return None
        at = (x - 4) / max(self.width() - 8, 1) * ends[-1]
        return min(bisect.bisect_left(ends, at), len(ends) - 1)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._scroll_to(event.position().x())

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._scroll_to(event.position().x())

    def _scroll_to(self, x: float) -> None:
        i = self.car_at_x(x)
        if i is not None:
            self.car_clicked.emit(i)
