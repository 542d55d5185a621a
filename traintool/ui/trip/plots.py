"""The plots under the layout: speed and time against distance, and each refit as a timeline.

Behind the speed and time lines, once the trip's range has come (range_computer.py), its 90 %
band: the 5th to the 95th percentile of the sampled trips at each distance (physics/bands.py).
Greyed as soon as an edit makes it stale, until the range of the new document comes."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ...model import Route
from ...physics import TripResult
from ...render.plot_geometry import LIMIT_COLOR, SPEED_COLOR, limit_steps, time_line
from ..common import theme
from ..common.lazy_tab import LazyTab
from ..common.preferences import Preferences
from . import plot_items, plot_readout
from .recompute import TripComputer
from .refit_timeline import RefitTimeline
from .station_marks import Station, StationMarks

if TYPE_CHECKING:
    from ...physics.ranges import TripRange
    from .drivers_chart import DriversChart
    from .range_computer import RangeComputer
    from .route_editor import RouteEditor
    from .timetable_view import TimetableView
    from .train_graph import TrainGraph


PLOT_MIN_HEIGHT = 200  # px: below this the axis labels, legend and lines crowd out the plot (at 1400×900 it got 85)


class TripPlots(QWidget):
    """The speed and time plots and the refit timeline, then the tabs given (each built when first shown)."""

    def __init__(self, preferences: Preferences, computer: TripComputer, ranges: RangeComputer, *,
                 route_editor: LazyTab[RouteEditor], drivers: LazyTab[DriversChart],
                 timetable: LazyTab[TimetableView], train_graph: LazyTab[TrainGraph], parent=None):
        super().__init__(parent)
        self.preferences, self.computer = preferences, computer
        background, foreground = theme.plot_colours(self.palette())  # a dark desktop theme: dark plots
        pg.setConfigOptions(antialias=True, background=background, foreground=foreground)
        self.tabs = QTabWidget()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)  # the dock's frame is margin enough: the height goes to the plots
        box.addWidget(self.tabs)
        self.speed_plot = pg.PlotWidget()
        self.speed_plot.setMinimumHeight(PLOT_MIN_HEIGHT)  # the tabs beside it (and so the dock) no shorter
        # The time plot and the refit timeline are built when their tab is first shown (or asked for),
        # like the route editor's: start-up builds the plot in view.
        self.time_tab = LazyTab(self._build_time_plot)
        self.refit_tab = LazyTab(RefitTimeline)
        self.route_editor_tab, self.drivers_tab = route_editor, drivers
        self.timetable_tab, self.train_graph_tab = timetable, train_graph
        for tab, title in ((self.speed_plot, "Speed – distance"), (self.time_tab, "Time – distance"),
                           (self.refit_tab, "Refit timeline"), (route_editor, "Route editor"),
                           (drivers, "What drives it"), (timetable, "Timetable"), (train_graph, "Train graph")):
            self.tabs.addTab(tab, title)
        # Each line plot's legend, band, readout and crosshair (_line_plot), by plot.
        self.legends: dict[pg.PlotWidget, pg.LegendItem] = {}
        self.bands: dict[pg.PlotWidget, plot_items.Band] = {}
        self.readouts: dict[pg.PlotWidget, pg.TextItem] = {}
        self._crosshair: dict[pg.PlotWidget, pg.InfiniteLine] = {}
        self._line_plot(self.speed_plot)
        self.hover = self.readouts[self.speed_plot]
        self.speed_curve = self.speed_plot.plot(pen=pg.mkPen(SPEED_COLOR, width=2), name="speed")
        self.limit_curve = self.speed_plot.plot(pen=pg.mkPen(LIMIT_COLOR, width=1, style=Qt.PenStyle.DashLine),
                                                name="limit in force")
        # The pinned baseline: the same lines, muted and dashed, under the trip's own.
        self.baseline_speed_curve = plot_items.baseline_curve(self.speed_plot)
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
        self._timeline_stale = True  # drawn when its tab is shown: a long train's has thousands of bars
        self._highlight = None
        self.highlighted_section: int | None = None
        self.tabs.currentChanged.connect(lambda _i: self._refresh_timeline())
        computer.result_ready.connect(self.show_result)
        computer.holder.edited.connect(self._document_edited)
        preferences.units_changed.connect(self._redraw)
        if computer.result is not None:
            self.show_result(computer.result)
        self._follow_range(ranges)

    def _line_plot(self, plot: pg.PlotWidget) -> None:
        """What the speed and the time plot each have: the legend above the plot area, in room of its own
        (like the refit timeline's); the range's band, its edges faint, filled between, behind every
        line; the readout in the plot area's corner (over the point, it ran off the top), and the
        crosshair that stands at the same distance on both plots."""
        self.legends[plot] = plot_items.legend_above(plot, 5)
        self.bands[plot] = plot_items.band(plot)
        self.readouts[plot] = plot_items.readout(plot)
        self.share_crosshair(plot)
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

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._follow_palette()

    def _follow_palette(self) -> None:
        """The desktop's theme changed with the window open: every plot built takes its colours (the station
        names, drawn in the palette's text colour, turned light on a plot left white), and those built later
        too."""
        background, foreground = theme.plot_colours(self.palette())
        pg.setConfigOptions(background=background, foreground=foreground)
        for plot in self.findChildren(pg.PlotWidget):
            plot.setBackground(background)
            for side in ("left", "bottom", "right", "top"):
                axis = plot.getPlotItem().getAxis(side)
                axis.setPen(foreground)
                axis.setTextPen(foreground)
            legend = plot.getPlotItem().legend
            if legend is not None:
                legend.setLabelTextColor(foreground)
                for _sample, label in legend.items:
                    label.setText(label.text, color=foreground)  # a label drawn already keeps its colour until set again

    def _document_edited(self, _changes) -> None:
        """What was read or shown on the document of before goes: the readout, the section highlighted."""
        self._hide_readouts()
        self.clear_highlight()

    def share_crosshair(self, plot: pg.PlotWidget) -> None:
        """A plot with distance across (the train graph too): its crosshair stands where the speed
        plot's does, and the pointer over it reads the trip there as over the speed plot."""
        self._crosshair[plot] = plot_items.crosshair(plot)
        plot.scene().sigMouseMoved.connect(lambda pos, plot=plot: self._hovered(plot, pos))

    def _build_time_plot(self) -> pg.PlotWidget:
        plot = self._time_plot = pg.PlotWidget()
        self._line_plot(plot)
        self._time_curve = plot.plot(pen=pg.mkPen(SPEED_COLOR, width=2), name="time from departure")
        self._baseline_time_curve = plot_items.baseline_curve(plot)
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

    @property
    def refit_plot(self) -> RefitTimeline:
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

    def _follow_range(self, ranges: RangeComputer) -> None:
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
        for plot, band in self.bands.items():
            if applies:
                assert self.range is not None
                plot_items.draw_band(band, self.legends[plot], self.range, self.preferences.units,
                                     speed=plot is self.speed_plot, stale=self.range_stale)
            else:
                plot_items.hide_band(band, self.legends[plot])
        self._fit_legends()
        if self.computer.result is not None:
            self._set_limits(self.computer.result)

    def _fit_legends(self) -> None:
        for plot, legend in self.legends.items():
            plot_items.room_for_legend(plot, legend)

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
        min_x = u.distance(plot_items.MIN_SPAN_M)
        plot_items.keep_in_view(self.speed_plot, x, *speed_y, end=end, min_x_span=min_x,
                                min_y_span=u.speed(plot_items.MIN_SPAN_M_S))
        if self._time_plot is None or self._time_curve is None:
            return
        tx, tt = self._time_curve.getData()
        if tx is not None:
            time_y = [self.bands[self._time_plot][1].getData()[1]] if applies else []
            plot_items.keep_in_view(self._time_plot, tx, tt, *time_y, end=end, min_x_span=min_x,
                                    min_y_span=plot_items.MIN_SPAN_H)

    def _mark_unreached(self, r: TripResult, route: Route | None) -> None:
        """A trip that stops on the way: the rest of the route hatched and named on both plots, the
        axes still the whole route's, so that how far the train got shows."""
        for plot, item in self._unreached:
            plot.removeItem(item)
        self._unreached.clear()
        if route is None or r.total_s is not None or r.reached_m >= route.length_m:
            return
        u = self.preferences.units
        for plot in self._line_plots():
            region = plot_items.unreached(u.distance(r.reached_m), u.distance(route.length_m))
            plot.addItem(region)
            self._unreached.append((plot, region))

    def _refresh_timeline(self) -> None:
        r = self.computer.result
        if self._timeline_stale and r is not None and self.tabs.currentWidget() is self.refit_tab:
            self.refit_plot.show_trip(r)
            self._timeline_stale = False

    def _decorate(self, route: Route, u) -> None:
        for item in plot_items.gauge_shading(route, u):
            self.speed_plot.addItem(item)
            self._decor.append((self.speed_plot, item))
        breaks = {b.station for b in route.breaks_of_gauge}
        stations = [Station(u.distance(s.position_m), s.name, s.name in breaks) for s in route.stations]
        for plot in self._line_plots():
            marks = self.station_marks[plot] = StationMarks(stations)
            plot.addItem(marks, ignoreBounds=True)
            self._decor.append((plot, marks))

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
        tx, tt = self._time_curve.getData() if self._time_curve is not None else (None, None)
        speed, time = plot_readout.texts(r, route, self.range if self._band_applies() else None,
                                         self.preferences.units, x_shown, tx, tt)
        self.hover.setText(speed)
        if self._time_plot is not None and time is not None:
            self.readouts[self._time_plot].setText(time)
            self.readouts[self._time_plot].show()
        for line in self._crosshair.values():
            line.setValue(x_shown)
            line.show()
        for plot, readout in self.readouts.items():
            plot_items.place_readout(readout, plot, x_shown)
        self.hover.show()
