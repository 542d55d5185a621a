"""Windows that fit the screen they are on: a window larger than the available area (its status bar off
the bottom edge), a New Window cascaded past the edges, or a saved geometry from a larger screen is
brought inside the screen's available geometry, at any scale (Qt's geometry is in device-independent pixels).
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# The window manager's frame and title bar, until the window is shown and they are known.
FRAME_ALLOWANCE = QSize(8, 32)
CASCADE = QPoint(32, 32)  # each new window a little down and right of the last, so both are seen


def available(w: QWidget) -> QRect:
    screen = w.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def frame_extra(w: QWidget) -> QSize:
    """What the frame adds to the window's size (the allowance while it is not known)."""
    frame = w.frameGeometry()
    extra = QSize(frame.width() - w.width(), frame.height() - w.height())
    return extra if extra.height() > 0 else FRAME_ALLOWANCE


def fit(w: QWidget) -> None:
    """Shrink the window to the available area (frame included) and move it inside, if it is not."""
    area, extra = available(w), frame_extra(w)
    width = min(w.width(), area.width() - extra.width())
    height = min(w.height(), area.height() - extra.height())
    if (width, height) != (w.width(), w.height()):
        w.resize(max(width, 1), max(height, 1))
    # move() places the frame: keep all of it inside.
    outer = QSize(w.width() + extra.width(), w.height() + extra.height())
    x = max(area.left(), min(w.x(), area.left() + area.width() - outer.width()))
    y = max(area.top(), min(w.y(), area.top() + area.height() - outer.height()))
    if (x, y) != (w.x(), w.y()):
        w.move(x, y)


def cascade(w: QWidget, after: QWidget) -> None:
    """Place `w` a step down and right of `after`, made smaller if it must to stay inside; back at the
    area's top left once the steps have come a third of the way across."""
    area = available(after)
    at = after.pos() + CASCADE
    if at.x() - area.left() > area.width() // 3 or at.y() - area.top() > area.height() // 3:
        at = area.topLeft()
    extra = frame_extra(w)
    w.resize(min(w.width(), area.left() + area.width() - at.x() - extra.width()),
             min(w.height(), area.top() + area.height() - at.y() - extra.height()))
    w.move(at)
    fit(w)
