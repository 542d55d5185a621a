"""The layout view: the consist drawn car by car, wrapped into rows, edited by hand.

A scroll area that paints only the rows in view, so a 1,000-car train stays smooth. Click,
Ctrl+click, Shift+click and a rubber band select; dragging the selection moves it (a marker
shows where it will land); car types dropped from the catalogue are inserted where they fall.
"""
from __future__ import annotations

import json
import math

from PySide6.QtCore import QMimeData, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDrag, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QRubberBand

from ..model import CarType
from . import commands
from .document_holder import DocumentHolder
from .drawings import CAR_HEIGHT_M, paint_car
from .mime import CAR_TYPES_MIME, MOVE_MIME
from .train_layout import Placement, place

MIN_ZOOM, MAX_ZOOM = 0.5, 80.0  # px per metre
LABEL_PX = 34  # room under each row for the car's number and name
BACKGROUND = QColor("#f3f1ea")
RAIL = QColor("#8a8175")


class LayoutView(QAbstractScrollArea):
    open_file_requested = Signal(str)
    zoom_changed = Signal(float)
    visible_cars_changed = Signal(int, int)  # first, last index in view

    def __init__(self, holder: DocumentHolder, parent=None):
        super().__init__(parent)
        self.holder = holder
        self._zoom = 6.0
        self._placement: Placement | None = None
        self._lengths: list[float] = []
        self._anchor: int | None = None
        self._press: QPoint | None = None
        self._press_car: int | None = None
        self._band: QRubberBand | None = None
        self._drop_index: int | None = None
        self._fit_pending = True
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(False)
        self.setMinimumSize(QSize(300, 150))
        self._label_font = QFont(self.font())
        self._label_font.setPointSizeF(max(self.font().pointSizeF() - 1, 7))
        holder.changed.connect(self._relayout)
        holder.selection_changed.connect(self.viewport().update)
        self.verticalScrollBar().valueChanged.connect(self._emit_visible)

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
        return CAR_HEIGHT_M + LABEL_PX / zoom + 1.0

    def _relayout(self) -> None:
        self._lengths = [c.length_m for c in self.holder.resolved_cars()]
        width_m = max(self.viewport().width(), 50) / self._zoom
        self._placement = place(self._lengths, width_m, self._row_height_m(self._zoom))
        sb = self.verticalScrollBar()
        sb.setRange(0, max(int(self._placement.height_m * self._zoom) - self.viewport().height(), 0))
        sb.setPageStep(self.viewport().height())
        sb.setSingleStep(max(int(self._placement.row_height_m * self._zoom / 3), 10))
        self.viewport().update()
        self._emit_visible()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._fit_pending:
            self.fit()
        else:
            self._relayout()

    def set_zoom(self, zoom: float, anchor: QPointF | None = None) -> None:
        zoom = min(max(zoom, MIN_ZOOM), MAX_ZOOM)
        focus = self._car_near(anchor) if anchor is not None else self._first_visible()
        self._zoom = zoom
        self._fit_pending = False
        self._relayout()
        if focus is not None and self._placement and self._placement.x:
            y = self._placement.y(self._placement.row[focus]) * zoom
            off = anchor.y() if anchor is not None else 0
            self.verticalScrollBar().setValue(int(y - off))
        self.zoom_changed.emit(zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * 1.25)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / 1.25)

    def fit(self) -> None:
        """Zoom so that the whole train fits the window, wrapped into rows."""
        lengths = [c.length_m for c in self.holder.resolved_cars()]
        w, h = max(self.viewport().width(), 50), max(self.viewport().height(), 50)
        zoom = 30.0  # a short train is not blown up beyond this
        while zoom > MIN_ZOOM:
            if place(lengths, w / zoom, self._row_height_m(zoom)).height_m * zoom <= h:
                break
            zoom /= 1.08
        self._zoom = max(zoom, MIN_ZOOM)
        self._fit_pending = False
        self._relayout()
        self.verticalScrollBar().setValue(0)
        self.zoom_changed.emit(self._zoom)

    def _to_metres(self, pos: QPointF | QPoint) -> tuple[float, float]:
        return pos.x() / self._zoom, (pos.y() + self.verticalScrollBar().value()) / self._zoom

    def car_at(self, pos: QPointF | QPoint) -> int | None:
        x, y = self._to_metres(pos)
        return self.placement.car_at(x, y, self._lengths)

    def _car_near(self, pos: QPointF) -> int | None:
        x, y = self._to_metres(pos)
        i = self.placement.insertion_index(x, y, self._lengths)
        return min(i, len(self._lengths) - 1) if self._lengths else None

    def _first_visible(self) -> int | None:
        if not self._lengths:
            return None
        p = self.placement
        return p.row_starts[p.row_at(self.verticalScrollBar().value() / self._zoom)]

    def car_rect(self, i: int) -> QRectF:
        """Where car i is drawn, in viewport pixels."""
        p = self.placement
        top = p.y(p.row[i]) * self._zoom - self.verticalScrollBar().value()
        return QRectF(p.x[i] * self._zoom, top, self._lengths[i] * self._zoom, CAR_HEIGHT_M * self._zoom)

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
        p = self.placement
        if 0 <= i < len(p.x):
            r = self.car_rect(i)
            sb = self.verticalScrollBar()
            if r.top() < 0 or r.bottom() > self.viewport().height():
                sb.setValue(int(p.y(p.row[i]) * self._zoom - self.viewport().height() / 3))

    # --- painting ---------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), BACKGROUND)
        self.paint_cars(painter, event.rect())
        painter.end()

    def paint_cars(self, painter: QPainter, exposed: QRect) -> None:
        p = self.placement
        z = self._zoom
        offset = self.verticalScrollBar().value()
        cars = self.holder.resolved_cars()
        selected = set(self.holder.selection)
        top_m = (exposed.top() + offset) / z
        bottom_m = (exposed.bottom() + offset) / z
        visible = p.cars_in_rows(p.row_at(top_m - p.row_height_m), p.row_at(bottom_m))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        rows_done: set[int] = set()
        for i in visible:
            row = p.row[i]
            y0 = p.y(row) * z - offset
            if row not in rows_done:
                rows_done.add(row)
                painter.setPen(QPen(RAIL, 2))
                end = p.cars_in_rows(row, row).stop - 1
                painter.drawLine(QPointF(p.x[p.row_starts[row]] * z - 6, y0 + CAR_HEIGHT_M * z),
                                 QPointF((p.x[end] + self._lengths[end]) * z + 6, y0 + CAR_HEIGHT_M * z))
            painter.save()
            painter.translate(0, y0)
            paint_car(painter, cars[i], p.x[i], scale=z, selected=i in selected)
            painter.restore()
            if i + 1 < len(cars) and p.row[i + 1] == row:  # the coupler to the next car
                painter.setPen(QPen(QColor("#222222"), max(z * 0.15, 1.0)))
                yc = y0 + (CAR_HEIGHT_M - 1.05) * z
                painter.drawLine(QPointF((p.x[i] + self._lengths[i]) * z, yc), QPointF(p.x[i + 1] * z, yc))
            self._paint_label(painter, i, cars[i].name, QRectF(p.x[i] * z, y0 + CAR_HEIGHT_M * z + 2,
                                                                self._lengths[i] * z, LABEL_PX - 4), i in selected)
        if self._drop_index is not None:
            self._paint_drop_marker(painter)

    def _paint_label(self, painter: QPainter, i: int, name: str, r: QRectF, selected: bool) -> None:
        painter.setFont(self._label_font)
        fm = QFontMetrics(self._label_font)
        painter.setPen(QColor("#1f5fbf") if selected else QColor("#333333"))
        number = str(i + 1)
        if r.width() < fm.horizontalAdvance(number) + 10 and (i + 1) % 10:
            return  # too narrow to number every car: every tenth only
        painter.drawText(r, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, number)
        if r.width() > 60:
            painter.setPen(QColor("#555555"))
            text = fm.elidedText(name, Qt.TextElideMode.ElideRight, int(r.width()))
            painter.drawText(r.adjusted(0, fm.height(), 0, 0), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)

    def _paint_drop_marker(self, painter: QPainter) -> None:
        p = self.placement
        i = self._drop_index
        n = len(self._lengths)
        if n == 0:
            x, row = 2.0, 0
        elif i < n:
            x, row = p.x[i] - 0.6, p.row[i]
        else:
            x, row = p.x[n - 1] + self._lengths[n - 1] + 0.6, p.row[n - 1]
        y0 = p.y(row) * self._zoom - self.verticalScrollBar().value()
        painter.setPen(QPen(QColor(30, 110, 230), 3))
        painter.drawLine(QPointF(x * self._zoom, y0 - 4), QPointF(x * self._zoom, y0 + CAR_HEIGHT_M * self._zoom + 4))
        painter.setBrush(QColor(30, 110, 230))
        painter.drawEllipse(QPointF(x * self._zoom, y0 - 4), 4, 4)

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
        if self._press_car is not None and (pos - self._press).manhattanLength() >= QApplication.startDragDistance():
            self._start_move_drag()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if self._band is not None and self._band.isVisible():
            band = QRectF(self._band.geometry())
            self._band.hide()
            hits = [i for i in range(*self._visible_span()) if self.car_rect(i).intersects(band)]
            extra = self.holder.selection if event.modifiers() & Qt.KeyboardModifier.ControlModifier else []
            self.holder.set_selection(list(extra) + hits)
        elif (self._press_car is not None and not event.modifiers()
              and (event.position().toPoint() - self._press).manhattanLength() < QApplication.startDragDistance()):
            self.holder.set_selection([self._press_car])  # a plain click on a car of a selection selects just it
        self._press = None
        self._press_car = None

    def _visible_span(self) -> tuple[int, int]:
        first, last = self.visible_range()
        return first, last + 1

    def _start_move_drag(self) -> None:
        mime = QMimeData()
        mime.setData(MOVE_MIME, json.dumps(self.holder.selection).encode())
        drag = QDrag(self)
        drag.setMimeData(mime)
        self._press = None
        drag.exec(Qt.DropAction.MoveAction)
        self._drop_index = None
        self.viewport().update()

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        md = event.mimeData()
        if md.hasFormat(MOVE_MIME) or md.hasFormat(CAR_TYPES_MIME) or _document_urls(md):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        md = event.mimeData()
        if md.hasFormat(MOVE_MIME) or md.hasFormat(CAR_TYPES_MIME):
            self._drop_index = self.drop_index_at(event.position())
            self.viewport().update()
            event.acceptProposedAction()
            self._autoscroll(event.position())
        elif _document_urls(md):
            event.acceptProposedAction()

    def dragLeaveEvent(self, event) -> None:  # noqa: N802
        self._drop_index = None
        self.viewport().update()

    def drop_index_at(self, pos: QPointF) -> int:
        x, y = self._to_metres(pos)
        return self.placement.insertion_index(x, y, self._lengths)

    def dropEvent(self, event) -> None:  # noqa: N802
        md = event.mimeData()
        index = self.drop_index_at(event.position())
        self._drop_index = None
        self.viewport().update()
        if md.hasFormat(MOVE_MIME):
            self.move_selection_to(index)
            event.acceptProposedAction()
        elif md.hasFormat(CAR_TYPES_MIME):
            types = _types_from_mime(bytes(md.data(CAR_TYPES_MIME)))
            if types:
                self.insert_types(types, index)
                event.acceptProposedAction()
        elif urls := _document_urls(md):
            self.open_file_requested.emit(urls[0])
            event.acceptProposedAction()

    def _autoscroll(self, pos: QPointF) -> None:
        sb = self.verticalScrollBar()
        if pos.y() < 30:
            sb.setValue(sb.value() - 20)
        elif pos.y() > self.viewport().height() - 30:
            sb.setValue(sb.value() + 20)

    # --- edits the view makes ----------------------------------------------------------------
    def move_selection_to(self, index: int) -> None:
        sel = self.holder.selection
        if not sel:
            return
        cars = self.holder.document.consist.cars
        phrase = commands.type_phrase([self.holder.resolved_cars()[i].type for i in sel])
        new, new_sel, text = commands.move_to(cars, sel, index, phrase)
        if new != cars:
            self.holder.set_cars(new, text, new_sel)

    def insert_types(self, types: list[CarType], index: int) -> None:
        from ..model import Car

        new_cars = [Car(type_id=t.id) for t in types]
        cars, sel, text = commands.insert(self.holder.document.consist.cars, index, new_cars, commands.type_phrase(types))
        self.holder.set_cars(cars, text, sel, extra_types=types)

    def wheelEvent(self, event) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            self.set_zoom(self._zoom * math.pow(1.15, steps), event.position())
            event.accept()
        else:
            super().wheelEvent(event)


def _types_from_mime(data: bytes) -> list[CarType]:
    try:
        raw = json.loads(data.decode("utf-8"))
        return [CarType.model_validate(t) for t in raw] if isinstance(raw, list) else []
    except (ValueError, TypeError, UnicodeDecodeError):
        return []  # foreign or broken drag data: ignore it


def _document_urls(md) -> list[str]:
    if not md.hasUrls():
        return []
    return [u.toLocalFile() for u in md.urls() if u.isLocalFile() and u.toLocalFile().endswith(".json")]
