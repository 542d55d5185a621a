"""How much room the window's docks take: on a first run, the train most of it; after a jump in the
window's size (maximized, restored, snapped to half the screen), the share each had."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow

SCALE_STEP = 200  # px: a change of the window's size by this much at once scales the docks with it


def is_jump(old_width: int, old_height: int, new_width: int, new_height: int) -> bool:
    return abs(new_width - old_width) >= SCALE_STEP or abs(new_height - old_height) >= SCALE_STEP


def scale(window: QMainWindow, side: list[QDockWidget], bottom: list[QDockWidget], wide: float, high: float) -> None:
    """The docks keep their share of the window, where Qt would give every pixel to the train and
    leave the side docks (`side`: the trip panel's) as narrow."""
    def shown(docks: list[QDockWidget]) -> list[QDockWidget]:
        return [d for d in docks if d.isVisible() and not d.isFloating()]

    if shown(side) and wide != 1:
        window.resizeDocks(shown(side), [round(d.width() * wide) for d in shown(side)], Qt.Orientation.Horizontal)
    if shown(bottom) and high != 1:
        window.resizeDocks(shown(bottom), [round(d.height() * high) for d in shown(bottom)], Qt.Orientation.Vertical)


def first_run(window: QMainWindow, *, plots: QDockWidget, catalogue: QDockWidget, inspector: QDockWidget,
              trip: QDockWidget, figures: QDockWidget) -> None:
    """Give the train most of the room: the plots a quarter of the height, the inspector whole and
    the catalogue the rest (the catalogue scrolls well, the inspector does not)."""
    window.resizeDocks([plots], [max(window.height() // 4, 200)], Qt.Orientation.Vertical)
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # the heights after the plots took theirs
    inspector_height = inspector.sizeHint().height()
    both = catalogue.height() + inspector.height()
    window.resizeDocks([catalogue, inspector], [max(both - inspector_height, 150), inspector_height],
                       Qt.Orientation.Vertical)
    window.resizeDocks([trip, catalogue, figures], [400, 290, figures.sizeHint().width()], Qt.Orientation.Horizontal)
