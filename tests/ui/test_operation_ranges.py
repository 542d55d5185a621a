"""The operations' and the railways' ranges, edited in the window like any other estimate: a
double-click on the Range cell opens the range editor, the ends are typed, Return applies them as one
undoable step, saved with the document and drawn by the trip's range."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from traintool.io import load_document, resolve_route, save_document
from traintool.model import OperationKind, edits
from traintool.physics.ranges import uncertain_inputs
from traintool.ui.trip.operations_view import RANGE, VALUE


def _opened(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    section = window.trip_panel.sections["operations"]
    if not section.content.isVisible():
        qtbot.mouseClick(section.header, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(section.content.isVisible)
    return window.trip_panel.operations


def _row(tree, group, name):
    """The row `name` under the railway's or the stop's row `group`."""
    top = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount()) if tree.topLevelItem(i).text(0) == group)
    return next(top.child(k) for k in range(top.childCount()) if top.child(k).text(0) == name)


def _open_range(qtbot, window, tree, item):
    """Double-click the row's Range cell, as a person does; the range editor it opens."""
    window.trip_panel.scroll_area.ensureWidgetVisible(tree)
    tree.scrollToItem(item)
    cell = tree.visualItemRect(item)
    cell.setLeft(tree.header().sectionPosition(RANGE))
    cell.setWidth(tree.header().sectionSize(RANGE))
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
    view = window.trip_panel.operations
    qtbot.waitUntil(lambda: view.range_editor is not None and view.range_editor.isVisible())
    return view.range_editor


def _type_range(qtbot, dialog, low: str, high: str, source: str) -> None:
    """Low, Tab, high, Tab, source, Return: the keys a person presses."""
    dialog.low.setFocus()
    qtbot.waitUntil(dialog.low.hasFocus)
    for box, text in ((dialog.low, low), (dialog.high, high)):
        line = box.lineEdit()
        qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(line, text)
        qtbot.keyClick(line, Qt.Key.Key_Tab)
    qtbot.waitUntil(dialog.source.hasFocus)
    qtbot.keyClicks(dialog.source, source)
    qtbot.keyClick(dialog.source, Qt.Key.Key_Return)


def test_an_operations_range_is_typed_undone_saved_and_drawn(qtbot, window, tmp_path):
    view = _opened(qtbot, window)
    item = _row(view.stands, "Tumangang", "Exit control")
    assert item.text(RANGE) == "5–45"
    dialog = _open_range(qtbot, window, view.stands, item)
    assert "Exit control at Tumangang" in dialog.heading.text()
    _type_range(qtbot, dialog, "10", "120", "a traveller's account")
    qtbot.waitUntil(lambda: not dialog.isVisible())
    doc = window.holder.document
    op = edits.operation_at(window.holder.route, "Tumangang", OperationKind.BORDER_EXIT, doc.scenario.service)
    r = op.ranges["duration_s"]
    assert (r.low, r.high, r.source) == (600, 7200, "a traveller's account")
    assert window.undo_stack.undoText() == "Set the duration range of the exit control at Tumangang to 10–120 min"
    qtbot.waitUntil(lambda: _row(view.stands, "Tumangang", "Exit control").text(RANGE) == "10–120")
    # The trip's range draws it over the new ends.
    drawn = next(i for i in uncertain_inputs(doc, resolve_route(doc))
                 if i.key == "operation:Tumangang/border_exit:duration_s")
    assert (drawn.low, drawn.high, drawn.stated) == (600, 7200, True)
    # Saved with the document.
    again = load_document(save_document(doc, tmp_path / "ops.traintool.json"))
    assert again == doc
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: _row(view.stands, "Tumangang", "Exit control").text(RANGE) == "5–45")
    assert window.holder.document.route is None


def test_a_railways_limit_factor_range_is_typed_and_undone(qtbot, window):
    view = _opened(qtbot, window)
    item = _row(view.railways, "Russian Railways", "Limit factor (× line limit)")
    before = item.text(RANGE)
    dialog = _open_range(qtbot, window, view.railways, item)
    _type_range(qtbot, dialog, "0.6", "1", "how late the Rossiya ran in 2019")
    qtbot.waitUntil(lambda: not dialog.isVisible())
    doc = window.holder.document
    r = doc.scenario.railway_overrides["rzd"].ranges["limit_factor"]
    assert (r.low, r.high) == (pytest.approx(0.6), pytest.approx(1.0))
    drawn = next(i for i in uncertain_inputs(doc, resolve_route(doc)) if i.key == "railway:rzd:limit_factor")
    assert (drawn.low, drawn.high) == (pytest.approx(0.6), pytest.approx(1.0))
    qtbot.waitUntil(lambda: _row(view.railways, "Russian Railways", "Limit factor (× line limit)").text(RANGE) == "0.6–1")
    window.undo_stack.undo()
    assert not window.holder.document.scenario.railway_overrides
    qtbot.waitUntil(lambda: _row(view.railways, "Russian Railways", "Limit factor (× line limit)").text(RANGE) == before)


def test_a_range_that_does_not_hold_the_value_is_refused_with_a_sentence(qtbot, window):
    view = _opened(qtbot, window)
    before = window.holder.document
    dialog = _open_range(qtbot, window, view.stands, _row(view.stands, "Khasan", "Entry control"))
    _type_range(qtbot, dialog, "20", "40", "")  # the entry control takes 15 min
    qtbot.waitUntil(dialog.error.isVisible)
    assert "does not hold the duration itself, 15 min" in dialog.error.text()
    assert dialog.isVisible() and window.holder.document is before and not window.errors


def test_a_duration_you_set_says_its_range_is_not_drawn(qtbot, window):
    view = _opened(qtbot, window)
    spin = view.stands.itemWidget(_row(view.stands, "Khasan", "Entry control"), VALUE)
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin.lineEdit(), "75")
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _row(view.stands, "Khasan", "Entry control").text(RANGE) == "as set", timeout=20000)
    assert view.edit_range(_row(view.stands, "Khasan", "Entry control")) is None
