"""The Train graph tab: a time–distance (Marey) chart with the clock on its time axis.

Distance runs across, as on the speed plot, so that the two share the crosshair; time runs up,
told by the clock of the departure's zone or by UTC (the user's choice). The night is shaded
from 20:00 to 06:00 by the local clock of each stretch of the route (a fixed rule, not sunset
and sunrise: NIGHT_RULE says why), each change of zone is marked, a stop is a vertical run of the train's line, the
range's 90 % band lies behind it, and a pinned baseline is a second train with its own departure.
"""
from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QComboBox, QGraphicsRectItem, QHBoxLayout, QVBoxLayout, QWidget

from ..common import plain
from ...model import Document, Route
from ...model.clock import zone
from ...physics import TripResult
from ...physics.bands import TripBands
from ...physics.timetable import (NIGHT, departure_moment, nights, station_zones, train_path, utc_offset_text,
                                 zone_changes)
from ...render.plot_geometry import BAND_COLOR, BAND_EDGE_COLOR, BASELINE_COLOR, SPEED_COLOR
from ...units import UnitSystem
from . import plot_items
from .station_marks import Station, StationMarks

NIGHT_COLOR = (40, 50, 90, 38)
# Shown as the note's tooltip, and the README says the same.
NIGHT_RULE = (f"Night is shaded from {NIGHT[0]:02d}:00 to {NIGHT[1]:02d}:00 by the local clock: a fixed rule, not "
              "sunset to sunrise, which differ from it by hours (at Moscow the sun sets near 16:00 and rises near "
              "09:00 in midwinter, sets near 21:15 and rises near 03:45 in midsummer). No figure of the trip depends on "
              "the shading: it only shows roughly when the train runs in the dark, and sunset and sunrise at each "
              "place and date would need solar-position formulas that the standard library does not have, with "
              "tests of their own. So the fixed rule, said as such.")
ZONE_COLOR = (150, 90, 20)
_HOUR = 3600.0
_STEPS_H = (0.5, 1, 2, 3, 6, 12, 24, 48, 96, 168)


class ClockAxis(pg.AxisItem):
    """Seconds since the epoch, told as the clock of one zone: ticks on its whole hours, the date at
    its midnights."""

    def __init__(self, orientation: str = "left"):
        super().__init__(orientation)
        self.zone_key = "UTC"

    def tell_in(self, zone_key: str) -> None:
        """Tell the clock of `zone_key` from now on: the tick labels drawn again."""
        self.zone_key = zone_key
        self.picture = None
        self.update()

    def tickValues(self, minVal: float, maxVal: float, size: float):  # noqa: N802 - pyqtgraph's name
        if not (math.isfinite(minVal) and math.isfinite(maxVal)) or maxVal <= minVal or size <= 0:
            return []
        span_h = (maxVal - minVal) / _HOUR
        wanted = max(size / 40.0, 2.0)  # a tick every 40 pixels or so
        step = next((s for s in _STEPS_H if span_h / s <= wanted), _STEPS_H[-1]) * _HOUR
        try:
            offset = (datetime.fromtimestamp(minVal, timezone.utc).astimezone(zone(self.zone_key)).utcoffset()
                      or timedelta(0)).total_seconds()
        except (OverflowError, OSError, ValueError):
            return []
        first = math.ceil((minVal + offset) / step) * step - offset
        values = np.arange(first, maxVal, step)
        return [(step, values.tolist())] if len(values) < 500 else []

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph's name
        tz = zone(self.zone_key)
        out = []
        for v in values:
            try:
                t = datetime.fromtimestamp(v, timezone.utc).astimezone(tz)
            except (OverflowError, OSError, ValueError):
                out.append("")
                continue
            out.append(f"{t:%a %d %b}" if (t.hour, t.minute) == (0, 0) or spacing >= 24 * _HOUR else f"{t:%H:%M}")
        return out


class TrainGraph(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(plain.label("Clock"))
        self.clock_box = QComboBox()
        self.clock_box.setToolTip("Tell the time axis by the departure's zone or by UTC")
        row.addWidget(self.clock_box)
        self.note = plain.label()
        self.note.setWordWrap(True)
        self.note.setToolTip(NIGHT_RULE)
        row.addWidget(self.note, 1)
        lay.addLayout(row)
        self.axis = ClockAxis("left")
        self.axis.enableAutoSIPrefix(False)  # clock times, not a quantity to scale by 10⁹
        self.plot = pg.PlotWidget(axisItems={"left": self.axis})
        lay.addWidget(self.plot, 1)
        # Above the plot area, in room of its own, as the speed plot's: inside it, it lay over the stations'
        # names (and its white box under a dark theme's light text hid the text).
        self.legend = plot_items.legend_above(self.plot, 3)
        self.band_edges = [pg.PlotCurveItem(pen=pg.mkPen(BAND_EDGE_COLOR, width=1)) for _ in range(2)]
        self.band = pg.FillBetweenItem(*self.band_edges, brush=pg.mkBrush(*BAND_COLOR))
        for item in (*self.band_edges, self.band):
            item.setZValue(-2)
            self.plot.addItem(item)
        self.train = self.plot.plot(pen=pg.mkPen(SPEED_COLOR, width=2))
        self.baseline = self.plot.plot(pen=pg.mkPen(BASELINE_COLOR, width=2, style=Qt.PenStyle.DashLine))
        self.baseline.setZValue(-1)
        self._decor: list = []
        self._zone_key = "UTC"
        # The train at the pointer's distance, by the local clock there: in the plot area's corner.
        self.readout = pg.TextItem(anchor=(1, 0), color="k", fill=pg.mkBrush(255, 255, 255, 220))
        self.readout.setParentItem(self.plot.getPlotItem().vb)
        self.readout.setZValue(20)
        self.readout.hide()
        self._path: tuple[np.ndarray, np.ndarray, float, list[tuple[float, str]]] | None = None
        self._unit = "km"
        self.plot.scene().sigMouseMoved.connect(self._hovered)
        self.clock_box.currentIndexChanged.connect(lambda _i: self._set_clock())
        self.nights: list[QGraphicsRectItem] = []
        self.zone_lines: list[pg.InfiniteLine] = []

    @property
    def clock_zone(self) -> str:
        """The zone the time axis is told in."""
        return self.axis.zone_key

    def _set_clock(self) -> None:
        self.axis.tell_in(self.clock_box.currentData() or "UTC")
        self.plot.setLabel("left", self.axis.zone_key)

    def show_trip(self, result: TripResult | None, document: Document, route: Route | None, bands: TripBands | None,
                  units: UnitSystem, baseline: tuple[TripResult, Route, Document] | None = None) -> None:
        for item in self._decor:
            self.plot.removeItem(item)
        self._decor.clear()
        self.nights.clear()
        self.zone_lines.clear()
        for curve in (self.train, self.baseline, *self.band_edges):
            curve.setData([], [])
        # A new key each time: a cleared one keeps its grid's rows, and each redraw began a row lower.
        self.plot.scene().removeItem(self.legend)
        self.legend = plot_items.legend_above(self.plot, 3)
        self._path = None
        self.readout.hide()
        if result is None or route is None:
            self.note.setText("No trip to draw.")
            return
        start, key = departure_moment(document, route)
        epoch = start.timestamp()
        self._choose_clock(key)
        x, t = train_path(result)
        self.train.setData(units.distance(x), epoch + t)
        zones = station_zones(route, key)
        self._path = (units.distance(x), t, epoch, [(units.distance(s.position_m), zones[s.name]) for s in route.stations])
        self._unit = units.distance_unit
        # The key on one row where it can: the plot area keeps the height the stations' names need.
        self.legend.addItem(self.train, f"this trip, departs {start:%d %b %H:%M}")
        top = epoch + (float(t[-1]) if len(t) else 0.0)
        if baseline is not None:
            b_result, b_route, b_doc = baseline
            b_start, b_key = departure_moment(b_doc, b_route)
            bx, bt = train_path(b_result)
            self.baseline.setData(units.distance(bx), b_start.timestamp() + bt)
            self.legend.addItem(self.baseline, f"baseline, departs {b_start:%d %b %H:%M}"
                                               + (f" {b_key}" if b_key != key else ""))
            if len(bt):
                top = max(top, b_start.timestamp() + float(bt[-1]))
        if bands is not None and bands.reached > 0 and float(bands.grid.distance_m[-1]) == route.length_m:
            n = bands.reached
            bx_ = units.distance(bands.grid.distance_m[:n])
            for edge, values in zip(self.band_edges, bands.elapsed_s):
                edge.setData(bx_, epoch + values[:n].astype(float))
            top = max(top, epoch + float(np.nanmax(bands.elapsed_s[1][:n])))
            swatch = pg.BarGraphItem(x=[], height=[], width=1, brush=pg.mkBrush(*BAND_COLOR), pen=pg.mkPen(None))
            self.legend.addItem(swatch, "90 % band")
        end = datetime.fromtimestamp(top, timezone.utc) + timedelta(hours=2)
        self._draw_nights(route, key, start - timedelta(hours=2), end, units)
        self._draw_zone_changes(route, key, result, epoch, units)
        breaks = {b.station for b in route.breaks_of_gauge}
        marks = StationMarks([Station(units.distance(s.position_m), s.name, s.name in breaks) for s in route.stations])
        self._add(marks, ignore_bounds=True)
        self.plot.setLabel("bottom", f"distance ({units.distance_unit})")
        self.plot.setXRange(0, units.distance(route.length_m), padding=0.02)
        self.plot.setYRange(epoch - _HOUR, top + _HOUR, padding=0)
        missing = [s.name for s in route.stations if s.time_zone is None]
        plot_items.room_for_legend(self.plot, self.legend)
        self.note.setText(f"Night shaded {NIGHT[0]:02d}:00–{NIGHT[1]:02d}:00 by the local clock (not sunset to "
                          "sunrise)." + (f" The route gives no time zone for {len(missing)} of its stations: "
                                         f"see the Timetable tab." if missing else ""))

    def _hovered(self, pos) -> None:
        vb = self.plot.getPlotItem().vb
        if self._path is None or not vb.sceneBoundingRect().contains(pos):
            self.readout.hide()
            return
        self.read_at(vb.mapSceneToView(pos).x())

    def read_at(self, x_shown: float) -> None:
        """The clock time the train passes `x_shown` (in the units shown), by the local clock there and
        by the axis's; a stop's departure where the pointer is on a stop."""
        assert self._path is not None
        x, t, epoch, stations = self._path
        if not len(x) or not 0 <= x_shown <= x[-1]:
            self.readout.hide()
            return
        k = int(np.searchsorted(x, x_shown, side="right")) - 1  # the last point at or before it
        elapsed = float(t[k]) if k + 1 >= len(x) or x[k + 1] == x[k] else float(
            t[k] + (t[k + 1] - t[k]) * (x_shown - x[k]) / (x[k + 1] - x[k]))
        at = datetime.fromtimestamp(epoch + elapsed, timezone.utc)
        local_key = next((z for sx, z in reversed(stations) if sx <= x_shown), stations[0][1])
        local = at.astimezone(zone(local_key))
        axis = at.astimezone(zone(self.axis.zone_key))
        said = f"{self._unit} {x_shown:,.1f} · {local:%a %d %b %H:%M} {local_key} ({utc_offset_text(local)})"
        if self.axis.zone_key != local_key:
            said += f"\n{axis:%a %d %b %H:%M} {self.axis.zone_key}"
        self.readout.setText(said)
        self.readout.setPos(self.plot.getPlotItem().vb.width() - 4, 4)
        self.readout.show()

    def _choose_clock(self, key: str) -> None:
        keep_utc = self.clock_box.currentData() == "UTC" and self.clock_box.count() > 0
        self.clock_box.blockSignals(True)
        self.clock_box.clear()
        self.clock_box.addItem(f"Departure's zone ({key})", key)
        self.clock_box.addItem("UTC", "UTC")
        self.clock_box.setCurrentIndex(1 if keep_utc else 0)
        self.clock_box.blockSignals(False)
        self._set_clock()

    def _draw_nights(self, route: Route, key: str, start: datetime, end: datetime, units: UnitSystem) -> None:
        for x0, x1, dusk, dawn in nights(route, key, start, end):
            rect = QGraphicsRectItem(QRectF(units.distance(x0), dusk.timestamp(), units.distance(x1 - x0),
                                            (dawn - dusk).total_seconds()))
            rect.setPen(pg.mkPen(None))
            rect.setBrush(pg.mkBrush(*NIGHT_COLOR))
            rect.setZValue(-10)
            self._add(rect, ignore_bounds=True)
            self.nights.append(rect)
        if self.nights:
            swatch = pg.BarGraphItem(x=[], height=[], width=1, brush=pg.mkBrush(*NIGHT_COLOR), pen=pg.mkPen(None))
            self.legend.addItem(swatch, f"night, {NIGHT[0]:02d}:00–{NIGHT[1]:02d}:00 local (fixed hours)")

    def _draw_zone_changes(self, route: Route, key: str, result: TripResult, epoch: float, units: UnitSystem) -> None:
        arrivals = {s.position_m: s.arrival_s for s in result.stops}
        for x, before, after in zone_changes(route, key):
            when = datetime.fromtimestamp(epoch + arrivals.get(x, 0.0), timezone.utc)
            # Across the top, left of the line: up the line it lay under the station's own name (the names
            # rise from the bottom). The zones' names are in the timetable.
            text = f"{utc_offset_text(when.astimezone(zone(before)))} → {utc_offset_text(when.astimezone(zone(after)))}"
            line = pg.InfiniteLine(pos=units.distance(x), angle=90, movable=False,
                                   pen=pg.mkPen(ZONE_COLOR, width=1.5, style=Qt.PenStyle.DashDotLine),
                                   label=text, labelOpts={"position": 1.0, "color": ZONE_COLOR,
                                                          "anchors": [(1, 0), (1, 0)]})
            self._add(line, ignore_bounds=True)
            self.zone_lines.append(line)

    def _add(self, item, ignore_bounds: bool = False) -> None:
        self.plot.addItem(item, ignoreBounds=ignore_bounds)
        self._decor.append(item)
