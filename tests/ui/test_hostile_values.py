"""Every editable number field of the window gets every hostile value, typed as keys into the focused field.

For each value: no crash dialog; either the value is refused, with a sentence in the field's own message
area and the document unchanged, or it is applied as typed (never silently clamped or changed).
Typed dwells, route cells and pasted rows have their own tests (test_dwell_table, test_route_editor,
test_data_menu)."""
import math

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLabel

K, M = Qt.Key, Qt.KeyboardModifier
HOSTILE = ["-5", "abc", "0", "1e309", "nan", "", "9" * 10_000]


def activate(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def inspector_field(field):
    def get(qtbot, window):
        if window.holder.selection != [10]:
            window.holder.set_selection([10])
        return window.inspector.widgets[field], window.inspector.errors[field]
    return get


def cap(qtbot, window):
    panel = window.trip_panel
    if not panel.knobs.cap_enabled.isChecked():
        qtbot.mouseClick(panel.knobs.cap_enabled, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.knobs.cap_spin.isEnabled)
    return panel.knobs.cap_spin, panel.answer.baseline_label


def facility_field(name):
    def get(qtbot, window):
        panel = window.trip_panel
        if not panel.sections["facilities"].is_open:
            qtbot.mouseClick(panel.sections["facilities"].header, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.findChild(QLabel, "facility-message:Khasan") is not None)
        spin = next(w for w in panel.facility_box.findChildren(QAbstractSpinBox)
                    if w.objectName() == f"facility:Khasan:{name}")
        qtbot.waitUntil(lambda: spin.isVisible() and spin.lineEdit().height() > 10)
        panel.scroll_area.ensureWidgetVisible(spin)
        return spin, panel.findChild(QLabel, "facility-message:Khasan")
    return get


def range_end(end):
    def get(qtbot, window):
        button = window.inspector.ranges["mass_kg"]
        if button.editor is None or not button.editor.isVisible():
            window.holder.set_selection([10])
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: button.editor is not None and button.editor.isVisible())
            button.editor.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is button.editor)
        return getattr(button.editor, end), button.editor.error
    return get


FIELDS = {"inspector length": inspector_field("length_m"), "inspector mass": inspector_field("mass_kg"),
          "inspector axles": inspector_field("axles"), "inspector max speed": inspector_field("max_speed_m_s"),
          "cap": cap, "facility tracks": facility_field("tracks"), "facility bogie swap": facility_field("bogie_swap_s"),
          "range low": range_end("low"), "range high": range_end("high")}


def past_bounds(spin) -> list[str]:
    decimals = spin.decimals() if hasattr(spin, "decimals") else 0
    step = 10.0 ** -decimals
    return [f"{spin.maximum() + 1:.{decimals}f}", f"{spin.maximum() + step:.{decimals}f}",
            f"{spin.minimum() - 1:.{decimals}f}"]


def type_value(qtbot, spin, text: str) -> None:
    qtbot.mouseClick(spin.lineEdit(), Qt.MouseButton.LeftButton)
    assert spin.hasFocus()
    qtbot.keyClick(spin.lineEdit(), K.Key_A, M.ControlModifier)
    qtbot.keyClick(spin.lineEdit(), K.Key_Backspace)
    if len(text) > 100:  # typed key by key, each key re-reads the whole text: pasted (Ctrl+V) instead
        QApplication.clipboard().setText(text)
        qtbot.keyClick(spin.lineEdit(), K.Key_V, M.ControlModifier)
    else:
        QTest.keyClicks(spin.lineEdit(), text)
    qtbot.keyClick(spin.lineEdit(), K.Key_Return)


@pytest.mark.parametrize("where", FIELDS)
def test_every_hostile_value_is_refused_in_a_sentence_or_applied_as_typed(qtbot, window, where):
    activate(qtbot, window)
    spin, message = FIELDS[where](qtbot, window)
    values = HOSTILE + past_bounds(spin)
    for text in values:
        spin, message = FIELDS[where](qtbot, window)
        before = window.holder.document
        type_value(qtbot, spin, text)
        assert not window.errors, (where, text[:20], window.errors)
        if window.holder.document is before:
            said = message.text()
            assert said.startswith("Not applied") and message.isVisibleTo(message.window()), (where, text[:20], said)
            assert len(said) < 400  # a sentence, not the 10,000 characters typed
        else:
            typed = float(text)
            assert math.isfinite(typed) and spin.minimum() <= typed <= spin.maximum(), (where, text[:20])
            assert spin.value() == pytest.approx(typed), (where, text, spin.value())  # not clamped


@pytest.mark.parametrize("column, value, rule", [
    (2, "-5", "Length must be more than 0 m"), (2, "nan", "length (m)"), (2, "1e309", "length (m)"),
    (3, "0", "Mass must be more than 0 t"), (4, "1", "Axles must be at least 2"), (5, "-3", "Max speed must be at least"),
])
def test_a_pasted_row_past_a_limit_names_the_limit_in_the_users_units(qtbot, window, ui, column, value, rule):
    activate(qtbot, window)
    cells = ["kp-armored-security", "Pasted", "", "", "", ""]
    cells[column] = value
    QApplication.clipboard().setText("\t".join(cells) + "\r\n")
    ui.click_car(qtbot, window.layout_view, 3)
    before = window.holder.document
    qtbot.keyClick(window.layout_view, K.Key_V, M.ControlModifier)
    assert window.holder.document is before
    assert len(window.errors) == 1 and rule in window.errors[0], window.errors
    if math.isfinite(float(value)):  # past a limit: the limit, then what was typed
        assert f"not '{value}'" in window.errors[0]
    else:  # no number at all: the column and the value named
        assert f"'{value}' is not a finite number" in window.errors[0]
    assert "Input should" not in window.errors[0]
