"""A thin strip showing the whole consist, each car a sliver in its kind's colour, and what is in view.

Click or drag in it to scroll the layout view there.
"""
from __future__ import annotations

import bisect
import itertools

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from .document_holder import DocumentHolder
from .drawings import livery

BACKGROUND = QColor("#e4e1d8")
SELECTED = QColor(30, 110, 230)
IN_VIEW = QColor("#d23c2a")


class Overview(QWidget):
    car_clicked = Signal(int)

    def __init__(self, holder: DocumentHolder, parent=None):
        super().__init__(parent)
        self.holder = holder
        self._view = (0, -1)
        self._strip: QPixmap | None = None  # the cars, redrawn only when the train, selection or width change
        self._ends: list[float] = []  # each car's rear end, metres from the front
        self.setFixedHeight(22)
        self.setToolTip("The whole train: click or drag to scroll there")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        holder.changed.connect(self._invalidate)
        holder.selection_changed.connect(self._invalidate)

    def _invalidate(self) -> None:
        self._strip = None
        self._ends = []
        self.update()

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

    def _build_strip(self) -> QPixmap:
        cars = self.holder.resolved_cars()
        self._ends = list(itertools.accumulate(c.length_m for c in cars))
        dpr = self.devicePixelRatioF()
        pix = QPixmap(int(self.width() * dpr), int(self.height() * dpr))
        pix.setDevicePixelRatio(dpr)
        pix.fill(BACKGROUND)
        p = QPainter(pix)
        selected = set(self.holder.selection)
        colours: dict[tuple, QColor] = {}
        start = 0.0
        for i, (c, end) in enumerate(zip(cars, self._ends)):
            x0, x1 = self._x(start), self._x(end)
            if i in selected:
                colour = SELECTED
            else:
                key = (id(c.type), c.armored)
                colour = colours.get(key) or colours.setdefault(key, livery(c))
            p.fillRect(QRectF(x0, 6, max(x1 - x0 - 0.5, 0.5), self.height() - 12), colour)
            start = end
        p.end()
        return pix

    def paintEvent(self, event) -> None:  # noqa: N802
        if self._strip is None or self._strip.deviceIndependentSize().toSize() != self.size():
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
        if not self._ends:
            self._ends = list(itertools.accumulate(c.length_m for c in self.holder.resolved_cars()))
        if not self._ends:
            return None
        at = (x - 4) / max(self.width() - 8, 1) * self._ends[-1]
        return min(bisect.bisect_left(self._ends, at), len(self._ends) - 1)

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
