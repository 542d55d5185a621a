"""The trip panel's "Dwell at stops" table, edited as a person does: double-click a cell, type, Enter."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit


def edit_dwell(qtbot, window, text: str, row: int = 0):
    """Open the table, double-click the row's dwell, type `text` over it and press Enter; the editor used."""
    panel = window.trip_panel
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    section = panel.sections["stops"]
    if not section.is_open:
        qtbot.mouseClick(section.header, Qt.MouseButton.LeftButton)
    stops = panel.dwells.stops
    panel.scroll_area.ensureWidgetVisible(stops)
    item = stops.topLevelItem(row)
    cell = stops.visualRect(stops.indexFromItem(item, 1)).center()
    qtbot.mouseClick(stops.viewport(), Qt.MouseButton.LeftButton, pos=cell)  # a double-click's first click
    qtbot.mouseDClick(stops.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    return editor


@pytest.mark.parametrize("text", ["-5", "abc", "1e309", "nan", "", "9" * 40, "x" * 10_000])
def test_a_typed_dwell_that_is_no_dwell_is_refused_with_a_sentence(qtbot, window, text):
    before = window.holder.document
    station = window.trip_panel.dwells.stops.topLevelItem(0).text(0)
    edit_dwell(qtbot, window, text)
    message = window.trip_panel.dwells.message
    qtbot.waitUntil(lambda: message.isVisible() and station in message.text())
    assert message.text().endswith(".") and "dwell" in message.text()
    assert window.holder.document is before  # nothing applied
    assert not window.errors
    # The table shows the document's dwell again, and the next edit works.
    qtbot.waitUntil(lambda: window.trip_panel.dwells.stops.topLevelItem(0).text(1) not in ("", text))
    edit_dwell(qtbot, window, "45")
    qtbot.waitUntil(lambda: window.holder.document.scenario.dwell_overrides_s.get(station) == 2700)
    assert not message.isVisible()


def test_a_typed_dwell_is_applied_and_undone(qtbot, window):
    station = window.trip_panel.dwells.stops.topLevelItem(0).text(0)
    edit_dwell(qtbot, window, "12.5")
    qtbot.waitUntil(lambda: window.holder.document.scenario.dwell_overrides_s.get(station) == 750)
    window.undo_stack.undo()
    assert station not in window.holder.document.scenario.dwell_overrides_s
