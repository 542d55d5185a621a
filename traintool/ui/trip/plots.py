"""The plots under the layout: speed and time against distance, and each refit as a timeline.

Behind the speed and time lines, once the trip's range has come (range_computer.py), its 90 %
band: the 5th to the 95th percentile of the sampled trips at each distance (physics/bands.py).
Cleared as soon as an edit makes it stale, until the range of the new document comes."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ...model import Route
from ...physics import TripResult
from ...render.plot_geometry import (
    BAND_COLOR, BAND_EDGE_COLOR, BASELINE_COLOR, LIMIT_COLOR, SPEED_COLOR, STALE_BAND_COLOR, STALE_BAND_EDGE_COLOR,
    UNREACHED_COLOR, data_limits, gauge_color,
    limit_steps, step_color, time_line, track_label,
)
from ...units import format_duration
from ..common import plain
from ..common import theme
from ..common.preferences import Preferences
from ..common.lazy_tab import LazyTab
from .recompute import TripComputer
from .station_marks import Station, StationMarks

if TYPE_CHECKING:
    from ...physics.ranges import TripRange
    from .drivers_chart import DriversChart
    from .range_computer import RangeComputer
    from .route_editor import RouteEditor
    from .timetable_view import TimetableView
    from .train_graph import TrainGraph


MIN_SPAN_M = 100.0  # the narrowest view of the distance axis
MIN_SPAN_M_S = 1 / 3.6  # of the speed axis: 1 km/h
MIN_SPAN_H = 1 / 60  # of the time axis: a minute


class TripPlots(QWidget):
    route_editor_tab: LazyTab[RouteEditor]  # a tab of its own, added by trip_panel.build_plots
    drivers_tab: LazyTab[DriversChart]  # likewise
    timetable_tab: LazyTab[TimetableView]  # likewise
    train_graph_tab: LazyTab[TrainGraph]  # likewise

    def __init__(self, preferences: Preferences, computer: TripComputer, parent=None):
        super().__init__(parent)
        self.preferences, self.computer = preferences, computer
        background, foreground = theme.plot_colours(self.palette())  # a dark desktop theme: dark plots
        pg.setConfigOptions(antialias=True, background=background, foreground=foreground)
        self.tabs = QTabWidget()
        QVBoxLayout(self).addWidget(self.tabs)
        self.speed_plot = pg.PlotWidget()
        # The time plot and the refit timeline are built when their tab is first shown (or asked for),
        # like the route editor's: start-up builds the plot in view.
        self.time_tab = LazyTab(self._build_time_plot)
        self.refit_tab = LazyTab(self._build_refit_plot)
        self.tabs.addTab(self.speed_plot, "Speed – distance")
        self.tabs.addTab(self.time_tab, "Time – distance")
        self.tabs.addTab(self.refit_tab, "Refit timeline")
        # Each line plot's legend, band, readout and crosshair (_line_plot), by plot.
        self.legends: dict[pg.PlotWidget, pg.LegendItem] = {}
        self.bands: dict[pg.PlotWidget, tuple[pg.PlotCurveItem, pg.PlotCurveItem, pg.FillBetweenItem, pg.BarGraphItem]] = {}
        self.readouts: dict[pg.PlotWidget, pg.TextItem] = {}
        self._crosshair: dict[pg.PlotWidget, pg.InfiniteLine] = {}
        self._line_plot(self.speed_plot)
        self.hover = self.readouts[self.speed_plot]
        self.speed_curve = self.speed_plot.plot(pen=pg.mkPen(SPEED_COLOR, width=2), name="speed")
        self.limit_curve = self.speed_plot.plot(pen=pg.mkPen(LIMIT_COLOR, width=1, style=Qt.PenStyle.DashLine),
                                                name="limit in force")
        # The pinned baseline: the same lines, muted and dashed, under the trip's own.
        self.baseline_speed_curve = self._baseline_curve(self.speed_plot)
        self._time_plot: pg.PlotWidget | None = None  # until its tab is first shown
        self._time_curve: pg.PlotDataItem | None = None
        self._baseline_time_curve: pg.PlotDataItem | None = None
        self._baseline: tuple[TripResult, Route | None] | None = None
        self.range: TripRange | None = None
        self.range_stale = False  # the band drawn is the trip's of before the last edit, greyed until the new one
        self._unreached: list = []  # the stretch a trip that stops never reaches, shaded on both plots
        self._decor: list = []
        self._decor_key: tuple | None = None
        self.station_marks: dict[pg.PlotWidget, StationMarks] = {}
        self._bars: list = []
        self._timeline_stale = True  # drawn when its tab is shown: a long train's has thousands of bars
        self._highlight = None
        self.highlighted_section: int | None = None
        self.tabs.currentChanged.connect(lambda _i: self._refresh_timeline())
        computer.result_ready.connect(self.show_result)
        computer.holder.edited.connect(self._document_edited)
        preferences.units_changed.connect(self._redraw)
        if computer.result is not None:
            self.show_result(computer.result)

    def _line_plot(self, plot: pg.PlotWidget) -> None:
        """What the speed and the time plot each have: the legend above the plot area, in room of its own
        (like the refit timeline's); the range's band, its edges faint, filled between, behind every
        line; the readout in the plot area's corner (over the point, it ran off the top), and the
        crosshair that stands at the same distance on both plots."""
        self.legends[plot] = self._legend_above(plot, 5)
        self.bands[plot] = self._band(plot)
        self.readouts[plot] = self._readout(plot)
        line = self._crosshair[plot] = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen((80, 80, 80), width=1))
        plot.addItem(line, ignoreBounds=True)
        line.hide()
        plot.scene().sigMouseMoved.connect(lambda pos, plot=plot: self._hovered(plot, pos))
        # The wheel and a drag move along the distance only; the value axis fits what is in view (zooming
        # both pushed the lines off the plot in six notches).
        vb = plot.getPlotItem().vb
        vb.setMouseEnabled(x=True, y=False)
        vb.setAutoVisible(y=True)
        vb.enableAutoRange(axis=pg.ViewBox.YAxis)
        plot.installEventFilter(self)  # the pointer leaving the plot takes the readout with it

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Leave:
            self._hide_readouts()
        return False

    def _document_edited(self, _changes) -> None:
        """What was read or shown on the document of before goes: the readout, the section highlighted."""
        self._hide_readouts()
        self.clear_highlight()

    def share_crosshair(self, plot: pg.PlotWidget) -> None:
        """Another plot with distance across (the train graph): its crosshair stands where the speed
        plot's does, and the pointer over it reads the trip there as over the speed plot."""
        line = self._crosshair[plot] = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen((80, 80, 80), width=1))
        plot.addItem(line, ignoreBounds=True)
        line.hide()
        plot.scene().sigMouseMoved.connect(lambda pos, plot=plot: self._hovered(plot, pos))

    @staticmethod
    def _baseline_curve(plot: pg.PlotWidget) -> pg.PlotDataItem:
        curve = plot.plot(pen=pg.mkPen(BASELINE_COLOR, width=2, style=Qt.PenStyle.DashLine))
        curve.setZValue(-1)  # under the trip's own line
        return curve

    def _build_time_plot(self) -> pg.PlotWidget:
        plot = self._time_plot = pg.PlotWidget()
        self._line_plot(plot)
        self._time_curve = plot.plot(pen=pg.mkPen(SPEED_COLOR, width=2), name="time from departure")
        self._baseline_time_curve = self._baseline_curve(plot)
        self._decor_key = None  # its stations drawn too
        self._redraw()  # what the speed plot shows by now: the trip, the baseline, the band
        return plot

    def _line_plots(self) -> list[pg.PlotWidget]:
        return [p for p in (self.speed_plot, self._time_plot) if p is not None]

    @property
    def time_plot(self) -> pg.PlotWidget:
        return self.time_tab.content()

    @property
    def time_curve(self) -> pg.PlotDataItem:
        self.time_tab.content()
        assert self._time_curve is not None
        return self._time_curve

    @property
    def baseline_time_curve(self) -> pg.PlotDataItem:
        self.time_tab.content()
        assert self._baseline_time_curve is not None
        return self._baseline_time_curve

    @property
    def time_hover(self) -> pg.TextItem:
        return self.readouts[self.time_plot]

    @property
    def crosshairs(self) -> list[pg.InfiniteLine]:
        return list(self._crosshair.values())

    def _build_refit_plot(self) -> pg.PlotWidget:
        plot = pg.PlotWidget()
        # The legend above the bars, in room of its own: inside the plot area it covered a bar.
        self._legend = pg.LegendItem(colCount=4, labelTextSize="8pt")
        self._legend.setParentItem(plot.getPlotItem())
        self._legend.anchor(itemPos=(0, 0), parentPos=(0, 0), offset=(50, 2))
        plot.getPlotItem().legend = self._legend  # named items join it as they are added
        return plot

    @property
    def refit_plot(self) -> pg.PlotWidget:
        return self.refit_tab.content()

    @property
    def route_editor(self) -> RouteEditor:
        return self.route_editor_tab.content()

    @property
    def drivers_chart(self) -> DriversChart:
        return self.drivers_tab.content()

    def _redraw(self) -> None:
        self._hide_readouts()  # its figures were in the units of before
        if self.computer.result is not None:
            self.show_result(self.computer.result)
        self._draw_baseline()
        self._draw_band()
        self._draw_highlight()

    @staticmethod
    def _legend_above(plot: pg.PlotWidget, columns: int) -> pg.LegendItem:
        legend = pg.LegendItem(colCount=columns, labelTextSize="8pt")
        legend.setParentItem(plot.getPlotItem())
        legend.anchor(itemPos=(0, 0), parentPos=(0, 0), offset=(50, 0))
        plot.getPlotItem().legend = legend  # named items join it as they are added
        return legend

    def _band(self, plot: pg.PlotWidget) -> tuple[pg.PlotCurveItem, pg.PlotCurveItem, pg.FillBetweenItem, pg.BarGraphItem]:
        """The band's two edges, the fill between them, and the fill's swatch for the legend."""
        edges = [pg.PlotCurveItem(pen=pg.mkPen(BAND_EDGE_COLOR, width=1)) for _ in range(2)]
        fill = pg.FillBetweenItem(*edges, brush=pg.mkBrush(*BAND_COLOR))
        for item in (*edges, fill):
            plot.addItem(item)
            item.setZValue(-2)  # behind the baseline and the trip's own line, over the gauge shading
            item.hide()
        swatch = pg.BarGraphItem(x=[], height=[], width=1, brush=pg.mkBrush(*BAND_COLOR), pen=pg.mkPen(None))
        return edges[0], edges[1], fill, swatch

    def follow_range(self, ranges: RangeComputer) -> None:
        """Draw each range as it comes. While the next is computed the band of before stays, greyed (it
        vanished and the axis rescaled at every edit); when there will be none, it goes."""
        ranges.range_ready.connect(lambda r, _top: self.show_range(r))
        ranges.pending.connect(lambda why: self.show_stale_range() if why.startswith("range: computing")
                               else self.show_range(None))
        self.show_range(ranges.range)

    def show_range(self, r: TripRange | None) -> None:
        """The range's bands behind the speed and time lines; None clears them."""
        self.range, self.range_stale = r, False
        self._draw_band()

    def show_stale_range(self) -> None:
        """The band drawn stays, greyed, until the range of the trip as it is now comes."""
        self.range_stale = self.range is not None
        self._draw_band()

    def _band_applies(self) -> bool:
        """A band is of this route: drawn over another (the document changed under it), it would mislead."""
        route = self.computer.holder.route
        b = self.range.bands if self.range is not None else None
        return (b is not None and b.reached > 0 and route is not None
                and float(b.grid.distance_m[-1]) == route.length_m)

    def _draw_band(self) -> None:
        applies = self._band_applies()
        for plot, (low, high, fill, swatch) in self.bands.items():
            legend = self.legends[plot]
            legend.removeItem(swatch)
            if not applies:
                for edge in (low, high):
                    edge.setData([], [])
                for item in (low, high, fill):
                    item.hide()
                continue
            assert self.range is not None and self.range.bands is not None
            b, u = self.range.bands, self.preferences.units
            n = b.reached
            x = u.distance(b.grid.distance_m[:n])
            pair = b.speed_m_s if plot is self.speed_plot else b.elapsed_s
            for edge, values in zip((low, high), pair):
                v = values[:n].astype(float)
                edge.setData(x, u.speed(v) if plot is self.speed_plot else v / 3600.0)
            stale = self.range_stale
            for edge in (low, high):
                edge.setPen(pg.mkPen(STALE_BAND_EDGE_COLOR if stale else BAND_EDGE_COLOR, width=1))
            fill.setBrush(pg.mkBrush(*(STALE_BAND_COLOR if stale else BAND_COLOR)))
            swatch.setOpts(brush=pg.mkBrush(*(STALE_BAND_COLOR if stale else BAND_COLOR)))
            for item in (low, high, fill):
                item.show()
            legend.addItem(swatch, "90 % band of before the edit: computing…" if stale
                           else f"90 % band, {self.range.samples:,} samples")
        self._fit_legends()
        if self.computer.result is not None:
            self._set_limits(self.computer.result)

    def _fit_legends(self) -> None:
        for plot, legend in self.legends.items():
            legend.updateSize()
            plot.getPlotItem().layout.setContentsMargins(0, legend.boundingRect().height() + 2, 0, 0)

    def show_baseline(self, result: TripResult | None, route: Route | None) -> None:
        """Draw the pinned trip's speed and time lines beside the trip's own; None clears them."""
        self._baseline = (result, route) if result is not None else None
        self._draw_baseline()

    def _draw_baseline(self) -> None:
        curves = {self.speed_plot: self.baseline_speed_curve}
        if self._time_plot is not None and self._baseline_time_curve is not None:
            curves[self._time_plot] = self._baseline_time_curve
        for plot, curve in curves.items():
            self.legends[plot].removeItem(curve)
            if self._baseline is not None:
                self.legends[plot].addItem(curve, "baseline")
        self._fit_legends()
        if self._baseline is None:
            for curve in curves.values():
                curve.setData([], [])
            return
        r, route = self._baseline
        u = self.preferences.units
        self.baseline_speed_curve.setData(u.distance(r.profile.distance_m), u.speed(r.profile.speed_m_s))
        if self._baseline_time_curve is not None:
            if route is not None:
                tx, tt = time_line(r, route)
                self._baseline_time_curve.setData(u.distance(tx), tt / 3600.0)
            else:
                self._baseline_time_curve.setData([], [])

    def show_result(self, r: TripResult) -> None:
        route = self.computer.holder.route
        u = self.preferences.units
        key = (route, u)
        if key != self._decor_key:  # stations and gauge bands change only with the route or the units
            for plot, item in self._decor:
                plot.removeItem(item)
            self._decor.clear()
            self.station_marks.clear()
            if route is not None:
                self._decorate(route, u)
            self._decor_key = key
        p = r.profile
        x = u.distance(p.distance_m)
        self.speed_curve.setData(x, u.speed(p.speed_m_s))
        self.limit_curve.setData(*limit_steps(x, u.speed(p.limit_m_s)))
        self.speed_plot.setLabel("bottom", f"distance ({u.distance_unit})")
        self.speed_plot.setLabel("left", f"speed ({u.speed_unit})")
        if self._time_plot is not None and self._time_curve is not None:
            if route is not None:
                tx, tt = time_line(r, route)
                self._time_curve.setData(u.distance(tx), tt / 3600.0)
            self._time_plot.setLabel("bottom", f"distance ({u.distance_unit})")
            self._time_plot.setLabel("left", "time (h)")
        if not self._band_applies():
            self.show_range(None)
        self._mark_unreached(r, route)
        self._set_limits(r)
        self._timeline_stale = True
        self._refresh_timeline()

    def _set_limits(self, r: TripResult) -> None:
        """Zoom and pan kept to the route and to what is drawn: the trip, its limit, the baseline, the band."""
        route, u = self.computer.holder.route, self.preferences.units
        p = r.profile
        x = u.distance(p.distance_m)
        end = u.distance(route.length_m) if route is not None else None
        speed_y = [u.speed(p.speed_m_s), u.speed(p.limit_m_s[np.isfinite(p.limit_m_s)])]
        if self._baseline is not None:  # the baseline's line stays reachable too
            speed_y.append(u.speed(self._baseline[0].profile.speed_m_s))
        applies = self._band_applies()
        if applies:
            speed_y.append(self.bands[self.speed_plot][1].getData()[1])
        near = {"min_x_span": u.distance(MIN_SPAN_M)}
        self.speed_plot.getPlotItem().vb.setLimits(**data_limits(x, *speed_y, end=end, **near,
                                                                  min_y_span=u.speed(MIN_SPAN_M_S)))
        if self._time_plot is None or self._time_curve is None:
            return
        tx, tt = self._time_curve.getData()
        if tx is not None:
            time_y = [self.bands[self._time_plot][1].getData()[1]] if applies else []
            self._time_plot.getPlotItem().vb.setLimits(**data_limits(tx, tt, *time_y, end=end, **near,
                                                                      min_y_span=MIN_SPAN_H))

    def _mark_unreached(self, r: TripResult, route: Route | None) -> None:
        """A trip that stops on the way: the rest of the route hatched and named on both plots, the
        axes still the whole route's, so that how far the train got shows."""
        for plot, item in self._unreached:
            plot.removeItem(item)
        self._unreached.clear()
        if route is None or r.total_s is not None or r.reached_m >= route.length_m:
            return
        u = self.preferences.units
        x0, x1 = u.distance(r.reached_m), u.distance(route.length_m)
        brush = pg.mkBrush(*UNREACHED_COLOR)
        brush.setStyle(Qt.BrushStyle.BDiagPattern)
        for plot in self._line_plots():
            region = pg.LinearRegionItem((x0, x1), movable=False, brush=brush, pen=pg.mkPen((110, 110, 110), width=1))
            region.setZValue(-5)
            # Named on its left edge, high up, reading into the region (a child of the line: it goes with it).
            pg.InfLineLabel(region.lines[0], text="not reached ▸", position=0.9, anchors=[(-0.04, 0.5)] * 2,
                            color=(60, 60, 60), fill=pg.mkBrush(255, 255, 255, 200))
            plot.addItem(region)
            self._unreached.append((plot, region))

    def _refresh_timeline(self) -> None:
        r = self.computer.result
        if self._timeline_stale and r is not None and self.tabs.currentWidget() is self.refit_tab:
            self._timeline(r)
            self._timeline_stale = False

    def _decorate(self, route: Route, u) -> None:
        gauges = route.gauge_by_section()
        start = 0
        for i in range(1, len(route.sections) + 1):
            if i == len(route.sections) or gauges[i] != gauges[start]:
                band = pg.LinearRegionItem((u.distance(route.sections[start].start_m), u.distance(route.sections[i - 1].end_m)),
                                           movable=False, brush=pg.mkBrush(*gauge_color(gauges[start])),
                                           pen=pg.mkPen(None))
                band.setZValue(-10)
                self._add(self.speed_plot, band)
                label = pg.TextItem(f"{gauges[start]} mm", color=(90, 90, 90), anchor=(0, 0))
                label.setPos(u.distance(route.sections[start].start_m), 0)
                self._add(self.speed_plot, label)
                start = i
        breaks = {b.station for b in route.breaks_of_gauge}
        stations = [Station(u.distance(s.position_m), s.name, s.name in breaks) for s in route.stations]
        for plot in self._line_plots():
            marks = self.station_marks[plot] = StationMarks(stations)
            plot.addItem(marks, ignoreBounds=True)
            self._decor.append((plot, marks))

    def _add(self, plot, item) -> None:
        plot.addItem(item)
        self._decor.append((plot, item))

    def _timeline(self, r: TripResult) -> None:
        """Each cut's steps on its exchange track, one bar item per step name (few items: fast to redraw)."""
        for item in [i for i in self.refit_plot.listDataItems()] + self._bars:
            self.refit_plot.removeItem(item)
        self._bars = []
        self._legend.clear()
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
            self.refit_plot.addItem(item)
            self._bars.append(item)
        self.refit_plot.getAxis("left").setTicks([ticks])
        self._legend.updateSize()
        self.refit_plot.getPlotItem().layout.setContentsMargins(0, self._legend.boundingRect().height() + 4, 0, 0)
        self.refit_plot.setLabel("bottom", "time from arrival (h)")

    def highlight_section(self, index: int) -> None:
        route = self.computer.holder.route
        if route is None or not 0 <= index < len(route.sections):
            return
        self.highlighted_section = index
        self._draw_highlight()
        self.tabs.setCurrentWidget(self.speed_plot)

    def clear_highlight(self) -> None:
        self.highlighted_section = None
        self._draw_highlight()

    def _draw_highlight(self) -> None:
        """The section highlighted, in the units shown (none: the highlight removed)."""
        if self._highlight is not None:
            self.speed_plot.removeItem(self._highlight)
            self._highlight = None
        route, index = self.computer.holder.route, self.highlighted_section
        if route is None or index is None or not 0 <= index < len(route.sections):
            return
        u = self.preferences.units
        s = route.sections[index]
        self._highlight = pg.LinearRegionItem((u.distance(s.start_m), u.distance(s.end_m)), movable=False,
                                              brush=pg.mkBrush(255, 0, 0, 60))
        self.speed_plot.addItem(self._highlight)

    @staticmethod
    def _readout(plot: pg.PlotWidget) -> pg.TextItem:
        text = pg.TextItem(anchor=(0, 0), color="k", fill=pg.mkBrush(255, 255, 255, 220))
        text.setParentItem(plot.getPlotItem().vb)  # in the plot area's own pixels: it never leaves it
        text.setPos(4, 4)
        text.setZValue(20)
        text.hide()
        return text

    def _band_lines(self, x_m: float) -> tuple[str, str]:
        """The band at a distance, as a line of each readout ("" where there is none)."""
        if not self._band_applies():
            return "", ""
        assert self.range is not None and self.range.bands is not None
        there = self.range.bands.at(x_m)
        if there is None:
            return "", ""
        (v5, v95), (t5, t95), n = there
        u = self.preferences.units
        of = "" if n == self.range.samples else f" of the {n:,} draws that get here"
        return (f"\n90 %{of}: {u.speed(v5):.0f}–{u.speed(v95):.0f} {u.speed_unit}",
                f"\n90 %{of}: {format_duration(t5)} – {format_duration(t95)}")

    def _hovered(self, plot: pg.PlotWidget, pos) -> None:
        r, route = self.computer.result, self.computer.holder.route
        vb = plot.getPlotItem().vb
        if r is None or route is None or not vb.sceneBoundingRect().contains(pos) or not len(r.profile.distance_m):
            self._hide_readouts()
            return
        self.show_readout(vb.mapSceneToView(pos).x())

    def _hide_readouts(self) -> None:
        for item in [*self.readouts.values(), *self._crosshair.values()]:
            item.hide()

    def show_readout(self, x_shown: float) -> None:
        """The figures at a distance (in the units shown) on both plots, and the crosshair there."""
        r, route = self.computer.result, self.computer.holder.route
        if r is None or route is None or not len(r.profile.distance_m):
            return
        u = self.preferences.units
        x_m = u.distance_to_si(x_shown)
        p = r.profile
        sec = next((k for k, s in enumerate(route.sections) if s.start_m <= x_m <= s.end_m), None)
        near = min(route.stations, key=lambda s: abs(s.position_m - x_m))
        where = route.section_label(sec, u) if sec is not None else ""
        place = f"{where} · near {near.name}"
        # The figures at the pointer's own distance, read between the profile's samples (they are far
        # apart where the train cruises); past where a trip that stops got, none.
        at = f"{u.distance(x_m):,.1f} {u.distance_unit}"
        speed_band, time_band = self._band_lines(x_m)
        if x_m <= p.distance_m[-1] + 1e-6:
            speed = float(np.interp(x_m, p.distance_m, p.speed_m_s))
            running = float(np.interp(x_m, p.distance_m, p.time_s))
            self.hover.setText(f"{at} · {u.speed(speed):.0f} {u.speed_unit} · "
                               f"{format_duration(running)} running{speed_band}\n{place}")
        else:
            self.hover.setText(f"{at} · not reached{speed_band}\n{place}")
        tx, tt = self._time_curve.getData() if self._time_curve is not None else (None, None)
        if self._time_plot is not None and tx is not None and tt is not None and len(tx):
            if x_shown <= tx[-1] + 1e-9:
                # After the stop's dwell and refit where the pointer is on a stop (the line's last point there).
                k = int(np.clip(np.searchsorted(tx, x_shown, side="right") - 1, 0, len(tx) - 1))
                h = float(tt[k])
                if k + 1 < len(tx) and tx[k + 1] > tx[k]:
                    h += (float(tt[k + 1]) - h) * (x_shown - tx[k]) / (tx[k + 1] - tx[k])
                told = f"{format_duration(h * 3600)} from departure"
            else:
                told = "not reached"
            time_hover = self.readouts[self._time_plot]
            time_hover.setText(f"{at} · {told}{time_band}\n{place}")
            time_hover.show()
        for line in self._crosshair.values():
            line.setValue(x_shown)
            line.show()
        # In the corner away from the pointer, so that it never covers the point read.
        for plot, readout in self.readouts.items():
            vb = plot.getPlotItem().vb
            (x0, x1), _ = vb.viewRange()
            left = x_shown > (x0 + x1) / 2
            readout.setAnchor((0, 0) if left else (1, 0))
            readout.setPos(4 if left else vb.width() - 4, 4)
        self.hover.show()
