"""Nothing the window shows at 1400×900 or at 1280×800 is cut: each text's width (QFontMetrics.horizontalAdvance) is
measured against the room it is drawn in. The cases the issue saw: the inspector's "152.1 tons", the
legs' From/To once the baseline's Δ column shows ("Pyong…"), the break of gauge ("Khasan (14…" in
the table, "Khasan (bre…" up the plot) and the tornado chart's names."""
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication, QStyle

from settle import laid_out
from traintool.units import UnitSystem

ELLIPSIS = "…"


def cell_room(tree, item, col: int) -> float:
    """The width a tree's cell draws its text in: its rectangle less the style's margins."""
    margin = tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1
    return tree.visualRect(tree.indexFromItem(item, col)).width() - 2 * margin


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def test_the_inspector_shows_an_imperial_mass_whole_and_its_row_inside_the_dock(qtbot, small_screen_window):
    w = small_screen_window
    w.preferences.units = UnitSystem.IMPERIAL
    w.holder.set_selection([0])  # the DF4B locomotive: 138 t, "152.1 tons"
    inspector = w.inspector
    qtbot.waitUntil(lambda: inspector.mass.text() == "152.1 tons" and laid_out(w))
    viewport = w.inspector_dock.widget().viewport()
    for field in ("length_m", "mass_kg", "axles", "max_speed_m_s"):
        box = inspector.widgets[field]
        edit = box.lineEdit()
        assert QFontMetricsF(edit.font()).horizontalAdvance(edit.text()) <= edit.contentsRect().width() - 4, (
            field, edit.text(), edit.contentsRect())
        for part in (box, inspector.resets[field], inspector.ranges.get(field)):
            if part is not None:  # the reset and the range right of the value are inside the dock, not cut by it
                right = part.mapTo(viewport, QPoint(part.width() - 1, 0)).x()
                assert right < viewport.width(), (field, part, right, viewport.width())


def test_the_legs_names_stay_whole_beside_the_baselines_column(qtbot, small_screen_window):
    w = small_screen_window
    panel = w.trip_panel
    panel.sections["legs"].set_open(True)
    click(qtbot, panel.answer.pin)  # the Δ column shows
    legs = panel.legs
    qtbot.waitUntil(lambda: not legs.isColumnHidden(5) and legs.topLevelItemCount() > 0 and laid_out(w))
    metrics = QFontMetricsF(legs.font())
    for i in range(legs.topLevelItemCount()):
        item = legs.topLevelItem(i)
        for col in range(6):
            assert metrics.horizontalAdvance(item.text(col)) <= cell_room(legs, item, col), (item.text(col), col)


def test_the_break_of_gauge_is_named_whole_in_its_table(qtbot, small_screen_window):
    w = small_screen_window
    refits = w.trip_panel.refits
    qtbot.waitUntil(lambda: refits.topLevelItemCount() > 0 and laid_out(w))
    metrics = QFontMetricsF(refits.font())
    item = refits.topLevelItem(0)
    assert item.text(0).startswith("Khasan (")
    for col in range(refits.columnCount()):
        assert metrics.horizontalAdvance(item.text(col)) <= cell_room(refits, item, col), (item.text(col), col)


def test_a_break_of_gauge_up_a_short_plot_keeps_its_name_whole(qtbot, small_screen_window):
    """The plot at its least height: "Khasan (break of gauge)" does not fit up it; the name alone does,
    where it was cut to "Khasan (bre…"."""
    w = small_screen_window
    plots = w.plots
    w.resizeDocks([w.plots_dock], [1], Qt.Orientation.Vertical)  # dragged as short as it goes
    plot = plots.speed_plot
    qtbot.waitUntil(lambda: laid_out(w) and plot.height() < 260)
    plot.getPlotItem().vb.autoRange()
    qtbot.waitUntil(lambda: laid_out(plot))
    marks = plots.station_marks[plot]
    texts, rects = marks.drawn_texts(), marks.drawn_labels()
    label = "Khasan (break of gauge)"
    metrics = QFontMetricsF(marks.font)
    room = plot.getPlotItem().vb.sceneBoundingRect().height()
    assert metrics.horizontalAdvance(label) > room  # the case: the whole label does not fit
    assert texts[label] == "Khasan"
    for name, text in texts.items():
        assert metrics.horizontalAdvance(text) <= rects[name].height() + 0.5 <= room + 0.5, name
        assert ELLIPSIS not in text, name  # every name on this route fits whole up a 200 px plot


def test_the_tornado_names_every_bar_whole(qtbot, small_screen_window):
    w = small_screen_window
    plots = w.plots
    bar = plots.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(plots.tabs.indexOf(plots.drivers_tab)).center())
    chart = plots.drivers_tab.content()
    qtbot.waitUntil(lambda: bool(chart.shown) and laid_out(chart), timeout=30_000)
    axis = chart.plot.getAxis("left")
    names = [name for _y, name in sorted(axis._tickLevels[0], key=lambda tick: -tick[0])]  # top down, as the bars
    metrics = QFontMetricsF(axis.style["tickFont"])
    room = axis.width() - axis.style["tickLength"] - axis.style["tickTextOffset"][0]
    assert len(names) == len(chart.shown)
    for name, driver in zip(names, chart.shown):
        assert name.replace("\n", " ") == driver.input.label  # the whole name, on one line or more
        assert all(metrics.horizontalAdvance(line) <= room for line in name.split("\n")), name
    assert any(len(d.input.label) > 48 for d in chart.shown)  # the case: a name that was cut at 48 characters


def test_the_consist_figures_are_whole_in_imperial(qtbot, small_screen_window):
    w = small_screen_window
    w.preferences.units = UnitSystem.IMPERIAL
    w.holder.set_selection([0])
    figures = w.figures
    qtbot.waitUntil(lambda: figures.selection["mass"].text().endswith("tons") and laid_out(w))
    for cells in (figures.labels, figures.train, figures.selection):
        for key, label in cells.items():
            assert QFontMetricsF(label.font()).horizontalAdvance(label.text()) <= label.contentsRect().width(), (
                key, label.text())
    assert QApplication.activeModalWidget() is None


@pytest.mark.parametrize("units", list(UnitSystem))
def test_the_route_editor_tables_fit_their_room_without_scrolling_sideways(qtbot, small_screen_window, units):
    # At 1280×800 the tables scrolled sideways and the Time zone column was partly out of view. Now each
    # table's columns fit its viewport, every header reads whole, and a cell's text is whole or (a long
    # name or zone, elided) whole in its tooltip.
    w = small_screen_window
    w.preferences.units = units
    plots = w.plots
    bar = plots.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(plots.tabs.indexOf(plots.route_editor_tab)).center())
    qtbot.waitUntil(lambda: plots.tabs.currentWidget() is plots.route_editor_tab)
    editor = plots.route_editor_tab.content()
    qtbot.waitUntil(lambda: editor.isVisible() and laid_out(w))
    assert editor.body_scroll.horizontalScrollBar().maximum() == 0
    for table in (editor.stations, editor.sections):
        header = table.horizontalHeader()
        assert table.horizontalScrollBar().maximum() == 0, (table, header.length(), table.viewport().width())
        assert header.length() <= table.viewport().width()
        seen = table.viewport().visibleRegion().boundingRect()
        metrics = QFontMetricsF(table.font())
        for col in range(table.columnCount()):
            label = table.horizontalHeaderItem(col).text()
            width = header.sectionSize(col)
            needed = max(QFontMetricsF(header.font()).horizontalAdvance(line) for line in label.split("\n"))
            assert needed <= width - 4, (label, width)
            for row in range(table.rowCount()):
                item = table.item(row, col)
                rect = table.visualItemRect(item)
                assert seen.left() <= rect.left() and rect.right() <= seen.right(), (label, rect, seen)
                text = item.text()
                margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
                room = rect.width() - 2 * margin - (20 if item.data(Qt.ItemDataRole.CheckStateRole) is not None else 0)
                if metrics.horizontalAdvance(text) > room:
                    assert text in item.toolTip(), (label, text, room)
