"""The layout's painting: each row's rail, cars, couplers and labels, from pixmaps cached per car
shape and zoom, and zoomed out whole rows cached, so that a 1,000-car train stays smooth and an
edit draws again only the rows it changed."""
from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QPixmap

from ...model import CarType, ResolvedCar
from ...render.drawings import CAR_HEIGHT_M, paint_car
from ..common import theme
from .train_layout import Placement

NAME_MIN_ZOOM = 3.0  # below this a car is too narrow for its name: the rows carry numbers only
NUMBER_MIN_ZOOM = 2.0  # below this (a train of hundreds fitted) the rows carry no labels: tooltips name the cars
CACHE_MAX_ZOOM = 16.0  # above this few cars are in view: they are painted directly, not cached
CACHE_MAX_ENTRIES = 600
ROW_CACHE_ENTRIES = 400  # whole rows: a few screens' worth
RAIL = QColor("#8a8175")
COUPLER = QColor("#222222")
MARKER = QColor(30, 110, 230)
LABEL = QColor("#333333")
LABEL_SELECTED = QColor("#1f5fbf")
NAME = QColor("#555555")

# Combined once: or-ing Qt's enum flags costs more than drawing the text, for each of hundreds of labels.
_NAME_FLAGS = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
_NUMBER_FLAGS = _NAME_FLAGS | Qt.TextFlag.TextDontClip

Drawn = dict[tuple[int, bool], tuple[QPixmap, int] | None]  # the cars' pixmaps by (id, selected), for one paint


class TrainPainter:
    """Paints rows of cars at a zoom (px per metre) and a device pixel ratio, in a palette."""

    def __init__(self, font: QFont):
        self.label_font = QFont(font)
        self.label_font.setPointSizeF(max(font.pointSizeF() - 1, 7))
        self.fm = QFontMetrics(self.label_font)
        self.zoom, self.dpr = 6.0, 1.0
        self.palette = QPalette()
        self.edge = theme.car_edge(self.palette)  # each car's outline, against the canvas of the palette
        self._pixmaps: dict[tuple, tuple[QPixmap, CarType]] = {}
        self._pixmaps_scale = (0.0, 1.0, 0)  # (zoom, device pixel ratio, edge) the cached pixmaps were drawn at
        self._rows: dict[tuple, tuple] = {}  # whole rows, zoomed out (see row_pixmap)
        self._rows_scale = (0.0, 1.0, 0)

    def set_scale(self, zoom: float, dpr: float, palette: QPalette) -> None:
        """Paint at `zoom` (px per metre) for a device of pixel ratio `dpr`, labels in `palette`'s ink."""
        self.zoom, self.dpr, self.palette = zoom, dpr, palette
        self.edge = theme.car_edge(palette)

    def label_px(self, zoom: float) -> int:
        """The room under each row: the cars' numbers, and their names when there is room for them."""
        if zoom < NUMBER_MIN_ZOOM:
            return 0
        lines = 2 if zoom >= NAME_MIN_ZOOM else 1
        return lines * self.fm.height() + 6

    def whole_rows(self) -> bool:
        """Zoomed out, thousands of cars are in view: whole rows come from a cache, so that after an
        edit only the rows it changed are drawn again (unnumbered rows depend on their cars only)."""
        return self.label_px(self.zoom) == 0 and self.zoom <= CACHE_MAX_ZOOM

    def car_pixmap(self, car: ResolvedCar, selected: bool) -> tuple[QPixmap, int] | None:
        """The car drawn at the current zoom, cached per shape; None when zoomed in too far to cache."""
        z, dpr = self.zoom, self.dpr
        if z > CACHE_MAX_ZOOM:
            return None
        if (z, dpr, self.edge.rgba()) != self._pixmaps_scale or len(self._pixmaps) > CACHE_MAX_ENTRIES:
            self._pixmaps.clear()
            self._pixmaps_scale = (z, dpr, self.edge.rgba())
        # Everything the drawing can depend on but the car's place and name. The type itself is kept
        # alive in the entry, so its id() cannot be reused by another type while the entry lives.
        key = (id(car.type), car.length_m, car.mass_kg, car.axles, car.max_speed_m_s, car.armored,
               car.gauge_change, selected)
        hit = self._pixmaps.get(key)
        pad = 4 + math.ceil(0.5 * z)
        if hit is None:
            w = math.ceil(car.length_m * z) + 2 * pad
            h = math.ceil(CAR_HEIGHT_M * z) + 2 * pad
            pix = QPixmap(math.ceil(w * dpr), math.ceil(h * dpr))
            pix.setDevicePixelRatio(dpr)
            pix.fill(Qt.GlobalColor.transparent)
            p = QPainter(pix)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.translate(pad, pad)
            paint_car(p, car, 0.0, scale=z, selected=selected, edge=self.edge)
            p.end()
            hit = (pix, car.type)
            self._pixmaps[key] = hit
        return hit[0], pad

    def paint_row(self, painter: QPainter, p: Placement, lengths: list[float], span: range, which: range,
                  cars: list[ResolvedCar], selected: set[int], dx: int, y0: int, drawn: Drawn,
                  view_width: int) -> None:
        """One row's rail, and its cars `which` with their couplers and labels; x shifted by -dx, the
        cars' top at y0; a car's label kept within `view_width` where the car is wider."""
        z = self.zoom
        names = z >= NAME_MIN_ZOOM
        label_px = self.label_px(z)
        rail_y = y0 + CAR_HEIGHT_M * z
        end = span.stop - 1
        lefts = p.x.row_slice(p.row[span.start])  # lefts[i - span.start]: car i's
        at = span.start
        painter.setPen(QPen(RAIL, 2))
        painter.drawLine(QPointF(lefts[0] * z - dx - 6, rail_y),
                         QPointF((lefts[end - at] + lengths[end]) * z - dx + 6, rail_y))
        # Zoomed out a row holds a hundred cars or more, drawn again after an edit: the loop is lean.
        coupler = QPen(COUPLER, max(z * 0.15, 1.0))
        painter.setPen(coupler)
        yc = y0 + (CAR_HEIGHT_M - 1.06) * z
        draw_pixmap, draw_line = painter.drawPixmap, painter.drawLine
        for i in which:
            car = cars[i]
            x = lefts[i - at]
            left = round(x * z) - dx
            right = round((x + lengths[i]) * z) - dx
            is_sel = i in selected
            key = (id(car), is_sel)
            cached = drawn[key] if key in drawn else drawn.setdefault(key, self.car_pixmap(car, is_sel))
            if cached is not None:
                pix, pad = cached
                draw_pixmap(left - pad, y0 - pad, pix)
            else:
                painter.save()
                painter.translate(left, y0)
                paint_car(painter, car, 0.0, scale=z, selected=is_sel, edge=self.edge)
                painter.restore()
            if i < end:  # the coupler to the next car
                draw_line(QLineF(right, yc, round(lefts[i + 1 - at] * z) - dx, yc))
            if label_px:
                lo, hi = left, right
                if hi - lo > view_width:  # a car wider than the view: keep its label in sight
                    lo, hi = max(lo, 0), min(hi, view_width)
                self._paint_label(painter, i, car.name, QRectF(lo, rail_y + 2, hi - lo, label_px - 4), is_sel, names)
                painter.setPen(coupler)

    def paint_whole_row(self, painter: QPainter, p: Placement, lengths: list[float], span: range,
                        cars: list[ResolvedCar], selected: set[int], dx: int, y0: int, drawn: Drawn) -> None:
        """An unnumbered row, drawn once into a pixmap and kept (the row's cars and selection its key)."""
        z, dpr = self.zoom, self.dpr
        if (z, dpr, self.edge.rgba()) != self._rows_scale or len(self._rows) > ROW_CACHE_ENTRIES:
            self._rows.clear()
            self._rows_scale = (z, dpr, self.edge.rgba())
        row_cars = tuple(cars[span.start:span.stop])
        # The cars themselves (their ids: the entry keeps them alive) and which are selected.
        key = (tuple(map(id, row_cars)), tuple(k for k, i in enumerate(span) if i in selected) if selected else ())
        hit = self._rows.get(key)
        if hit is None:
            pad = 4 + math.ceil(0.5 * z)
            left = -8  # the rail starts 6 px before the first car
            end = span.stop - 1
            width = math.ceil((p.x[end] + lengths[end]) * z) - left + 8
            height = math.ceil(CAR_HEIGHT_M * z) + 2 * pad + 4
            pix = QPixmap(math.ceil(width * dpr), math.ceil(height * dpr))
            pix.setDevicePixelRatio(dpr)
            pix.fill(Qt.GlobalColor.transparent)
            row_painter = QPainter(pix)
            row_painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            self.paint_row(row_painter, p, lengths, span, span, cars, selected, left, pad, drawn, 0)
            row_painter.end()
            hit = self._rows[key] = (row_cars, pix, left, pad)
        _, pix, left, top = hit
        painter.drawPixmap(QPoint(left - dx, y0 - top), pix)

    def _paint_label(self, painter: QPainter, i: int, name: str, r: QRectF, selected: bool, names: bool) -> None:
        painter.setFont(self.label_font)
        fm = self.fm
        number = str(i + 1)
        if r.width() < fm.horizontalAdvance(number) + 6 and (i + 1) % 10 and i != 0:
            return  # too narrow to number every car: the first and every tenth only
        painter.setPen(LABEL_SELECTED if selected else theme.ink(self.palette, LABEL))
        painter.drawText(r, _NUMBER_FLAGS, number)
        if names and r.width() > 40:
            painter.setPen(LABEL_SELECTED if selected else theme.ink(self.palette, NAME))
            text = fm.elidedText(name, Qt.TextElideMode.ElideRight, int(r.width()) - 2)
            painter.drawText(r.adjusted(0, fm.height(), 0, 0), _NAME_FLAGS, text)


def drop_marker_rect(p: Placement, lengths: list[float], zoom: float, offset: tuple[int, int], index: int,
                     pointer_row: int) -> QRect:
    """Where the marker of a drop at car `index` stands, the pointer over `pointer_row`, in the view's
    pixels (scrolled by `offset`): before that car, or after the last car of the row pointed at."""
    n = len(lengths)
    dx, dy = offset
    if n == 0:
        x, row = 2.0, 0
    elif index > 0 and p.row[index - 1] == pointer_row and (index == n or p.row[index] != pointer_row):
        x, row = p.x[index - 1] + lengths[index - 1] + 0.6, pointer_row  # at the end of the row pointed at
    elif index < n:
        x, row = p.x[index] - 0.6, p.row[index]
    else:
        x, row = p.x[n - 1] + lengths[n - 1] + 0.6, p.row[n - 1]
    cx = x * zoom - dx
    top = p.y(row) * zoom - dy
    return QRectF(cx - 7, top - 10, 14, CAR_HEIGHT_M * zoom + 16).toAlignedRect()


def paint_drop_marker(painter: QPainter, r: QRectF) -> None:
    """Where a drag would land: a line between two cars, a dot on top."""
    cx = r.center().x()
    painter.setPen(QPen(MARKER, 3))
    painter.drawLine(QPointF(cx, r.top() + 6), QPointF(cx, r.bottom() - 2))
    painter.setBrush(MARKER)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QPointF(cx, r.top() + 5), 4.5, 4.5)


def drag_pixmap(cars: list[ResolvedCar]) -> QPixmap | None:
    """The first few cars of a drag, small and faded, under the pointer."""
    chosen = cars[:6]
    if not chosen:
        return None
    scale = 36 / CAR_HEIGHT_M
    length = sum(c.length_m for c in chosen) + 1.0 * (len(chosen) - 1)
    scale = min(scale, 420 / length)
    pix = QPixmap(math.ceil(length * scale) + 8, math.ceil(CAR_HEIGHT_M * scale) + 8)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setOpacity(0.8)
    p.translate(4, 4)
    x = 0.0
    for c in chosen:
        paint_car(p, c, x, scale=scale, selected=True)
        x += c.length_m + 1.0
    p.end()
    return pix
