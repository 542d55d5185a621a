"""The report's figures, drawn with QPainter as vector line art: the consist, the plots, the refit timeline."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen

from ..model import ResolvedCar, Route
from ..physics.result import RefitResult, TripResult
from ..units import UnitSystem
from ..render.dimensions import CAR_HEIGHT_M, GAP_M
from ..render.drawings import paint_car
from ..render.plot_geometry import (
    BREAK_COLOR, LIMIT_COLOR, SPEED_COLOR, STATION_COLOR, UNREACHED_COLOR, gauge_color, limit_steps, step_color,
    time_line, track_label,
)
from .flow import font, metrics

LABEL_PT = 10.0
AXIS_PT = 7.5  # ticks, axis titles, legends and labels of every plot: readable at 100 % on paper
SPEED_PLOT_PT, TIME_PLOT_PT = 280.0, 200.0  # the plots' heights


def consist_rows(cars: list[ResolvedCar], metres_per_row: float) -> list[list[int]]:
    rows: list[list[int]] = []
    row: list[int] = []
    used = 0.0
    for i, c in enumerate(cars):
        if row and used + c.length_m > metres_per_row:
            rows.append(row)
            row, used = [], 0.0
        row.append(i)
        used += c.length_m + GAP_M
    if row:
        rows.append(row)
    return rows


def paint_consist_row(p: QPainter, rect: QRectF, cars: list[ResolvedCar], indices: list[int], scale: float) -> None:
    x = 0.0
    p.setFont(font(6, p))
    for i in indices:
        c = cars[i]
        p.save()
        p.translate(rect.left(), rect.top())
        paint_car(p, c, x, scale=scale)
        p.restore()
        p.setPen(QPen(QColor("#333333")))
        p.drawText(QRectF(rect.left() + x * scale, rect.top() + CAR_HEIGHT_M * scale + 1, c.length_m * scale, LABEL_PT),
                   Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, str(i + 1))
        x += c.length_m + GAP_M


class Axes:
    """A plot area with linear axes, ticks and labels."""

    def __init__(self, p: QPainter, rect: QRectF, x_range: tuple[float, float], y_range: tuple[float, float],
                 x_label: str, y_label: str, top_band: float = 0.0):
        self.p = p
        self.top_band = top_band
        self.area = rect.adjusted(38, 8 + top_band, -8, -26)  # top_band: room for the station names above
        self.x0, self.x1 = x_range
        self.y0, self.y1 = y_range
        p.setFont(font(AXIS_PT, p))  # readable at 100 % on paper
        p.setPen(QPen(QColor("#333333"), 0.6))
        p.drawRect(self.area)
        for v in _ticks(self.x0, self.x1):
            x = self.px(v, self.y0).x()
            p.drawLine(QPointF(x, self.area.bottom()), QPointF(x, self.area.bottom() + 3))
            p.drawText(QRectF(x - 25, self.area.bottom() + 3, 50, 10), Qt.AlignmentFlag.AlignHCenter, f"{v:g}")
        for v in (_ticks(self.y0, self.y1) if y_label else []):
            y = self.px(self.x0, v).y()
            p.drawLine(QPointF(self.area.left() - 3, y), QPointF(self.area.left(), y))
            p.setPen(QPen(QColor("#e2e2e2"), 0.3))
            p.drawLine(QPointF(self.area.left(), y), QPointF(self.area.right(), y))
            p.setPen(QPen(QColor("#333333"), 0.6))
            p.drawText(QRectF(self.area.left() - 36, y - 5, 32, 10), Qt.AlignmentFlag.AlignRight, f"{v:g}")
        p.drawText(QRectF(self.area.left(), self.area.bottom() + 13, self.area.width(), 10),
                   Qt.AlignmentFlag.AlignHCenter, x_label)
        p.save()
        p.translate(rect.left() + 6, self.area.center().y())
        p.rotate(-90)
        p.drawText(QRectF(-self.area.height() / 2, -6, self.area.height(), 10), Qt.AlignmentFlag.AlignHCenter, y_label)
        p.restore()

    def px(self, x: float, y: float) -> QPointF:
        fx = (x - self.x0) / (self.x1 - self.x0 or 1)
        fy = (y - self.y0) / (self.y1 - self.y0 or 1)
        return QPointF(self.area.left() + fx * self.area.width(), self.area.bottom() - fy * self.area.height())

    def line(self, xs: np.ndarray, ys: np.ndarray, color: str, width: float = 1.0, dashed: bool = False) -> None:
        if len(xs) < 2:
            return
        path = QPainterPath(self.px(xs[0], ys[0]))
        for x, y in zip(xs[1:], ys[1:]):
            path.lineTo(self.px(x, y))
        pen = QPen(QColor(color), width)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        self.p.setPen(pen)
        self.p.setBrush(Qt.BrushStyle.NoBrush)
        self.p.drawPath(path)


def _ticks(lo: float, hi: float, n: int = 6) -> list[float]:
    span = hi - lo
    if span <= 0:
        return [lo]
    raw = span / n
    mag = 10 ** np.floor(np.log10(raw))
    step = min((m * mag for m in (1, 2, 5, 10) if m * mag >= raw), default=raw)
    first = np.ceil(lo / step) * step
    return [round(v, 10) for v in np.arange(first, hi + step * 0.001, step)]


def _stations(ax: Axes, route: Route, u: UnitSystem, labels: bool) -> None:
    gauges = route.gauge_by_section()
    for sec, g in zip(route.sections, gauges):
        a, b = ax.px(u.distance(sec.start_m), ax.y1), ax.px(u.distance(sec.end_m), ax.y0)
        ax.p.fillRect(QRectF(a, b), QColor(*gauge_color(g)))
    _gauge_names(ax, route, u)
    breaks = {b.station for b in route.breaks_of_gauge}
    for s in route.stations:
        top, bottom = ax.px(u.distance(s.position_m), ax.y1), ax.px(u.distance(s.position_m), ax.y0)
        brk = s.name in breaks
        pen = QPen(QColor(BREAK_COLOR if brk else STATION_COLOR), 1.0 if brk else 0.4)
        if not brk:
            pen.setStyle(Qt.PenStyle.DotLine)
        ax.p.setPen(pen)
        ax.p.drawLine(top, bottom)
    if labels:
        _station_names(ax, route, u, breaks)


def _gauge_names(ax: Axes, route: Route, u: UnitSystem) -> None:
    """Each run of sections of one gauge named inside its band, at the foot ("1435 mm"): the bands
    read in greyscale too, where their tints look alike."""
    runs: list[tuple[float, float, int]] = []  # (start, end, gauge)
    for sec, g in zip(route.sections, route.gauge_by_section()):
        if runs and runs[-1][2] == g:
            runs[-1] = (runs[-1][0], sec.end_m, g)
        else:
            runs.append((sec.start_m, sec.end_m, g))
    m = metrics(font(AXIS_PT - 1))
    ax.p.save()
    ax.p.setFont(font(AXIS_PT - 1, ax.p))
    ax.p.setPen(QColor("#555555"))
    for start, end, gauge in runs:
        a, b = ax.px(u.distance(start), ax.y0), ax.px(u.distance(end), ax.y0)
        text = f"{gauge} mm"
        if b.x() - a.x() > m.horizontalAdvance(text) + 6:
            ax.p.drawText(QRectF(a.x(), a.y() - 11, b.x() - a.x(), 10), Qt.AlignmentFlag.AlignCenter, text)
    ax.p.restore()


def _unreached(ax: Axes, result: TripResult, route: Route, u: UnitSystem) -> None:
    """The part of the route a trip that stops never reaches, hatched as the window hatches it."""
    if result.feasible or result.reached_m >= route.length_m:
        return
    a, b = ax.px(u.distance(result.reached_m), ax.y1), ax.px(u.distance(route.length_m), ax.y0)
    ax.p.fillRect(QRectF(a, b), QColor("white"))
    ax.p.fillRect(QRectF(a, b), QBrush(QColor(*UNREACHED_COLOR[:3]), Qt.BrushStyle.BDiagPattern))
    ax.p.save()
    ax.p.setFont(font(AXIS_PT, ax.p, bold=True))
    ax.p.setPen(QColor("#444444"))
    ax.p.drawText(QRectF(a.x(), a.y() + 4, b.x() - a.x(), 12), Qt.AlignmentFlag.AlignHCenter, "not reached")
    ax.p.restore()


LEGEND_PT = 14.0  # the key under a plot


def _in_rows(widths: list[float], width: float, start: float) -> list[list[int]]:
    """Items of the given widths (indices) laid in rows left to right, a row `start` in, each row as
    many as fit `width` (one at least)."""
    rows: list[list[int]] = [[]]
    used = start
    for k, w in enumerate(widths):
        if rows[-1] and used + w > width:
            rows.append([])
            used = start
        rows[-1].append(k)
        used += w
    return rows


def _key_rows(entries: list[tuple[str, object]], width: float) -> list[list[tuple[str, object]]]:
    m = metrics(font(AXIS_PT))
    rows = _in_rows([20 + m.horizontalAdvance(e[0]) + 14 for e in entries], width, start=38.0)
    return [[entries[k] for k in row] for row in rows]


def _key_height(entries: list[tuple[str, object]], width: float) -> float:
    return LEGEND_PT * len(_key_rows(entries, width))


def _key(p: QPainter, rect: QRectF, entries: list[tuple[str, object]]) -> None:
    """A key in rows along the foot of `rect` (as many as it needs, _key_height): each entry's sample
    (a pen drawn as a short line, a colour or brush as a swatch) and its name."""
    rows = _key_rows(entries, rect.width())
    for k, row in enumerate(rows):
        _key_row(p, rect.left() + 38, rect.bottom() - LEGEND_PT * (len(rows) - k) + 3, row)


def _key_row(p: QPainter, x: float, y: float, entries: list[tuple[str, object]]) -> None:
    m = metrics(font(AXIS_PT))
    p.save()
    p.setFont(font(AXIS_PT, p))
    for name, sample in entries:
        if isinstance(sample, QPen):
            p.setPen(sample)
            p.drawLine(QPointF(x, y + 5), QPointF(x + 16, y + 5))
        else:
            p.fillRect(QRectF(x, y + 1, 16, 8), QColor("white"))
            p.fillRect(QRectF(x, y + 1, 16, 8), sample)
            p.setPen(QPen(QColor("#888888"), 0.3))
            p.drawRect(QRectF(x, y + 1, 16, 8))
        p.setPen(QColor("#333333"))
        p.drawText(QPointF(x + 20, y + 8), name)
        x += 20 + m.horizontalAdvance(name) + 14
    p.restore()


def _plot_key(route: Route, result: TripResult, lines: list[tuple[str, QPen]]) -> list[tuple[str, object]]:
    gauges = list(dict.fromkeys(route.gauge_by_section()))
    entries: list[tuple[str, object]] = list(lines)
    entries += [(f"{g} mm gauge", QColor(*gauge_color(g))) for g in gauges]
    if route.breaks_of_gauge:
        entries.append(("break of gauge", QPen(QColor(BREAK_COLOR), 1.0)))
    if not result.feasible and result.reached_m < route.length_m:
        entries.append(("not reached", QBrush(QColor(*UNREACHED_COLOR[:3]), Qt.BrushStyle.BDiagPattern)))
    return entries


LABEL_GAP_PT = 8.5  # names closer than this would overlap: the later one is left out (a break's never)


def station_labels(xs: list[float], is_break: list[bool]) -> list[int]:
    """The stations (indices) whose names fit side by side, rotated, at positions `xs` (points, rising):
    a name closer than LABEL_GAP_PT to the last one kept is left out, unless it is a break of gauge's,
    which takes the place of the last one kept (if that is not a break's too)."""
    kept: list[int] = []
    for i, x in enumerate(xs):
        if not kept or x - xs[kept[-1]] >= LABEL_GAP_PT:
            kept.append(i)
        elif is_break[i] and not is_break[kept[-1]]:
            kept[-1] = i
    return kept


def unnamed_stations(route: Route, width: float) -> list[str]:
    """The stations the speed plot `width` points wide leaves unnamed for want of room (the plot's
    area: `width` less its margins, as Axes lays it out)."""
    area = width - 38 - 8
    xs = [38 + area * s.position_m / (route.length_m or 1) for s in route.stations]
    breaks = {b.station for b in route.breaks_of_gauge}
    kept = set(station_labels(xs, [s.name in breaks for s in route.stations]))
    return [s.name for k, s in enumerate(route.stations) if k not in kept]


def _station_names(ax: Axes, route: Route, u: UnitSystem, breaks: set[str]) -> None:
    """The names in the band above the plot, reading upward, none over another or over the curve."""
    stations = route.stations
    xs = [ax.px(u.distance(s.position_m), ax.y1).x() for s in stations]
    is_break = [s.name in breaks for s in stations]
    room = ax.top_band - 4
    for i in station_labels(xs, is_break):
        text = metrics(font(7, bold=is_break[i])).elidedText(stations[i].name, Qt.TextElideMode.ElideRight, room)
        ax.p.save()
        ax.p.setFont(font(7, ax.p, bold=is_break[i]))
        ax.p.translate(xs[i] + 2.5, ax.area.top() - 2)
        ax.p.rotate(-90)
        ax.p.setPen(QColor(BREAK_COLOR if is_break[i] else "#444444"))
        ax.p.drawText(QPointF(0, 0), text)
        ax.p.restore()


SPEED_PLOT_NAMES_PT = 52.0  # the band above the speed plot for the station names


def paint_speed_plot(p: QPainter, rect: QRectF, result: TripResult, route: Route, u: UnitSystem) -> None:
    """The speed along the route, the limit in force over it (dashed, drawn last: where the train
    runs at the limit, the dashes show on the line), the gauges, the breaks; its key under it."""
    prof = result.profile
    x = u.distance(prof.distance_m)
    limits = u.speed(prof.limit_m_s)
    shown_limit = limits[np.isfinite(limits)] if len(limits) else limits
    top = max(float(shown_limit.max(initial=0)), float(u.speed(prof.speed_m_s).max(initial=0)), 1.0) * 1.2
    dashed = QPen(QColor(LIMIT_COLOR), 1.0)
    dashed.setStyle(Qt.PenStyle.DashLine)
    key = _plot_key(route, result, [("speed", QPen(QColor(SPEED_COLOR), 1.4)), ("limit in force", dashed)])
    ax = Axes(p, rect.adjusted(0, 0, 0, -_key_height(key, rect.width())), (0, u.distance(route.length_m)), (0, top),
              f"distance ({u.distance_unit})", f"speed ({u.speed_unit})", top_band=SPEED_PLOT_NAMES_PT)
    _stations(ax, route, u, labels=True)
    _unreached(ax, result, route, u)
    ax.line(x, u.speed(prof.speed_m_s), SPEED_COLOR, 1.4)
    ax.line(*limit_steps(x, limits), LIMIT_COLOR, 1.0, dashed=True)
    _key(p, rect, key)


def paint_time_plot(p: QPainter, rect: QRectF, result: TripResult, route: Route, u: UnitSystem) -> None:
    xs, ts = time_line(result, route)
    key = _plot_key(route, result, [("time since departure", QPen(QColor(SPEED_COLOR), 1.2))])
    ax = Axes(p, rect.adjusted(0, 0, 0, -_key_height(key, rect.width())), (0, u.distance(route.length_m)),
              (0, max(ts.max(initial=0) / 3600 * 1.05, 1)), f"distance ({u.distance_unit})", "time (h)")
    _stations(ax, route, u, labels=False)
    _unreached(ax, result, route, u)
    ax.line(u.distance(xs), ts / 3600, SPEED_COLOR, 1.2)
    _key(p, rect, key)


TRACK_ROW_PT = 16.0
LEGEND_ROW_PT = 13.0


def _legend_rows(names: list[str], width: float) -> list[list[int]]:
    """The legend's entries (indices) in rows that fit `width`: a swatch, the name, a gap."""
    m = metrics(font(AXIS_PT))
    return _in_rows([14 + m.horizontalAdvance(n) + 12 for n in names], width, start=0.0)


def _steps(refit: RefitResult) -> list[str]:
    steps: list[str] = []
    for b in refit.timeline:
        if b.step not in steps:
            steps.append(b.step)
    return steps


def timeline_height(refit: RefitResult, width: float = 511.0) -> float:
    """The height of the refit's timeline: a row per track, the axis, the legend's rows under it."""
    tracks = len({b.track for b in refit.timeline})
    return 6 + TRACK_ROW_PT * tracks + 36 + LEGEND_ROW_PT * len(_legend_rows(_steps(refit), width))


TIMELINE_HOURS_FROM_S = 86_400.0  # a refit longer than a day is drawn against hours


def paint_timeline(p: QPainter, rect: QRectF, refit: RefitResult) -> None:
    """Each track's bars in time, a step's colour the same on every track, the legend under the axis."""
    tracks = sorted({b.track for b in refit.timeline}, key=lambda t: (t < 0, t))  # the whole train's last
    rows = {t: k for k, t in enumerate(tracks)}
    steps = _steps(refit)
    # Minutes ("0.2 hours" reads badly), hours for a refit of over a day ("30000" minutes reads worse).
    scale, unit = (3600.0, "hours") if refit.duration_s > TIMELINE_HOURS_FROM_S else (60.0, "minutes")
    end = max((b.end_s for b in refit.timeline), default=60.0) / scale
    label_w = max(metrics(font(AXIS_PT)).horizontalAdvance(track_label(t)) for t in tracks) + 8
    legend = _legend_rows(steps, rect.width())
    plot = QRectF(rect.left() + label_w - 38, rect.top() - 2, rect.width() - label_w + 38,
                  6 + TRACK_ROW_PT * len(tracks) + 30 + 4)
    # Axes keeps 38 pt left for tick labels (none here: the track names are there) and 26 under the area.
    ax = Axes(p, plot, (0, end), (len(tracks) - 0.5, -0.5), f"{unit} from arrival at the break of gauge", "")
    p.setFont(font(AXIS_PT, p))
    for t in tracks:
        y = ax.px(0, rows[t]).y()
        p.setPen(QColor("#333333"))
        p.drawText(QRectF(rect.left(), y - 6, label_w - 8, 12), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                   track_label(t))
    drawn_to: dict[int, float] = {}  # each track's right end drawn so far, in points
    for b in refit.timeline:
        color = QColor(step_color(steps.index(b.step)))
        a = ax.px(b.start_s / scale, rows[b.track] - 0.32)
        c = ax.px(b.end_s / scale, rows[b.track] + 0.32)
        if c.x() < drawn_to.get(b.track, -1.0) + 0.25:
            continue  # thinner than a quarter point past the last drawn: 12,000 cuts paint as 2,000 bars
        drawn_to[b.track] = c.x()
        bar = QRectF(a, QPointF(max(c.x(), a.x() + 0.8), c.y())).normalized()  # a short step still shows
        p.fillRect(bar, color)
        p.fillRect(bar, _step_pattern(steps.index(b.step)))
        if c.x() - a.x() > 2:  # a hairline between bars that touch, unless it would hide a thin bar
            p.setPen(QPen(QColor("white"), 0.4))
            p.drawLine(QPointF(a.x(), a.y()), QPointF(a.x(), c.y()))
    m = metrics(font(AXIS_PT))
    y = plot.bottom() + 2
    for row in legend:  # under the axis, outside the data
        x = rect.left()
        for k in row:
            p.fillRect(QRectF(x, y + 2, 9, 8), QColor(step_color(k)))
            p.fillRect(QRectF(x, y + 2, 9, 8), _step_pattern(k))
            p.setPen(QColor("#333333"))
            p.drawText(QRectF(x + 13, y, m.horizontalAdvance(steps[k]) + 4, 12),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, steps[k])
            x += 14 + m.horizontalAdvance(steps[k]) + 12
        y += LEGEND_ROW_PT


_PATTERNS = (Qt.BrushStyle.NoBrush, Qt.BrushStyle.BDiagPattern, Qt.BrushStyle.Dense6Pattern,
             Qt.BrushStyle.HorPattern, Qt.BrushStyle.FDiagPattern, Qt.BrushStyle.CrossPattern,
             Qt.BrushStyle.VerPattern, Qt.BrushStyle.DiagCrossPattern)


def _step_pattern(k: int) -> QBrush:
    """A step's pattern over its colour: steps stay apart in greyscale, where their colours may not."""
    return QBrush(QColor(255, 255, 255, 170), _PATTERNS[k % len(_PATTERNS)])
