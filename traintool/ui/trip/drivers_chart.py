"""What drives the trip's range: a tornado chart of the inputs that move the total most.

Each bar runs from the total with the input at its low value to the total at its high value
(the others at their values), around the answer itself; clicking a bar asks the window to
select what the input belongs to (a car type's cars, a section).
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...units import format_duration
from ..common import plain, theme

TOP = 10
NAMES_SHARE = 0.45  # the bars' names take at most this share of the chart's width; a longer name wraps
AXIS_PAD = 16  # px: the tick and the gap between a name and the axis line
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
        background, self._ink = theme.plot_colours(self.palette())  # dark under a dark theme, as every plot
        self.plot = pg.PlotWidget(background=background)
        for side in ("left", "bottom"):
            self.plot.getAxis(side).setPen(self._ink)
            self.plot.getAxis(side).setTextPen(self._ink)
        self.plot.setMouseEnabled(False, False)
        self.plot.hideButtons()
        self.plot.setLabel("bottom", "total trip time with the input at its low (blue) or high (red) value (h)")
        lay.addWidget(self.plot, 1)
        self.shown: list = []
        self._total_s: float | None = None
        self._names: list[list[str]] = []  # each bar's name, in lines
        self._rows: list[tuple[float, float]] = []  # each bar's row, bottom and top, in the chart's units
        self.plot.scene().sigMouseClicked.connect(self._clicked)

    def show_pending(self, text: str) -> None:
        self.note.setText(text[0].upper() + text[1:])

    def show_drivers(self, drivers, total_s: float | None) -> None:
        self.plot.clear()
        top = [d for d in drivers if d.total_s_low is not None and d.total_s_high is not None][:TOP]
        self.shown = top
        self._total_s = total_s
        self._names = []
        if not top or total_s is None:
            self.note.setText("No input moves the total: nothing in this document is marked as an estimate."
                              if not drivers else "The trip cannot be made with every input at its value.")
            return
        self.note.setText(f"The {len(top)} inputs that move the total most, each alone from its low to its high "
                          f"value; the line is the answer, {format_duration(total_s)}. Click a bar to select "
                          f"what it belongs to.")
        self._draw()

    def _draw(self) -> None:
        """The bars, each in a row as tall as its name's lines (a name on two lines had the room of one and
        ran over its neighbours' names), named whole beside it: the axis as wide as the longest line, a name
        longer than the chart's share for names wrapped (cut at 48 characters and at the axis's 260 px,
        "11 car types: top speed (Armored security car w…" lost its end)."""
        self.plot.clear()
        if not self.shown or self._total_s is None:
            return
        _background, self._ink = theme.plot_colours(self.palette())  # the theme of now, if it changed
        axis = self.plot.getAxis("left")
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() * 0.85, 7.0))
        axis.setStyle(tickFont=font, hideOverlappingLabels=False)  # every bar keeps its name, however short the dock
        metrics = QFontMetricsF(font)
        room = max(self.width() * NAMES_SHARE - AXIS_PAD, 80.0)
        self._names = [wrapped(d.input.label, metrics, room) for d in self.shown]
        # Rows from the top down, one unit of height per line of the name.
        total_lines = sum(len(lines) for lines in self._names)
        self._rows, below = [], float(total_lines)
        for lines in self._names:
            self._rows.append((below - len(lines), below))
            below -= len(lines)
        ys = [(low + high) / 2 for low, high in self._rows]
        base = self._total_s / 3600
        for value, color in ((lambda d: d.total_s_low, LOW_COLOR), (lambda d: d.total_s_high, HIGH_COLOR)):
            x0 = [min(base, value(d) / 3600) for d in self.shown]
            width = [max(abs(value(d) / 3600 - base), 1e-4) for d in self.shown]
            self.plot.addItem(pg.BarGraphItem(x0=x0, y=ys, height=0.6, width=width, brush=color, pen=None))
        self.plot.addItem(pg.InfiniteLine(pos=base, angle=90, pen=pg.mkPen(self._ink, width=1)))
        axis.setTicks([[(y, "\n".join(lines)) for y, lines in zip(ys, self._names)]])
        widest = max(metrics.horizontalAdvance(line) for lines in self._names for line in lines)
        axis.setWidth(int(widest + AXIS_PAD + 1))
        self.plot.setYRange(0.0, float(total_lines), padding=0)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if not self.shown or self._total_s is None:
            return
        metrics = QFontMetricsF(self.plot.getAxis("left").style["tickFont"])
        room = max(self.width() * NAMES_SHARE - AXIS_PAD, 80.0)
        if [wrapped(d.input.label, metrics, room) for d in self.shown] != self._names:
            self._draw()  # the names' room follows the chart's width

    def _clicked(self, event) -> None:
        if not self.shown:
            return
        y = self.plot.plotItem.vb.mapSceneToView(event.scenePos()).y()
        k = next((k for k, (low, high) in enumerate(self._rows) if low <= y < high), None)
        if k is not None:
            self.input_clicked.emit(self.shown[k].input)


def wrapped(label: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """A name in lines no wider than `width`, broken between words; only a single word wider than the
    whole room is cut, with "…"."""
    lines: list[str] = []
    for word in label.split(" "):
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and metrics.horizontalAdvance(joined) <= width:
            lines[-1] = joined
        else:
            lines.append(word)
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines]
