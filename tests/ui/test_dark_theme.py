"""Under a dark desktop palette, what the window paints itself is dark too: the layout's canvas (behind the
car drawings), the overview strip and the plots; the layout's labels are in the palette's text colour."""
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QToolTip

import builders


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


def hovered(qtbot, widget) -> None:
    """The pointer rests on the widget: the tooltip event a pause there sends."""
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent

    qtbot.mouseMove(widget, QPoint(10, widget.height() // 2))
    QApplication.sendEvent(widget, QHelpEvent(QEvent.Type.ToolTip, QPoint(10, 5), widget.mapToGlobal(QPoint(10, 5))))


def combo_field(box):
    """Where a combo box draws its current text."""
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    opt = QStyleOptionComboBox()
    box.initStyleOption(opt)
    return box.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt, QStyle.SubControl.SC_ComboBoxEditField, box)


def test_every_combo_reads_whole_and_light_on_dark(qtbot, open_window, dark_palette):
    """Each combo box of the window under the dark palette: its text fits its field (or ends with "…" where
    it truly lacks room, the whole in the tooltip), and is drawn light on a dark box."""
    from PySide6.QtWidgets import QComboBox

    from settle import laid_out

    window = open_window(builders.small_document())
    window.holder.set_selection([0])  # the inspector's Gauge change shows
    panel = window.trip_panel
    for key in ("operations", "facilities"):
        if not panel.sections[key].is_open:
            qtbot.mouseClick(panel.sections[key].header, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: laid_out(window))
    boxes = [b for b in window.findChildren(QComboBox) if b.isVisibleTo(window) and b.currentText()]
    assert {panel.knobs.route_box, panel.knobs.stranded_box, window.inspector.gauge_change,
            panel.operations.service} <= set(boxes)
    for box in boxes:
        if hasattr(box, "shown_text") and box.shown_text() != box.currentText():
            assert box.shown_text().endswith("…")
            hovered(qtbot, box)
            assert QToolTip.isVisible() and QToolTip.text().startswith(box.currentText())  # the whole, when hovered
            continue
        text_width = box.fontMetrics().horizontalAdvance(box.currentText())
        assert text_width <= combo_field(box).width(), (box.currentText(), text_width, combo_field(box))
        image = box.grab().toImage()
        field = combo_field(box)
        ratio = image.devicePixelRatio()
        pixels = [QColor(image.pixel(int(x * ratio), int(y * ratio))).lightness()
                  for x in range(field.left(), field.left() + text_width) for y in range(field.top(), field.bottom())]
        assert sorted(pixels)[len(pixels) // 2] < 90, box.currentText()  # a dark box ...
        assert max(pixels) > 160, box.currentText()  # ... with light text on it


def test_the_plots_follow_a_theme_switched_while_the_window_is_open(qtbot, window, qapp):
    """The desktop turns dark with the window open: the plots' background and axes follow, as the station
    names (drawn in the palette's text colour at each paint) already did, light on the white plot."""
    from traintool.ui.common import theme

    plots = window.plots
    plots.tabs.setCurrentWidget(plots.time_tab)
    qtbot.waitUntil(lambda: plots.time_tab.is_built)
    before = QApplication.palette()
    dark = QPalette(before)
    for role, colour in ((QPalette.ColorRole.Window, "#2d2d2d"), (QPalette.ColorRole.Base, "#1e1e1e"),
                         (QPalette.ColorRole.Text, "#e6e6e6"), (QPalette.ColorRole.WindowText, "#e6e6e6")):
        dark.setColor(role, QColor(colour))
    try:
        QApplication.setPalette(dark)
        for plot in (plots.speed_plot, plots.time_plot):
            qtbot.waitUntil(lambda: plot.backgroundBrush().color().lightness() < 90)
            for side in ("left", "bottom"):
                assert plot.getAxis(side).textPen().color().lightness() > 160
            for _sample, label in plots.legends[plot].items:  # the key's words as drawn
                assert label.item.defaultTextColor().lightness() > 160 or "#e6e6e6" in label.item.toHtml().lower(), \
                    label.item.toHtml()
        assert theme.plot_colours(plots.palette())[0].lightness() < 90
        # A tab built after the switch is dark too.
        plots.tabs.setCurrentWidget(plots.refit_tab)
        qtbot.waitUntil(lambda: plots.refit_tab.is_built)
        assert plots.refit_plot.backgroundBrush().color().lightness() < 90
    finally:
        QApplication.setPalette(before)
    qtbot.waitUntil(lambda: plots.speed_plot.backgroundBrush().color().lightness() > 200)  # and back
