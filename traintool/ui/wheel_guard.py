"""Spin boxes and combo boxes take the mouse wheel only when they have focus.

Qt's own spin boxes and combos change their value under a passing wheel: scrolling a form over them
edited values the user never meant to (a refit figure, a car's axles) and committed them. Here, app-wide,
each one takes the focus only by click or Tab (strong focus), and a wheel over one without focus scrolls
the view it is in instead.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QWidget

GUARDED = (QAbstractSpinBox, QComboBox)


def guarded(obj: QObject) -> QWidget | None:
    """The spin box or combo `obj` is, or is part of (a spin box's line edit), if any."""
    for w in (obj, obj.parent()):
        if isinstance(w, GUARDED):
            return w
    return None


class WheelGuard(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(obj, GUARDED):
            obj.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == QEvent.Type.Wheel:
            w = guarded(obj)
            if w is not None and not w.hasFocus():
                scroll_view_around(w, event)  # type: ignore[arg-type]
                return True
        return False


def scroll_view_around(w: QWidget, event: QWheelEvent) -> None:
    """Give the wheel to the scroll bar of the nearest scrolling view that holds `w` (none: nothing scrolls)."""
    area = w.parentWidget()
    while area is not None and not isinstance(area, QAbstractScrollArea):
        area = area.parentWidget()
    if area is None:
        return
    horizontal = abs(event.angleDelta().x()) > abs(event.angleDelta().y())
    bar = area.horizontalScrollBar() if horizontal else area.verticalScrollBar()
    QApplication.sendEvent(bar, QWheelEvent(event.position(), event.globalPosition(), event.pixelDelta(),
                                            event.angleDelta(), event.buttons(), event.modifiers(), event.phase(),
                                            event.inverted(), event.source()))


def install(app: QApplication) -> None:
    """Guard every spin box and combo of the application (once; widgets made before are guarded as well)."""
    if app.property("traintool_wheel_guard"):
        return
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    app.setProperty("traintool_wheel_guard", True)
    for w in app.allWidgets():
        if isinstance(w, GUARDED):
            w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
