"""Under a dark desktop palette, what the window paints itself is dark too: the layout's canvas (behind the
car drawings), the overview strip and the plots; the layout's labels are in the palette's text colour."""
import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

import builders


@pytest.fixture
def dark_palette(qapp):
    before = QApplication.palette()
    dark = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#2d2d2d"), (QPalette.ColorRole.Base, "#1e1e1e"),
                         (QPalette.ColorRole.Text, "#e6e6e6"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
                         (QPalette.ColorRole.Button, "#353535"), (QPalette.ColorRole.ButtonText, "#e6e6e6")):
        dark.setColor(role, QColor(colour))
    QApplication.setPalette(dark)
    yield dark
    QApplication.setPalette(before)


def test_the_canvas_the_strip_and_the_plots_follow_a_dark_palette(qtbot, open_window, dark_palette, monkeypatch):
    window = open_window(builders.small_document())
    view = window.layout_view
    image = view.viewport().grab().toImage()
    corner = QColor(image.pixel(image.width() - 5, image.height() - 5))  # past the last row: the canvas
    assert corner.lightness() < 90, corner.name()
    strip = window.overview.grab().toImage()
    assert QColor(strip.pixel(strip.width() - 2, 1)).lightness() < 90
    plots = window.plots
    for plot in (plots.speed_plot, plots.time_plot):
        assert plot.backgroundBrush().color().lightness() < 90
        assert plot.getAxis("bottom").pen().color().lightness() > 160  # the axes readable on it
    # The station names on the plot, in the palette's text colour: more light pixels than with the names
    # in the light theme's dark grey (read on the same plot).
    assert light_pixels(plots.speed_plot) > light_pixels(plots.speed_plot, names_as_on_light=True, patch=monkeypatch) + 30


def light_pixels(plot, names_as_on_light: bool = False, patch=None) -> int:
    if names_as_on_light:
        from traintool.ui.trip import station_marks

        patch.setattr(station_marks.theme, "ink", lambda _palette, light: light)
    image = plot.grab().toImage()
    return sum(QColor(image.pixel(x, y)).lightness() > 160 for x in range(0, image.width(), 2)
               for y in range(0, image.height(), 2))


def test_under_a_light_palette_the_canvas_stays_light(qtbot, window):
    image = window.layout_view.viewport().grab().toImage()
    assert QColor(image.pixel(image.width() - 5, image.height() - 5)).lightness() > 200
