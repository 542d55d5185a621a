"""The route editor's time zone column, edited as a person does: double-click, type, Enter."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from traintool.io import default_document, load_document, resolve_route, save_document
from traintool.model import edits
from traintool.ui.trip.route_editor import ZONE


def _editor(qtbot, window):
    plots = window.plots
    window.activateWindow()
    plots.tabs.setCurrentWidget(plots.route_editor_tab)
    qtbot.waitUntil(lambda: plots.route_editor_tab.is_built)
    editor = plots.route_editor
    qtbot.waitUntil(editor.stations.isVisible)
    return editor


def _type_zone(qtbot, editor, row: int, text: str) -> None:
    table = editor.stations
    editor.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor.window())
    table.scrollToItem(table.item(row, ZONE))
    cell = table.visualItemRect(table.item(row, ZONE)).center()
    if table.currentItem() is not table.item(row, ZONE):  # a click on the current cell would start editing
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)  # a double-click's first click
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    line = QApplication.focusWidget()
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(line, Qt.Key.Key_Backspace)
    if text:
        qtbot.keyClicks(line, text)
    popup = line.completer().popup()
    if popup.isVisible():  # the names it offers: Escape closes the list and keeps what was typed
        qtbot.keyClick(popup, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not popup.isVisible())
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not line)


def _row(editor, name: str) -> int:
    return next(i for i in range(editor.stations.rowCount()) if editor.stations.item(i, 0).text() == name)


def test_each_station_shows_its_zone_and_a_typed_zone_is_applied_saved_and_undone(qtbot, window, tmp_path):
    editor = _editor(qtbot, window)
    route = window.holder.route
    assert [editor.stations.item(i, ZONE).text() for i in range(len(route.stations))] == \
        [s.time_zone or "" for s in route.stations]
    khasan = _row(editor, "Khasan")
    assert editor.stations.item(khasan, ZONE).text() == "Asia/Vladivostok"
    _type_zone(qtbot, editor, khasan, "Asia/Seoul")
    qtbot.waitUntil(lambda: window.holder.route.stations[khasan].time_zone == "Asia/Seoul")
    assert window.holder.document.route is not None  # the route is the document's own now: saved with it
    assert editor.stations.item(khasan, ZONE).text() == "Asia/Seoul" and editor.error.text() == ""
    assert window.undo_stack.undoText() == "Set the time zone of Khasan to Asia/Seoul"
    save_document(window.holder.document, tmp_path / "d.traintool.json")
    again = load_document(tmp_path / "d.traintool.json")
    assert resolve_route(again).stations[khasan].time_zone == "Asia/Seoul"
    window.undo_stack.undo()
    assert window.holder.route.stations[khasan].time_zone == "Asia/Vladivostok"
    qtbot.waitUntil(lambda: editor.stations.item(khasan, ZONE).text() == "Asia/Vladivostok")


@pytest.mark.parametrize("text", ["Mars/Olympus_Mons", "asia/seoul!", "../../etc/passwd", "posix/Asia/Seoul",
                                  "localtime", "Europe/" + "x" * 60])
def test_an_unknown_zone_is_refused_with_a_sentence(qtbot, window, text):
    editor = _editor(qtbot, window)
    before = window.holder.document
    khasan = _row(editor, "Khasan")
    _type_zone(qtbot, editor, khasan, text)
    qtbot.waitUntil(lambda: "is not an IANA time zone" in editor.error.text())
    assert "Khasan keeps Asia/Vladivostok" in editor.error.text()
    assert window.holder.document is before and not window.errors
    assert editor.stations.item(khasan, ZONE).text() == "Asia/Vladivostok"  # shown as it is again


def test_a_route_without_zones_is_told_in_the_departures_zone_and_the_editor_says_so(qtbot, open_window):
    doc = default_document()
    route = resolve_route(doc)
    bare = route.model_copy(update={"stations": tuple(s.model_copy(update={"time_zone": None})
                                                      for s in route.stations)})
    w = open_window(edits.use_route(doc, bare).document)
    editor = _editor(qtbot, w)
    assert all(editor.stations.item(i, ZONE).text() == "" for i in range(editor.stations.rowCount()))
    zone = doc.scenario.departure.time_zone or "UTC"
    said = f"The route gives no time zones: every time is told in {zone}, the departure's zone."
    assert editor.zone_note == said and said.replace("'", "&#x27;") in editor.title.text().replace("&#39;", "&#x27;")
    assert f"told in {zone}" in editor.stations.item(1, ZONE).toolTip()
    # The timetable says the same, and every stop's times are in that zone.
    w.plots.tabs.setCurrentWidget(w.plots.timetable_tab)
    qtbot.waitUntil(lambda: w.plots.timetable_tab.is_built)
    view = w.plots.timetable_tab.content()
    qtbot.waitUntil(view.note.isVisible)
    assert view.note.text() == said
    # Giving the first station a zone leaves a note only for those after it that have none.
    _type_zone(qtbot, editor, 0, "Asia/Pyongyang")
    qtbot.waitUntil(lambda: w.holder.route.stations[0].time_zone == "Asia/Pyongyang")
    qtbot.waitUntil(lambda: "have no time zone" in editor.zone_note and "have no time zone" in editor.title.text())
    _type_zone(qtbot, editor, 0, "")  # blank: no zone of its own again
    qtbot.waitUntil(lambda: w.holder.route.stations[0].time_zone is None)
    assert w.undo_stack.undoText() == "Clear the time zone of Pyongyang"
