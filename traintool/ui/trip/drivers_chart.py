"""What drives the trip's range: a tornado chart of the inputs that move the total most.

Each bar runs from the total with the input at its low value to the total at its high value
(the others at their values), around the answer itself; clicking a bar asks the window to
select what the input belongs to (a car type's cars, a section).
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...units import format_duration
from ..common import plain

TOP = 10
LOW_COLOR, HIGH_COLOR = "#3b6fb6", "#c8553d"


class DriversChart(QWidget):
    input_clicked = Signal(object)  # the Input of the bar clicked

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.note = plain.label("The range is being computed…")
        self.note.setWordWrap(True)
        lay.addWidget(self.note)
        self.plot = pg.PlotWidget(background="w")
        self.plot.setMouseEnabled(False, False)
        self.plot.hideButtons()
        self.plot.setLabel("bottom", "total trip time with the input at its low (blue) or high (red) value (h)")
        lay.addWidget(self.plot, 1)
        self.shown: list = []
        self.plot.scene().sigMouseClicked.connect(self._clicked)

    def show_pending(self, text: str) -> None:
        self.note.setText(text[0].upper() + text[1:])

    def show_drivers(self, drivers, total_s: float | None) -> None:
        self.plot.clear()
        top = [d for d in drivers if d.total_s_low is not None and d.total_s_high is not None][:TOP]
        self.shown = top
        if not top or total_s is None:
            self.note.setText("No input moves the total: nothing in this document is marked as an estimate."
                              if not drivers else "The trip cannot be made with every input at its value.")
            return
        self.note.setText(f"The {len(top)} inputs that move the total most, each alone from its low to its high "
                          f"value; the line is the answer, {format_duration(total_s)}. Click a bar to select "
                          f"what it belongs to.")
        n = len(top)
        ys = [n - 1 - k for k in range(n)]
        base = total_s / 3600
        for value, color in ((lambda d: d.total_s_low, LOW_COLOR), (lambda d: d.total_s_high, HIGH_COLOR)):
            x0 = [min(base, value(d) / 3600) for d in top]
            width = [max(abs(value(d) / 3600 - base), 1e-4) for d in top]
            self.plot.addItem(pg.BarGraphItem(x0=x0, y=ys, height=0.6, width=width, brush=color, pen=None))
        self.plot.addItem(pg.InfiniteLine(pos=base, angle=90, pen=pg.mkPen("#222222", width=1)))
        axis = self.plot.getAxis("left")
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() * 0.85, 7.0))
        axis.setStyle(tickFont=font, hideOverlappingLabels=False)  # every bar keeps its name, however short the dock
        axis.setTicks([[(y, _short(d.input.label)) for y, d in zip(ys, top)]])
        axis.setWidth(260)
        self.plot.setYRange(-0.6, n - 0.4, padding=0)

    def _clicked(self, event) -> None:
        if not self.shown:
            return
        point = self.plot.plotItem.vb.mapSceneToView(event.scenePos())
        k = len(self.shown) - 1 - round(point.y())
        if 0 <= k < len(self.shown):
            self.input_clicked.emit(self.shown[k].input)


def _short(label: str, most: int = 48) -> str:
    return label if len(label) <= most else label[:most - 1] + "…"
