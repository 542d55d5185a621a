"""The pyqtgraph items the trip's line plots are made of: the legend above the plot area, the range's
band, the baseline's line, the readout and the crosshair, the gauge shading and the stretch not reached;
and how far the view may zoom and pan."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtCore import Qt

from ...model import Route
from ...render.plot_geometry import (
    BAND_COLOR, BAND_EDGE_COLOR, BASELINE_COLOR, STALE_BAND_COLOR, STALE_BAND_EDGE_COLOR, UNREACHED_COLOR, data_limits,
    gauge_color,
)
from ...units import UnitSystem

if TYPE_CHECKING:
    from ...physics.ranges import TripRange

Band = tuple[pg.PlotCurveItem, pg.PlotCurveItem, pg.FillBetweenItem, pg.BarGraphItem]
MIN_SPAN_M = 100.0  # the narrowest view of the distance axis
MIN_SPAN_M_S = 1 / 3.6  # of the speed axis: 1 km/h
MIN_SPAN_H = 1 / 60  # of the time axis: a minute


def keep_in_view(plot: pg.PlotWidget, x, *ys, end: float | None, min_x_span: float, min_y_span: float) -> None:
    """Zoom and pan kept to the route (`end`) and to what is drawn (`x`, `ys`), never narrower than the spans."""
    plot.getPlotItem().vb.setLimits(**data_limits(x, *ys, end=end, min_x_span=min_x_span, min_y_span=min_y_span))


def legend_above(plot: pg.PlotWidget, columns: int) -> pg.LegendItem:
    legend = pg.LegendItem(colCount=columns, labelTextSize="8pt")
    legend.setParentItem(plot.getPlotItem())
    legend.anchor(itemPos=(0, 0), parentPos=(0, 0), offset=(50, 0))
    plot.getPlotItem().legend = legend  # named items join it as they are added
    return legend


def room_for_legend(plot: pg.PlotWidget, legend: pg.LegendItem) -> None:
    """The plot area moved down under its legend (legend_above), as tall as the legend's rows are now."""
    legend.updateSize()
    plot.getPlotItem().layout.setContentsMargins(0, legend.boundingRect().height() + 2, 0, 0)


def band(plot: pg.PlotWidget) -> Band:
    """The band's two edges, the fill between them (added to the plot, hidden), and the fill's swatch
    for the legend."""
    edges = [pg.PlotCurveItem(pen=pg.mkPen(BAND_EDGE_COLOR, width=1)) for _ in range(2)]
    fill = pg.FillBetweenItem(*edges, brush=pg.mkBrush(*BAND_COLOR))
    for item in (*edges, fill):
        plot.addItem(item)
        item.setZValue(-2)  # behind the baseline and the trip's own line, over the gauge shading
        item.hide()
    swatch = pg.BarGraphItem(x=[], height=[], width=1, brush=pg.mkBrush(*BAND_COLOR), pen=pg.mkPen(None))
    return edges[0], edges[1], fill, swatch


def draw_band(band: Band, legend: pg.LegendItem, rng: TripRange, u: UnitSystem, *, speed: bool, stale: bool) -> None:
    """The range's band of speed (or of time from departure, in hours) over the distance its draws
    reached, named in the legend; greyed while it is the trip's of before the last edit."""
    low, high, fill, swatch = band
    assert rng.bands is not None
    b = rng.bands
    legend.removeItem(swatch)
    n = b.reached
    x = u.distance(b.grid.distance_m[:n])
    for edge, values in zip((low, high), b.speed_m_s if speed else b.elapsed_s):
        v = values[:n].astype(float)
        edge.setData(x, u.speed(v) if speed else v / 3600.0)
        edge.setPen(pg.mkPen(STALE_BAND_EDGE_COLOR if stale else BAND_EDGE_COLOR, width=1))
    fill.setBrush(pg.mkBrush(*(STALE_BAND_COLOR if stale else BAND_COLOR)))
    swatch.setOpts(brush=pg.mkBrush(*(STALE_BAND_COLOR if stale else BAND_COLOR)))
    for item in (low, high, fill):
        item.show()
    legend.addItem(swatch, "90 % band of before the edit: computing…" if stale
                   else f"90 % band, {rng.samples:,} samples")


def hide_band(band: Band, legend: pg.LegendItem) -> None:
    low, high, fill, swatch = band
    legend.removeItem(swatch)
    for edge in (low, high):
        edge.setData([], [])
    for item in (low, high, fill):
        item.hide()


def baseline_curve(plot: pg.PlotWidget) -> pg.PlotDataItem:
    curve = plot.plot(pen=pg.mkPen(BASELINE_COLOR, width=2, style=Qt.PenStyle.DashLine))
    curve.setZValue(-1)  # under the trip's own line
    return curve


def readout(plot: pg.PlotWidget) -> pg.TextItem:
    text = pg.TextItem(anchor=(0, 0), color="k", fill=pg.mkBrush(255, 255, 255, 220))
    text.setParentItem(plot.getPlotItem().vb)  # in the plot area's own pixels: it never leaves it
    text.setPos(4, 4)
    text.setZValue(20)
    text.hide()
    return text


def place_readout(text: pg.TextItem, plot: pg.PlotWidget, x_shown: float) -> None:
    """The readout in the plot area's corner away from the pointer, so that it never covers the point read."""
    vb = plot.getPlotItem().vb
    (x0, x1), _ = vb.viewRange()
    left = x_shown > (x0 + x1) / 2
    text.setAnchor((0, 0) if left else (1, 0))
    text.setPos(4 if left else vb.width() - 4, 4)


def crosshair(plot: pg.PlotWidget) -> pg.InfiniteLine:
    line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen((80, 80, 80), width=1))
    plot.addItem(line, ignoreBounds=True)
    line.hide()
    return line


def gauge_shading(route: Route, u: UnitSystem) -> list[pg.GraphicsObject]:
    """Each run of sections of one gauge shaded in its colour, its gauge named at its start."""
    items: list[pg.GraphicsObject] = []
    gauges = route.gauge_by_section()
    start = 0
    for i in range(1, len(route.sections) + 1):
        if i == len(route.sections) or gauges[i] != gauges[start]:
            shade = pg.LinearRegionItem((u.distance(route.sections[start].start_m), u.distance(route.sections[i - 1].end_m)),
                                        movable=False, brush=pg.mkBrush(*gauge_color(gauges[start])),
                                        pen=pg.mkPen(None))
            shade.setZValue(-10)
            label = pg.TextItem(f"{gauges[start]} mm", color=(90, 90, 90), anchor=(0, 0))
            label.setPos(u.distance(route.sections[start].start_m), 0)
            items += [shade, label]
            start = i
    return items


def unreached(x0: float, x1: float) -> pg.LinearRegionItem:
    """The stretch a trip that stops never reaches, hatched, named on its left edge."""
    brush = pg.mkBrush(*UNREACHED_COLOR)
    brush.setStyle(Qt.BrushStyle.BDiagPattern)
    region = pg.LinearRegionItem((x0, x1), movable=False, brush=brush, pen=pg.mkPen((110, 110, 110), width=1))
    region.setZValue(-5)
    # Named on its left edge, high up, reading into the region (a child of the line: it goes with it).
    pg.InfLineLabel(region.lines[0], text="not reached ▸", position=0.9, anchors=[(-0.04, 0.5)] * 2,
                    color=(60, 60, 60), fill=pg.mkBrush(255, 255, 255, 200))
    return region
