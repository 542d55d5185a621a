"""A shortcut that changes the train acts only when the train has focus (the layout or its overview strip):
in a table, a field or a plot the key belongs to that widget, or does nothing. Every action with a shortcut
is driven in every focus context, as key presses into the focused widget."""
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

K, M = Qt.Key, Qt.KeyboardModifier
# The keys of the actions that change or select the train's cars.
TRAIN_KEYS = {"Delete": (K.Key_Delete, M.NoModifier), "Duplicate": (K.Key_D, M.ControlModifier),
              "Cut": (K.Key_X, M.ControlModifier), "Paste": (K.Key_V, M.ControlModifier),
              "Select All": (K.Key_A, M.ControlModifier), "Move Left": (K.Key_Left, M.AltModifier),
              "Move Right": (K.Key_Right, M.AltModifier)}
SELECTED = [2, 3, 4, 5, 6, 7]


def activate(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def click(qtbot, widget, pos: QPoint | None = None):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos if pos is not None else widget.rect().center())


def route_editor(qtbot, window):
    plots = window.ensure_plots()
    window.plots_dock.show()
    bar = plots.tabs.tabBar()
    click(qtbot, bar, bar.tabRect(plots.tabs.indexOf(plots.route_editor_tab)).center())
    qtbot.waitUntil(lambda: plots.route_editor_tab.is_built)
    return plots.route_editor_tab.content()


def focus_station_row(qtbot, window):
    table = route_editor(qtbot, window).stations
    click(qtbot, table.viewport(), table.visualItemRect(table.item(0, 0)).center())
    return table


def focus_section_row(qtbot, window):
    table = route_editor(qtbot, window).sections
    click(qtbot, table.viewport(), table.visualItemRect(table.item(0, 0)).center())
    return table


def focus_dwell_table(qtbot, window):
    panel = window.trip_panel
    click(qtbot, panel.sections["stops"].header)
    panel.scroll_area.ensureWidgetVisible(panel.dwells.stops)
    click(qtbot, panel.dwells.stops.viewport(), panel.dwells.stops.visualItemRect(panel.dwells.stops.topLevelItem(0)).center())
    return panel.dwells.stops


def focus_name_field(qtbot, window):
    click(qtbot, window.inspector.name)
    return window.inspector.name


def focus_axles(qtbot, window):
    click(qtbot, window.inspector.axles.lineEdit())
    return window.inspector.axles


def focus_catalogue_filter(qtbot, window):
    click(qtbot, window.catalogue.filter)
    return window.catalogue.filter


def focus_plot(qtbot, window):
    plots = window.ensure_plots()
    click(qtbot, plots.speed_plot)
    return plots.speed_plot


ELSEWHERE = {"station row": focus_station_row, "section row": focus_section_row, "dwell table": focus_dwell_table,
             "inspector name": focus_name_field, "inspector axles": focus_axles,
             "catalogue filter": focus_catalogue_filter, "plot": focus_plot}


@pytest.mark.parametrize("context", ELSEWHERE)
def test_train_shortcuts_do_not_touch_the_cars_from_another_widget(qtbot, window, context):
    activate(qtbot, window)
    window.holder.set_selection(SELECTED)
    window.layout_view.setFocus()
    qtbot.keyClick(window.layout_view, K.Key_C, M.ControlModifier)  # cars on the clipboard: Paste has something
    widget = ELSEWHERE[context](qtbot, window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    focused = QApplication.focusWidget()
    assert focused is widget or widget.isAncestorOf(focused), (context, focused)
    before = window.holder.document
    for name, (key, mods) in TRAIN_KEYS.items():
        qtbot.keyClick(QApplication.focusWidget(), key, mods)
        untouched = window.holder.document.consist is before.consist
        assert untouched, f"{name} in the {context} changed the train"
        same_selection = window.holder.selection == SELECTED
        assert same_selection, f"{name} in the {context} changed the selection"


def test_the_same_keys_act_on_the_train_when_it_has_focus(qtbot, window, ui):
    activate(qtbot, window)
    n = len(window.holder.document.consist.cars)
    ui.click_car(qtbot, window.layout_view, 2)
    assert QApplication.focusWidget() is window.layout_view
    qtbot.keyClick(window.layout_view, K.Key_D, M.ControlModifier)
    assert len(window.holder.document.consist.cars) == n + 1
    qtbot.keyClick(window.layout_view, K.Key_Delete)
    assert len(window.holder.document.consist.cars) == n
    qtbot.keyClick(window.layout_view, K.Key_A, M.ControlModifier)
    assert window.holder.selection == list(range(n))


def test_every_shortcut_is_either_the_trains_or_the_windows(window):
    """A new action with a shortcut must be placed: on the train (acts only with its focus) or window-wide."""
    train = {window.commands.cut, window.commands.copy, window.commands.paste, window.commands.duplicate, window.commands.delete,
             window.commands.select_all, window.commands.left, window.commands.right, window.commands.reverse}
    for action in window.findChildren(type(window.commands.new)):
        if not action.shortcuts():
            continue
        if action in train:
            assert action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut, action.text()
            assert window.train_area in action.associatedObjects(), action.text()
        else:
            assert action.shortcutContext() in (Qt.ShortcutContext.WindowShortcut,
                                                 Qt.ShortcutContext.WidgetWithChildrenShortcut), action.text()
