"""How the layout's cars are chosen and moved by hand: click, Ctrl+click, Shift+click and a rubber
band select; the arrow keys, Home and End walk the train (Shift extends); dragging the selection
moves it, car types dropped from the catalogue are inserted where they fall, and a document
dropped on the layout opens. An event filter on the layout view and its viewport."""
from __future__ import annotations

import bisect
import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import QApplication, QMenu, QRubberBand, QScrollBar, QWidget

from ...model import CarType
from .mime import CAR_TYPES_MIME, MOVE_MIME
from .train_painter import drag_pixmap

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from ..common.document_holder import DocumentHolder
    from .train_layout import Placement


class CarView(Protocol):
    """What the gestures need of the view they act on."""

    @property
    def holder(self) -> DocumentHolder: ...

    @property
    def placement(self) -> Placement: ...

    def car_at(self, pos: QPointF | QPoint) -> int | None: ...

    def car_rect(self, i: int) -> QRectF: ...

    def visible_range(self) -> tuple[int, int]: ...

    def drop_index_at(self, pos: QPointF) -> int: ...

    def show_drop(self, pos: QPointF | None) -> None: ...

    def move_mime(self) -> QMimeData: ...

    def move_selection_to(self, index: int) -> None: ...

    def insert_types(self, types: list[CarType], index: int) -> None: ...

    def scroll_to_car(self, i: int) -> None: ...

    def fit(self) -> None: ...

    def viewport(self) -> QWidget: ...

    def verticalScrollBar(self) -> QScrollBar: ...  # noqa: N802 - Qt's names

    def horizontalScrollBar(self) -> QScrollBar: ...  # noqa: N802

    def actions(self) -> list[QAction]: ...


class CarGestures(QObject):
    open_file_requested = Signal(str)

    def __init__(self, view: CarView, lengths: Callable[[], Sequence[float]]):
        """`lengths()`: the cars' lengths as the view has placed them."""
        super().__init__()
        self.view, self.holder, self._lengths = view, view.holder, lengths
        self.anchor: int | None = None  # the car Shift+click and the keys extend from
        self._press: QPoint | None = None
        self._press_car: int | None = None
        self._band: QRubberBand | None = None

    def set_anchor(self, i: int | None) -> None:
        self.anchor = i

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        t = event.type()
        if watched is self.view:  # the keys, and the context menu the keyboard asks for, come to the view
            if t == QEvent.Type.ContextMenu:
                return self._context_menu(event)
            return t == QEvent.Type.KeyPress and self._key(event)
        handler = {QEvent.Type.MouseButtonPress: self._press_event, QEvent.Type.MouseMove: self._move_event,
                   QEvent.Type.MouseButtonRelease: self._release_event,
                   QEvent.Type.MouseButtonDblClick: self._double_click, QEvent.Type.ContextMenu: self._context_menu,
                   QEvent.Type.DragEnter: self._drag_enter, QEvent.Type.DragMove: self._drag_move,
                   QEvent.Type.DragLeave: self._drag_leave, QEvent.Type.Drop: self._drop}.get(t)
        return handler(event) if handler is not None else False

    # --- the mouse --------------------------------------------------------------------------------
    def _press_event(self, event: Any) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        i = self.view.car_at(event.position())
        mods = event.modifiers()
        sel = self.holder.selection
        self._press = event.position().toPoint()
        self._press_car = i
        if i is None:
            if not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
                self.holder.set_selection([])
            self._band = self._band or QRubberBand(QRubberBand.Shape.Rectangle, self.view.viewport())
            self._band.setGeometry(QRect(self._press, QSize()))
            self._band.show()
            return True
        if mods & Qt.KeyboardModifier.ShiftModifier and self.anchor is not None:
            lo, hi = sorted((self.anchor, i))
            base = sel if mods & Qt.KeyboardModifier.ControlModifier else []
            self.holder.set_selection(list(base) + list(range(lo, hi + 1)))
        elif mods & Qt.KeyboardModifier.ControlModifier:
            self.holder.set_selection([j for j in sel if j != i] if i in sel else sel + [i])
            self.anchor = i
        elif i not in sel:
            self.holder.set_selection([i])
            self.anchor = i
        else:
            self.anchor = i
        return True

    def _move_event(self, event: Any) -> bool:
        if self._press is None:
            return True
        pos = event.position().toPoint()
        if self._band is not None and self._band.isVisible():
            self._band.setGeometry(QRect(self._press, pos).normalized())
            return True
        if (self._press_car is not None and self._press_car in self.holder.selection
                and (pos - self._press).manhattanLength() >= QApplication.startDragDistance()):
            self._start_move_drag()
        return True

    def _release_event(self, event: Any) -> bool:
        if self._band is not None and self._band.isVisible():
            band = QRectF(self._band.geometry())
            self._band.hide()
            first, last = self.view.visible_range()
            hits = [i for i in range(first, last + 1) if self.view.car_rect(i).intersects(band)]
            extra = self.holder.selection if event.modifiers() & Qt.KeyboardModifier.ControlModifier else []
            self.holder.set_selection(list(extra) + hits)
        elif (self._press_car is not None and self._press is not None and not event.modifiers()
              and (event.position().toPoint() - self._press).manhattanLength() < QApplication.startDragDistance()):
            self.holder.set_selection([self._press_car])  # a plain click on a car of a selection selects just it
        self._press = None
        self._press_car = None
        return True

    def _double_click(self, event: Any) -> bool:
        i = self.view.car_at(event.position())
        if i is not None:
            self.holder.set_selection([i])
            self.anchor = i
        return True

    def _context_menu(self, event: Any) -> bool:
        i = self.view.car_at(event.pos()) if event.reason() == event.Reason.Mouse else None
        if i is not None and i not in self.holder.selection:
            self.holder.set_selection([i])
            self.anchor = i
        if self.view.actions():
            QMenu.exec(self.view.actions(), event.globalPos(), None, self.view.viewport())
        return True

    # --- drag and drop ---------------------------------------------------------------------------
    def _start_move_drag(self) -> None:
        drag = QDrag(self.view.viewport())
        drag.setMimeData(self.view.move_mime())
        cars = self.holder.resolved_cars()
        pix = drag_pixmap([cars[i] for i in self.holder.selection[:6]])
        if pix is not None:
            drag.setPixmap(pix)
            drag.setHotSpot(QPoint(10, pix.height() // 2))
        self._press = None
        drag.exec(Qt.DropAction.MoveAction)
        self.view.show_drop(None)

    def _drag_enter(self, event: Any) -> bool:
        md = event.mimeData()
        if md.hasFormat(MOVE_MIME) or md.hasFormat(CAR_TYPES_MIME) or document_urls(md):
            event.acceptProposedAction()
        else:
            event.ignore()
        return True

    def _drag_move(self, event: Any) -> bool:
        md = event.mimeData()
        if md.hasFormat(MOVE_MIME) or md.hasFormat(CAR_TYPES_MIME):
            self._autoscroll(event.position())
            self.view.show_drop(event.position())
            event.acceptProposedAction()
        elif document_urls(md):
            event.acceptProposedAction()
        else:
            event.ignore()
        return True

    def _drag_leave(self, _event: Any) -> bool:
        self.view.show_drop(None)
        return True

    def _drop(self, event: Any) -> bool:
        md = event.mimeData()
        index = self.view.drop_index_at(event.position())
        self.view.show_drop(None)
        if md.hasFormat(MOVE_MIME):
            if md.data(MOVE_MIME).data() == self.view.move_mime().data(MOVE_MIME).data():  # only a move started in this view
                self.view.move_selection_to(index)
                event.acceptProposedAction()
            else:
                event.ignore()
        elif md.hasFormat(CAR_TYPES_MIME):
            types = types_from_mime(bytes(md.data(CAR_TYPES_MIME)))
            if types:
                self.view.insert_types(types, index)
                event.acceptProposedAction()
            else:
                event.ignore()
        elif urls := document_urls(md):
            self.open_file_requested.emit(urls[0])
            event.acceptProposedAction()
        return True

    def _autoscroll(self, pos: QPointF) -> None:
        vsb, hsb = self.view.verticalScrollBar(), self.view.horizontalScrollBar()
        vp = self.view.viewport()
        if pos.y() < 30:
            vsb.setValue(vsb.value() - 20)
        elif pos.y() > vp.height() - 30:
            vsb.setValue(vsb.value() + 20)
        if pos.x() < 30:
            hsb.setValue(hsb.value() - 20)
        elif pos.x() > vp.width() - 30:
            hsb.setValue(hsb.value() + 20)

    # --- the keys ----------------------------------------------------------------------------------
    def _key(self, event: Any) -> bool:
        """The arrows, Home and End move the selection (Shift extends it), F fits the train; other
        keys are the view's (False)."""
        key, mods = event.key(), event.modifiers()
        n = len(self._lengths())
        if key == Qt.Key.Key_F and not mods:
            self.view.fit()
            return True
        step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Home: -n, Qt.Key.Key_End: n}.get(key)
        rows = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(key)
        if (step is None and rows is None) or n == 0 \
                or mods & ~Qt.KeyboardModifier.ShiftModifier & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        sel = self.holder.selection
        current = self.anchor if self.anchor is not None and 0 <= self.anchor < n else (sel[-1] if sel else -1)
        if rows is not None:  # the car above or below: the one of that row nearest the current car's middle
            step = row_step(self.view.placement, self._lengths(), current, rows) if current >= 0 else rows
        assert step is not None
        if mods & Qt.KeyboardModifier.ShiftModifier and sel:
            lead = (sel[-1] if sel[-1] != current else sel[0]) if len(sel) > 1 else current
            lead = min(max(lead + step, 0), n - 1)
            lo, hi = sorted((current, lead))
            self.holder.set_selection(range(lo, hi + 1))
            self.view.scroll_to_car(lead)
            return True
        i = min(max(current + step, 0), n - 1) if current >= 0 else (0 if step > 0 else n - 1)
        self.holder.set_selection([i])
        self.anchor = i
        self.view.scroll_to_car(i)
        return True


def row_step(p: Placement, lengths: Sequence[float], i: int, rows: int) -> int:
    """How many cars from car i to the car `rows` rows down (up when negative) nearest below (above) it."""
    row = p.row[i] + rows
    if not 0 <= row < p.rows:
        return 0
    middle = p.x[i] + lengths[i] / 2
    cars = p.cars_in_rows(row, row)
    lefts = p.x.row_slice(row)
    k = max(bisect.bisect_right(lefts, middle) - 1, 0)
    if k + 1 < len(lefts) and abs(lefts[k + 1] - middle) < abs(lefts[k] + lengths[cars.start + k] - middle):
        k += 1
    return cars.start + k - i


def types_from_mime(data: bytes) -> list[CarType]:
    try:
        raw = json.loads(data.decode("utf-8"))
        return [CarType.model_validate(t) for t in raw[:1000]] if isinstance(raw, list) else []
    except (ValueError, TypeError, UnicodeDecodeError, RecursionError):
        return []  # foreign or broken drag data: ignore it (pydantic's ValidationError is a ValueError)


def document_urls(md: QMimeData) -> list[str]:
    if not md.hasUrls():
        return []
    return [u.toLocalFile() for u in md.urls() if u.isLocalFile() and u.toLocalFile().endswith(".json")]
