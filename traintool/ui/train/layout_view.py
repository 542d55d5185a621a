"""The layout view: the consist drawn car by car, wrapped into rows, edited by hand.

A scroll area that paints only the cars in the exposed region, from pixmaps cached per car shape
and zoom, so a 1,000-car train stays smooth. Click, Ctrl+click, Shift+click and a rubber band
select; dragging the selection moves it (a marker shows where it will land); car types dropped
from the catalogue are inserted where they fall.
"""
from __future__ import annotations

import bisect
import json
import math
import os
from operator import attrgetter

from PySide6.QtCore import QEvent, QLineF, QMimeData, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDrag, QFont, QFontMetrics, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QMenu, QRubberBand, QToolTip

from ...model import CarType, ResolvedCar, edits
from ...text import escaped as escape
from ..common import theme
from ..common.document_holder import DocumentHolder
from ...render.drawings import CAR_HEIGHT_M, paint_car
from .mime import CAR_TYPES_MIME, MOVE_MIME
from .train_layout import GAP_M, Placement, place
from ...units import UnitSystem, car_length_text, car_mass_text

MIN_ZOOM, MAX_ZOOM = 0.5, 80.0  # px per metre
FIT_MAX_ZOOM = 30.0  # a short train is not blown up beyond this by "fit"
NAME_MIN_ZOOM = 3.0  # below this a car is too narrow for its name: the rows carry numbers only
NUMBER_MIN_ZOOM = 2.0  # below this (a train of hundreds fitted) the rows carry no labels: tooltips name the cars
CACHE_MAX_ZOOM = 16.0  # above this few cars are in view: they are painted directly, not cached
CACHE_MAX_ENTRIES = 600
FOCUS_RING_PX = 2
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


class LayoutView(QAbstractScrollArea):
    open_file_requested = Signal(str)
    zoom_changed = Signal(float)
    visible_cars_changed = Signal(int, int)  # first, last index in view

    def __init__(self, holder: DocumentHolder, parent=None):
        super().__init__(parent)
        self.holder = holder
        self.units = UnitSystem.METRIC  # of the cars' tooltips: the window sets the one View > Units chose
        self._zoom = 6.0
        self._placement: Placement | None = None
        self._placed_for = (0.0, 0.0)  # the row width and height (m) the placement was made for
        self._lengths: list[float] = []
        self._anchor: int | None = None
        self._press: QPoint | None = None
        self._press_car: int | None = None
        self._band: QRubberBand | None = None
        self._drop: tuple[int, int] | None = None  # (insertion index, row the pointer is over) of a drag
        self._fitted = True  # "fit whole train" holds (through resizes, and edits that overflow) until the user zooms
        self._pixmaps: dict[tuple, tuple[QPixmap, CarType]] = {}
        self._pixmaps_scale = (0.0, 1.0)  # (zoom, device pixel ratio) the cached pixmaps were drawn at
        self._rows: dict[tuple, tuple] = {}  # whole rows, zoomed out (see _row_pixmap)
        self._rows_scale = (0.0, 1.0)
        self._zoom_focus: tuple[QPointF, int, float, float] | None = None  # the car a run of zoom steps follows
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(QSize(300, 150))
        self._label_font = QFont(self.font())
        self._label_font.setPointSizeF(max(self.font().pointSizeF() - 1, 7))
        self._fm = QFontMetrics(self._label_font)
        holder.edited.connect(self._document_edited)
        holder.selection_changed.connect(self.viewport().update)
        self.verticalScrollBar().valueChanged.connect(self._emit_visible)
        self.horizontalScrollBar().valueChanged.connect(self._emit_visible)

    # --- geometry ---------------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self._zoom

    @property
    def placement(self) -> Placement:
        if self._placement is None:
            self._relayout()
        assert self._placement is not None
        return self._placement

    def _label_px(self, zoom: float) -> int:
        """The room under each row: the cars' numbers, and their names when there is room for them."""
        if zoom < NUMBER_MIN_ZOOM:
            return 0
        lines = 2 if zoom >= NAME_MIN_ZOOM else 1
        return lines * self._fm.height() + 6

    def _row_height_m(self, zoom: float) -> float:
        return CAR_HEIGHT_M + (self._label_px(zoom) + 4) / zoom + 1.0

    def _relayout(self, same: int = 0) -> None:
        """Wrap the train into rows; after an edit that left the first `same` cars as they were, from the old rows."""
        lengths = self.holder.car_lengths()
        width_m = max(self.viewport().width(), 50) / self._zoom
        row_height = self._row_height_m(self._zoom)
        old = self._placement if self._placed_for == (width_m, row_height) else None
        self._placement = place(lengths, width_m, row_height, old, same)
        self._placed_for = (width_m, row_height)
        self._lengths = lengths
        vp = self.viewport()
        vsb, hsb = self.verticalScrollBar(), self.horizontalScrollBar()
        vsb.setRange(0, max(math.ceil(self._placement.height_m * self._zoom) - vp.height(), 0))
        vsb.setPageStep(vp.height())
        vsb.setSingleStep(max(int(self._placement.row_height_m * self._zoom / 3), 10))
        hsb.setRange(0, max(math.ceil(self._placement.width_m * self._zoom) - vp.width(), 0))
        hsb.setPageStep(vp.width())
        hsb.setSingleStep(max(int(2 * self._zoom), 10))
        vp.update()
        self._emit_visible()

    def _document_edited(self, changes) -> None:
        """Wrap again from the first car whose length may differ (none: just repaint), as the edit's record says."""
        if not changes.consist:
            return
        same = 0  # the cars before this one kept their lengths
        if changes.cars != edits.ALL and not changes.car_types:
            lengths = self.holder.car_lengths()
            if len(lengths) == len(self._lengths):
                moved = [i for i in changes.cars if lengths[i] != self._lengths[i]]
                if not moved:
                    self._lengths = lengths
                    self.viewport().update()
                    return
                same = min(moved)
        elif changes.stretch is not None:
            same = changes.stretch[0]
        self._document_changed(same)

    def _document_changed(self, same: int = 0) -> None:
        self._zoom_focus = None
        self._relayout(same)
        if self._fitted and self.verticalScrollBar().maximum() > 0 and self._zoom > MIN_ZOOM:
            self.fit()  # the whole train was in view: keep it so (unless it never fitted, at the least zoom)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._fitted:
            self.fit()
        else:
            self._relayout()

    def _offset(self) -> tuple[int, int]:
        return self.horizontalScrollBar().value(), self.verticalScrollBar().value()

    def set_zoom(self, zoom: float, anchor: QPointF | None = None) -> None:
        """Zoom keeping the car under `anchor` (default: the middle of the view) at the same height.

        The rows re-wrap at every zoom, so the car may move sideways; consecutive zooms at the same
        point keep following the car first pointed at.
        """
        zoom = min(max(zoom, MIN_ZOOM), MAX_ZOOM)
        if anchor is None:
            anchor = QPointF(self.viewport().width() / 2, self.viewport().height() / 2)
        focus: int | None  # the car kept under the anchor, if there is one
        if self._zoom_focus is not None and self._zoom_focus[0] == anchor:
            _, focus, along, up = self._zoom_focus
        else:
            focus = self._car_near(anchor)
            along = up = 0.0
            if focus is not None:
                x, y = self._to_metres(anchor)
                p = self.placement
                along = min(max(x - p.x[focus], 0.0), self._lengths[focus])
                up = min(max(y - p.y(p.row[focus]), 0.0), CAR_HEIGHT_M)
        self._zoom = zoom
        self._fitted = False
        self._relayout()
        if focus is not None:
            p = self.placement
            self.horizontalScrollBar().setValue(round((p.x[focus] + along) * zoom - anchor.x()))
            self.verticalScrollBar().setValue(round((p.y(p.row[focus]) + up) * zoom - anchor.y()))
            self._zoom_focus = (QPointF(anchor), focus, along, up)
        self.zoom_changed.emit(zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * 1.25)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / 1.25)

    def fit(self) -> None:
        """Zoom so that the whole train fits the window, wrapped into rows."""
        lengths = self.holder.car_lengths()
        room = self.maximumViewportSize()  # without scroll bars: a fitted train needs none
        w, h = max(room.width(), 50), max(room.height(), 50)
        # Start a little above what the area allows (rows of cars with no labels), then step down.
        total = sum(lengths) + GAP_M * len(lengths)
        estimate = math.sqrt(h * w / (total * (CAR_HEIGHT_M + 1.0))) if total else FIT_MAX_ZOOM
        zoom = min(FIT_MAX_ZOOM, estimate * 1.1)
        while zoom > MIN_ZOOM:
            if place(lengths, w / zoom, self._row_height_m(zoom)).height_m * zoom <= h:
                break
            zoom /= 1.03
        self._zoom = max(zoom, MIN_ZOOM)
        self._zoom_focus = None
        self._fitted = True
        self._relayout()
        self.verticalScrollBar().setValue(0)
        self.horizontalScrollBar().setValue(0)
        self.zoom_changed.emit(self._zoom)

    def _to_metres(self, pos: QPointF | QPoint) -> tuple[float, float]:
        dx, dy = self._offset()
        return (pos.x() + dx) / self._zoom, (pos.y() + dy) / self._zoom

    def car_at(self, pos: QPointF | QPoint) -> int | None:
        x, y = self._to_metres(pos)
        return self.placement.car_at(x, y, self._lengths)

    def _car_near(self, pos: QPointF) -> int | None:
        """The car under `pos`, or the nearest one in its row."""
        if not self._lengths:
            return None
        i = self.car_at(pos)
        if i is not None:
            return i
        x, y = self._to_metres(pos)
        return min(self.placement.insertion_index(x, y, self._lengths), len(self._lengths) - 1)

    def car_rect(self, i: int) -> QRectF:
        """Where car i is drawn, in viewport pixels."""
        p = self.placement
        dx, dy = self._offset()
        top = p.y(p.row[i]) * self._zoom - dy
        return QRectF(p.x[i] * self._zoom - dx, top, self._lengths[i] * self._zoom, CAR_HEIGHT_M * self._zoom)

    def visible_range(self) -> tuple[int, int]:
        p = self.placement
        if not p.x:
            return 0, -1
        top = self.verticalScrollBar().value() / self._zoom
        cars = p.cars_in_rows(p.row_at(top), p.row_at(top + self.viewport().height() / self._zoom))
        return cars.start, cars.stop - 1

    def _emit_visible(self) -> None:
        self.viewport().update()
        self.visible_cars_changed.emit(*self.visible_range())

    def scroll_to_car(self, i: int) -> None:
        """Scroll just enough to show car i."""
        p = self.placement
        if not 0 <= i < len(p.x):
            return
        r = self.car_rect(i)
        vp = self.viewport()
        vsb, hsb = self.verticalScrollBar(), self.horizontalScrollBar()
        if r.top() < 0 or r.bottom() > vp.height():
            vsb.setValue(int(p.y(p.row[i]) * self._zoom - vp.height() / 3))
        if r.left() < 0 or r.right() > vp.width():
            hsb.setValue(int(p.x[i] * self._zoom - min(vp.width() / 4, 40)))

    def centre_on_car(self, i: int) -> None:
        """Scroll so that car i is in the middle of the view (a click in the overview)."""
        p = self.placement
        if not 0 <= i < len(p.x):
            return
        vp = self.viewport()
        self.verticalScrollBar().setValue(int((p.y(p.row[i]) + CAR_HEIGHT_M / 2) * self._zoom - vp.height() / 2))
        self.horizontalScrollBar().setValue(int((p.x[i] + self._lengths[i] / 2) * self._zoom - vp.width() / 2))

    # --- painting ---------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), theme.canvas(self.palette()))
        self.paint_cars(painter, event.rect())
        if self.hasFocus():  # tabbed to (or clicked): a ring in the palette's highlight says the keys come here
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), FOCUS_RING_PX))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.viewport().rect().adjusted(1, 1, -1, -1))
        painter.end()

    def _car_pixmap(self, car: ResolvedCar, selected: bool) -> tuple[QPixmap, int] | None:
        """The car drawn at the current zoom, cached per shape; None when zoomed in too far to cache."""
        z = self._zoom
        if z > CACHE_MAX_ZOOM:
            return None
        dpr = self.viewport().devicePixelRatioF()
        if (z, dpr) != self._pixmaps_scale or len(self._pixmaps) > CACHE_MAX_ENTRIES:
            self._pixmaps.clear()
            self._pixmaps_scale = (z, dpr)
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
            paint_car(p, car, 0.0, scale=z, selected=selected)
            p.end()
            hit = (pix, car.type)
            self._pixmaps[key] = hit
        return hit[0], pad

    def paint_cars(self, painter: QPainter, exposed: QRect) -> None:
        """Paint the rows and cars that meet `exposed` (viewport pixels)."""
        p = self.placement
        if not p.x:
            painter.setPen(QColor("#777777"))
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter,
                             "No cars yet: drag car types here from the catalogue, or double-click one")
            if self._drop is not None:
                self._paint_drop_marker(painter)
            return
        z = self._zoom
        dx, dy = self._offset()
        cars = self.holder.resolved_cars()
        selected = set(self.holder.selection)
        slack = 40  # labels may be wider than a narrow car
        x_lo, x_hi = (exposed.left() + dx - slack) / z, (exposed.right() + dx + slack) / z
        first_row = p.row_at((exposed.top() + dy) / z - p.row_height_m)
        last_row = p.row_at((exposed.bottom() + dy) / z)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        label_px = self._label_px(z)
        # Zoomed out, thousands of cars are in view: whole rows come from a cache, so that after an
        # edit only the rows it changed are drawn again (unnumbered rows depend on their cars only).
        whole_rows = label_px == 0 and z <= CACHE_MAX_ZOOM
        drawn: dict[tuple[int, bool], tuple[QPixmap, int] | None] = {}  # per car shape, for this paint
        for row in range(first_row, last_row + 1):
            span = p.cars_in_rows(row, row)
            if not span:
                continue
            y0 = round(p.y(row) * z) - dy
            if whole_rows:
                pix, left, top = self._row_pixmap(p, span, cars, selected, drawn)
                painter.drawPixmap(QPoint(left - dx, y0 - top), pix)
                continue
            lefts = p.x.row_slice(row)
            first = span.start + max(bisect.bisect_right(lefts, x_lo) - 1, 0)
            stop = span.start + bisect.bisect_left(lefts, x_hi)
            self._paint_row(painter, p, span, range(first, max(stop, first + 1)), cars, selected, dx, y0, drawn)
        if self._drop is not None:
            self._paint_drop_marker(painter)

    def _paint_row(self, painter: QPainter, p: Placement, span: range, which: range, cars: list[ResolvedCar],
                   selected: set[int], dx: int, y0: int, drawn: dict[tuple[int, bool], tuple[QPixmap, int] | None]) -> None:
        """One row's rail, and its cars `which` with their couplers and labels; x shifted by -dx, the cars' top at y0.

        `drawn`: the cars' pixmaps by (id, selected), for one paint (cars alike are one object).
        """
        z = self._zoom
        names = z >= NAME_MIN_ZOOM
        label_px = self._label_px(z)
        vp_width = self.viewport().width()
        rail_y = y0 + CAR_HEIGHT_M * z
        end = span.stop - 1
        lefts = p.x.row_slice(p.row[span.start])  # lefts[i - span.start]: car i's
        at = span.start
        lengths = self._lengths
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
            cached = drawn[key] if key in drawn else drawn.setdefault(key, self._car_pixmap(car, is_sel))
            if cached is not None:
                pix, pad = cached
                draw_pixmap(left - pad, y0 - pad, pix)
            else:
                painter.save()
                painter.translate(left, y0)
                paint_car(painter, car, 0.0, scale=z, selected=is_sel)
                painter.restore()
            if i < end:  # the coupler to the next car
                draw_line(QLineF(right, yc, round(lefts[i + 1 - at] * z) - dx, yc))
            if label_px:
                lo, hi = left, right
                if hi - lo > vp_width:  # a car wider than the view: keep its label in sight
                    lo, hi = max(lo, 0), min(hi, vp_width)
                self._paint_label(painter, i, car.name, QRectF(lo, rail_y + 2, hi - lo, label_px - 4), is_sel, names)
                painter.setPen(coupler)

    def _row_pixmap(self, p: Placement, span: range, cars: list[ResolvedCar], selected: set[int],
                    drawn: dict[tuple[int, bool], tuple[QPixmap, int] | None]) -> tuple[QPixmap, int, int]:
        """A whole unnumbered row drawn once, with where its pixmap's origin lies (content x, pixels above the cars)."""
        z, dpr = self._zoom, self.viewport().devicePixelRatioF()
        if (z, dpr) != self._rows_scale or len(self._rows) > ROW_CACHE_ENTRIES:
            self._rows.clear()
            self._rows_scale = (z, dpr)
        row_cars = tuple(cars[span.start:span.stop])
        # The cars themselves (their ids: the entry keeps them alive) and which are selected.
        key = (tuple(map(id, row_cars)), tuple(k for k, i in enumerate(span) if i in selected) if selected else ())
        hit = self._rows.get(key)
        if hit is not None:
            return hit[1], hit[2], hit[3]
        pad = 4 + math.ceil(0.5 * z)
        left = -8  # the rail starts 6 px before the first car
        end = span.stop - 1
        width = math.ceil((p.x[end] + self._lengths[end]) * z) - left + 8
        height = math.ceil(CAR_HEIGHT_M * z) + 2 * pad + 4
        pix = QPixmap(math.ceil(width * dpr), math.ceil(height * dpr))
        pix.setDevicePixelRatio(dpr)
        pix.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pix)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self._paint_row(painter, p, span, span, cars, selected, left, pad, drawn)
        painter.end()
        self._rows[key] = (row_cars, pix, left, pad)
        return pix, left, pad

    def _paint_label(self, painter: QPainter, i: int, name: str, r: QRectF, selected: bool, names: bool) -> None:
        painter.setFont(self._label_font)
        fm = self._fm
        number = str(i + 1)
        if r.width() < fm.horizontalAdvance(number) + 6 and (i + 1) % 10 and i != 0:
            return  # too narrow to number every car: the first and every tenth only
        palette = self.palette()
        painter.setPen(LABEL_SELECTED if selected else theme.ink(palette, LABEL))
        painter.drawText(r, _NUMBER_FLAGS, number)
        if names and r.width() > 40:
            painter.setPen(LABEL_SELECTED if selected else theme.ink(palette, NAME))
            text = fm.elidedText(name, Qt.TextElideMode.ElideRight, int(r.width()) - 2)
            painter.drawText(r.adjusted(0, fm.height(), 0, 0), _NAME_FLAGS, text)

    def _marker_rect(self, drop: tuple[int, int] | None) -> QRect:
        """The pixels the drop marker covers (to repaint just those while dragging)."""
        if drop is None:
            return QRect()
        index, pointer_row = drop
        p = self.placement
        n = len(self._lengths)
        dx, dy = self._offset()
        if n == 0:
            x, row = 2.0, 0
        elif index > 0 and p.row[index - 1] == pointer_row and (index == n or p.row[index] != pointer_row):
            x, row = p.x[index - 1] + self._lengths[index - 1] + 0.6, pointer_row  # at the end of the row pointed at
        elif index < n:
            x, row = p.x[index] - 0.6, p.row[index]
        else:
            x, row = p.x[n - 1] + self._lengths[n - 1] + 0.6, p.row[n - 1]
        cx = x * self._zoom - dx
        top = p.y(row) * self._zoom - dy
        return QRectF(cx - 7, top - 10, 14, CAR_HEIGHT_M * self._zoom + 16).toAlignedRect()

    def _paint_drop_marker(self, painter: QPainter) -> None:
        r = QRectF(self._marker_rect(self._drop))
        cx = r.center().x()
        painter.setPen(QPen(MARKER, 3))
        painter.drawLine(QPointF(cx, r.top() + 6), QPointF(cx, r.bottom() - 2))
        painter.setBrush(MARKER)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(QPointF(cx, r.top() + 5), 4.5, 4.5)

    def _set_drop(self, pos: QPointF | None) -> None:
        drop = None
        if pos is not None:
            drop = (self.drop_index_at(pos), self.placement.row_at(self._to_metres(pos)[1]))
        if drop == self._drop:
            return
        old = self._marker_rect(self._drop)
        self._drop = drop
        self.viewport().update(old)
        self.viewport().update(self._marker_rect(drop))

    @property
    def drop_index(self) -> int | None:
        """Where a drag in progress would land (None when no drag is over the view)."""
        return None if self._drop is None else self._drop[0]

    # --- selection and drag -------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        i = self.car_at(event.position())
        mods = event.modifiers()
        sel = self.holder.selection
        self._press = event.position().toPoint()
        self._press_car = i
        if i is None:
            if not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
                self.holder.set_selection([])
            self._band = self._band or QRubberBand(QRubberBand.Shape.Rectangle, self.viewport())
            self._band.setGeometry(QRect(self._press, QSize()))
            self._band.show()
            return
        if mods & Qt.KeyboardModifier.ShiftModifier and self._anchor is not None:
            lo, hi = sorted((self._anchor, i))
            base = sel if mods & Qt.KeyboardModifier.ControlModifier else []
            self.holder.set_selection(list(base) + list(range(lo, hi + 1)))
        elif mods & Qt.KeyboardModifier.ControlModifier:
            self.holder.set_selection([j for j in sel if j != i] if i in sel else sel + [i])
            self._anchor = i
        elif i not in sel:
            self.holder.set_selection([i])
            self._anchor = i
        else:
            self._anchor = i

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self._press is None:
            return
        pos = event.position().toPoint()
        if self._band is not None and self._band.isVisible():
            self._band.setGeometry(QRect(self._press, pos).normalized())
            return
        if (self._press_car is not None and self._press_car in self.holder.selection
                and (pos - self._press).manhattanLength() >= QApplication.startDragDistance()):
            self._start_move_drag()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if self._band is not None and self._band.isVisible():
            band = QRectF(self._band.geometry())
            self._band.hide()
            first, last = self.visible_range()
            hits = [i for i in range(first, last + 1) if self.car_rect(i).intersects(band)]
            extra = self.holder.selection if event.modifiers() & Qt.KeyboardModifier.ControlModifier else []
            self.holder.set_selection(list(extra) + hits)
        elif (self._press_car is not None and self._press is not None and not event.modifiers()
              and (event.position().toPoint() - self._press).manhattanLength() < QApplication.startDragDistance()):
            self.holder.set_selection([self._press_car])  # a plain click on a car of a selection selects just it
        self._press = None
        self._press_car = None

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        i = self.car_at(event.position())
        if i is not None:
            self.holder.set_selection([i])
            self._anchor = i

    def _move_token(self) -> bytes:
        return json.dumps({"pid": os.getpid(), "view": id(self)}).encode()

    def move_mime(self) -> QMimeData:
        """What a drag of the selected cars carries: which view it started in (it moves that view's selection)."""
        mime = QMimeData()
        mime.setData(MOVE_MIME, self._move_token())
        return mime

    def _drag_pixmap(self) -> QPixmap | None:
        cars = self.holder.resolved_cars()
        chosen = [cars[i] for i in self.holder.selection[:6]]
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

    def _start_move_drag(self) -> None:
        drag = QDrag(self)
        drag.setMimeData(self.move_mime())
        pix = self._drag_pixmap()
        if pix is not None:
            drag.setPixmap(pix)
            drag.setHotSpot(QPoint(10, pix.height() // 2))
        self._press = None
        drag.exec(Qt.DropAction.MoveAction)
        self._set_drop(None)

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        md = event.mimeData()
        if md.hasFormat(MOVE_MIME) or md.hasFormat(CAR_TYPES_MIME) or _document_urls(md):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        md = event.mimeData()
        if md.hasFormat(MOVE_MIME) or md.hasFormat(CAR_TYPES_MIME):
            self._autoscroll(event.position())
            self._set_drop(event.position())
            event.acceptProposedAction()
        elif _document_urls(md):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:  # noqa: N802
        self._set_drop(None)

    def drop_index_at(self, pos: QPointF) -> int:
        x, y = self._to_metres(pos)
        return self.placement.insertion_index(x, y, self._lengths)

    def dropEvent(self, event) -> None:  # noqa: N802
        md = event.mimeData()
        index = self.drop_index_at(event.position())
        self._set_drop(None)
        if md.hasFormat(MOVE_MIME):
            if bytes(md.data(MOVE_MIME)) == self._move_token():  # only a move started in this view
                self.move_selection_to(index)
                event.acceptProposedAction()
            else:
                event.ignore()
        elif md.hasFormat(CAR_TYPES_MIME):
            types = _types_from_mime(bytes(md.data(CAR_TYPES_MIME)))
            if types:
                self.insert_types(types, index)
                event.acceptProposedAction()
            else:
                event.ignore()
        elif urls := _document_urls(md):
            self.open_file_requested.emit(urls[0])
            event.acceptProposedAction()

    def _autoscroll(self, pos: QPointF) -> None:
        vsb, hsb = self.verticalScrollBar(), self.horizontalScrollBar()
        vp = self.viewport()
        if pos.y() < 30:
            vsb.setValue(vsb.value() - 20)
        elif pos.y() > vp.height() - 30:
            vsb.setValue(vsb.value() + 20)
        if pos.x() < 30:
            hsb.setValue(hsb.value() - 20)
        elif pos.x() > vp.width() - 30:
            hsb.setValue(hsb.value() + 20)

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        i = self.car_at(event.pos()) if event.reason() == event.Reason.Mouse else None
        if i is not None and i not in self.holder.selection:
            self.holder.set_selection([i])
            self._anchor = i
        if self.actions():
            QMenu.exec(self.actions(), event.globalPos(), None, self)

    # --- keyboard -----------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802
        key, mods = event.key(), event.modifiers()
        n = len(self._lengths)
        if key == Qt.Key.Key_F and not mods:
            self.fit()
            return
        step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Home: -n, Qt.Key.Key_End: n}.get(key)
        rows = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(key)
        if (step is None and rows is None) or n == 0 \
                or mods & ~Qt.KeyboardModifier.ShiftModifier & ~Qt.KeyboardModifier.KeypadModifier:
            return super().keyPressEvent(event)
        sel = self.holder.selection
        current = self._anchor if self._anchor is not None and 0 <= self._anchor < n else (sel[-1] if sel else -1)
        if rows is not None:  # the car above or below: the one of that row nearest the current car's middle
            step = self._row_step(current, rows) if current >= 0 else rows
        assert step is not None
        if mods & Qt.KeyboardModifier.ShiftModifier and sel:
            lead = (sel[-1] if sel[-1] != current else sel[0]) if len(sel) > 1 else current
            lead = min(max(lead + step, 0), n - 1)
            lo, hi = sorted((current, lead))
            self.holder.set_selection(range(lo, hi + 1))
            self.scroll_to_car(lead)
            return
        i = min(max(current + step, 0), n - 1) if current >= 0 else (0 if step > 0 else n - 1)
        self.holder.set_selection([i])
        self._anchor = i
        self.scroll_to_car(i)

    def _row_step(self, i: int, rows: int) -> int:
        """How many cars from car i to the car `rows` rows down (up when negative) nearest below (above) it."""
        p = self.placement
        row = p.row[i] + rows
        if not 0 <= row < p.rows:
            return 0
        middle = p.x[i] + self._lengths[i] / 2
        cars = p.cars_in_rows(row, row)
        lefts = p.x.row_slice(row)
        k = max(bisect.bisect_right(lefts, middle) - 1, 0)
        if k + 1 < len(lefts) and abs(lefts[k + 1] - middle) < abs(lefts[k] + self._lengths[cars.start + k] - middle):
            k += 1
        return cars.start + k - i

    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.viewport().update()  # the focus ring

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.viewport().update()

    # --- edits the view makes ----------------------------------------------------------------
    def move_selection_to(self, index: int) -> None:
        sel = self.holder.selection
        if sel and self.holder.edit(edits.move_cars, sel, index) is None:
            self._anchor = self.holder.selection[0] if self.holder.selection else None

    def insert_types(self, types: list[CarType], index: int) -> None:
        if self.holder.edit(edits.insert_types, index, types) is None:
            sel = self.holder.selection
            self._anchor = sel[0] if sel else None
            if sel:
                self.scroll_to_car(sel[-1])

    def viewportEvent(self, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip:
            i = self.car_at(event.pos())
            if i is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.car_tooltip(i), self.viewport(),
                                  self.car_rect(i).toAlignedRect())
            return True
        return super().viewportEvent(event)

    def car_tooltip(self, i: int) -> str:
        c = self.holder.resolved_cars()[i]
        t = c.type
        extra = ", armored" if c.armored else ""
        return (f"<b>{i + 1}. {escape(c.name)}</b><br>{escape(t.label)}<br>"
                f"{car_length_text(c.length_m, self.units)} · {car_mass_text(c.mass_kg, self.units)} · "
                f"{c.axles} axles{extra}")

    def wheelEvent(self, event) -> None:  # noqa: N802
        mods = event.modifiers()
        if mods & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.set_zoom(self._zoom * math.pow(1.15, steps), event.position())
            event.accept()
        elif mods & Qt.KeyboardModifier.ShiftModifier and event.angleDelta().x() == 0:
            hsb = self.horizontalScrollBar()
            hsb.setValue(hsb.value() - int(event.angleDelta().y() / 120.0 * hsb.singleStep() * 3))
            event.accept()
        else:
            super().wheelEvent(event)


def _types_from_mime(data: bytes) -> list[CarType]:
    try:
        raw = json.loads(data.decode("utf-8"))
        return [CarType.model_validate(t) for t in raw[:1000]] if isinstance(raw, list) else []
    except (ValueError, TypeError, UnicodeDecodeError, RecursionError):
        return []  # foreign or broken drag data: ignore it (pydantic's ValidationError is a ValueError)


def _document_urls(md) -> list[str]:
    if not md.hasUrls():
        return []
    return [u.toLocalFile() for u in md.urls() if u.isLocalFile() and u.toLocalFile().endswith(".json")]
