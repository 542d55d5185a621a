"""The plots under the layout: speed and time against distance, and each refit as a timeline."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..model import Route
from ..physics import TripResult
from ..render.plot_geometry import (
    BASELINE_COLOR, BREAK_COLOR, LIMIT_COLOR, SPEED_COLOR, STATION_COLOR, data_limits, gauge_color, limit_steps, spaced_labels,
    step_color, time_line, track_label,
)
from ..units import format_duration
from .preferences import Preferences
from .recompute import TripComputer

if TYPE_CHECKING:
    from .drivers_chart import DriversChart
    from .route_editor import RouteEditor


class TripPlots(QWidget):
    route_editor: RouteEditor  # a tab of its own, added by trip_panel.build_plots
    drivers_chart: DriversChart  # likewise

    def __init__(self, preferences: Preferences, computer: TripComputer, parent=None):
        super().__init__(parent)
        self.preferences, self.computer = preferences, computer
        pg.setConfigOptions(antialias=True, background="w", foreground="k")
        self.tabs = QTabWidget()
        QVBoxLayout(self).addWidget(self.tabs)
        self.speed_plot = pg.PlotWidget()
        self.time_plot = pg.PlotWidget()
        self.refit_plot = pg.PlotWidget()
        self.tabs.addTab(self.speed_plot, "Speed – distance")
        self.tabs.addTab(self.time_plot, "Time – distance")
        self.tabs.addTab(self.refit_plot, "Refit timeline")
        self.speed_curve = self.speed_plot.plot(pen=pg.mkPen(SPEED_COLOR, width=2), name="speed")
        self.limit_curve = self.speed_plot.plot(pen=pg.mkPen(LIMIT_COLOR, width=1, style=Qt.PenStyle.DashLine),
                                                name="limit in force")
        self.time_curve = self.time_plot.plot(pen=pg.mkPen(SPEED_COLOR, width=2))
        # The pinned baseline: the same lines, muted and dashed, under the trip's own.
        baseline_pen = pg.mkPen(BASELINE_COLOR, width=2, style=Qt.PenStyle.DashLine)
        self.baseline_speed_curve = self.speed_plot.plot(pen=baseline_pen, name="baseline")
        self.baseline_time_curve = self.time_plot.plot(pen=baseline_pen)
        for curve in (self.baseline_speed_curve, self.baseline_time_curve):
            curve.setZValue(-1)
        self._baseline: tuple[TripResult, Route | None] | None = None
        # The readouts sit in the plot area's top-left corner (over the point, they ran off the top);
        # the crosshair stands at the same distance on both plots.
        self.hover = self._readout(self.speed_plot)
        self.time_hover = self._readout(self.time_plot)
        self.crosshairs = [pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen((80, 80, 80), width=1))
                           for _ in (self.speed_plot, self.time_plot)]
        for plot, line in zip((self.speed_plot, self.time_plot), self.crosshairs):
            plot.addItem(line, ignoreBounds=True)
            line.hide()
        self._decor: list = []
        self._decor_key: tuple | None = None
        self._station_lines: dict[pg.PlotWidget, list[pg.InfiniteLine]] = {self.speed_plot: [], self.time_plot: []}
        # The legend above the bars, in room of its own: inside the plot area it covered a bar.
        self._legend = pg.LegendItem(colCount=4, labelTextSize="8pt")
        self._legend.setParentItem(self.refit_plot.getPlotItem())
        self._legend.anchor(itemPos=(0, 0), parentPos=(0, 0), offset=(50, 2))
        self.refit_plot.getPlotItem().legend = self._legend  # named items join it as they are added
        self._bars: list = []
        self._timeline_stale = True  # drawn when its tab is shown: a long train's has thousands of bars
        self._highlight = None
        for plot in (self.speed_plot, self.time_plot):
            plot.scene().sigMouseMoved.connect(lambda pos, plot=plot: self._hovered(plot, pos))
            # After the view's transform is settled (on a range change it is not yet), so pixels are right.
            plot.getPlotItem().vb.sigTransformChanged.connect(lambda *_a, plot=plot: self._space_labels(plot))
        self.tabs.currentChanged.connect(lambda _i: self._refresh_timeline())
        computer.result_ready.connect(self.show_result)
        preferences.units_changed.connect(self._redraw)
        if computer.result is not None:
            self.show_result(computer.result)

    def _redraw(self) -> None:
        self._hide_readouts()  # its figures were in the units of before
        if self.computer.result is not None:
            self.show_result(self.computer.result)
        self._draw_baseline()

    def show_baseline(self, result: TripResult | None, route: Route | None) -> None:
        """Draw the pinned trip's speed and time lines beside the trip's own; None clears them."""
        self._baseline = (result, route) if result is not None else None
        self._draw_baseline()

    def _draw_baseline(self) -> None:
        if self._baseline is None:
            self.baseline_speed_curve.setData([], [])
            self.baseline_time_curve.setData([], [])
            return
        r, route = self._baseline
        u = self.preferences.units
        self.baseline_speed_curve.setData(u.distance(r.profile.distance_m), u.speed(r.profile.speed_m_s))
        if route is not None:
            tx, tt = time_line(r, route)
            self.baseline_time_curve.setData(u.distance(tx), tt / 3600.0)
        else:
            self.baseline_time_curve.setData([], [])

    def show_result(self, r: TripResult) -> None:
        route = self.computer.holder.route
        u = self.preferences.units
        key = (route, u)
        if key != self._decor_key:  # stations and gauge bands change only with the route or the units
            for plot, item in self._decor:
                plot.removeItem(item)
            self._decor.clear()
            for lines in self._station_lines.values():
                lines.clear()
            if route is not None:
                self._decorate(route, u)
            self._decor_key = key
        p = r.profile
        x = u.distance(p.distance_m)
        self.speed_curve.setData(x, u.speed(p.speed_m_s))
        self.limit_curve.setData(*limit_steps(x, u.speed(p.limit_m_s)))
        self.speed_plot.setLabel("bottom", f"distance ({u.distance_unit})")
        self.speed_plot.setLabel("left", f"speed ({u.speed_unit})")
        if route is not None:
            tx, tt = time_line(r, route)
            self.time_curve.setData(u.distance(tx), tt / 3600.0)
        self.time_plot.setLabel("bottom", f"distance ({u.distance_unit})")
        self.time_plot.setLabel("left", "time (h)")
        speed_y = [u.speed(p.speed_m_s), u.speed(p.limit_m_s[np.isfinite(p.limit_m_s)])]
        if self._baseline is not None:  # the baseline's line stays reachable too
            speed_y.append(u.speed(self._baseline[0].profile.speed_m_s))
        self.speed_plot.getPlotItem().vb.setLimits(**data_limits(x, *speed_y))
        tx, tt = self.time_curve.getData()
        if tx is not None:
            self.time_plot.getPlotItem().vb.setLimits(**data_limits(tx, tt))
        for plot in (self.speed_plot, self.time_plot):
            self._space_labels(plot)
        self._timeline_stale = True
        self._refresh_timeline()

    def _refresh_timeline(self) -> None:
        r = self.computer.result
        if self._timeline_stale and r is not None and self.tabs.currentWidget() is self.refit_plot:
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
        for s in route.stations:
            is_break = s.name in breaks
            for plot in (self.speed_plot, self.time_plot):
                line = pg.InfiniteLine(u.distance(s.position_m), angle=90,
                                       pen=pg.mkPen(BREAK_COLOR if is_break else STATION_COLOR, width=2 if is_break else 1,
                                                    style=Qt.PenStyle.SolidLine if is_break else Qt.PenStyle.DotLine),
                                       label=s.name + (" (break of gauge)" if is_break else ""),
                                       labelOpts={"position": 0.5, "color": (60, 60, 60), "rotateAxis": (1, 0)})
                self._add(plot, line)
                self._station_lines[plot].append(line)

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
                                   pen=pg.mkPen("w", width=0.5), name=step)
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
        u = self.preferences.units
        s = route.sections[index]
        if self._highlight is not None:
            self.speed_plot.removeItem(self._highlight)
        self._highlight = pg.LinearRegionItem((u.distance(s.start_m), u.distance(s.end_m)), movable=False,
                                              brush=pg.mkBrush(255, 0, 0, 60))
        self.speed_plot.addItem(self._highlight)
        self.tabs.setCurrentWidget(self.speed_plot)

    @staticmethod
    def _readout(plot: pg.PlotWidget) -> pg.TextItem:
        text = pg.TextItem(anchor=(0, 0), color="k", fill=pg.mkBrush(255, 255, 255, 220))
        text.setParentItem(plot.getPlotItem().vb)  # in the plot area's own pixels: it never leaves it
        text.setPos(4, 4)
        text.setZValue(20)
        text.hide()
        return text

    def _space_labels(self, plot: pg.PlotWidget) -> None:
        """Draw a station's name only where it clears the last name drawn: close stations (Tumangang and
        Khasan, 5 km apart) share one label until the view is zoomed in far enough to part them."""
        lines = self._station_lines[plot]
        if not lines:
            return
        vb = plot.getPlotItem().vb
        centres = [vb.mapViewToScene(QPointF(line.value(), 0)).x() for line in lines]
        # The names run up their lines (rotateAxis), so each takes its text's height across: the unrotated
        # text's own rectangle (a hidden label's scene rectangle is stale until it is drawn).
        extents = [line.label.textItem.boundingRect().height() + 2 for line in lines]
        for line, shown in zip(lines, spaced_labels(centres, extents)):
            line.label.setVisible(shown)

    def _hovered(self, plot: pg.PlotWidget, pos) -> None:
        r, route = self.computer.result, self.computer.holder.route
        vb = plot.getPlotItem().vb
        if r is None or route is None or not vb.sceneBoundingRect().contains(pos) or not len(r.profile.distance_m):
            self._hide_readouts()
            return
        self.show_readout(vb.mapSceneToView(pos).x())

    def _hide_readouts(self) -> None:
        for item in [self.hover, self.time_hover, *self.crosshairs]:
            item.hide()

    def show_readout(self, x_shown: float) -> None:
        """The figures at a distance (in the units shown) on both plots, and the crosshair there."""
        r, route = self.computer.result, self.computer.holder.route
        if r is None or route is None or not len(r.profile.distance_m):
            return
        u = self.preferences.units
        x_m = u.distance_to_si(x_shown)
        p = r.profile
        i = int(np.clip(np.searchsorted(p.distance_m, x_m), 0, len(p.distance_m) - 1))
        sec = next((k for k, s in enumerate(route.sections) if s.start_m <= x_m <= s.end_m), None)
        near = min(route.stations, key=lambda s: abs(s.position_m - x_m))
        where = route.section_label(sec) if sec is not None else ""
        place = f"{where} · near {near.name}"
        at = f"{u.distance(p.distance_m[i]):,.1f} {u.distance_unit}"
        self.hover.setText(f"{at} · {u.speed(p.speed_m_s[i]):.0f} {u.speed_unit} · "
                           f"{format_duration(p.time_s[i])} running\n{place}")
        tx, tt = self.time_curve.getData()
        if tx is not None and len(tx):
            k = int(np.clip(np.searchsorted(tx, x_shown, side="right") - 1, 0, len(tx) - 1))
            self.time_hover.setText(f"{at} · {format_duration(float(tt[k]) * 3600)} from departure\n{place}")
            self.time_hover.show()
        for line in self.crosshairs:
            line.setValue(x_shown)
            line.show()
        # In the corner away from the pointer, so that it never covers the point read.
        for plot, readout in ((self.speed_plot, self.hover), (self.time_plot, self.time_hover)):
            vb = plot.getPlotItem().vb
            (x0, x1), _ = vb.viewRange()
            left = x_shown > (x0 + x1) / 2
            readout.setAnchor((0, 0) if left else (1, 0))
            readout.setPos(4 if left else vb.width() - 4, 4)
        self.hover.show()
