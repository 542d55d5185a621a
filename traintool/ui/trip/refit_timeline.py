"""Each refit as a timeline: the steps of every cut on its exchange track, by time from arrival."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from ...physics import TripResult
from ...render.plot_geometry import step_color, track_label
from ..common import plain


class RefitTimeline(pg.PlotWidget):
    def __init__(self) -> None:
        super().__init__()
        # The legend above the bars, in room of its own: inside the plot area it covered a bar.
        self.legend = pg.LegendItem(colCount=4, labelTextSize="8pt")
        self.legend.setParentItem(self.getPlotItem())
        self.legend.anchor(itemPos=(0, 0), parentPos=(0, 0), offset=(50, 2))
        self.getPlotItem().legend = self.legend  # named items join it as they are added
        self.bars: list[pg.BarGraphItem] = []

    def show_trip(self, r: TripResult) -> None:
        """Each cut's steps on its exchange track, one bar item per step name (few items: fast to redraw)."""
        for item in [i for i in self.listDataItems()] + self.bars:
            self.removeItem(item)
        self.bars = []
        self.legend.clear()
        bars: dict[str, list[tuple[float, float, float]]] = {}
        y_offset = 0
        ticks = []
        for ref in r.refits:
            tracks = sorted({b.track for b in ref.timeline})
            rows = {t: y_offset + k for k, t in enumerate(tracks)}
            for t in tracks:
                ticks.append((rows[t], f"{ref.station}: {track_label(t)}"))
            for bar in ref.timeline:
                bars.setdefault(bar.step, []).append((bar.start_s / 3600, (bar.end_s - bar.start_s) / 3600, rows[bar.track]))
            y_offset += len(tracks) + 1
        for k, (step, items) in enumerate(bars.items()):
            x0, width, y = (np.array(v) for v in zip(*items))
            item = pg.BarGraphItem(x0=x0, y0=y - 0.35, width=width, height=0.7, brush=step_color(k),
                                   pen=pg.mkPen("w", width=0.5), name=plain.escape(step))  # a legend's label is HTML
            self.addItem(item)
            self.bars.append(item)
        self.getAxis("left").setTicks([ticks])
        self.legend.updateSize()
        self.getPlotItem().layout.setContentsMargins(0, self.legend.boundingRect().height() + 4, 0, 0)
        self.setLabel("bottom", "time from arrival (h)")
