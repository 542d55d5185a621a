"""At 1400×900 (the smallest screen the issue drove) and at 1280×800 the first window is usable: the plot is a plot
(200 px at least, it was 85) and the route editor shows five rows of each table (it showed one and a
half). The offscreen screen is 800×800, so the screen the window fits is given to screen_fit; the
window then sizes itself and its docks as on a new user's first run (conftest: small_screen_window)."""
from PySide6.QtCore import Qt

from settle import laid_out


def click_tab(qtbot, tabs, page) -> None:
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tabs.indexOf(page)).center())
    qtbot.waitUntil(lambda: tabs.currentWidget() is page)


def rows_in_view(table) -> int:
    """The rows drawn whole in the part of the table's viewport that is on screen (a scroll area
    around the table or the dock's edge may hide some of the viewport)."""
    seen = table.viewport().visibleRegion().boundingRect()
    return sum(seen.contains(table.visualItemRect(table.item(r, 0))) for r in range(table.rowCount()))


def test_the_route_editor_shows_five_rows_of_each_table(qtbot, small_screen_window):
    plots = small_screen_window.plots
    click_tab(qtbot, plots.tabs, plots.route_editor_tab)
    editor = plots.route_editor_tab.content()
    qtbot.waitUntil(lambda: laid_out(editor))
    for table in (editor.stations, editor.sections):
        assert table.rowCount() >= 5
        assert rows_in_view(table) >= 5, (table.viewport().visibleRegion().boundingRect(), table.rowHeight(0))


def test_the_plot_is_at_least_200_px_tall(qtbot, small_screen_window):
    plots = small_screen_window.plots
    click_tab(qtbot, plots.tabs, plots.speed_plot)
    qtbot.waitUntil(lambda: laid_out(plots.speed_plot))
    seen = plots.speed_plot.viewport().visibleRegion().boundingRect()
    assert seen.height() >= 200 and seen.width() >= 400, seen


def test_a_short_plots_dock_scrolls_the_route_editor_rather_than_squeeze_its_tables(qtbot, small_screen_window):
    w = small_screen_window
    plots = w.plots
    click_tab(qtbot, plots.tabs, plots.route_editor_tab)
    editor = plots.route_editor_tab.content()
    qtbot.waitUntil(lambda: laid_out(editor))
    w.resizeDocks([w.plots_dock], [260], Qt.Orientation.Vertical)  # as the user drags the dock's edge down
    qtbot.waitUntil(lambda: laid_out(w) and w.plots_dock.height() < 300 and editor.height() < 250)
    bar = editor.body_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.isVisible() and bar.maximum() > 0)
    editor.body_scroll.ensureWidgetVisible(editor.stations, 0, 0)  # scrolled to them, the tables are whole
    qtbot.waitUntil(lambda: laid_out(editor))
    for table in (editor.stations, editor.sections):
        assert rows_in_view(table) >= 5
