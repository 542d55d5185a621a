"""The plot tabs read in the light and the dark theme, at 1400×900 and 1280×800: the train graph's key stands
above its plot area (it lay over the stations' names) and reads against what is behind it (under a dark
theme it was light text on a white box), and "What drives it" follows the palette (a white chart with light
names under a dark theme)."""
from collections import Counter

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFontMetricsF

from settle import laid_out
from wcag import contrast

TEXT_CONTRAST = 4.5  # WCAG 2.1, 1.4.3: text against its background



def text_contrast(plot, item) -> float:
    """How the text drawn in a graphics item stands out from the item's background, as painted: the
    background is the commonest colour in the item's rectangle, the text its pixels most unlike it."""
    image = plot.grab().toImage()
    ratio = image.devicePixelRatio()
    rect = plot.mapFromScene(item.sceneBoundingRect()).boundingRect()
    pixels = [QColor(image.pixel(int(x * ratio), int(y * ratio)))
              for x in range(max(rect.left(), 0), min(rect.right(), plot.width() - 1))
              for y in range(max(rect.top(), 0), min(rect.bottom(), plot.height() - 1))]
    assert pixels, rect
    back = QColor(Counter(p.rgb() for p in pixels).most_common(1)[0][0])
    return max(contrast(p, back) for p in pixels)


@pytest.fixture(params=["light", "dark"])
def theme_name(request):
    if request.param == "dark":
        request.getfixturevalue("dark_palette")
    return request.param


def open_tab(qtbot, window, tab):
    bar = window.plots.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(window.plots.tabs.indexOf(tab)).center())
    qtbot.waitUntil(lambda: window.plots.tabs.currentWidget() is tab)
    return tab.content()


def test_the_train_graphs_key_is_above_its_plot_and_reads(qtbot, theme_name, small_screen_window):
    w = small_screen_window
    graph = open_tab(qtbot, w, w.plots.train_graph_tab)
    qtbot.waitUntil(lambda: graph.legend.items and laid_out(graph), timeout=20_000)
    qtbot.waitUntil(lambda: w.trip_panel.range_computer.range is not None and laid_out(graph), timeout=30_000)
    plot_area = graph.plot.getPlotItem().vb.sceneBoundingRect()
    key = graph.legend.sceneBoundingRect()
    assert not key.intersects(plot_area), (key, plot_area)
    assert key.bottom() <= plot_area.top() and key.right() <= graph.plot.sceneRect().right()
    assert text_contrast(graph.plot, graph.legend) >= TEXT_CONTRAST


def test_what_drives_it_reads_in_either_theme(qtbot, theme_name, window):
    chart = open_tab(qtbot, window, window.plots.drivers_tab)
    qtbot.waitUntil(lambda: bool(chart.shown) and laid_out(chart), timeout=30_000)
    background = chart.plot.backgroundBrush().color()
    assert (background.lightness() < 90) == (theme_name == "dark"), background.name()
    assert text_contrast(chart.plot, chart.plot.getAxis("left")) >= TEXT_CONTRAST
    assert text_contrast(chart.plot, chart.plot.getAxis("bottom")) >= TEXT_CONTRAST


def test_the_names_of_what_drives_it_do_not_run_into_each_other(qtbot, small_screen_window):
    """A name on two lines ("11 car types: top speed (Armored security car with weapons, ...)") has the room
    of two: at 1280×800 its lines ran over the names above and below it."""
    chart = open_tab(qtbot, small_screen_window, small_screen_window.plots.drivers_tab)
    qtbot.waitUntil(lambda: bool(chart.shown) and laid_out(chart), timeout=30_000)
    axis = chart.plot.getAxis("left")
    line = QFontMetricsF(axis.style["tickFont"]).lineSpacing()
    vb = chart.plot.getPlotItem().vb
    spans = []  # each name's lines, top and bottom, in the chart's pixels
    for y, name in sorted(axis._tickLevels[0], key=lambda tick: -tick[0]):
        centre = vb.mapViewToScene(QPointF(0, y)).y()
        half = name.count("\n") * line / 2 + line / 2
        spans.append((centre - half, centre + half, name))
    assert any("\n" in name for _, _, name in spans)  # the case: a name on more than one line
    for (top, bottom, name), (next_top, _, next_name) in zip(spans, spans[1:]):
        assert bottom <= next_top + 1, (name, next_name, bottom, next_top)


def test_a_click_on_a_bar_of_two_lines_picks_that_bar(qtbot, small_screen_window):
    chart = open_tab(qtbot, small_screen_window, small_screen_window.plots.drivers_tab)
    qtbot.waitUntil(lambda: bool(chart.shown) and laid_out(chart), timeout=30_000)
    axis = chart.plot.getAxis("left")
    ticks = sorted(axis._tickLevels[0], key=lambda tick: -tick[0])  # top down, as chart.shown
    k = next(k for k, (_y, name) in enumerate(ticks) if "\n" in name)
    vb = chart.plot.getPlotItem().vb
    for pick in (k, k + 1):  # the two-line bar, and the one under it (its row moved down by a line)
        driver = chart.shown[pick]
        x = (driver.total_s_low + driver.total_s_high) / 2 / 3600
        at = chart.plot.mapFromScene(vb.mapViewToScene(QPointF(x, ticks[pick][0])))
        with qtbot.waitSignal(chart.input_clicked) as clicked:
            qtbot.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=at)
        assert clicked.args[0] is driver.input


def test_the_train_graphs_change_of_zone_is_read_clear_of_the_stations_names(qtbot, small_screen_window):
    """At Khasan the clocks go from UTC+9 to UTC+10: the label on that line lay under "Khasan"'s name."""
    w = small_screen_window
    graph = open_tab(qtbot, w, w.plots.train_graph_tab)
    qtbot.waitUntil(lambda: bool(graph.zone_lines) and laid_out(graph), timeout=20_000)
    marks = next(item for item in graph._decor if hasattr(item, "drawn_labels"))
    names = marks.drawn_labels()
    assert "Khasan" in " ".join(names)
    plot_area = graph.plot.getPlotItem().vb.sceneBoundingRect()
    for line in graph.zone_lines:
        label = line.label.sceneBoundingRect()
        assert plot_area.adjusted(-0.5, -0.5, 0.5, 0.5).contains(label), (line.label.toPlainText(), label, plot_area)
        crossed = [name for name, rect in names.items() if rect.intersects(label)]
        assert not crossed, (line.label.toPlainText(), crossed)
