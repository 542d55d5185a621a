"""The plots under the layout: speed and time against distance, and each refit as a timeline."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..model import Route
from ..physics import TripResult
from ..render.plot_geometry import (
    BREAK_COLOR, LIMIT_COLOR, SPEED_COLOR, STATION_COLOR, gauge_color, limit_steps, step_color, time_line, track_label,
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
        self.hover = pg.TextItem(anchor=(0, 1), color="k", fill=pg.mkBrush(255, 255, 255, 220))
        self.speed_plot.addItem(self.hover, ignoreBounds=True)
        self.hover.hide()
        self._decor: list = []
        self._decor_key: tuple | None = None
        self._legend = self.refit_plot.addLegend(offset=(-10, 10))
        self._bars: list = []
        self._timeline_stale = True  # drawn when its tab is shown: a long train's has thousands of bars
        self._highlight = None
        self.speed_plot.scene().sigMouseMoved.connect(self._hovered)
        self.tabs.currentChanged.connect(lambda _i: self._refresh_timeline())
        computer.result_ready.connect(self.show_result)
        preferences.units_changed.connect(self._redraw)
        if computer.result is not None:
            self.show_result(computer.result)

    def _redraw(self) -> None:
        if self.computer.result is not None:
            self.show_result(self.computer.result)

    def show_result(self, r: TripResult) -> None:
        route = self.computer.holder.route
        u = self.preferences.units
        key = (route, u)
        if key != self._decor_key:  # stations and gauge bands change only with the route or the units
            for plot, item in self._decor:
                plot.removeItem(item)
            self._decor.clear()
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
                                       labelOpts={"position": 0.92, "color": (60, 60, 60), "rotateAxis": (1, 0)})
                self._add(plot, line)

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

    def _hovered(self, pos) -> None:
        r, route = self.computer.result, self.computer.holder.route
        vb = self.speed_plot.getPlotItem().vb
        if r is None or route is None or not self.speed_plot.sceneBoundingRect().contains(pos) or not len(r.profile.distance_m):
            self.hover.hide()
            return
        u = self.preferences.units
        x_m = u.distance_to_si(vb.mapSceneToView(pos).x())
        p = r.profile
        i = int(np.clip(np.searchsorted(p.distance_m, x_m), 0, len(p.distance_m) - 1))
        sec = next((k for k, s in enumerate(route.sections) if s.start_m <= x_m <= s.end_m), None)
        near = min(route.stations, key=lambda s: abs(s.position_m - x_m))
        where = route.section_label(sec) if sec is not None else ""
        self.hover.setText(f"{u.distance(p.distance_m[i]):,.1f} {u.distance_unit} · {u.speed(p.speed_m_s[i]):.0f} "
                           f"{u.speed_unit} · {format_duration(p.time_s[i])} running\n{where} · near {near.name}")
        self.hover.setPos(u.distance(p.distance_m[i]), u.speed(p.speed_m_s[i]))
        self.hover.show()
