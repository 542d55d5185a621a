"""A thin strip showing the whole consist, each car a sliver in its kind's colour, and what is in view."""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from .document_holder import DocumentHolder
from .drawings import livery


class Overview(QWidget):
    car_clicked = Signal(int)

    def __init__(self, holder: DocumentHolder, parent=None):
        super().__init__(parent)
        self.holder = holder
        self._view = (0, -1)
        self.setFixedHeight(22)
        self.setToolTip("The whole train: click to scroll there")
        holder.changed.connect(self.update)
        holder.selection_changed.connect(self.update)

    def set_visible_cars(self, first: int, last: int) -> None:
        self._view = (first, last)
        self.update()

    def _x(self, length_before: float, total: float) -> float:
        return 4 + (self.width() - 8) * (length_before / total if total else 0)

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#e4e1d8"))
        cars = self.holder.resolved_cars()
        total = sum(c.length_m for c in cars)
        selected = set(self.holder.selection)
        x = 0.0
        edges = []
        for i, c in enumerate(cars):
            x0, x1 = self._x(x, total), self._x(x + c.length_m, total)
            edges.append((x0, x1))
            color = QColor(30, 110, 230) if i in selected else livery(c)
            p.fillRect(QRectF(x0, 6, max(x1 - x0 - 0.5, 0.5), self.height() - 12), color)
            x += c.length_m
        first, last = self._view
        if edges and 0 <= first <= last < len(edges):
            p.setPen(QPen(QColor("#d23c2a"), 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(edges[first][0] - 1, 2, edges[last][1] - edges[first][0] + 2, self.height() - 4))
        p.end()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        cars = self.holder.resolved_cars()
        total = sum(c.length_m for c in cars)
        if not cars or not total:
            return
        at = (event.position().x() - 4) / max(self.width() - 8, 1) * total
        x = 0.0
        for i, c in enumerate(cars):
            x += c.length_m
            if x >= at:
                self.car_clicked.emit(i)
                return
        self.car_clicked.emit(len(cars) - 1)
