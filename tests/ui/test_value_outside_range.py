"""A car's own value outside its type's range: the type's range stays (the other cars of the type draw from
it), and the undo label says so, as the README says."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from traintool.model import edits


def test_a_cars_top_speed_past_its_types_range_is_said_in_the_undo_label(qtbot, window, ui):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    car = 10
    type_id = window.holder.document.consist.cars[car].type_id
    assert window.holder.edit(edits.set_range, window.holder.route, ("car_type", type_id), "max_speed_m_s",
                              45 / 3.6, 60 / 3.6, "a test's figures") is None
    ranges = window.holder.document.type_by_id()[type_id].ranges
    ui.click_car(qtbot, window.layout_view, car)
    spin = window.inspector.max_speed
    qtbot.mouseClick(spin.lineEdit(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin.lineEdit(), "80")
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)
    assert window.holder.document.consist.cars[car].max_speed_m_s == 80 / 3.6
    assert "outside the range of" in window.undo_stack.undoText() and "stays" in window.undo_stack.undoText()
    assert window.holder.document.type_by_id()[type_id].ranges == ranges  # not widened
    # Inside the range, nothing to say.
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin.lineEdit(), "50")
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)
    assert "outside" not in window.undo_stack.undoText()
