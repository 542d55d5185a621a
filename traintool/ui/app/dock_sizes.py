"""How much room the window's docks take: on a first run, the train most of it; after a jump in the
window's size (maximized, restored, snapped to half the screen), the share each had."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow

SCALE_STEP = 200  # px: a change of the window's size by this much at once scales the docks with it
# The plots dock's share of a first window's height: at 1400×900 the route editor's tables show their
# five rows and the plot 200 px, with the train above them (a quarter gave 1.5 rows and an 85 px plot),
# and the trip panel beside the train its refit settings' header without scrolling.
PLOTS_SHARE = 0.35
# The trip panel's first width: its legs table's six columns with the baseline's Δ, "Pyongyang" and
# "Vladivostok" whole (at 400 px the names were cut to "Pyong…").
TRIP_WIDTH = 480


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
    """Give the train most of the room: the plots a third of the height, the inspector whole and
    the catalogue the rest (the catalogue scrolls well, the inspector does not)."""
    window.resizeDocks([plots], [max(round(window.height() * PLOTS_SHARE), 200)], Qt.Orientation.Vertical)
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # the heights after the plots took theirs
    inspector_height = inspector.sizeHint().height()
    both = catalogue.height() + inspector.height()
    window.resizeDocks([catalogue, inspector], [max(both - inspector_height, 150), inspector_height],
                       Qt.Orientation.Vertical)
    window.resizeDocks([trip, catalogue, figures], [TRIP_WIDTH, 290, figures.sizeHint().width()], Qt.Orientation.Horizontal)
