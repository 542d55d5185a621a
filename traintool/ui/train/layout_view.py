"""The layout view: the consist drawn car by car, wrapped into rows, edited by hand.

A scroll area that zooms (px per metre) and wraps the train into rows that fit its width, and
paints only the cars in the exposed region (train_painter.py: pixmaps cached per car shape and
zoom, so a 1,000-car train stays smooth). Clicks, keys and drags choose and move the cars
(car_gestures.py); while a drag is over the view a marker shows where it will land.
"""
from __future__ import annotations

import bisect
import json
import math
import os

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip

from ...model import CarType, edits
from ...text import escaped as escape
from ..common import theme
from ..common.document_holder import DocumentHolder
from ...render.drawings import CAR_HEIGHT_M
from .mime import MOVE_MIME
from .train_layout import GAP_M, Placement, place
from .car_gestures import CarGestures
from .train_painter import NAME_MIN_ZOOM, NUMBER_MIN_ZOOM, Drawn, TrainPainter, drop_marker_rect, paint_drop_marker
from ...units import UnitSystem, car_length_text, car_mass_text

MIN_ZOOM, MAX_ZOOM = 0.5, 80.0  # px per metre
FIT_MAX_ZOOM = 30.0  # a short train is not blown up beyond this by "fit"
FOCUS_RING_PX = 2


class LayoutView(QAbstractScrollArea):
    open_file_requested = Signal(str)
    zoom_changed = Signal(float)
    visible_cars_changed = Signal(int, int)  # first, last index in view

    def __init__(self, holder: DocumentHolder, parent=None):
        super().__init__(parent)
        self.holder = holder
        self._units = UnitSystem.METRIC  # of the cars' tooltips: set_units gives the one View > Units chose
        self._zoom = 6.0
        self._placement: Placement | None = None
        self._placed_for = (0.0, 0.0)  # the row width and height (m) the placement was made for
        self._lengths: list[float] = []
        self._drop: tuple[int, int] | None = None  # (insertion index, row the pointer is over) of a drag
        self._fitted = True  # "fit whole train" holds (through resizes, and edits that overflow) until the user zooms
        self._zoom_focus: tuple[QPointF, int, float, float] | None = None  # the car a run of zoom steps follows
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(QSize(300, 150))
        self.train_painter = TrainPainter(self.font())
        self.gestures = CarGestures(self, lambda: self._lengths)
        self.installEventFilter(self.gestures)
        self.viewport().installEventFilter(self.gestures)
        self.gestures.open_file_requested.connect(self.open_file_requested)
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

    def _row_height_m(self, zoom: float) -> float:
        return CAR_HEIGHT_M + (self.train_painter.label_px(zoom) + 4) / zoom + 1.0

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
            # The least zoom that keeps the rows' names, and their numbers, is tried on the way down: a
            # step past it dropped the labels, and the room they took, for a train drawn in half the room.
            zoom = max([zoom / 1.03] + [t for t in (NAME_MIN_ZOOM, NUMBER_MIN_ZOOM) if zoom / 1.03 < t < zoom])
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

    def paint_cars(self, painter: QPainter, exposed: QRect) -> None:
        """Paint the rows and cars that meet `exposed` (viewport pixels)."""
        p = self.placement
        if not p.x:
            painter.setPen(QColor("#777777"))
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter,
                             "No cars yet: drag car types here from the catalogue, or double-click one")
        else:
            self._paint_rows(painter, p, exposed)
        if self._drop is not None:
            paint_drop_marker(painter, QRectF(self._marker_rect(self._drop)))

    def _paint_rows(self, painter: QPainter, p: Placement, exposed: QRect) -> None:
        z, tp = self._zoom, self.train_painter
        tp.set_scale(z, self.viewport().devicePixelRatioF(), self.palette())
        dx, dy = self._offset()
        cars = self.holder.resolved_cars()
        selected = set(self.holder.selection)
        slack = 40  # labels may be wider than a narrow car
        x_lo, x_hi = (exposed.left() + dx - slack) / z, (exposed.right() + dx + slack) / z
        first_row = p.row_at((exposed.top() + dy) / z - p.row_height_m)
        last_row = p.row_at((exposed.bottom() + dy) / z)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        whole_rows = tp.whole_rows()
        drawn: Drawn = {}  # per car shape, for this paint
        for row in range(first_row, last_row + 1):
            span = p.cars_in_rows(row, row)
            if not span:
                continue
            y0 = round(p.y(row) * z) - dy
            if whole_rows:
                tp.paint_whole_row(painter, p, self._lengths, span, cars, selected, dx, y0, drawn)
                continue
            lefts = p.x.row_slice(row)
            first = span.start + max(bisect.bisect_right(lefts, x_lo) - 1, 0)
            stop = span.start + bisect.bisect_left(lefts, x_hi)
            tp.paint_row(painter, p, self._lengths, span, range(first, max(stop, first + 1)), cars, selected, dx, y0,
                         drawn, self.viewport().width())

    def _marker_rect(self, drop: tuple[int, int] | None) -> QRect:
        """The pixels the drop marker covers (to repaint just those while dragging)."""
        if drop is None:
            return QRect()
        return drop_marker_rect(self.placement, self._lengths, self._zoom, self._offset(), *drop)

    def show_drop(self, pos: QPointF | None) -> None:
        """The marker where a drag at `pos` would land (None: no marker)."""
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

    def move_mime(self) -> QMimeData:
        """What a drag of the selected cars carries: which view it started in (it moves that view's selection)."""
        mime = QMimeData()
        mime.setData(MOVE_MIME, json.dumps({"pid": os.getpid(), "view": id(self)}).encode())
        return mime

    def drop_index_at(self, pos: QPointF) -> int:
        x, y = self._to_metres(pos)
        return self.placement.insertion_index(x, y, self._lengths)

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
            self.gestures.set_anchor(self.holder.selection[0] if self.holder.selection else None)

    def insert_types(self, types: list[CarType], index: int) -> None:
        if self.holder.edit(edits.insert_types, index, types) is None:
            sel = self.holder.selection
            self.gestures.set_anchor(sel[0] if sel else None)
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

    def set_units(self, units: UnitSystem) -> None:
        """The units of the cars' tooltips."""
        self._units = units

    def car_tooltip(self, i: int) -> str:
        c = self.holder.resolved_cars()[i]
        t = c.type
        extra = ", armored" if c.armored else ""
        return (f"<b>{i + 1}. {escape(c.name)}</b><br>{escape(t.label)}<br>"
                f"{car_length_text(c.length_m, self._units)} · {car_mass_text(c.mass_kg, self._units)} · "
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

