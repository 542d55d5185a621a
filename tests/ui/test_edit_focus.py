"""The focus stays where the user is editing; an edit in progress is committed before a window action runs;
Ctrl+Z right after committing a value undoes that value."""
import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from traintool.io import save_document

K, M = Qt.Key, Qt.KeyboardModifier


def activate(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def retype(qtbot, widget, text: str) -> None:
    """Select what the focused field holds and type `text` over it, as keys."""
    qtbot.keyClick(widget, K.Key_A, M.ControlModifier)
    qtbot.keyClicks(widget, text)


def test_enter_in_the_refit_form_keeps_the_focus_in_its_field(qtbot, window):
    activate(qtbot, window)
    panel = window.trip_panel
    qtbot.mouseClick(panel.sections["facilities"].header, Qt.MouseButton.LeftButton)
    spin = panel.findChild(type(panel.knobs.cap_spin), "facility:Khasan:bogie_swap_s")
    name = spin.objectName()
    qtbot.waitUntil(lambda: spin.isVisible() and spin.lineEdit().height() > 10)  # laid out
    panel.scroll_area.ensureWidgetVisible(spin)
    qtbot.mouseClick(spin.lineEdit(), Qt.MouseButton.LeftButton)
    assert spin.hasFocus()
    retype(qtbot, spin.lineEdit(), "20")
    qtbot.keyClick(spin.lineEdit(), K.Key_Return)
    overrides = lambda: window.holder.document.scenario.facility_overrides  # noqa: E731
    qtbot.waitUntil(lambda: "Khasan" in overrides() and overrides()["Khasan"].bogie_swap_s == 1200)
    # The form is rebuilt for the new figures once the trip is computed again: the focus follows its field.
    qtbot.waitUntil(lambda: panel.findChild(type(spin), name) is not spin)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.findChild(type(spin), name))
    selection = list(window.holder.selection)
    qtbot.keyClick(QApplication.focusWidget(), K.Key_A, M.ControlModifier)  # selects the field's text, not every car
    assert window.holder.selection == selection


def test_ctrl_d_while_typing_a_name_keeps_the_typed_text(qtbot, window, ui):
    activate(qtbot, window)
    ui.click_car(qtbot, window.layout_view, 4)
    n = len(window.holder.document.consist.cars)
    name = window.inspector.name
    qtbot.mouseClick(name, Qt.MouseButton.LeftButton)
    retype(qtbot, name, "Radio car")
    qtbot.keyClick(name, K.Key_D, M.ControlModifier)
    assert len(window.holder.document.consist.cars) == n
    assert name.text() == "Radio car"


def test_save_while_typing_a_name_saves_the_typed_name(qtbot, open_window, small_document, tmp_path, ui):
    path = tmp_path / "train.consist.json"
    save_document(small_document, path)
    from traintool.io import load_document

    window = open_window(load_document(path))
    window.holder.mark_saved(path)
    activate(qtbot, window)
    ui.click_car(qtbot, window.layout_view, 1)
    name = window.inspector.name
    qtbot.mouseClick(name, Qt.MouseButton.LeftButton)
    retype(qtbot, name, "Radio car")
    qtbot.keyClick(name, K.Key_S, M.ControlModifier)  # no Enter: the edit is still in the field
    saved = json.loads(path.read_text())
    assert saved["consist"]["cars"][1]["name"] == "Radio car"


def test_ctrl_z_right_after_committing_a_spin_box_undoes_its_value(qtbot, window, ui):
    activate(qtbot, window)
    ui.click_car(qtbot, window.layout_view, 3)
    axles = window.inspector.axles
    shown, before = axles.value(), window.holder.document
    qtbot.mouseClick(axles.lineEdit(), Qt.MouseButton.LeftButton)
    retype(qtbot, axles.lineEdit(), str(shown + 2))
    qtbot.keyClick(axles.lineEdit(), K.Key_Return)
    assert window.holder.document.consist.cars[3].axles == shown + 2
    assert axles.hasFocus()
    qtbot.keyClick(axles.lineEdit(), K.Key_Z, M.ControlModifier)
    assert window.holder.document is before  # the document's undo, at once
    assert axles.value() == shown
    # While a value is being typed, Ctrl+Z is the field's own: it undoes the typing, not the document.
    qtbot.keyClicks(axles.lineEdit(), "9")
    qtbot.keyClick(axles.lineEdit(), K.Key_Z, M.ControlModifier)
    assert window.holder.document is before and window.undo_stack.canRedo()
