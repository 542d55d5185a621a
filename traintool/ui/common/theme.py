"""The colours the window paints itself (the layout's canvas and labels, the overview strip, the plots),
taken from the palette: under a dark desktop theme they are dark too, not light panels in a dark window."""
from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

LIGHT_CANVAS = QColor("#f3f1ea")  # the layout's warm paper, behind the car drawings
LIGHT_STRIP = QColor("#e4e1d8")  # the overview strip's
LIGHT_EDGE = "#3c423e"  # the cars' outline on the light paper: 9.1:1 against it
DARK_EDGE_MIX = 0.6  # on a dark canvas, the outline is this far from the canvas to the palette's text: 5.5:1 on #222
REFUSED_COLOR = "#b00020"  # why the trip cannot be made, or what was typed and not applied
WARNING_COLOR = "#a04000"  # a warning about the trip


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def canvas(palette: QPalette) -> QColor:
    """Behind the car drawings: the warm paper, or under a dark theme the palette's base, a touch lifted."""
    return palette.color(QPalette.ColorRole.Base).lighter(115) if is_dark(palette) else LIGHT_CANVAS


def car_edge(palette: QPalette) -> QColor:
    """The line around each car's drawing: dark on the light paper, light on a dark canvas (the armoured
    cars' dark green stood at 1.7:1 on it), at least WCAG's 3:1 for a shape against the canvas either way."""
    if not is_dark(palette):
        return QColor(LIGHT_EDGE)
    back, text = canvas(palette), palette.color(QPalette.ColorRole.Text)
    return QColor(*(round(b + (t - b) * DARK_EDGE_MIX) for b, t in ((back.red(), text.red()), (back.green(), text.green()),
                                                                       (back.blue(), text.blue()))))


def strip(palette: QPalette) -> QColor:
    return palette.color(QPalette.ColorRole.Base) if is_dark(palette) else LIGHT_STRIP


def ink(palette: QPalette, light: QColor) -> QColor:
    """A label's colour: `light` (the colour for the light canvas), or the palette's text under a dark theme."""
    return palette.color(QPalette.ColorRole.Text) if is_dark(palette) else light


def plot_colours(palette: QPalette) -> tuple[QColor, QColor]:
    """The plots' background and foreground (axes, labels)."""
    if is_dark(palette):
        return palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    return QColor("white"), QColor("black")
